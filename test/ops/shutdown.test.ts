// The real server process under SIGTERM: /readyz turns 503 at once while the server still
// answers, a request in flight finishes, the process exits 0 within the grace period; a
// request that outlives the grace is cut and the process exits 1 at the deadline. Uncaught
// exceptions and unhandled rejections are logged once and end the process (exit 1).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/services.js';

const root = path.resolve(import.meta.dirname, '../..');
const GRACE_MS = 5000;
const DRAIN_MS = 1500;
let dataDir = '';
const token = 'pd_shutdown_test_' + 'x'.repeat(24);

interface Server {
  child: ChildProcess;
  base: string;
  port: number;
  output: () => string;
  exit: Promise<{ code: number | null; at: number }>;
}

async function start(extraEnv: Record<string, string> = {}, preload: string[] = []): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'info',
      BOOTSTRAP_TOKEN: token,
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<{ code: number | null; at: number }>((r) => child.once('exit', (code) => r({ code, at: Date.now() })));
  const deadline = Date.now() + 150_000; // a loaded CI machine starts slowly
  while (!out.includes('polydesk ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base: `http://127.0.0.1:${port}`, port, output: () => out, exit };
}

/** POST /admin/v1/teams whose JSON body arrives over `overMs` (or never, with Infinity). */
function slowCreate(port: number, overMs: number): Promise<string> {
  const body = JSON.stringify({ name: `Late shift ${Date.now()}` });
  const socket = net.connect(port, '127.0.0.1');
  let response = '';
  socket.setEncoding('utf8');
  socket.on('data', (d) => (response += d));
  socket.on('error', () => {});
  socket.write(`POST /admin/v1/teams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  let sent = 0;
  const step = Number.isFinite(overMs) ? overMs / body.length : 0;
  const drip = setInterval(() => {
    if (!Number.isFinite(overMs)) return socket.write('');
    if (sent < body.length) socket.write(body[sent++]!);
  }, Number.isFinite(overMs) ? step : 200);
  return new Promise((resolve) =>
    socket.on('close', () => {
      clearInterval(drip);
      resolve(response);
    }),
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-shutdown-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('shutdown', () => {
  it('on SIGTERM: readiness 503 at once, in-flight request finishes, exit 0 within the grace', async () => {
    const s = await start();
    expect((await fetch(`${s.base}/readyz`)).status).toBe(200);
    const inFlight = slowCreate(s.port, 2500);
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    s.child.kill('SIGTERM');
    // As soon as the process has handled the signal (a loaded machine may take a moment to run the handler).
    while (!s.output().includes('"msg":"shutting down"')) await new Promise((r) => setTimeout(r, 10));
    const ready = await fetch(`${s.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', message: 'shutting down' });
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200); // still serving while draining
    expect(await inFlight).toMatch(/^HTTP\/1\.1 201 /);
    const { code, at } = await s.exit;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(GRACE_MS);
    expect(s.output()).toContain('"msg":"shutting down"');
  }, 240_000);

  it('cuts a request that outlives the grace and exits 1 at the deadline', async () => {
    const s = await start();
    void slowCreate(s.port, Infinity);
    await new Promise((r) => setTimeout(r, 300));
    const signalledAt = Date.now();
    s.child.kill('SIGTERM');
    const { code, at } = await s.exit;
    expect(code).toBe(1);
    expect(at - signalledAt).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(at - signalledAt).toBeLessThan(GRACE_MS + 3000);
    expect(s.output()).toContain('shutdown grace exceeded');
  }, 240_000);

  for (const kind of ['exception', 'rejection'] as const) {
    it(`logs an uncaught ${kind} once and ends the process with exit 1`, async () => {
      const s = await start({ CRASH_KIND: kind }, ['./test/ops/fixtures/crash-on-sigwinch.mjs']);
      s.child.kill('SIGWINCH');
      const { code } = await s.exit;
      expect(code).toBe(1);
      const fatal = s.output().split('\n').filter((l) => l.includes('"level":60'));
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toContain('uncaught error; shutting down');
      expect(fatal[0]).toContain(kind === 'exception' ? 'test exception nobody catches' : 'test rejection nobody handles');
    }, 240_000);
  }
});
