// The security findings of issue 13, each reproduced over HTTP and shown closed: attachment
// ownership (no taking other people's uploads, one refusal text), links from PUBLIC_URL or
// trusted proxies only, rate limits per person (not per credential), secrets redacted from
// logs in any parameter form, and no JWT secret at rest in production.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/http/logging.js';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { unreferencedAttachments } from '../../src/domain/attachments/unreferenced.js';

let t: TestApp;
let ws: WorkspaceFixture;

const sb = (token: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/supportbee${url}`, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(payload ? { payload } : {}) });

async function upload(token: string, headers: Record<string, string> = {}) {
  const m = multipart([{ name: 'files[]', value: 'secret report', filename: 'report.txt', contentType: 'text/plain' }]);
  return t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers: { authorization: `Bearer ${token}`, ...m.headers, ...headers }, payload: m.payload });
}

async function newTicket(token: string) {
  const res = await sb(token, 'POST', '/tickets', { ticket: { subject: 'Help', requester_email: 'r@x.test', content: { text: 'x' } } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

const refusal = (res: { statusCode: number; body: string }, id: number) => {
  expect(res.statusCode, res.body).toBe(400);
  return (JSON.parse(res.body).error as string).replace(String(id), 'N');
};

beforeAll(async () => {
  t = await startApp({ SUPTASK_RATE_LIMIT_MAX: '3', UPLOAD_RATE_LIMIT_MAX: '8' });
  ws = await t.workspace('sec');
}, 120_000);
afterAll(() => t?.close());

describe('attachments are owned', () => {
  it("an anonymous web form cannot take an agent's draft file, and the refusal is the same for a missing id", async () => {
    const tk = await newTicket(ws.agent.token);
    const up = await upload(ws.agent.token);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json().id as number;
    expect((await sb(ws.agent.token, 'POST', `/tickets/${tk}/draft`, { draft: { content: { text: 'wip', attachment_ids: [file] } } })).statusCode).toBe(201);

    const steal = await sb(null, 'POST', `/tickets?company=${ws.slug}`, { ticket: { subject: 'x', requester_email: 'evil@evil.test', content: { text: 'x', attachment_ids: [file] } } });
    const missing = await sb(null, 'POST', `/tickets?company=${ws.slug}`, { ticket: { subject: 'x', requester_email: 'evil@evil.test', content: { text: 'x', attachment_ids: [2000000000] } } });
    expect(refusal(steal, file)).toBe(refusal(missing, 2000000000));
    expect(steal.body).not.toContain('report.txt');
    // The draft keeps its file.
    const draft = (await sb(ws.agent.token, 'GET', `/tickets/${tk}/draft`)).json().draft;
    expect(draft.content.attachments.map((a: { id: number }) => a.id)).toEqual([file]);
  });

  it("another user of the workspace (even an admin) cannot attach someone else's upload; another workspace's id reads the same", async () => {
    const tk = await newTicket(ws.admin.token);
    const file = (await upload(ws.agent.token)).json().id as number;
    const other = await t.workspace('sec-other');
    const theirs = (await upload(other.agent.token)).json().id as number;
    const byAdmin = await sb(ws.admin.token, 'POST', `/tickets/${tk}/replies`, { reply: { content: { text: 'here', attachment_ids: [file] } } });
    const foreign = await sb(ws.agent.token, 'POST', `/tickets/${tk}/replies`, { reply: { content: { text: 'here', attachment_ids: [theirs] } } });
    expect(refusal(byAdmin, file)).toBe(refusal(foreign, theirs));
    // The uploader can.
    expect((await sb(ws.agent.token, 'POST', `/tickets/${tk}/replies`, { reply: { content: { text: 'here', attachment_ids: [file] } } })).statusCode).toBe(201);
  });

  it("sending a draft hands its files to the reply; once used, a file cannot be moved to a comment", async () => {
    const tk = await newTicket(ws.agent.token);
    const file = (await upload(ws.agent.token)).json().id as number;
    await sb(ws.agent.token, 'POST', `/tickets/${tk}/draft`, { draft: { content: { text: 'wip', attachment_ids: [file] } } });
    const sent = await sb(ws.agent.token, 'POST', `/tickets/${tk}/replies`, { reply: { content: { text: 'done', attachment_ids: [file] } } });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().reply.content.attachments.map((a: { id: number }) => a.id)).toEqual([file]);
    const move = await sb(ws.agent.token, 'POST', `/tickets/${tk}/comments`, { comment: { content: { text: 'mine now', attachment_ids: [file] } } });
    expect(move.statusCode).toBe(400);
    const replies = (await sb(ws.agent.token, 'GET', `/tickets/${tk}/replies`)).json().replies;
    expect(replies[0].content.attachments.map((a: { id: number }) => a.id)).toEqual([file]);
  });
});

describe('orphaned uploads', () => {
  it('lists uploads nothing uses once they are older than the cutoff (for the sweeper)', async () => {
    const loose = (await upload(ws.agent.token)).json().id as number;
    const inDraft = (await upload(ws.agent.token)).json().id as number;
    const tk = await newTicket(ws.agent.token);
    await sb(ws.agent.token, 'POST', `/tickets/${tk}/draft`, { draft: { content: { text: 'd', attachment_ids: [inDraft] } } });
    const ids = async (cutoff: Date) => (await unreferencedAttachments(t.db, cutoff, 10_000)).map((a) => a.id);
    expect(await ids(new Date(Date.now() - 60_000))).not.toContain(loose);
    const later = await ids(new Date(Date.now() + 60_000));
    expect(later).toContain(loose);
    expect(later).not.toContain(inDraft);
  });
});

describe('links come from PUBLIC_URL, or from trusted proxies only', () => {
  it('ignores a forged Host header without PUBLIC_URL or TRUST_PROXY', async () => {
    const res = await upload(ws.agent.token, { host: 'evil.test', 'x-forwarded-host': 'evil2.test' });
    expect(res.json().url.original).toBe(`http://localhost:${t.config.port}/supportbee/attachments/${res.json().id}/download`);
  });

  it('uses PUBLIC_URL when set, and the forwarded host only from a proxy TRUST_PROXY names', async () => {
    const withUrl = await buildApp(loadConfig({ ...envOf(t), PUBLIC_URL: 'https://desk.example.com/' }), t.db, { logger: false });
    const proxied = await buildApp(loadConfig({ ...envOf(t), TRUST_PROXY: '10.0.0.1' }), t.db, { logger: false });
    try {
      const m = () => multipart([{ name: 'files[]', value: 'x', filename: 'x.txt' }]);
      const a = m();
      const r1 = await withUrl.inject({ method: 'POST', url: '/supportbee/attachments', headers: { authorization: `Bearer ${ws.agent.token}`, host: 'evil.test', ...a.headers }, payload: a.payload });
      expect(r1.json().url.original).toBe(`https://desk.example.com/supportbee/attachments/${r1.json().id}/download`);
      const b = m();
      const fwd = { 'x-forwarded-host': 'desk.proxy.test', 'x-forwarded-proto': 'https' };
      const r2 = await proxied.inject({ method: 'POST', url: '/supportbee/attachments', remoteAddress: '10.0.0.1', headers: { authorization: `Bearer ${ws.agent.token}`, ...fwd, ...b.headers }, payload: b.payload });
      expect(r2.json().url.original).toMatch(/^https:\/\/desk\.proxy\.test\/supportbee\//);
      const c = m();
      const r3 = await proxied.inject({ method: 'POST', url: '/supportbee/attachments', remoteAddress: '10.9.9.9', headers: { authorization: `Bearer ${ws.agent.token}`, host: 'direct.test', ...fwd, ...c.headers }, payload: c.payload });
      expect(r3.json().url.original).toMatch(/^http:\/\/direct\.test\/supportbee\//);
    } finally {
      await withUrl.close();
      await proxied.close();
    }
  });

  it('rejects a malformed TRUST_PROXY or PUBLIC_URL at start-up', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
  });
});

