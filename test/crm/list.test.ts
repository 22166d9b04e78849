// CRM GET /api/tickets: every filter and sort, pages and meta, archive/restore visibility,
// and the tag setter (full replace, clear) in both encodings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { crmFixture, newTicket, type CrmFixture, type FormValue } from './client.js';

let t: TestApp;
let f: CrmFixture;
/** Tickets a..e, created in this order. */
let a: any, b: any, c: any, d: any, e: any;

const ids = async (query: Record<string, FormValue> = {}) => {
  const res = await f.api.get('/api/tickets', query);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as { id: number }[]).map((x) => x.id);
};

beforeAll(async () => {
  t = await startApp();
  f = await crmFixture(t, 'lists');
  a = await f.api.ticket(newTicket(f, { ticket_subject: 'Printer jammed', ticket_priority: 'normal' }));
  b = await f.api.ticket(newTicket(f, { ticket_subject: 'VPN down', ticket_priority: 'urgent', ticket_projectid: f.projectId }));
  c = await f.api.ticket(newTicket(f, { ticket_subject: 'Invoice copy', ticket_message: 'Need a PDF of the invoice', ticket_priority: 'high', ticket_categoryid: f.otherDepartmentId }));
  d = await f.api.ticket(newTicket(f, { ticket_subject: 'New laptop', ticket_clientid: f.otherClientId, ticket_projectid: f.otherProjectId }));
  e = await f.api.ticket(newTicket(f, { ticket_subject: 'Password reset', ticket_priority: 'normal' }));
  await f.api.form('PUT', `/api/tickets/${b.id}/status`, { status: 2 });
  await f.api.form('PUT', `/api/tickets/${c.id}/status`, { status: 3 });
  await f.api.form('PUT', `/api/tickets/${d.id}/status`, { status: 4 });
  await f.api.form('PUT', `/api/tickets/${e.id}/status`, { status: 5 });
  await f.api.form('PUT', `/api/tickets/${a.id}/tags`, { 'tags[]': ['billing', 'printer'] });
  await f.api.form('PUT', `/api/tickets/${c.id}/tags`, { 'tags[]': 'billing' });
  await f.api.form('PUT', `/api/tickets/${d.id}/tags`, { tags: 'hardware' });
});
afterAll(() => t.close());

describe('crm GET /api/tickets filters', () => {
  it('lists active tickets newest first with meta', async () => {
    const res = await f.api.get('/api/tickets');
    expect(res.statusCode).toBe(200);
    expect(res.json().meta).toEqual({ current_page: 1, per_page: 20, total: 5, last_page: 1 });
    expect(res.json().data.map((x: { id: number }) => x.id)).toEqual([e.id, d.id, c.id, b.id, a.id]);
  });

  it('filters by status id', async () => {
    expect(await ids({ status: 1 })).toEqual([a.id]);
    expect(await ids({ status: 2 })).toEqual([b.id]);
    expect(await ids({ status: 3 })).toEqual([c.id]);
    expect(await ids({ status: 4 })).toEqual([d.id]);
    expect(await ids({ status: 5 })).toEqual([e.id]);
    expect(await ids({ status: '1,2' })).toEqual([b.id, a.id]);
  });

  it('filters by priority, department, client and project', async () => {
    expect(await ids({ priority: 'normal' })).toEqual([e.id, a.id]);
    expect(await ids({ priority: 'urgent' })).toEqual([b.id]);
    expect(await ids({ priority: 'high' })).toEqual([d.id, c.id]);
    expect(await ids({ category_id: f.otherDepartmentId })).toEqual([c.id]);
    expect(await ids({ client_id: f.otherClientId })).toEqual([d.id]);
    expect(await ids({ project_id: f.projectId })).toEqual([b.id]);
    expect(await ids({ client_id: f.clientId, priority: 'normal', status: 1 })).toEqual([a.id]);
  });

  it('searches subject, message, tags and ids', async () => {
    expect(await ids({ search: 'vpn' })).toEqual([b.id]);
    expect(await ids({ search: 'pdf of the' })).toEqual([c.id]);
    expect(await ids({ search: 'hardware' })).toEqual([d.id]);
    expect(await ids({ search: String(e.id) })).toContain(e.id);
    expect(await ids({ search: 'nothing like this' })).toEqual([]);
  });

  it('filters by tags[] (any of them) and tags', async () => {
    expect(await ids({ 'tags[]': 'billing' })).toEqual([c.id, a.id]);
    expect(await ids({ 'tags[]': ['printer', 'hardware'] })).toEqual([d.id, a.id]);
    expect(await ids({ tags: 'Hardware' })).toEqual([d.id]);
    expect(await ids({ 'tags[]': 'unknown' })).toEqual([]);
  });

  it('answers 422 for invalid filter values', async () => {
    for (const query of <Record<string, FormValue>[]>[{ status: 9 }, { priority: 'low' }, { sort: 'subject' }, { order: 'up' }, { limit: 'ten' }, { page: 0 }, { active_state: 'gone' }, { client_id: 'x' }]) {
      const res = await f.api.get('/api/tickets', query);
      expect(res.statusCode, JSON.stringify(query)).toBe(422);
      expect(Object.keys(res.json().errors)).toEqual(Object.keys(query));
    }
  });
});

