// What an operator sees in the log: health probes only at debug, and a server start without
// deprecation or other process warnings.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loggerOptions } from '../../src/http/logging.js';
import { startApp } from '../helpers/app.js';

describe('logging', () => {
  it('logs health probes at debug, other requests at info', async () => {
    const t = await startApp();
    try {
      for (const level of ['info', 'debug'] as const) {
        const lines: string[] = [];
        const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
        const app = await buildApp(t.config, t.db, { logger: { ...(loggerOptions(level) as object), stream: sink } });
        await app.inject('/healthz');
        await app.inject('/readyz');
        await app.inject('/');
        await app.close();
        const urls = lines.map((l) => JSON.parse(l)).filter((l) => l.req?.url).map((l) => l.req.url);
        expect(urls).toContain('/');
        if (level === 'info') expect(urls.filter((u) => u !== '/')).toEqual([]);
        else expect(urls).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
      }
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('server start', () => {
  it('starts, answers /readyz, and prints no warnings (FSTDEP022 or any other)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('../../', import.meta.url),
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, BOOTSTRAP_TOKEN: 'pd_start_test_0123456789abcdef', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start in time:\n${out}\n${err}`)), 90_000);
        child.stdout.on('data', () => {
          const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m && out.includes('polydesk ready')) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}\n${err}`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(err).toBe('');
      expect(out).not.toMatch(/Warning|FSTDEP/);
      expect(out).not.toContain('/readyz');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