describe('rate limits are per person, not per credential', () => {
  it('Suptask: a second API token and a JWT of the same user share one allowance', async () => {
    const second = (await t.admin('POST', '/tokens', { userId: ws.agent.id }, ws.slug)).body.token as string;
    const jwt = (await t.admin('POST', '/jwt', { userId: ws.agent.id }, ws.slug)).body.token as string;
    const get = (authorization: string) => t.app.inject({ method: 'GET', url: '/suptask/ticket/1', headers: { authorization } });
    for (let i = 0; i < 3; i++) expect((await get(`Api-Token ${ws.agent.token}`)).statusCode).not.toBe(429);
    expect((await get(`Api-Token ${second}`)).statusCode).toBe(429);
    expect((await get(`Bearer ${jwt}`)).statusCode).toBe(429);
    // Someone else is unaffected.
    expect((await get(`Api-Token ${ws.admin.token}`)).statusCode).not.toBe(429);
  });

  it('uploads: one budget per person across tokens and dialects (429 in each envelope)', async () => {
    const u = await t.admin('POST', '/users', { email: 'uploader@sec.test', name: 'Up', role: 'agent' }, ws.slug);
    const tokA = (await t.admin('POST', '/tokens', { userId: u.body.user.id }, ws.slug)).body.token as string;
    const tokB = (await t.admin('POST', '/tokens', { userId: u.body.user.id }, ws.slug)).body.token as string;
    for (let i = 0; i < 8; i++) expect((await upload(i % 2 ? tokA : tokB)).statusCode).toBe(201);
    const sbRes = await upload(tokA);
    expect(sbRes.statusCode).toBe(429);
    expect(sbRes.json()).toEqual({ error: expect.any(String) });
    const tk = await newTicket(ws.agent.token);
    const m = multipart([{ name: 'files[]', value: 'x', filename: 'x.txt' }]);
    const ti = await t.app.inject({ method: 'POST', url: `/taskip/api/public-v1/ticket/${tk}/attachments`, headers: { 'x-secret-key': tokB, ...m.headers }, payload: m.payload });
    expect(ti.statusCode).toBe(429);
    expect(ti.json()).toMatchObject({ success: false, status_code: 429 });
  });
});

