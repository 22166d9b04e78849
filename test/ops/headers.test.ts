// HTTP hygiene over HTTP: security headers for the API and the docs, downloads that never
// render (every dialect's download route), and compression.
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';

let t: TestApp;
let ws: WorkspaceFixture;
beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('hygiene');
});
afterAll(() => t.close());

describe('security headers', () => {
  it('API responses forbid rendering and framing, successes and errors alike', async () => {
    for (const res of [await t.app.inject({ url: '/admin/v1/users', headers: { authorization: `Bearer ${t.adminToken}` } }), await t.app.inject('/crm/api/tickets'), await t.app.inject('/nope')]) {
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('docs pages get their own policy: scripts and styles from this origin, requests to this origin', async () => {
    const csp = String((await t.app.inject('/docs/taskip')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self'");
  });
});

describe('attachment downloads', () => {
  const html = Buffer.from('<html><script>alert(document.domain)</script></html>');
  let ticket: { id: number; ref: string };
  let attachmentId: number;

  beforeAll(async () => {
    const created = await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: 'Files', priority: 1 } });
    const id = created.json().data.id as number;
    ticket = { id, ref: (await t.db.ticket.findUniqueOrThrow({ where: { id } })).ref };
    const { payload, headers } = multipart([{ name: 'files[]', value: html, filename: "l'été (1).html", contentType: 'text/html' }]);
    const up = await t.app.inject({ method: 'POST', url: `/taskip/api/public-v1/ticket/${id}/attachments`, headers: { ...headers, 'x-secret-key': ws.agent.token }, payload });
    expect(up.statusCode, up.body).toBe(201);
    attachmentId = up.json().data.uploaded_files[0].id;
  });

  it('every dialect sends the bytes as an attachment: nosniff, sandboxed, never rendered', async () => {
    const routes = [
      { url: `/taskip/api/public-v1/ticket/${ticket.id}/attachments/${attachmentId}/download`, headers: { 'x-secret-key': ws.agent.token } },
      { url: `/supportbee/attachments/${attachmentId}/download`, headers: { authorization: `Bearer ${ws.agent.token}` } },
      { url: `/sympoq/app/desk/api/ticket/${ticket.ref}/attachments/${attachmentId}`, headers: { apikey: ws.agent.token } },
    ];
    for (const r of routes) {
      const res = await t.app.inject(r);
      expect(res.statusCode, r.url).toBe(200);
      expect(res.rawPayload.equals(html)).toBe(true);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="l'_t_ (1).html"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.html`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });
});

describe('compression', () => {
  it('compresses JSON and the docs for clients that accept it, and leaves small bodies alone', async () => {
    for (let i = 0; i < 15; i++) await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.agent.token }, payload: { subject: `Compress me ${i}`, priority: 1 } });
    const plain = await t.app.inject({ url: '/crm/api/tickets', headers: { authorization: `Bearer ${ws.agent.token}` } });
    const gz = await t.app.inject({ url: '/crm/api/tickets', headers: { authorization: `Bearer ${ws.agent.token}`, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const js = await t.app.inject({ url: '/docs/assets/swagger-ui-bundle.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.headers['content-encoding']).toBe('br');
    const size = brotliDecompressSync(js.rawPayload).length;
    expect(js.rawPayload.length).toBeLessThan(size / 3);
    const page = await t.app.inject({ url: '/docs/admin/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['content-encoding']).toBe('gzip');

    const small = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });
});
