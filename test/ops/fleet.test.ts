// Two server processes on one PostgreSQL database and one Redis (started and killed by the
// test): what one instance writes, the other reads, replies to and downloads byte for byte;
// per-token limits hold across both; a Suptask JWT minted on one verifies on the other; with
// Redis gone both keep serving, each enforcing limits on its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTarget } from '../helpers/database.js';
import { freePort, startRedis, type RedisServer } from '../helpers/services.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '../..');
const adminToken = 'pd_fleet_' + randomBytes(16).toString('hex');

interface Instance {
  base: string;
  child: ChildProcess;
  output: () => string;
  dataDir: string;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'polydesk-fleet-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', JWT_SECRET: '', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`instance did not start:\n${out}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, child, output: () => out, dataDir };
}

describe.skipIf(!pgUrl)('fleet: two instances on one PostgreSQL and Redis (skipped without TEST_DATABASE_URL)', () => {
  let redis: RedisServer;
  let db: Awaited<ReturnType<typeof freshTarget>>;
  let a: Instance;
  let b: Instance;
  let agentId: number;

  const call = async (i: Instance, method: string, url: string, token: string, body?: unknown, scheme = 'Bearer') => {
    const res = await fetch(`${i.base}${url}`, {
      method,
      headers: { authorization: `${scheme} ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  // Limits count per person: each test gets a person of its own.
  let people = 0;
  const newPerson = async () => {
    const user = await call(a, 'POST', '/admin/v1/users', adminToken, { email: `p${++people}@fleet.test`, name: `Person ${people}`, role: 'agent' });
    expect(user.status).toBe(201);
    return user.body.user.id as number;
  };
  const newToken = async () => (await call(a, 'POST', '/admin/v1/tokens', adminToken, { userId: await newPerson() })).body.token as string;

  beforeAll(async () => {
    redis = await startRedis();
    db = await freshTarget();
    if (db.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const env = { DATABASE_URL: db.target.url, REDIS_URL: redis.url, BOOTSTRAP_TOKEN: adminToken, SUPTASK_RATE_LIMIT_MAX: '4', REDIS_COMMAND_TIMEOUT_MS: '1000' };
    a = await startInstance(env); // migrates first
    b = await startInstance(env);
    const user = await call(a, 'POST', '/admin/v1/users', adminToken, { email: 'agent@fleet.test', name: 'Fleet Agent', role: 'agent', slackId: 'UFLEET1' });
    expect(user.status).toBe(201);
    agentId = user.body.user.id;
  }, 240_000);

  afterAll(async () => {
    for (const i of [a, b]) {
      if (!i) continue;
      const exited = new Promise((r) => i.child.once('exit', r));
      i.child.kill('SIGTERM');
      await exited;
      await rm(i.dataDir, { recursive: true, force: true });
    }
    await redis?.stop();
    await db?.drop();
  }, 120_000);

  it('serves one set of tickets and attachment bytes from either instance', async () => {
    const token = await newToken();
    const bytes = randomBytes(600 * 1024);
    const form = new FormData();
    form.append('files[]', new Blob([bytes], { type: 'application/octet-stream' }), 'report.bin');
    const up = await fetch(`${a.base}/supportbee/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(up.status).toBe(201);
    const attachmentId = (await up.json()).id as number;
    const created = await call(a, 'POST', '/supportbee/tickets', token, {
      ticket: { subject: 'Printer on fire', requester_email: 'rob@customer.test', requester_name: 'Rob', content: { text: 'See the report', attachment_ids: [attachmentId] } },
    });
    expect(created.status).toBe(201);
    const id = created.body.ticket?.id ?? created.body.id;

    const read = await call(b, 'GET', `/supportbee/tickets/${id}`, token);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain('Printer on fire');
    const replied = await call(b, 'POST', `/supportbee/tickets/${id}/replies`, token, { reply: { content: { text: 'Extinguished.' } } });
    expect(replied.status).toBe(201);
    const replies = await call(a, 'GET', `/supportbee/tickets/${id}/replies`, token);
    expect(JSON.stringify(replies.body)).toContain('Extinguished.');

    const dl = await fetch(`${b.base}/supportbee/attachments/${attachmentId}/download`, { headers: { authorization: `Bearer ${token}` } });
    expect(dl.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await dl.arrayBuffer()), bytes)).toBe(0);
  }, 60_000);

  it('holds one per-token limit across both instances', async () => {
    const token = await newToken();
    const answers = [];
    for (const i of [a, b, a, b, a, b]) answers.push(await call(i, 'GET', '/suptask/ticket/999999', token, undefined, 'Api-Token'));
    expect(answers.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['3', '2', '1', '0', '0', '0']);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 429, 429]);
  }, 60_000);

  it('verifies a Suptask JWT minted on the other instance', async () => {
    const minted = await call(a, 'POST', '/admin/v1/jwt', adminToken, { userId: await newPerson() });
    expect(minted.status).toBeLessThan(300);
    const jwt = minted.body.token ?? minted.body.jwt;
    expect(typeof jwt).toBe('string');
    expect((await call(b, 'GET', '/suptask/ticket/999999', jwt)).status).toBe(404); // authenticated, no such ticket
    const [head, payload] = jwt.split('.');
    expect((await call(b, 'GET', '/suptask/ticket/999999', `${head}.${payload}.${randomBytes(32).toString('base64url')}`)).status).toBe(401);
  }, 60_000);

  it('keeps both serving with per-instance limits when Redis is killed', async () => {
    await redis.stop();
    const token = await newToken();
    for (const i of [a, b]) {
      const ready = await call(i, 'GET', '/readyz', '');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', redis: 'degraded' });
      const answers = [];
      for (let n = 0; n < 5; n++) answers.push(await call(i, 'GET', '/suptask/ticket/999999', token, undefined, 'Api-Token'));
      expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 429]);
    }
    expect(a.output() + b.output()).not.toContain('Unhandled error event');
  }, 60_000);
});
