import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { BASE, expectError, taskip, type Taskip } from './client.js';

const LIMIT = 64 * 1024;
let t: TestApp;
let ws: WorkspaceFixture;
let other: WorkspaceFixture;
let api: Taskip;

beforeAll(async () => {
  t = await startApp({ ATTACHMENT_LIMIT_BYTES: String(LIMIT), ATTACHMENT_MAX_FILES: '4' });
  ws = await t.workspace('acme');
  other = await t.workspace('other');
  api = taskip(t, ws.admin.token);
});
afterAll(() => t.close());

async function ticket() {
  return (await api('POST', '/support-ticket', { subject: 'Upload test', priority: 1 })).body.data as { id: number; uuid: string };
}

function upload(ticketId: number, parts: Parameters<typeof multipart>[0], key = ws.admin.token) {
  const { payload, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: `${BASE}/ticket/${ticketId}/attachments`, headers: { ...headers, 'x-secret-key': key }, payload });
}

describe('ticket attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), randomBytes(20_000)]);
  const log = Buffer.from('line 1\r\nline 2\n\u0000binary tail\u00ff', 'latin1');

  it('uploads several files[] and lists them with working download URLs, byte for byte', async () => {
    const tk = await ticket();
    const res = await upload(tk.id, [
      { name: 'files[]', value: png, filename: 'screenshot.png', contentType: 'image/png' },
      { name: 'files[]', value: log, filename: 'error_log.txt', contentType: 'text/plain' },
      { name: 'description', value: 'Screenshots and error logs' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      success: true,
      message: 'Attachments uploaded successfully',
      data: {
        ticket_id: tk.id,
        uploaded_files: [
          { filename: 'screenshot.png', original_filename: 'screenshot.png', file_size: png.length, mime_type: 'image/png', uploaded_at: expect.stringMatching(/Z$/) },
          { filename: 'error_log.txt', original_filename: 'error_log.txt', file_size: log.length, mime_type: 'text/plain' },
        ],
      },
    });
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ attachmentCount: 2 });
    expect(await t.db.attachment.count({ where: { ticketId: tk.id, description: 'Screenshots and error logs' } })).toBe(2);

    const list = await api('GET', `/ticket/${tk.id}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, data: { ticket_id: tk.id, total_attachments: 2, total_size: png.length + log.length } });
    const [first, second] = list.body.data.attachments;
    expect(first).toMatchObject({ id: body.data.uploaded_files[0].id, filename: 'screenshot.png', uploaded_by: 'admin acme', mime_type: 'image/png' });
    // Absolute, never from the Host header: without PUBLIC_URL or TRUST_PROXY, http://localhost:PORT.
    expect(first.download_url).toBe(`http://localhost:${t.config.port}/taskip/api/public-v1/ticket/${tk.id}/attachments/${first.id}/download`);
    for (const [a, bytes] of [[first, png], [second, log]] as const) {
      const url = new URL(a.download_url);
      const dl = await t.app.inject({ method: 'GET', url: url.pathname, headers: { 'x-secret-key': ws.agent.token } });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toContain(a.mime_type);
      expect(Number(dl.headers['content-length'])).toBe(bytes.length);
      expect(dl.headers['content-disposition']).toContain(a.filename);
      expect(Buffer.compare(dl.rawPayload, bytes)).toBe(0);
    }
    // Downloads need the key, and the attachment must be the ticket's.
    const path = new URL(first.download_url).pathname;
    expectError({ status: (await t.app.inject({ url: path })).statusCode, body: (await t.app.inject({ url: path })).json() }, 401);
    const otherTicket = await ticket();
    expectError(await api('GET', `/ticket/${otherTicket.id}/attachments/${first.id}/download`), 404);
    expectError(await taskip(t, other.admin.token)('GET', `/ticket/${tk.id}/attachments/${first.id}/download`), 404);
    expectError(await taskip(t, other.admin.token)('GET', `/ticket/${tk.id}/attachments`), 404);
  });

  it('shows the ticket-level attachment on the ticket, and accepts an uploaded one as the attachment media id', async () => {
    const tk = await ticket();
    const up = (await upload(tk.id, [{ name: 'files[]', value: log, filename: 'error_logs.txt', contentType: 'text/plain' }])).json();
    const fileId = up.data.uploaded_files[0].id;
    const read = await api('GET', `/support-ticket/${tk.id}`);
    expect(read.body.attachment).toEqual({ id: fileId, url: expect.stringContaining(`/ticket/${tk.id}/attachments/${fileId}/download`), name: 'error_logs.txt', size: log.length });
    // The same file cannot be claimed by another ticket.
    const res = await api('POST', '/support-ticket', { subject: 'Reuse', priority: 1, attachment: fileId });
    expectError(res, 422, ['attachment']);
    // The caller's own upload, not yet on a ticket, can be.
    const loose = await t.db.attachment.create({ data: { workspaceId: ws.id, uploaderId: ws.admin.id, filename: 'loose.pdf', contentType: 'application/pdf', size: 3, sha256: 'x', storagePath: 'x' } });
    // Someone else's upload cannot, and the refusal reads exactly like one for another workspace's id.
    const agents = await t.db.attachment.create({ data: { workspaceId: ws.id, uploaderId: ws.agent.id, filename: 'agents.pdf', contentType: 'application/pdf', size: 3, sha256: 'x', storagePath: 'x' } });
    const notMine = await api('POST', '/support-ticket', { subject: 'Not mine', priority: 1, attachment: agents.id });
    expectError(notMine, 422, ['attachment']);
    const made = await api('POST', '/support-ticket', { subject: 'With media', priority: 1, attachment: loose.id });
    expect(made.body.data.attachment).toMatchObject({ id: loose.id, name: 'loose.pdf', size: 3 });
    const foreign = await t.db.attachment.create({ data: { workspaceId: other.id, filename: 'theirs.pdf', contentType: 'application/pdf', size: 3, sha256: 'x', storagePath: 'x' } });
    const foreignRes = await api('PUT', `/support-ticket/${tk.id}`, { attachment: foreign.id });
    expectError(foreignRes, 422, ['attachment']);
    const msg = (r: { body: { message: string } }, id: number) => r.body.message.replace(String(id), 'N');
    expect(msg(foreignRes, foreign.id)).toBe(msg(notMine, agents.id));
  });

  it('answers 413 above the size limit and keeps nothing of the batch', async () => {
    const tk = await ticket();
    const before = await t.db.attachment.count();
    const res = await upload(tk.id, [
      { name: 'files[]', value: Buffer.alloc(100, 1), filename: 'ok.bin' },
      { name: 'files[]', value: Buffer.alloc(LIMIT + 1, 2), filename: 'big.bin' },
    ]);
    expectError({ status: res.statusCode, body: res.json() }, 413);
    expect(res.json().error).toBe('Payload Too Large');
    expect(await t.db.attachment.count()).toBe(before);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).attachmentCount).toBe(0);
    expect((await upload(tk.id, [{ name: 'files[]', value: Buffer.alloc(LIMIT, 3), filename: 'exact.bin' }])).statusCode).toBe(201);
    // More files than ATTACHMENT_MAX_FILES (4) is too large a request as well.
    const many = await upload(tk.id, [1, 2, 3, 4, 5].map((n) => ({ name: 'files[]', value: Buffer.from(`file ${n}`), filename: `f${n}.txt` })));
    expectError({ status: many.statusCode, body: many.json() }, 413);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).attachmentCount).toBe(1);
  });

  it('validates the upload', async () => {
    const tk = await ticket();
    let res = await upload(tk.id, [{ name: 'description', value: 'no files' }]);
    expectError({ status: res.statusCode, body: res.json() }, 422, ['files[]']);
    res = await upload(999999, [{ name: 'files[]', value: Buffer.from('x'), filename: 'x.txt' }]);
    expectError({ status: res.statusCode, body: res.json() }, 404);
    expectError(await api('POST', `/ticket/${tk.id}/attachments`, { files: [] }), 422);
    expectError(await api('GET', '/ticket/999999/attachments'), 404);
  });

  it('deleting a ticket removes its files from disk, but not files another ticket still uses', async () => {
    const shared = randomBytes(3000);
    const only = randomBytes(3000);
    const [a, b] = [await ticket(), await ticket()];
    expect((await upload(a.id, [{ name: 'files[]', value: shared, filename: 's.bin' }, { name: 'files[]', value: only, filename: 'o.bin' }])).statusCode).toBe(201);
    expect((await upload(b.id, [{ name: 'files[]', value: shared, filename: 's.bin' }])).statusCode).toBe(201);
    const onDisk = async (ticketId: number) =>
      (await t.db.attachment.findMany({ where: { ticketId }, orderBy: { id: 'asc' } })).map((r) => path.join(t.config.attachmentsDir, r.storagePath));
    const [sharedPath, onlyPath] = await onDisk(a.id);
    expect(existsSync(sharedPath) && existsSync(onlyPath)).toBe(true);
    expect((await api('DELETE', `/support-ticket/${a.id}`)).status).toBe(200);
    expect(existsSync(onlyPath)).toBe(false);
    expect(existsSync(sharedPath)).toBe(true);
    expect((await api('POST', '/support-ticket/bulk-actions', { ticket_ids: [b.id], action: 'delete' })).status).toBe(200);
    expect(existsSync(sharedPath)).toBe(false);
  });

  it('answers a malformed multipart body with 400, and cleans NULs and control characters in names and fields', async () => {
    const tk = await ticket();
    const bad = await t.app.inject({ method: 'POST', url: `${BASE}/ticket/${tk.id}/attachments`, headers: { 'x-secret-key': ws.admin.token, 'content-type': 'multipart/form-data' }, payload: 'garbage' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ success: false, status_code: 400 });
    const res = await upload(tk.id, [
      { name: 'files[]', value: 'abc', filename: 'a\u0000b.txt', contentType: 'text/pl\u0000ain' },
      { name: 'description', value: 'd\u0000d' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.uploaded_files[0]).toMatchObject({ filename: 'ab.txt', mime_type: 'application/octet-stream' });
  });
});
