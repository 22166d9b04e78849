// The two servers under test, each a child process on a free loopback port.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Server {
  url: string;
  pid: number;
  /** Resident set size now and at its peak, in MB (Linux /proc). */
  rss(): { current: number; peak: number };
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0);
  return { current: Math.round(kb('VmRSS:') / 1024), peak: Math.round(kb('VmHWM:') / 1024) };
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not become ready`);
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** The node flags and entry of package.json's `start` script (`node <flags> dist/main.js`). */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...rest] = pkg.scripts.start.split(/\s+/);
  if (bin !== 'node') throw new Error(`the start script does not run node: ${pkg.scripts.start}`);
  return rest;
}

/** polydesk the way `npm start` runs it (prestart's build, then its node command), warn-level logs, default pool. */
export async function startPolydesk(env: Record<string, string>, cpuProfDir?: string): Promise<Server> {
  const built = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const port = await freePort();
  const child = spawn(process.execPath, [...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []), ...startCommand()], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BOOTSTRAP_TOKEN: 'pd_bench_' + randomBytes(16).toString('hex'),
      JWT_SECRET: randomBytes(24).toString('hex'),
      // The bench measures throughput, not the vendors' rate limits.
      SUPPORTBEE_CREATE_PER_MINUTE: '100000000',
      TASKIP_RATE_LIMIT_MAX: '100000000',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, child);
  return { url, pid: child.pid!, rss: () => rssOf(child.pid!), stop: stopper(child) };
}

export async function startCeiling(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, 'ceiling.ts'), [databaseUrl, String(port)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`ceiling exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, rss: () => rssOf(child.pid!), stop: stopper(child) };
}
