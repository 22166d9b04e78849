// Image build step: @prisma/client ships a query compiler per database and build (about
// 70 MB); the generated client loads one. Removes the others and the source maps.
//   node scripts/prune-prisma-runtime.mjs <generated client class.js> <node_modules>
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const [classFile, nodeModules] = process.argv.slice(2);
const used = new Set(readFileSync(classFile, 'utf8').match(/query_compiler_[a-z]+_bg\.[a-z]+/g) ?? []);
if (used.size === 0) throw new Error(`${classFile} names no query compiler: nothing pruned`);
const runtime = path.join(nodeModules, '@prisma/client/runtime');
let removed = 0;
for (const file of readdirSync(runtime)) {
  const compiler = /^(query_compiler_[a-z]+_bg\.[a-z]+)\./.exec(file)?.[1];
  if ((compiler && !used.has(compiler)) || file.endsWith('.map')) {
    rmSync(path.join(runtime, file));
    removed++;
  }
}
console.log(`kept ${[...used].join(', ')}; removed ${removed} files from ${runtime}`);
