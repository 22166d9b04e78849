// Webhook delivery across real server processes: a server killed with SIGKILL in the middle
// of a delivery delivers everything after a restart, and two servers on one PostgreSQL
// deliver each event exactly once between them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Receiver, until } from './receiver.js';

const root = path.resolve(import.meta.dirname, '../..');
const token = 'pd_proc_' + randomBytes(16).toString('hex');
const children = new Set<ChildProcess>();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  for (const f of cleanups.reverse()) await f().catch(() => {});
});

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      BOOTSTRAP_TOKEN: token,
      JWT_SECRET: 'process-test-secret-0123456789',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_SCHEDULE: '0.1,0.2,0.5,1,2,5,10',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const check = setInterval(() => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('polydesk ready')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, base: m[1], output: () => out });
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

async function call(s: Server, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(s.base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

const createTicket = (s: Server, subject: string) =>
  call(s, 'POST', '/taskip/api/public-v1/support-ticket', { subject, priority: 2 }, { 'x-secret-key': token, authorization: '' });

async function subscribe(s: Server): Promise<Receiver> {
  const r = new Receiver();
  await r.start();
  cleanups.push(() => r.stop());
  const hook = await call(s, 'POST', '/admin/v1/webhooks', { url: r.url, events: ['ticket.created'] });
  expect(hook.status).toBe(201);
  r.secret = hook.body.secret;
  return r;
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

describe('a server killed mid-delivery', () => {
  it('delivers every event after a restart, none lost', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-hooks-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const first = await startServer(env);
    const receiver = await subscribe(first);
    receiver.hold = true; // the first delivery hangs: the kill lands while it is in flight
    for (let i = 0; i < 5; i++) expect((await createTicket(first, `killed ${i}`)).status).toBe(201);
    await until('a delivery in flight', () => receiver.seen.length > 0);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const inFlight = receiver.seen[0];
    expect(receiver.delivered()).toHaveLength(0);

    receiver.hold = false;
    const second = await startServer(env);
    // The killed server's claim ends with its lease (2 x timeout + 1 s); then it is sent again.
    await until('all five', () => new Set(receiver.delivered().map((r) => r.id)).size === 5, 60_000);
    const subjects = receiver.delivered().map((r) => r.body.data.ticket.subject).sort();
    expect(subjects).toEqual(['killed 0', 'killed 1', 'killed 2', 'killed 3', 'killed 4']);
    expect(receiver.delivered().map((r) => r.id)).toContain(inFlight);
    // At-least-once on the wire: an answer slower than the timeout is sent again, same id.
    expect(new Set(receiver.delivered().map((r) => r.id)).size).toBe(5);
    expect(receiver.rejected).toEqual([]);
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 240_000);
});

const pgUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!pgUrl)('two servers on one PostgreSQL (needs TEST_DATABASE_URL; skipped without it)', () => {
  it('deliver each event exactly once between them', async () => {
    const name = `polydesk_hooks_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    const u = new URL(pgUrl!);
    u.pathname = `/${name}`;
    const env = { WEBHOOK_TIMEOUT_MS: '10000', DATABASE_URL: u.toString(), DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'polydesk-hooks-pg-')) };
    // One after the other: the first applies the migrations.
    const a = await startServer(env);
    const b = await startServer(env);
    const receiver = await subscribe(a);
    const N = 60;
    // Two creates at a time, one per server, while both workers run.
    for (let i = 0; i < N; i += 2) {
      const statuses = await Promise.all([createTicket(a, `pair ${i}`), createTicket(b, `pair ${i + 1}`)].map((p) => p.then((r) => r.status)));
      expect(statuses).toEqual([201, 201]);
    }
    await until(`all ${N}`, () => receiver.delivered().length >= N, 60_000);
    await new Promise((r) => setTimeout(r, 1000)); // any duplicate would arrive meanwhile
    expect(receiver.delivered()).toHaveLength(N);
    expect(new Set(receiver.delivered().map((r) => r.id)).size).toBe(N);
    expect(new Set(receiver.seen).size).toBe(receiver.seen.length);
    expect(receiver.rejected).toEqual([]);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([exited(a.child), exited(b.child)]);
  }, 240_000);
});
