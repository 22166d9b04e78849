// SupportBee attachments: multipart upload, byte-for-byte download, and ids in ticket,
// reply, comment and draft content.
import { randomBytes } from 'node:crypto';
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

async function upload(files: { name?: string; filename: string; value: Buffer; contentType?: string }[], token = ws.agent.token) {
  const body = multipart(files.map((f) => ({ name: f.name ?? 'files[]', filename: f.filename, value: f.value, contentType: f.contentType })));
  const res = await t.app.inject({ method: 'POST', url: `/supportbee/attachments?auth_token=${token}`, headers: { ...body.headers, accept: 'application/json' }, payload: body.payload });
  return { status: res.statusCode, body: res.json() };
}

/** Downloads a url as returned in `url.original`, with the token in the header. */
async function download(url: string, token: string | null = ws.agent.token) {
  const u = new URL(url);
  return t.app.inject({ url: u.pathname + u.search, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('POST /attachments', () => {
  it('uploads one file and returns the seed attachment object; url downloads the exact bytes', async () => {
    const bytes = randomBytes(200_000);
    const res = await upload([{ filename: 'logo.jpg', value: bytes, contentType: 'image/jpeg' }]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(/Z$/),
      filename: 'logo.jpg',
      content_type: 'image/jpeg',
      size: 200_000,
      url: { original: expect.stringMatching(/^http:\/\/.+\/supportbee\/attachments\/\d+\/download$/) },
    });
    const file = await download(res.body.url.original);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers['content-disposition']).toContain('logo.jpg');
    // With auth only, and only in the uploader's workspace.
    expect((await download(res.body.url.original, null)).statusCode).toBe(403);
    const other = await t.workspace('other');
    expect((await download(res.body.url.original, other.agent.token)).statusCode).toBe(404);
    expect((await download(res.body.url.original.replace(/\d+\/download$/, '999999/download'))).statusCode).toBe(404);
  });

  it('uploads several files at once as a list', async () => {
    const a = Buffer.from('first file\n');
    const b = Buffer.from([0, 1, 2, 255, 254]);
    const res = await upload([
      { filename: 'a.txt', value: a, contentType: 'text/plain' },
      { filename: 'b.bin', value: b },
    ]);
    expect(res.status).toBe(201);
    // The seed's attachment object (the first file), listing every file in `attachments`.
    expect(res.body.filename).toBe('a.txt');
    expect(res.body.attachments.map((x: { filename: string }) => x.filename)).toEqual(['a.txt', 'b.bin']);
    expect((await download(res.body.attachments[1].url.original)).rawPayload.equals(b)).toBe(true);
  });

  it('400 without files or without multipart; 403 without a token', async () => {
    const empty = multipart([{ name: 'note', value: 'no file' }]);
    const res = await t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers: { ...empty.headers, authorization: `Bearer ${ws.agent.token}` }, payload: empty.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toHaveProperty('files[]');
    expect((await agent('POST', '/attachments', { files: [] })).status).toBe(400);
    const anon = multipart([{ name: 'files[]', filename: 'x.txt', value: 'x' }]);
    expect((await t.app.inject({ method: 'POST', url: '/supportbee/attachments', headers: anon.headers, payload: anon.payload })).statusCode).toBe(403);
  });
});

describe('attachment ids in content', () => {
  const one = async (name: string) => (await upload([{ filename: name, value: Buffer.from(`contents of ${name}`), contentType: 'text/plain' }])).body;

  it('attach to a ticket, a reply, a comment and a draft', async () => {
    const a1 = await one('ticket.txt');
    const tk = await newTicket(agent, 'With files', {}, { text: 'see attached', attachment_ids: [a1.id] });
    expect(tk.content.attachments).toEqual([a1]);
    expect((await agent('GET', `/tickets/${tk.id}`)).body.ticket.content.attachments).toEqual([a1]);
    // Lists render them too (one query for the page).
    const listed = (await agent('GET', '/tickets')).body.tickets.find((x: { id: number }) => x.id === tk.id);
    expect(listed.content.attachments).toEqual([a1]);

    const a2 = await one('reply.txt');
    const reply = (await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'here', attachment_ids: [a2.id] } } })).body.reply;
    expect(reply.content.attachments).toEqual([a2]);
    expect((await agent('GET', `/tickets/${tk.id}/replies/${reply.id}`)).body.content.attachments).toEqual([a2]);

    const a3 = await one('comment.txt');
    // The seed's comment example sends full attachment objects.
    const comment = (await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: { text: 'internal', attachments: [a3] } } })).body.comment;
    expect(comment.content.attachments).toEqual([a3]);

    const a4 = await one('draft.txt');
    const draft = (await agent('POST', `/tickets/${tk.id}/draft`, { draft: { content: { text: 'wip', attachment_ids: [a4.id] } } })).body.draft;
    expect(draft.content.attachments).toEqual([a4]);
    const cleared = (await agent('PUT', `/tickets/${tk.id}/draft`, { draft: { content: { text: 'wip', attachment_ids: [] } } })).body.draft;
    expect(cleared.content.attachments).toEqual([]);

    // The ticket's own content keeps only its own file.
    expect((await agent('GET', `/tickets/${tk.id}`)).body.ticket.content.attachments).toEqual([a1]);
    expect((await download(a2.url.original)).body).toBe('contents of reply.txt');
  });

  it('unknown ids and files of another ticket are 400', async () => {
    const tk = await newTicket(agent, 'Bad ids');
    expect((await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'x', attachment_ids: [999999] } } })).status).toBe(400);
    const a = await one('owned.txt');
    await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: { text: 'mine', attachment_ids: [a.id] } } });
    const other = await newTicket(agent, 'Thief');
    const res = await agent('POST', `/tickets/${other.id}/replies`, { reply: { content: { text: 'x', attachment_ids: [a.id] } } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('attachment_ids');
  });
});