describe('crm GET /api/tickets sorting and pages', () => {
  it('sorts by ticket_created both ways', async () => {
    expect(await ids({ sort: 'ticket_created', order: 'asc' })).toEqual([a.id, b.id, c.id, d.id, e.id]);
    expect(await ids({ sort: 'ticket_created', order: 'desc' })).toEqual([e.id, d.id, c.id, b.id, a.id]);
  });

  it('sorts by ticket_priority and ticket_status', async () => {
    const prio = await ids({ sort: 'ticket_priority', order: 'desc' });
    expect(prio.slice(0, 3)).toEqual([b.id, d.id, c.id]);
    expect(await ids({ sort: 'ticket_priority', order: 'asc' })).toEqual([a.id, e.id, c.id, d.id, b.id]);
    // By the CRM status id: a 1 Open, b 2 Closed, c 3 On Hold, d 4 Answered, e 5 Customer Replied.
    expect(await ids({ sort: 'ticket_status', order: 'asc' })).toEqual([a.id, b.id, c.id, d.id, e.id]);
    expect(await ids({ sort: 'ticket_status' })).toEqual([e.id, d.id, c.id, b.id, a.id]);
  });

  it('sorts by ticket_last_updated', async () => {
    await f.api.form('POST', `/api/tickets/${c.id}/replies`, { ticketreply_text: 'bump' });
    expect((await ids({ sort: 'ticket_last_updated' }))[0]).toBe(c.id);
    await f.api.form('PUT', `/api/tickets/${a.id}/status`, { status: 1 }); // unchanged status: not an update
    await f.api.json('PATCH', `/api/tickets/${a.id}`, { ticket_categoryid: f.departmentId, ticket_subject: 'Printer jammed again', ticket_message: 'x', ticket_priority: 'normal' });
    const order = await ids({ sort: 'ticket_last_updated', order: 'desc' });
    expect(order.slice(0, 2)).toEqual([a.id, c.id]);
    expect((await ids({ sort: 'ticket_last_updated', order: 'asc' })).slice(-2)).toEqual([c.id, a.id]);
  });

  it('pages with limit and page', async () => {
    const p1 = (await f.api.get('/api/tickets', { limit: 2, page: 1, sort: 'ticket_created', order: 'asc' })).json();
    expect(p1.meta).toEqual({ current_page: 1, per_page: 2, total: 5, last_page: 3 });
    expect(p1.data.map((x: { id: number }) => x.id)).toEqual([a.id, b.id]);
    const p3 = (await f.api.get('/api/tickets', { limit: 2, page: 3, sort: 'ticket_created', order: 'asc' })).json();
    expect(p3.data.map((x: { id: number }) => x.id)).toEqual([e.id]);
    const beyond = (await f.api.get('/api/tickets', { limit: 2, page: 9 })).json();
    expect(beyond).toEqual({ data: [], meta: { current_page: 9, per_page: 2, total: 5, last_page: 3 } });
    expect((await f.api.get('/api/tickets', { limit: 500 })).json().meta.per_page).toBe(100);
  });

  it('lists only the caller workspace', async () => {
    const other = await crmFixture(t, 'lists-other');
    await other.api.ticket(newTicket(other));
    expect((await other.api.get('/api/tickets')).json().meta.total).toBe(1);
    expect((await f.api.get('/api/tickets')).json().meta.total).toBe(5);
  });
});

