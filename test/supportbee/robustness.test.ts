// Odd input a client can send that must answer 4xx in SupportBee's envelope, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
});
afterAll(() => t.close());

const upload = (payload: string | Buffer, contentType: string) =>
  t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers: { authorization: `Bearer ${ws.agent.token}`, 'content-type': contentType }, payload });

describe('robustness', () => {
  it('a blank label name is a missing label (404)', async () => {
    const tk = await newTicket(agent, 'Labels');
    const res = await agent('POST', `/tickets/${tk.id}/labels/%20`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/not found/i);
  });

  it('a multipart body without a boundary is a 400', async () => {
    const res = await upload('garbage', 'multipart/form-data');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/multipart/i);
  });

  it('control characters in a file name or type are cleaned, and the file still downloads', async () => {
    const { payload, headers } = multipart([{ name: 'files[]', value: 'hello', filename: 'a\u0000b\u0001.txt', contentType: 'text/plain\u0001x' }]);
    const res = await upload(payload, headers['content-type']);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a.filename).toBe('ab.txt');
    const dl = await t.app.inject({ url: `/supportbee/attachments/${a.id}/download`, headers: { authorization: `Bearer ${ws.agent.token}` } });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    expect(dl.body).toBe('hello');
  });

  it('a failed multi-file upload keeps nothing', async () => {
    const before = await t.db.attachment.count();
    const big = Buffer.alloc(t.config.attachments.maxBytes + 1, 1);
    const { payload, headers } = multipart([
      { name: 'files[]', value: 'ok', filename: 'small.txt', contentType: 'text/plain' },
      { name: 'files[]', value: big, filename: 'big.bin' },
    ]);
    expect((await upload(payload, headers['content-type'])).statusCode).toBe(413);
    expect(await t.db.attachment.count()).toBe(before);
  });

  it('a truncated multipart upload is a 400', async () => {
    const cut = '--abc\r\nContent-Disposition: form-data; name="files[]"; filename="a.txt"\r\n\r\nhello';
    const res = await upload(cut, 'multipart/form-data; boundary=abc');
    expect(res.statusCode).toBe(400);
  });

  it('over-long label names are a 400 in the envelope, not a bare 414', async () => {
    const tk = await newTicket(agent, 'Long label');
    const res = await agent('POST', `/tickets/${tk.id}/labels/${'x'.repeat(150)}`);
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
    expect(res.body.code).toBeUndefined();
  });

  it('accepts a repeated auth_token and an empty JSON body on bodyless actions', async () => {
    const tk = await newTicket(agent, 'Actions');
    const q = `auth_token=${ws.agent.token}&auth_token=${ws.agent.token}`;
    expect((await t.app.inject({ url: `/supportbee/tickets?${q}` })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: `/supportbee/tickets/${tk.id}/archive`, headers: { authorization: `Bearer ${ws.agent.token}`, 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(204);
  });

  it('replies on behalf of someone only for agents and admins, and the audit names one person', async () => {
    const tk = await newTicket(agent, 'On behalf');
    const customer = await t.admin('POST', '/users', { email: 'onbehalf@c.test', name: 'Cust', role: 'customer' }, 'acme');
    const bad = await admin('POST', `/tickets/${tk.id}/replies`, { reply: { replier_id: customer.body.user.id, content: { text: 'x' } } });
    expect(bad.status).toBe(400);
    const ok = await admin('POST', `/tickets/${tk.id}/replies`, { reply: { replier_id: ws.agent.id, content: { text: 'for you' } } });
    expect(ok.status).toBe(201);
    const audit = (await agent('GET', `/tickets/${tk.id}/audit`)).body.audit as { action: string; actor: { name: string; email: string | null } }[];
    const replied = audit.find((e) => /repl/i.test(e.action))!;
    expect(replied.actor.name).toBe('agent acme');
    expect(replied.actor.email).toBeNull(); // not the admin's address under the agent's name
  });
});
