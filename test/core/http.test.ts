// Operations over HTTP: health, JSON errors, body limits, request ids, token storage and
// log redaction.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashToken } from '../../src/auth/tokens.js';
import { loggerOptions } from '../../src/http/logging.js';
import { startApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ BODY_LIMIT_BYTES: '2048' });
});
afterAll(() => t.close());
const auth = () => ({ authorization: `Bearer ${t.adminToken}` });

describe('operations', () => {
  it('answers health and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('serves the API docs index', async () => {
    const res = await t.app.inject('/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const spec = await t.app.inject('/docs/admin/openapi.json');
    expect(Object.keys(spec.json().paths)).toContain('/users');
  });

  it('answers unknown routes with JSON 404 and a request id', async () => {
    const res = await t.app.inject({ url: '/no/such/route', headers: { 'x-request-id': 'trace-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json().message).toMatch(/not found/);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413, never 500', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/admin/v1/teams', headers: { ...auth(), 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ message: 'Malformed JSON in request body' });
    const big = await t.app.inject({ method: 'POST', url: '/admin/v1/teams', headers: { ...auth(), 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(5000) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ message: 'Request body is too large' });
    const empty = await t.app.inject({ method: 'POST', url: '/admin/v1/teams', headers: { ...auth(), 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("refuses NUL characters (PostgreSQL cannot store them) as invalid input, in each dialect's own envelope", async () => {
    const admin = await t.app.inject({ method: 'POST', url: '/admin/v1/teams', headers: auth(), payload: { name: 'a\u0000b' } });
    expect(admin.statusCode).toBe(400);
    const ws = await t.workspace('nul');
    const taskip = await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: 'x\u0000', priority: 1 } });
    expect(taskip.statusCode).toBe(422);
    expect(taskip.json()).toMatchObject({ success: false, status_code: 422, errors: { request: ['NUL characters are not allowed.'] } });
    const crm = await t.app.inject({ url: '/crm/api/tickets?search=%00', headers: { authorization: `Bearer ${ws.agent.token}` } });
    expect(crm.statusCode).toBe(422);
    // Lone surrogates (json columns reject them) and absurd nesting are invalid input too.
    const surrogate = await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token, 'content-type': 'application/json' }, payload: '{"subject":"x\\udc00","priority":1}' });
    expect(surrogate.statusCode).toBe(422);
    expect(surrogate.json().errors.request[0]).toMatch(/surrogate/);
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    const nested = await t.app.inject({ method: 'POST', url: '/admin/v1/teams', headers: auth(), payload: { name: 'n', extra: deep } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().message).toMatch(/nested/);
  });

  it('stores API tokens only as sha256 hashes', async () => {
    const rows = await t.db.apiToken.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain(t.adminToken);
    }
    expect(rows.some((r) => r.hash === hashToken(t.adminToken))).toBe(true);
  });

  it('redacts credentials from logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const logged = await buildApp(t.config, t.db, { logger: { ...(loggerOptions('info') as object), stream: sink } });
    const secrets = ['pd_secret_header_value', 'sk_taskip_secret', 'sympoq_api_secret', 'query_secret_value', 'encoded_key_secret'];
    await logged.inject({ url: '/admin/v1/users', headers: { authorization: `Bearer ${secrets[0]}`, 'x-secret-key': secrets[1], apikey: secrets[2] } });
    await logged.inject({ url: `/supportbee/tickets?auth_token=${secrets[3]}` });
    await logged.inject({ url: `/supportbee/tickets?page=1&auth%5Ftoken=${secrets[4]}` });
    await logged.inject({ url: '/admin/v1/users', headers: auth() });
    await logged.close();
    const all = lines.join('');
    expect(all).toContain('[REDACTED]');
    for (const s of [...secrets, t.adminToken]) expect(all).not.toContain(s);
  });
});
