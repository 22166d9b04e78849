// Runs `prisma generate`. Where Prisma's native schema engine cannot be downloaded
// (offline machines), point the CLI at a placeholder: generation only needs the WASM
// schema tooling bundled in the CLI (see README, "Prisma offline").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
if (r.status === 0) readCompilerAsText();
process.exit(r.status ?? 1);

/**
 * The generated client imports the query compiler's WASM as a module whose one export is
 * its base64 text (2.3 MB): the module cache then keeps that text for the life of the
 * process, twice (the module's source and the string constant), 4.6 MB of heap. Read as a
 * file instead, the text is garbage once the module is compiled. Where a Prisma upgrade
 * changes the generated code, it is left as generated (and this says so).
 */
function readCompilerAsText() {
  const file = path.resolve(import.meta.dirname, '../src/generated/prisma/internal/class.ts');
  const code = readFileSync(file, 'utf8');
  const imported = /const \{ wasm \} = await import\(("[^"]+\.wasm-base64\.mjs")\)\n(\s*)return await decodeBase64AsWasm\(wasm\)/;
  const m = imported.exec(code);
  if (!m) {
    console.warn(`prisma-generate: the query compiler's import was not found in ${file}; its base64 text stays in memory`);
    return;
  }
  const [, specifier, indent] = m;
  const read = [
    `// polydesk (scripts/prisma-generate.mjs): read as text, not imported, so the module cache does not keep it.`,
    `const { readFile } = await import('node:fs/promises')`,
    `const text = await readFile(new URL(import.meta.resolve(${specifier})), 'utf8')`,
    `return await decodeBase64AsWasm(text.slice(text.indexOf('"') + 1, text.lastIndexOf('"')))`,
  ].join(`\n${indent}`);
  writeFileSync(file, code.replace(imported, read));
}
