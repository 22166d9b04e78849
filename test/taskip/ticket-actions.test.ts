import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { expectError, taskip, type Taskip } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let api: Taskip;
let customer: { id: number; name: string };
let specialist: { id: number; name: string };

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  api = taskip(t, ws.admin.token);
  customer = (await t.admin('POST', '/users', { email: 'john@acme.com', name: 'John Smith', role: 'customer' }, 'acme')).body.user;
  specialist = (await t.admin('POST', '/users', { email: 'david@acme.com', name: 'David Chen', role: 'agent' }, 'acme')).body.user;
});
afterAll(() => t.close());

async function ticket(body: Record<string, unknown> = {}) {
  const res = await api('POST', '/support-ticket', { subject: 'Login Issues with Dashboard', priority: 2, user_id: customer.id, ...body });
  expect(res.status).toBe(201);
  return res.body.data as { id: number; uuid: string };
}

describe('bulk actions', () => {
  it('deletes, updates status, assigns and tags several tickets', async () => {
    const [a, b, c] = [await ticket(), await ticket(), await ticket()];
    let res = await api('POST', '/support-ticket/bulk-actions', { ticket_ids: [a.id, b.id], action: 'status_update', parameters: { status: 'resolved', resolution_notes: 'Fixed in 2.1' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msg: 'SupportTicket updated successfully' });
    for (const id of [a.id, b.id]) expect(await t.db.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'resolved', resolutionNotes: 'Fixed in 2.1', closedAt: expect.any(Date) });
    res = await api('POST', '/support-ticket/bulk-actions', { ticket_ids: [c.id], action: 'status_update', parameters: { status: 4 } });
    expect((await api('GET', `/support-ticket/${c.id}`)).body.status).toBe(4);
    res = await api('POST', '/support-ticket/bulk-actions', { ticket_ids: [c.id], action: 'assign', parameters: { assigned_to: specialist.id } });
    expect((await api('GET', `/support-ticket/${c.id}`)).body.assigned_to).toBe(specialist.id);
    res = await api('POST', '/support-ticket/bulk-actions', { ticket_ids: [a.id, c.id], action: 'add_tags', parameters: { tags: ['vip', 'billing'] } });
    expect(res.status).toBe(200);
    expect((await api('GET', `/support-ticket/${c.id}`)).body.tags).toEqual(['vip', 'billing']);
    res = await api('POST', '/support-ticket/bulk-actions', { ticket_ids: [a.id, b.id], action: 'delete' });
    expect(res.body).toEqual({ msg: 'SupportTicket deleted successfully' });
    expect(await t.db.ticket.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
  });

  it('changes nothing and answers 422 naming an unknown id or an invalid parameter', async () => {
    const [a, b] = [await ticket(), await ticket()];
    const snapshot = async () => t.db.ticket.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { id: 'asc' }, include: { labels: true } });
    const before = await snapshot();
    const bulk = (body: object) => api('POST', '/support-ticket/bulk-actions', body);
    let res = await bulk({ ticket_ids: [a.id, 999999, b.id], action: 'delete' });
    expectError(res, 422, ['ticket_ids']);
    expect(res.body.errors.ticket_ids[0]).toContain('999999');
    res = await bulk({ ticket_ids: [a.id, b.id, 999998], action: 'status_update', parameters: { status: 'closed' } });
    expect(res.body.errors.ticket_ids[0]).toContain('999998');
    res = await bulk({ ticket_ids: [a.id, b.id, 999997], action: 'add_tags', parameters: { tags: ['x'] } });
    expectError(res, 422, ['ticket_ids']);
    expectError(await bulk({ ticket_ids: [a.id, b.id], action: 'status_update', parameters: { status: 'resolved' } }), 422, ['parameters.resolution_notes']);
    expectError(await bulk({ ticket_ids: [a.id, b.id], action: 'status_update', parameters: { status: 'done' } }), 422, ['parameters.status']);
    expectError(await bulk({ ticket_ids: [a.id, b.id], action: 'status_update' }), 422, ['parameters.status']);
    expectError(await bulk({ ticket_ids: [a.id, b.id], action: 'assign', parameters: { assigned_to: customer.id } }), 422, ['assigned_to']);
    expectError(await bulk({ ticket_ids: [a.id, b.id], action: 'add_tags', parameters: { tags: [] } }), 422, ['parameters.tags']);
    expectError(await bulk({ ticket_ids: [a.id], action: 'merge' }), 422, ['action']);
    expectError(await bulk({ ticket_ids: [], action: 'delete' }), 422, ['ticket_ids']);
    expect(await snapshot()).toEqual(before);
    // A closed ticket in the batch refuses an assignment for every ticket (409).
    await api('PUT', `/support-ticket/${b.id}`, { status: 3 });
    expectError(await bulk({ ticket_ids: [a.id, b.id], action: 'assign', parameters: { assigned_to: specialist.id } }), 409);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: a.id } })).assigneeId).toBeNull();
  });
});

