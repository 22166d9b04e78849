// PostgreSQL refusing connections (a TCP proxy the test stops): every dialect answers 503
// with Retry-After in its own envelope, the log gets one short line per request, /readyz
// is 503, and service resumes when the database is back. Start-up against an unreachable
// database retries, then exits with one line naming DATABASE_URL's host and port.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { freePort, tcpProxy, type TcpProxy } from '../helpers/services.js';
import { dialectProbes, expectUnavailableEverywhere } from './probes.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '../..');

describe.skipIf(!pgUrl)('database outage (PostgreSQL; skipped without TEST_DATABASE_URL)', () => {
  let t: TestApp;
  let ws: WorkspaceFixture;
  let proxy: TcpProxy;
  let proxied: Database;
  let app: FastifyInstance;
  const log: string[] = [];

  beforeAll(async () => {
    t = await startApp();
    ws = await t.workspace('dbdown');
    if (t.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const direct = new URL(t.target.url);
    proxy = await tcpProxy(direct.hostname, Number(direct.port || 5432));
    direct.host = `127.0.0.1:${proxy.port}`;
    proxied = await openDatabase({ kind: 'postgres', url: direct.toString(), poolSize: 2 }, { migrate: false });
    app = await buildApp(t.config, proxied.prisma, { logger: { level: 'info', stream: { write: (line: string) => void log.push(line) } } });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.start().catch(() => {});
    await proxied?.close();
    await t?.close();
  });

  it('answers 503 + Retry-After in every dialect, logs one line each, and recovers', async () => {
    // Each probe reaches a real route (a list, or a ticket that does not exist), not the not-found handler.
    for (const p of dialectProbes(ws.agent.token)) {
      const res = await app.inject({ url: p.url, headers: p.headers });
      expect([200, 404]).toContain(res.statusCode);
      expect(res.body).not.toMatch(/route/i);
    }
    expect((await app.inject('/readyz')).statusCode).toBe(200);

    await proxy.stop();
    log.length = 0;
    await expectUnavailableEverywhere(app, ws.agent.token);
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });

    const failures = log.map((l) => JSON.parse(l)).filter((l) => l.level >= 40);
    expect(failures).toHaveLength(5);
    for (const f of failures) {
      expect(f).toMatchObject({ level: 40, msg: 'request shed', status: 503 });
      expect(f.err).toBeUndefined(); // no stack, no Prisma source excerpt
      expect(JSON.stringify(f)).not.toMatch(/invocation|prisma\.|\\n/);
    }

    await proxy.start();
    const deadline = Date.now() + 15_000;
    while ((await app.inject('/readyz')).statusCode !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    for (const p of dialectProbes(ws.agent.token)) expect((await app.inject({ url: p.url, headers: p.headers })).statusCode).toBeLessThan(500);
  }, 60_000);

  it('retries an unreachable database at start-up, then exits with one line naming DATABASE_URL (no password)', async () => {
    const port = await freePort(); // nothing listens there
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `postgresql://polydesk:s3cret-pw@127.0.0.1:${port}/polydesk`, DATABASE_STARTUP_TIMEOUT_MS: '2000', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3); // retries before giving up
    for (const l of lines.slice(0, -1)) expect(l).toMatch(new RegExp(`^database not reachable at DATABASE_URL 127\\.0\\.0\\.1:${port}/polydesk; retry \\d+ in \\d+ ms$`));
    expect(lines.at(-1)).toMatch(new RegExp(`^cannot reach the database at DATABASE_URL 127\\.0\\.0\\.1:${port}/polydesk \\(tried \\d+ times over \\d+ s\\); giving up$`));
    expect(out).not.toContain('s3cret-pw');
    expect(Date.now() - started).toBeGreaterThan(1500);
  }, 60_000);
});
