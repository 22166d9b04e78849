// The README's "first ticket in each dialect" runs as written (bash + curl) against a real
// server: every call must succeed (curl --fail-with-body under `set -e`).
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/browser.js';

const curl = spawnSync('curl', ['--version']).status === 0;
if (!curl) console.warn('skipping the README quick-start test: curl not installed');

describe.skipIf(!curl)('README quick start', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startApp();
    base = await listen(t.app);
  });
  afterAll(() => t.close());

  it('creates, reads and replies to a ticket in every dialect, exactly as the README shows', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('## A first ticket in each dialect');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBe(6);
    const script = [
      'set -eo pipefail',
      // Every call must answer 2xx; the status goes to stderr so command substitutions stay JSON.
      `curl() { command curl --silent --show-error --fail-with-body -w '%{stderr}%{http_code} %{url_effective}\\n' "$@"; }`,
      ...blocks.map((b) => b.replace('BASE=http://localhost:3000', `BASE=${base}`).replace('TOKEN=pd_...', `TOKEN=${t.adminToken}`)),
    ].join('\n');
    // Asynchronously: the server answers from this very process.
    const res = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', script]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
    const statuses = res.stderr.trim().split('\n').map((l) => Number(l.split(' ')[0]));
    // 3 admin setup calls + 3 calls in each of the five dialects (Suptask's form counted as setup).
    expect(statuses.length).toBe(18);
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    expect(await t.db.message.count()).toBeGreaterThanOrEqual(5);
  }, 150_000);
});
