// Runs `prisma generate`. Where Prisma's native schema engine cannot be downloaded
// (offline machines), point the CLI at a placeholder: generation only needs the WASM
// schema tooling bundled in the CLI (see README, "Prisma offline").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json'));
const hasEngine = readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(enginesDir, 'package.json');
}
const cli = require.resolve('prisma/build/index.js');
if (!existsSync(cli)) throw new Error('prisma CLI not installed');
const r = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