describe('secrets never reach the logs', () => {
  it('redacts secret parameters by name in any form, in URLs, queries and form bodies', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const logged = await buildApp(t.config, t.db, { logger: { ...(loggerOptions('info') as object), stream: sink } });
    const s = (n: number) => `leakcheck${n}secret`;
    const urls = [
      `/supportbee/tickets?auth_token[]=${s(1)}`,
      `/supportbee/tickets?auth_token[0]=${s(2)}`,
      `/supportbee/tickets?page=1&auth%5Ftoken%5B%5D=${s(3)}`,
      `/supportbee/tickets?AUTH_TOKEN=${s(4)}`,
      `/supportbee/tickets?auth%255Ftoken=${s(5)}`,
      `/supportbee/tickets?user[password]=${s(6)}`,
      `/supportbee/tickets?auth_token[a][b]=${s(7)}`,
    ];
    for (const url of urls) await logged.inject({ url });
    // Form bodies and parsed queries, wherever a handler or plugin logs them.
    logged.log.info({ body: `subject=x&auth_token%5B%5D=${s(8)}`, query: { 'auth_token[]': [s(9)], nested: { password: s(10) } } }, 'request details');
    await logged.close();
    const all = lines.join('');
    expect(all).toContain('[REDACTED]');
    expect(all).toContain('subject=x');
    for (let i = 1; i <= 10; i++) expect(all, `secret ${i}`).not.toContain(s(i));
  });

  it('a plain Fastify logger with the same options redacts the same way (options are the mechanism)', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const app = Fastify({ logger: { ...(loggerOptions('info') as object), stream: sink } });
    app.get('/x', async () => 'ok');
    await app.inject({ url: '/x?api_key[]=plainsecret1' });
    await app.close();
    expect(lines.join('')).not.toContain('plainsecret1');
  });
});

describe('the JWT secret is not kept at rest in production', () => {
  it('refuses to start with NODE_ENV=production and no JWT_SECRET, naming the variable', async () => {
    const { JWT_SECRET: _unused, ...env } = envOf(t);
    await expect(buildApp(loadConfig({ ...env, NODE_ENV: 'production' }), t.db, { logger: false })).rejects.toThrow(/JWT_SECRET/);
  });

  it('with JWT_SECRET set, a development secret left in the database is removed', async () => {
    await t.db.serverSetting.createMany({ data: [{ key: 'jwt_secret', value: 'old-dev-secret' }], skipDuplicates: true });
    const app = await buildApp(loadConfig({ ...envOf(t), NODE_ENV: 'production' }), t.db, { logger: false });
    await app.close();
    expect(await t.db.serverSetting.findUnique({ where: { key: 'jwt_secret' } })).toBeNull();
  });
});

/** The environment startApp used, to build variants of the same app on the same database. */
function envOf(app: TestApp): Record<string, string> {
  return { DATA_DIR: app.config.dataDir, LOG_LEVEL: 'silent', BOOTSTRAP_TOKEN: app.adminToken, JWT_SECRET: 'test-secret-test-secret-0123' };
}
