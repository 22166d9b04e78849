// The real server process: first start prints the admin token once, data survives a
// restart on PGlite, and SIGTERM/SIGINT shut down gracefully (in-flight requests finish).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir = '';
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'info', BOOTSTRAP_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 45_000);
    const check = setInterval(() => {
      if (out.includes('polydesk ready')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('server process', () => {
  it('prints the admin token once, keeps data across restarts and shuts down gracefully', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-proc-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;

    const first = await start(port);
    const token = first.output().match(/pd_[A-Za-z0-9_-]{20,}/)?.[0];
    expect(token).toBeDefined();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/admin/v1/teams`, { method: 'POST', headers, body: JSON.stringify({ name: 'Night shift' }) });
    expect(created.status).toBe(201);
    // The token is printed on stdout once and never logged.
    expect(first.output().split(token!).length - 1).toBe(1);
    // ...next to the command that recovers a lost one.
    expect(first.output()).toContain('npx polydesk token create --workspace default --admin');

    // SIGTERM once the server has received the request: it must still be answered.
    const inFlight = fetch(`${base}/admin/v1/teams`, { headers: { ...headers, 'x-request-id': 'in-flight-1' } });
    while (!first.output().includes('in-flight-1')) await new Promise((r) => setTimeout(r, 2));
    const firstExit = exited(first.child);
    first.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await firstExit).toBe(0);

    const second = await start(port);
    expect(second.output()).not.toContain('Admin API token');
    const teams = await (await fetch(`${base}/admin/v1/teams`, { headers })).json();
    expect(teams.teams.map((t: { name: string }) => t.name)).toEqual(['Night shift']);
    const secondExit = exited(second.child);
    second.child.kill('SIGINT');
    expect(await secondExit).toBe(0);
  }, 120_000);
});
