// The principal cache: a token is looked up once per TTL per instance; revoking it through
// the admin API refuses it at once on the instance that revoked it and within the TTL on
// every other instance (two apps on one database stand for two processes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bootstrap } from '../../src/domain/workspaces.js';
import { freshDatabase } from '../helpers/database.js';

const TTL = 4000;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: FastifyInstance;
let b: FastifyInstance;
const adminToken = 'pd_test_' + randomBytes(16).toString('hex');
const tokenQueries: string[] = [];

beforeAll(async () => {
  db = await freshDatabase({ onQuery: (sql) => (sql.includes('"ApiToken"') ? tokenQueries.push(sql) : 0) });
  const config = loadConfig({ DATA_DIR: '/tmp/polydesk-cache-test', LOG_LEVEL: 'silent', BOOTSTRAP_TOKEN: adminToken, JWT_SECRET: 'test-secret-test-secret-0123', TOKEN_CACHE_TTL_MS: String(TTL), PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', WEBHOOK_WORKER: 'false' });
  await bootstrap(db.prisma, config.bootstrap);
  a = await buildApp(config, db.prisma, { logger: false });
  b = await buildApp(config, db.prisma, { logger: false });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await db.drop();
});

const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  a.inject({ method, url: `/admin/v1${url}`, headers: { authorization: `Bearer ${adminToken}` }, ...(payload ? { payload } : {}) });
const tickets = (app: FastifyInstance, token: string) => app.inject({ method: 'GET', url: '/supportbee/tickets', headers: { authorization: `Bearer ${token}` } });

describe('principal cache', () => {
  it('looks a token up once per TTL, and revocation reaches every instance within the TTL', async () => {
    const user = (await admin('POST', '/users', { email: 'agent@x.test', name: 'Agent', role: 'agent' })).json();
    const created = (await admin('POST', '/tokens', { userId: user.user.id })).json();
    const token: string = created.token;

    tokenQueries.length = 0;
    const started = Date.now();
    expect((await tickets(a, token)).statusCode).toBe(200);
    expect((await tickets(a, token)).statusCode).toBe(200);
    const cachedOnB = Date.now();
    expect((await tickets(b, token)).statusCode).toBe(200);
    // One lookup per instance (the lastUsedAt write may add one UPDATE on the first).
    const lookups = tokenQueries.filter((q) => q.startsWith('SELECT'));
    // (On a machine so loaded that three requests outlast the TTL, a lookup may repeat.)
    if (Date.now() - started < TTL) expect(lookups, lookups.join('\n')).toHaveLength(2);

    expect((await admin('DELETE', `/tokens/${created.id}`)).statusCode).toBe(204);
    const revokedAt = Date.now();
    expect((await tickets(a, token)).statusCode).toBe(403); // the revoking instance: at once (SupportBee refuses bad tokens with 403)
    // Another instance may still serve its cached principal, but never past the TTL.
    if (Date.now() - cachedOnB < TTL - 300) expect((await tickets(b, token)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, TTL + 100 - (Date.now() - revokedAt)));
    expect((await tickets(b, token)).statusCode).toBe(403);
  }, 60_000);

  it('never serves an unknown or malformed token from the cache', async () => {
    expect((await tickets(a, 'pd_nope')).statusCode).toBe(403);
    expect((await tickets(a, 'pd_nope')).statusCode).toBe(403);
  });
});