describe('uuid routes', () => {
  it('replies with a status change and an attachment', async () => {
    const tk = await ticket();
    const file = await t.db.attachment.create({ data: { workspaceId: ws.id, uploaderId: ws.admin.id, filename: 'solution_guide.pdf', contentType: 'application/pdf', size: 245760, sha256: 'x', storagePath: 'x' } });
    const res = await api('POST', `/support-ticket/reply/${tk.uuid}`, { status: 1, description: 'We have reviewed your issue.', attachment: file.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      msg: 'Reply added successfully',
      status: 201,
      reply: {
        user: { id: ws.admin.id, name: 'admin acme' },
        description: 'We have reviewed your issue.',
        attachment: { id: file.id, name: 'solution_guide.pdf', size: 245760, url: expect.stringMatching(new RegExp(`/taskip/api/public-v1/ticket/${tk.id}/attachments/${file.id}/download$`)) },
        createAt: 'just now',
      },
    });
    expect(res.body.reply.date).toMatch(/^\d{2}-\w{3}-\d{4}$/);
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ status: 'in_progress', replyCount: 1, attachmentCount: 1 });
    expectError(await api('POST', `/support-ticket/reply/${tk.uuid}`, { status: 1 }), 422, ['description']);
    expectError(await api('POST', `/support-ticket/reply/${tk.uuid}`, { description: 'x', attachment: 999999 }), 422, ['attachment']);
    expectError(await api('POST', '/support-ticket/reply/abc123def456', { description: 'x' }), 404);
    expectError(await api('POST', `/support-ticket/reply/${crypto.randomUUID()}`, { description: 'x' }), 404);
    // Another workspace's key does not see the ticket by uuid either.
    const stranger = await t.workspace('stranger');
    expectError(await taskip(t, stranger.admin.token)('POST', `/support-ticket/reply/${tk.uuid}`, { description: 'x' }), 404);
    expectError(await taskip(t, stranger.admin.token)('POST', `/support-ticket/${tk.uuid}/note-store`, { note: 'x' }), 404);
  });

  it('updates priority and status by uuid', async () => {
    const tk = await ticket();
    let res = await api('POST', `/support-ticket/${tk.uuid}/priority`, { priority: 4 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 200, msg: expect.any(String), data: { uuid: tk.uuid, priority: 4 } });
    expectError(await api('POST', `/support-ticket/${tk.uuid}/priority`, { priority: 7 }), 422, ['priority']);
    res = await api('POST', `/support-ticket/status-update/${tk.uuid}`, { status: 3 });
    expect(res.body.data.status).toBe(3);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).closedAt).toBeInstanceOf(Date);
    expectError(await api('POST', `/support-ticket/${tk.uuid}/priority`, { priority: 0 }), 409);
    expectError(await api('POST', `/support-ticket/status-update/${tk.uuid}`, {}), 422, ['status']);
    res = await api('POST', `/support-ticket/status-update/${tk.uuid}`, { status: 0 });
    expect(res.body.data.status).toBe(0);
    expect((await api('POST', `/support-ticket/${tk.uuid}/priority`, { priority: 0 })).body.data.priority).toBe(0);
  });

  it('stores and deletes notes', async () => {
    const tk = await ticket();
    const res = await api('POST', `/support-ticket/${tk.uuid}/note-store`, { note: 'Customer is on the legacy plan' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ msg: 'Note added successfully', status: 201, note: { description: 'Customer is on the legacy plan', user: { id: ws.admin.id } } });
    expect(await t.db.message.findUniqueOrThrow({ where: { id: res.body.note.id } })).toMatchObject({ kind: 'note', ticketId: tk.id });
    expectError(await api('POST', `/support-ticket/${tk.uuid}/note-store`, {}), 422, ['note']);
    const reply = await api('POST', `/support-ticket/reply/${tk.uuid}`, { description: 'public' });
    // A reply is not a note.
    expectError(await api('DELETE', `/support-ticket/${tk.uuid}/note-delete/${reply.body.reply.id}`), 404);
    const del = await api('DELETE', `/support-ticket/${tk.uuid}/note-delete/${res.body.note.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ msg: 'Note deleted successfully', status: 200 });
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ noteCount: 0, replyCount: 1 });
    expectError(await api('DELETE', `/support-ticket/${tk.uuid}/note-delete/${res.body.note.id}`), 404);
  });
});

describe('ticket/{id} routes', () => {
  it('assigns with previous and new assignee names', async () => {
    const tk = await ticket({ assigned_to: ws.agent.id });
    const res = await api('POST', `/ticket/${tk.id}/assign`, { assigned_to: specialist.id, reason: 'Reassigning to specialist for email server issues', notify_assignee: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'Ticket assigned successfully',
      data: { ticket_id: tk.id, previous_assignee: 'agent acme', new_assignee: 'David Chen', assigned_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/), reason: 'Reassigning to specialist for email server issues' },
    });
    const ev = await t.db.ticketEvent.findFirst({ where: { ticketId: tk.id, action: 'assigned' }, orderBy: { id: 'desc' } });
    // Event logs name the assignee; the reason is kept beside it.
    expect(ev?.description).toBe('David Chen');
    expect(ev?.data).toMatchObject({ reason: 'Reassigning to specialist for email server issues' });
    expectError(await api('POST', `/ticket/${tk.id}/assign`, {}), 422, ['assigned_to']);
    expectError(await api('POST', `/ticket/${tk.id}/assign`, { assigned_to: customer.id }), 422, ['assigned_to']);
    expectError(await api('POST', '/ticket/999999/assign', { assigned_to: specialist.id }), 404);
    await api('POST', `/ticket/${tk.id}/status-update`, { status: 'closed' });
    expectError(await api('POST', `/ticket/${tk.id}/assign`, { assigned_to: ws.agent.id }), 409);
  });

  it('updates status, requiring resolution notes for resolved', async () => {
    const tk = await ticket({ status: 1 });
    const missing = await api('POST', `/ticket/${tk.id}/status-update`, { status: 'resolved' });
    expectError(missing, 422, ['resolution_notes']);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).status).toBe('in_progress');
    const res = await api('POST', `/ticket/${tk.id}/status-update`, { status: 'resolved', resolution_notes: 'Email notification system has been fixed.', notify_client: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      message: 'Ticket status updated successfully',
      data: { ticket_id: tk.id, old_status: 'in_progress', new_status: 'resolved', resolution_notes: 'Email notification system has been fixed.', actual_resolution_time: expect.stringMatching(/Z$/), updated_at: expect.stringMatching(/Z$/) },
    });
    const reopened = await api('POST', `/ticket/${tk.id}/status-update`, { status: 'pending' });
    expect(reopened.body.data).toMatchObject({ old_status: 'resolved', new_status: 'pending', actual_resolution_time: null });
    expectError(await api('POST', `/ticket/${tk.id}/status-update`, { status: 'done' }), 422, ['status']);
    expectError(await api('POST', '/ticket/999999/status-update', { status: 'open' }), 404);
  });

  it('adds replies by team members, clients and the system, public or private', async () => {
    const tk = await ticket();
    let res = await api('POST', `/ticket/${tk.id}/add-reply`, { message: 'The issue has been resolved.', author_type: 'team_member', is_private: false, notify_client: true });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      message: 'Reply added successfully',
      data: { reply_id: expect.any(Number), ticket_id: tk.id, message: 'The issue has been resolved.', author: 'admin acme', author_type: 'team_member', is_private: false, created_at: expect.stringMatching(/Z$/) },
    });
    res = await api('POST', `/ticket/${tk.id}/add-reply`, { message: 'Internal: check logs', is_private: true });
    expect(res.body.data).toMatchObject({ is_private: true, author_type: 'team_member' });
    expect((await t.db.message.findUniqueOrThrow({ where: { id: res.body.data.reply_id } })).kind).toBe('note');
    res = await api('POST', `/ticket/${tk.id}/add-reply`, { message: 'Still broken for me', author_type: 'client' });
    expect(res.body.data).toMatchObject({ author: 'John Smith', author_type: 'client', is_private: false });
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ replyCount: 2, noteCount: 1, unanswered: true });
    res = await api('POST', `/ticket/${tk.id}/add-reply`, { message: 'Auto-closed in 3 days', author_type: 'system' });
    expect(res.body.data).toMatchObject({ author: 'System', author_type: 'system' });
    expectError(await api('POST', `/ticket/${tk.id}/add-reply`, { author_type: 'client' }), 422, ['message']);
    expectError(await api('POST', `/ticket/${tk.id}/add-reply`, { message: 'x', author_type: 'robot' }), 422, ['author_type']);
    expectError(await api('POST', '/ticket/999999/add-reply', { message: 'x' }), 404);
  });
});
