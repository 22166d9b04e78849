import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { getTicket } from '../../src/domain/tickets/find.js';
import { expectError, taskip, type Taskip } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let other: WorkspaceFixture;
let api: Taskip;
let customer: { id: number; name: string; email: string };
let orgId: number;

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  other = await t.workspace('other');
  api = taskip(t, ws.admin.token);
  const u = await t.admin('POST', '/users', { email: 'emma@startup.com', name: 'Emma Davis', role: 'customer' }, 'acme');
  customer = u.body.user;
  await t.admin('POST', '/queues', { name: 'Technical Support' }, 'acme');
  orgId = (await t.admin('POST', '/organizations', { name: 'Acme Inc' }, 'acme')).body.organization.id;
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>) => api('POST', '/support-ticket', { subject: 'Email Notifications Not Working', priority: 3, ...body });

describe('auth and routing', () => {
  it('answers 401 in the error object without or with a bad X-Secret-Key', async () => {
    for (const key of [null, 'nope', `${ws.admin.token}x`]) {
      const res = await taskip(t, key)('GET', '/support-ticket');
      expectError(res, 401);
      expect(res.body.error).toBe('Unauthorized');
    }
  });

  it('answers unknown routes under the prefix with a 404 error object', async () => {
    expectError(await api('GET', '/nothing-here'), 404);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/taskip/api/public-v1/support-ticket', headers: { 'x-secret-key': ws.admin.token, 'content-type': 'application/json' }, payload: '{"subject":' });
    expectError({ status: res.statusCode, body: res.json() }, 400);
  });
});

describe('POST /support-ticket', () => {
  it('creates a ticket and answers {data, status: 201, msg}', async () => {
    const res = await create({ status: 0, description: 'Customer reports missing notifications.', created_by: ws.agent.id, user_id: customer.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 201,
      msg: 'SupportTicket stored successfully',
      data: {
        subject: 'Email Notifications Not Working',
        created_by: { id: ws.agent.id, name: 'agent acme' },
        user: { id: customer.id, name: 'Emma Davis', email: 'emma@startup.com' },
        priority: 3,
        status: 0,
        description: 'Customer reports missing notifications.',
        attachment: null,
        createAt: 'just now',
      },
    });
    const d = res.body.data;
    expect(d.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.date).toMatch(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/);
    expect(d.time).toMatch(/^(0[1-9]|1[0-2]):[0-5]\d(AM|PM)$/);
    const row = await t.db.ticket.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ status: 'open', priority: 'high', creatorId: ws.agent.id, requesterId: customer.id, workspaceId: ws.id });
  });

  it('defaults created_by to the key owner and accepts category, client_id and assigned_to', async () => {
    const res = await create({ category: 'technical support', client_id: orgId, assigned_to: ws.agent.id });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ created_by: { id: ws.admin.id }, category: 'Technical Support', client_id: orgId, client_name: 'Acme Inc', assigned_to: ws.agent.id, assigned_to_name: 'agent acme' });
  });

  it('validates with 422 and errors per field', async () => {
    const missing = await api('POST', '/support-ticket', { description: 'no subject' });
    expectError(missing, 422, ['subject', 'priority']);
    expect(missing.body).toMatchObject({ error: 'Validation Error', message: 'The given data was invalid' });
    expect(missing.body.errors.subject).toEqual(['The subject field is required.']);
    expectError(await create({ subject: 'x'.repeat(192) }), 422, ['subject']);
    expect((await create({ subject: 'x'.repeat(191) })).status).toBe(201);
    expectError(await create({ priority: 5 }), 422, ['priority']);
    expectError(await create({ status: -1 }), 422, ['status']);
    expectError(await create({ priority: 'high' }), 422, ['priority']);
  });

  it('requires created_by, user_id, attachment, category, client and assignee to exist in the workspace', async () => {
    expectError(await create({ created_by: other.admin.id }), 422, ['created_by']);
    expectError(await create({ user_id: other.agent.id }), 422, ['user_id']);
    expectError(await create({ user_id: 999999 }), 422, ['user_id']);
    expectError(await create({ attachment: 999999 }), 422, ['attachment']);
    expectError(await create({ category: 'Nope' }), 422, ['category']);
    expectError(await create({ client_id: 999999 }), 422, ['client_id']);
    expectError(await create({ assigned_to: customer.id }), 422, ['assigned_to']);
    const before = await t.db.ticket.count({ where: { workspaceId: ws.id, subject: 'nothing written' } });
    await create({ subject: 'nothing written', user_id: 999999 });
    expect(await t.db.ticket.count({ where: { workspaceId: ws.id, subject: 'nothing written' } })).toBe(before);
  });
});

