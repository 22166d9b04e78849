// `npm start` runs the compiled dist/. In a checkout, compile first when dist/ is missing or
// older than any source file, so `npm ci && npm start` works and never runs stale code.
// (The image builds dist/ in its build stage and runs `node dist/main.js` directly.)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'dist', 'main.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const src = path.join(root, 'src');
// Migrations count too: the build also makes the embedded database template from them.
const migrations = path.join(root, 'prisma', 'migrations');
const sources = () => Math.max(newest(src), existsSync(migrations) ? newest(migrations) : 0);
if (existsSync(src) && (!existsSync(built) || statSync(built).mtimeMs < sources())) {
  console.error('compiling src/ to dist/ (npm run build) ...');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
