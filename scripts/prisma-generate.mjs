// Runs `prisma generate`. Where Prisma's native schema engine cannot be downloaded
// (offline machines), point the CLI at a placeholder: generation only needs the WASM
// schema tooling bundled in the CLI (see README, "Prisma offline").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  // A production install (`npm ci --omit=dev`) has no prisma CLI; the client is generated
  // where it is built (`npm run build` after a full install, or the image's build stage).
  console.log('prisma CLI not installed (production install): client generation skipped');
  process.exit(0);
}
if (!existsSync(cli)) throw new Error('prisma CLI not installed');
const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json'));
const hasEngine = readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(enginesDir, 'package.json');
}
const r = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
