// SupportBee limits: ticket creation rate limits (anonymous per IP per hour, authenticated
// per token per minute) and the attachment size and count limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
beforeAll(async () => {
  t = await startApp({ SUPPORTBEE_ANON_CREATE_PER_HOUR: '3', SUPPORTBEE_CREATE_PER_MINUTE: '4', ATTACHMENT_LIMIT_BYTES: '1000', ATTACHMENT_MAX_FILES: '2' });
  ws = await t.workspace('acme');
});
afterAll(() => t.close());

const body = (n: number) => ({ ticket: { subject: `Ticket ${n}`, requester_email: 'web@visitor.test', content: { text: 'hi' } } });

describe('ticket creation rate limits', () => {
  it('anonymous: N per hour per IP, then 429 in the error envelope', async () => {
    const ip1 = client(t, undefined, { ip: '10.0.0.1' });
    for (let i = 0; i < 3; i++) expect((await ip1('POST', '/tickets?company=acme', body(i))).status).toBe(201);
    const limited = await ip1('POST', '/tickets?company=acme', body(4));
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatch(/^Rate limit exceeded, retry in/);
    expect(limited.raw.headers['x-ratelimit-limit']).toBe('3');
    // An hour's window: the retry is well beyond a minute.
    expect(Number(limited.raw.headers['retry-after'])).toBeGreaterThan(3000);
    // Another address has its own budget; reads with a token are not limited by it.
    expect((await client(t, undefined, { ip: '10.0.0.2' })('POST', '/tickets?company=acme', body(5))).status).toBe(201);
  });

  it('authenticated: N per minute per token, independent of the IP budget', async () => {
    const agent = client(t, ws.agent.token, { ip: '10.0.0.1' });
    for (let i = 0; i < 4; i++) expect((await agent('POST', '/tickets', body(i))).status).toBe(201);
    const limited = await agent('POST', '/tickets', body(5));
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatch(/^Rate limit exceeded/);
    expect(limited.raw.headers['x-ratelimit-limit']).toBe('4');
    expect(Number(limited.raw.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The other token of the workspace still creates; other endpoints are not limited.
    expect((await client(t, ws.admin.token, { ip: '10.0.0.1' })('POST', '/tickets', body(6))).status).toBe(201);
    expect((await agent('GET', '/tickets')).status).toBe(200);
  });

  it('invalid requests do not use up the budget', async () => {
    const ip = client(t, undefined, { ip: '10.0.0.9' });
    for (let i = 0; i < 5; i++) expect((await ip('POST', '/tickets?company=acme', { ticket: {} })).status).toBe(400);
    expect((await ip('POST', '/tickets?company=acme', body(1))).status).toBe(201);
  });
});

describe('attachment limits', () => {
  const post = (parts: { filename: string; value: Buffer }[]) => {
    const mp = multipart(parts.map((p) => ({ name: 'files[]', ...p })));
    return t.app.inject({ method: 'POST', url: `/supportbee/attachments?auth_token=${ws.agent.token}`, headers: mp.headers, payload: mp.payload });
  };

  it('413 above the per-file size limit', async () => {
    expect((await post([{ filename: 'ok.bin', value: Buffer.alloc(1000, 1) }])).statusCode).toBe(201);
    const res = await post([{ filename: 'big.bin', value: Buffer.alloc(1001, 1) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/size limit/);
  });

  it('413 above the number of files per upload', async () => {
    const res = await post([1, 2, 3].map((i) => ({ filename: `f${i}.txt`, value: Buffer.from('x') })));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toHaveProperty('error');
  });
});
