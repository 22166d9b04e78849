// Odd input a client can send that must answer 4xx in SupportBee's envelope, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
beforeAll(async () => {
  ({ t, ws, agent } = await supportBeeApp());
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
});
