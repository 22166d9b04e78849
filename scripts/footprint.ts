// npm run footprint: the server's memory as users run it (`npm start`: node dist/main.js, no tsx), in
// both database modes. For each: a first start on an empty database, then a restart (the
// steady state) measured idle and after a mixed load (2 s after it, and 15 s after, once V8
// has shrunk the young generation the load grew); RSS from /proc, start-up to healthy.
// Prints a table; never fails on the figures (the machine is noisy).
//   FOOTPRINT_DATABASE_URL  PostgreSQL server for the PostgreSQL mode (default postgresql://postgres@127.0.0.1:5432/test)
//   FOOTPRINT_SECONDS       load duration (default 60)    FOOTPRINT_CONNECTIONS (default 6)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const baseUrl = process.env.FOOTPRINT_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.FOOTPRINT_SECONDS ?? 60);
const connections = Number(process.env.FOOTPRINT_CONNECTIONS ?? 6);
const token = `pd_footprint_${randomBytes(16).toString('hex')}`;


/** `npm start` as package.json spells it (node, its flags, dist/main.js), run directly. */
const startScript: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
const startArgs = startScript.split(/\s+/).slice(1);
if (!startScript.startsWith('node ')) throw new Error(`npm start is not a node command: ${startScript}`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident and peak resident memory of a process, in MB (Linux). */
function rss(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

interface Server {
  child: ChildProcess;
  base: string;
  startupMs: number;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, startArgs, {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BOOTSTRAP_TOKEN: token,
      SUPPORTBEE_CREATE_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(25);
  }
  const startupMs = performance.now() - started;
  return {
    child,
    base,
    startupMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const newTicket = (n: number) => JSON.stringify({ ticket: { subject: `Footprint ${n}`, requester_email: `c${n % 50}@footprint.test`, content: { text: `Ticket ${n} body` } } });

async function seed(base: string, count: number): Promise<number> {
  let id = 0;
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}/supportbee/tickets`, { method: 'POST', headers, body: newTicket(i) });
    if (res.status !== 201) throw new Error(`seeding: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { ticket?: { id: number }; id?: number };
    id = body.ticket?.id ?? body.id ?? id;
  }
  return id;
}

/** The benchmark's scenarios at once: get a ticket, list tickets (20 per page), create tickets. */
async function mixedLoad(base: string, ticketId: number): Promise<number> {
  const run = (opts: Omit<autocannon.Options, 'url'>) => autocannon({ url: base, duration: seconds, connections: Math.max(1, Math.round(connections / 3)), headers, ...opts });
  const results = await Promise.all([
    run({ requests: [{ method: 'GET', path: `/supportbee/tickets/${ticketId}` }] }),
    run({ requests: [{ method: 'GET', path: '/supportbee/tickets?per_page=20' }] }),
    run({ requests: [{ method: 'POST', path: '/supportbee/tickets', body: newTicket(1000) }] }),
  ]);
  const bad = results.reduce((n, r) => n + r.errors + r.non2xx, 0);
  if (bad) console.error(`  (load: ${bad} errors or non-2xx responses)`);
  return results.reduce((n, r) => n + r.requests.total, 0);
}

interface Row {
  mode: string;
  firstStartMs: number;
  firstIdle: number;
  restartMs: number;
  idle: number;
  loaded: number;
  /** 15 s after the load: once V8 has given back the young generation the load grew. */
  settled: number;
  peak: number;
  requests: number;
}

async function measure(mode: string, env: Record<string, string>): Promise<Row> {
  const first = await startServer(env);
  await sleep(3000);
  const firstIdle = rss(first.child.pid!).rss;
  await first.stop();
  const server = await startServer(env);
  const ticketId = await seed(server.base, 50);
  await sleep(3000);
  const idle = rss(server.child.pid!).rss;
  const requests = await mixedLoad(server.base, ticketId);
  await sleep(2000);
  const after = rss(server.child.pid!);
  await sleep(13000);
  const settled = rss(server.child.pid!);
  await server.stop();
  return { mode, firstStartMs: first.startupMs, firstIdle, restartMs: server.startupMs, idle, loaded: after.rss, settled: settled.rss, peak: settled.peak, requests };
}

if (!existsSync(path.join(root, 'dist/main.js'))) {
  console.log('dist/ is missing: npm run build');
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const rows: Row[] = [];
const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-footprint-'));
try {
  rows.push(await measure('embedded PGlite (default)', { DATA_DIR: dir, DATABASE_URL: '' }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
const dbName = `polydesk_footprint_${randomBytes(4).toString('hex')}`;
const server = new pg.Client({ connectionString: baseUrl });
try {
  await server.connect();
  await server.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const attachments = await mkdtemp(path.join(os.tmpdir(), 'polydesk-footprint-'));
  try {
    rows.push(await measure('PostgreSQL', { DATA_DIR: attachments, DATABASE_URL: url.toString() }));
  } finally {
    await rm(attachments, { recursive: true, force: true });
    await server.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
} catch (err) {
  console.log(`PostgreSQL mode skipped: ${(err as Error).message}`);
} finally {
  await server.end().catch(() => {});
}

console.log(`\nfootprint of \`${startScript}\` (node ${process.version}, ${os.cpus().length} cores, load ${seconds} s, ${connections} connections; RSS in MB)`);
console.log('mode                        first start  RSS idle | restart  RSS idle  after load (2 s / 15 s)  peak  requests');
for (const r of rows) {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `${r.mode.padEnd(28)}${s(r.firstStartMs).padStart(11)}${String(r.firstIdle).padStart(10)} |${s(r.restartMs).padStart(8)}${String(r.idle).padStart(10)}${String(r.loaded).padStart(16)} / ${String(r.settled).padEnd(6)}${String(r.peak).padStart(6)}${String(r.requests).padStart(10)}`,
  );
}

