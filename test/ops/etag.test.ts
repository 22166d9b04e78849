// Conditional GET: reads carry a weak ETag; a client that holds it gets 304 without a body,
// and a changed ticket gets a new tag. Writes and errors carry none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';

let t: TestApp;
let ws: WorkspaceFixture;
let id: number;
beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('etag');
  const res = await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: 'Cache me', priority: 1 } });
  expect(res.statusCode).toBe(201);
  expect(res.headers.etag).toBeUndefined();
  id = res.json().data.id;
});
afterAll(() => t.close());

describe('ETag / If-None-Match', () => {
  const sb = (headers: Record<string, string> = {}) => t.app.inject({ url: `/supportbee/tickets/${id}`, headers: { authorization: `Bearer ${ws.agent.token}`, ...headers } });

  it('answers 304 with no body while the ticket is unchanged, in every dialect', async () => {
    const reads = [
      { url: `/supportbee/tickets/${id}`, headers: { authorization: `Bearer ${ws.agent.token}` } },
      { url: `/taskip/api/public-v1/support-ticket/${id}`, headers: { 'x-secret-key': ws.agent.token } },
      { url: `/crm/api/tickets/${id}`, headers: { authorization: `Bearer ${ws.agent.token}` } },
    ];
    for (const r of reads) {
      const first = await t.app.inject(r);
      expect(first.statusCode, r.url).toBe(200);
      expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
      const again = await t.app.inject({ ...r, headers: { ...r.headers, 'if-none-match': String(first.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
    }
  });

  it('matches weakly, in lists and *, and sends the body again once the ticket changes', async () => {
    const tag = String((await sb()).headers.etag);
    expect((await sb({ 'if-none-match': tag.slice(2) })).statusCode).toBe(304);
    expect((await sb({ 'if-none-match': `W/"other", ${tag}` })).statusCode).toBe(304);
    expect((await sb({ 'if-none-match': '*' })).statusCode).toBe(304);
    expect((await sb({ 'if-none-match': 'W/"other"' })).statusCode).toBe(200);
    const put = await t.app.inject({ method: 'PUT', url: `/taskip/api/public-v1/support-ticket/${id}`, headers: { 'x-secret-key': ws.agent.token }, payload: { subject: 'Changed' } });
    expect(put.statusCode, put.body).toBe(200);
    const changed = await sb({ 'if-none-match': tag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.json().ticket.subject).toBe('Changed');
  });

  it('leaves errors alone and can be switched off', async () => {
    const missing = await t.app.inject({ url: '/supportbee/tickets/999999', headers: { authorization: `Bearer ${ws.agent.token}` } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const off = await startApp({ ETAG: 'false' });
    try {
      expect((await off.app.inject('/healthz')).headers.etag).toBeUndefined();
    } finally {
      await off.close();
    }
  }, 120_000);
});