describe('crm archive and restore', () => {
  it('hides archived tickets from the default list and shows them with active_state', async () => {
    const x = await f.api.ticket(newTicket(f, { ticket_subject: 'To archive' }));
    const archived = await f.api.form('PUT', `/api/tickets/${x.id}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json().data.active_state).toBe('archived');
    expect(await ids()).not.toContain(x.id);
    expect(await ids({ active_state: 'active' })).not.toContain(x.id);
    expect(await ids({ active_state: 'archived' })).toEqual([x.id]);
    expect(await ids({ active_state: 'all', limit: 100 })).toContain(x.id);
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.active_state).toBe('archived');
    const restored = await f.api.json('PUT', `/api/tickets/${x.id}/restore`, {});
    expect(restored.statusCode).toBe(200);
    expect(restored.json().data.active_state).toBe('active');
    expect(await ids()).toContain(x.id);
    expect(await ids({ active_state: 'archived' })).toEqual([]);
    expect((await f.api.form('PUT', '/api/tickets/999999/archive')).statusCode).toBe(404);
    expect((await f.api.form('PUT', '/api/tickets/999999/restore')).statusCode).toBe(404);
    await f.api.form('DELETE', `/api/tickets/${x.id}`);
  });
});

describe('crm PUT /api/tickets/{id}/tags', () => {
  it('replaces the full set (form tags[], JSON array, comma string) and clears on empty', async () => {
    const x = await f.api.ticket(newTicket(f));
    const put = (send: () => Promise<{ statusCode: number; json(): any }>) => send().then((r) => (expect(r.statusCode).toBe(200), r.json().data.tags));
    // Tags set together have no order among themselves; duplicates (any case) collapse.
    expect((await put(() => f.api.form('PUT', `/api/tickets/${x.id}/tags`, { 'tags[]': ['vip', 'billing', 'VIP'] }))).sort()).toEqual(['billing', 'vip']);
    expect(await put(() => f.api.json('PUT', `/api/tickets/${x.id}/tags`, { tags: ['billing', 'urgent-fix'] }))).toEqual(['billing', 'urgent-fix']);
    expect(await put(() => f.api.form('PUT', `/api/tickets/${x.id}/tags`, { tags: 'one, two' }))).toEqual(['one', 'two']);
    expect(await put(() => f.api.json('PUT', `/api/tickets/${x.id}/tags`, { tags: [] }))).toEqual([]);
    await put(() => f.api.form('PUT', `/api/tickets/${x.id}/tags`, { 'tags[]': 'again' }));
    expect(await put(() => f.api.form('PUT', `/api/tickets/${x.id}/tags`, { tags: '' }))).toEqual([]);
    await put(() => f.api.form('PUT', `/api/tickets/${x.id}/tags`, { 'tags[]': 'again' }));
    expect(await put(() => f.api.form('PUT', `/api/tickets/${x.id}/tags`))).toEqual([]);
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.tags).toEqual([]);
    await f.api.form('DELETE', `/api/tickets/${x.id}`);
  });

  it('answers 422 for an oversized tag and 404 for a missing ticket', async () => {
    const bad = await f.api.json('PUT', `/api/tickets/${a.id}/tags`, { tags: ['x'.repeat(101)] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toHaveProperty('tags');
    expect((await f.api.json('PUT', '/api/tickets/999999/tags', { tags: ['a'] })).statusCode).toBe(404);
  });
});