describe('GET /support-ticket', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    const mk = async (subject: string, body: Record<string, unknown>, createdAt: string) => {
      const r = await create({ subject, ...body });
      await t.db.ticket.update({ where: { id: r.body.data.id }, data: { createdAt: new Date(createdAt), updatedAt: new Date(createdAt) } });
      return r.body.data.id as number;
    };
    const fx = await t.workspace('lists');
    api = taskip(t, fx.admin.token);
    const q = (await t.admin('POST', '/queues', { name: 'Billing' }, 'lists')).body.queue.id;
    const org = (await t.admin('POST', '/organizations', { name: 'Globex' }, 'lists')).body.organization.id;
    ids = {
      a: await mk('Alpha login bug', { priority: 0, status: 0, category: 'Billing' }, '2024-01-10T08:00:00Z'),
      b: await mk('Beta export', { priority: 4, status: 1, assigned_to: fx.agent.id }, '2024-01-15T09:30:00Z'),
      c: await mk('Gamma invoice', { priority: 2, status: 2, client_id: org }, '2024-01-20T10:00:00Z'),
      d: await mk('Delta closed', { priority: 3, status: 3, description: 'the login page' }, '2024-02-01T00:00:00Z'),
      e: await mk('Epsilon waiting', { priority: 1, status: 4 }, '2024-02-05T12:00:00Z'),
    };
    void q;
  });
  afterAll(() => {
    api = taskip(t, ws.admin.token);
  });
  const list = async (qs: string) => {
    const res = await api('GET', `/support-ticket${qs}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe(200);
    return res.body.data.map((d: { id: number }) => d.id);
  };

  it('lists newest first with {data, status} and a total header', async () => {
    const res = await api('GET', '/support-ticket');
    expect(Object.keys(res.body).sort()).toEqual(['data', 'status']);
    expect(res.headers['x-total-count']).toBe('5');
    expect(res.body.data.map((d: { id: number }) => d.id)).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
    expect(res.body.data[1]).toMatchObject({ date: '01-Feb-2024', time: '12:00AM' });
    expect(res.body.data[3]).toMatchObject({ date: '15-Jan-2024', time: '09:30AM' });
    expect(res.body.data[0].createAt).toMatch(/ ago$/);
  });

  it('pages, sorts and orders', async () => {
    expect(await list('?page=2&limit=2')).toEqual([ids.c, ids.b]);
    expect(await list('?sort=priority&order=asc')).toEqual([ids.a, ids.e, ids.c, ids.d, ids.b]);
    // By TaskIP's status integers (0 open .. 4 pending), not the canonical order (pending before resolved).
    expect(await list('?sort=status&order=asc')).toEqual([ids.a, ids.b, ids.c, ids.d, ids.e]);
    expect(await list('?sort=status&order=desc')).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
    expect(await list('?sort=created_at&order=asc&limit=1')).toEqual([ids.a]);
    expectError(await api('GET', '/support-ticket?sort=title'), 422, ['sort']);
    expectError(await api('GET', '/support-ticket?limit=0'), 422, ['limit']);
  });

  it('filters by status, priority, assignee, client, category, search and dates', async () => {
    expect(await list('?status=open')).toEqual([ids.a]);
    expect(await list('?status=in_progress')).toEqual([ids.b]);
    expect(await list('?status=resolved')).toEqual([ids.c]);
    expect(await list('?status=closed')).toEqual([ids.d]);
    expect(await list('?status=pending')).toEqual([ids.e]);
    expect(await list('?status=4')).toEqual([ids.e]);
    expect(await list('?priority=urgent')).toEqual([ids.b]);
    expect(await list('?priority=low')).toEqual([ids.a]);
    const b = await api('GET', `/support-ticket/${ids.b}`);
    expect(await list(`?assigned_to=${b.body.assigned_to}`)).toEqual([ids.b]);
    const c = await api('GET', `/support-ticket/${ids.c}`);
    expect(await list(`?client_id=${c.body.client_id}`)).toEqual([ids.c]);
    expect(await list('?category=Billing')).toEqual([ids.a]);
    expect(await list('?category=Unknown')).toEqual([]);
    expect(await list('?search=login')).toEqual([ids.d, ids.a]);
    expect(await list('?date_from=2024-01-15&date_to=2024-01-20')).toEqual([ids.c, ids.b]);
    expect(await list('?date_from=2024-02-01')).toEqual([ids.e, ids.d]);
    expectError(await api('GET', '/support-ticket?status=done'), 422, ['status']);
    expectError(await api('GET', '/support-ticket?date_from=15-01-2024'), 422, ['date_from']);
    expectError(await api('GET', '/support-ticket?date_to=2024-02-30'), 422, ['date_to']);
  });
});

describe('GET|PUT|DELETE /support-ticket/{id}', () => {
  it('reads one ticket as the bare ticket object', async () => {
    const { body } = await create({ user_id: customer.id });
    const res = await api('GET', `/support-ticket/${body.data.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body.data);
  });

  it('answers 404 for unknown, malformed and other workspaces’ ids', async () => {
    const { body } = await create({});
    expectError(await api('GET', '/support-ticket/999999'), 404);
    expectError(await api('GET', '/support-ticket/abc'), 404);
    for (const m of ['GET', 'PUT', 'DELETE'] as const) expectError(await taskip(t, other.admin.token)(m, `/support-ticket/${body.data.id}`, m === 'PUT' ? { priority: 1 } : undefined), 404);
  });

  it('updates only the fields given and answers {data, status, msg}', async () => {
    const { body } = await create({ description: 'keep me', user_id: customer.id });
    const res = await api('PUT', `/support-ticket/${body.data.id}`, { subject: 'Email Notifications Not Working - URGENT', priority: 4, status: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 201,
      msg: 'SupportTicket stored successfully',
      data: { id: body.data.id, subject: 'Email Notifications Not Working - URGENT', priority: 4, status: 1, description: 'keep me', user: { id: customer.id } },
    });
    expectError(await api('PUT', `/support-ticket/${body.data.id}`, { subject: '' }), 422, ['subject']);
    expectError(await api('PUT', `/support-ticket/${body.data.id}`, { created_by: 999999 }), 422, ['created_by']);
    const moved = await api('PUT', `/support-ticket/${body.data.id}`, { created_by: ws.agent.id, category: 'Technical Support' });
    expect(moved.body.data).toMatchObject({ created_by: { id: ws.agent.id }, category: 'Technical Support', subject: 'Email Notifications Not Working - URGENT' });
  });

  it('answers 409 when a closed ticket’s subject, description, priority or assignee changes; reopening first works', async () => {
    const { body } = await create({ status: 3 });
    const id = body.data.id;
    for (const change of [{ subject: 'New' }, { description: 'New' }, { priority: 0 }, { assigned_to: ws.agent.id }]) {
      const res = await api('PUT', `/support-ticket/${id}`, change);
      expectError(res, 409);
      expect(res.body.error).toBe('Conflict');
    }
    expect((await api('PUT', `/support-ticket/${id}`, { subject: 'Email Notifications Not Working' })).status).toBe(200);
    const reopened = await api('PUT', `/support-ticket/${id}`, { status: 0 });
    expect(reopened.body.data.status).toBe(0);
    expect((await api('PUT', `/support-ticket/${id}`, { subject: 'New', priority: 0 })).body.data).toMatchObject({ subject: 'New', priority: 0 });
  });

  it('deletes the ticket with its replies, notes, attachments and events', async () => {
    const { body } = await create({});
    const id = body.data.id;
    await api('POST', `/support-ticket/reply/${body.data.uuid}`, { description: 'a reply' });
    await api('POST', `/support-ticket/${body.data.uuid}/note-store`, { note: 'a note' });
    await t.db.attachment.create({ data: { workspaceId: ws.id, ticketId: id, filename: 'x.txt', contentType: 'text/plain', size: 1, sha256: 'x', storagePath: 'x' } });
    expect(await t.db.message.count({ where: { ticketId: id } })).toBe(2);
    const res = await api('DELETE', `/support-ticket/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msg: 'SupportTicket deleted successfully', status: 200 });
    expect(await t.db.ticket.count({ where: { id } })).toBe(0);
    expect(await t.db.message.count({ where: { ticketId: id } })).toBe(0);
    expect(await t.db.attachment.count({ where: { ticketId: id } })).toBe(0);
    expect(await t.db.ticketEvent.count({ where: { ticketId: id } })).toBe(0);
    expectError(await api('DELETE', `/support-ticket/${id}`), 404);
  });
});

describe('status and priority mapping through the canonical values', () => {
  it('writes each TaskIP int as one canonical value', async () => {
    const statuses = ['open', 'in_progress', 'resolved', 'closed', 'pending'];
    const priorities = ['low', 'normal', 'medium', 'high', 'urgent'];
    for (let n = 0; n <= 4; n++) {
      const { body } = await create({ status: n, priority: n });
      const row = await t.db.ticket.findUniqueOrThrow({ where: { id: body.data.id } });
      expect([row.status, row.priority]).toEqual([statuses[n], priorities[n]]);
      expect([body.data.status, body.data.priority]).toEqual([n, n]);
    }
  });

  it('reads every canonical status and priority as the catalog says', async () => {
    const { body } = await create({});
    const id = body.data.id;
    const expected: Record<string, number> = { new: 0, open: 0, in_progress: 1, pending: 4, on_hold: 4, answered: 1, customer_replied: 0, resolved: 2, closed: 3 };
    for (const [status, n] of Object.entries(expected)) {
      await t.db.ticket.update({ where: { id }, data: { status: status as never } });
      expect((await api('GET', `/support-ticket/${id}`)).body.status, status).toBe(n);
    }
    const prio: Record<string, number> = { low: 0, normal: 1, medium: 2, high: 3, urgent: 4 };
    for (const [priority, n] of Object.entries(prio)) {
      await t.db.ticket.update({ where: { id }, data: { priority: priority as never } });
      expect((await api('GET', `/support-ticket/${id}`)).body.priority).toBe(n);
    }
  });
});

describe('tickets shared with other dialects (through the domain)', () => {
  it('reads a ticket created elsewhere, and elsewhere reads one created here', async () => {
    const ctx = { db: t.db, workspaceId: ws.id, actor: { userId: ws.agent.id, name: 'agent acme', role: 'agent' as const } };
    const made = await createTicket(ctx, { subject: 'From Slack', descriptionText: 'via another dialect', status: 'answered', priority: 'urgent', requesterId: customer.id, source: 'slack' });
    const res = await api('GET', `/support-ticket/${made.id}`);
    expect(res.body).toMatchObject({ id: made.id, uuid: made.uuid, subject: 'From Slack', status: 1, priority: 4, user: { id: customer.id }, created_by: { id: ws.agent.id } });
    const listed = await api('GET', '/support-ticket?status=in_progress&priority=urgent');
    expect(listed.body.data.map((d: { id: number }) => d.id)).toContain(made.id);

    const here = await create({ status: 4, priority: 2, description: 'made in taskip' });
    const seen = await getTicket(ctx, { uuid: here.body.data.uuid });
    expect(seen).toMatchObject({ id: here.body.data.id, status: 'pending', priority: 'medium', descriptionText: 'made in taskip', source: 'api' });
  });
});
