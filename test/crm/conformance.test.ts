// What real CRM API clients send: curl -d / PHP forms with string values and bracket keys,
// JSON from JS fetch with numbers as strings, URLs joined with a trailing slash, odd ids,
// wildcard characters in searches, and bodies of a type the API does not take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { crmFixture, newTicket, type CrmFixture } from './client.js';

let t: TestApp;
let f: CrmFixture;

beforeAll(async () => {
  t = await startApp();
  f = await crmFixture(t, 'acme');
});
afterAll(() => t.close());

describe('bodies', () => {
  it('JSON with ids as strings (fetch with form values) creates like numbers', async () => {
    const res = await f.api.json('POST', '/api/tickets', { ...newTicket(f), ticket_clientid: String(f.clientId), ticket_categoryid: ` ${f.departmentId} `, ticket_projectid: String(f.projectId) });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ client: { id: f.clientId }, department: { id: f.departmentId }, project_id: f.projectId });
  });
  it('form custom_fields[key][]=a (PHP http_build_query) reaches the field as a list', async () => {
    await t.admin('POST', '/custom-fields', { name: 'Areas', key: 'areas', type: 'multiselect', options: ['Login', 'Billing'] }, 'acme');
    const res = await f.api.form('POST', '/api/tickets', { ...newTicket(f), 'custom_fields[areas][]': ['Login', 'Billing'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.custom_fields.areas).toEqual(['Login', 'Billing']);
  });
  it('text/plain is 415 in the {message} envelope', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/crm/api/tickets', headers: { authorization: `Bearer ${f.ws.agent.token}`, 'content-type': 'text/plain' }, payload: 'ticket_subject=x' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });
});

describe('paths', () => {
  let id: number;
  beforeAll(async () => {
    id = (await f.api.ticket(newTicket(f))).id;
  });
  it('trailing slashes are ignored', async () => {
    expect((await f.api.get('/api/tickets/')).statusCode).toBe(200);
    expect((await f.api.get(`/api/tickets/${id}/`)).json().data.id).toBe(id);
    expect((await f.api.get(`/api/tickets/${id}/replies/`)).statusCode).toBe(200);
  });
  it('0x.., 1e1, +n, " n" and digits beyond the id range are 404', async () => {
    for (const bad of [`0x${id.toString(16)}`, `${id}e0`, `%2B${id}`, `%20${id}`, '99999999999', '2147483648']) {
      const res = await f.api.get(`/api/tickets/${bad}`);
      expect(res.statusCode, bad).toBe(404);
      expect(res.json()).toHaveProperty('message');
    }
    expect((await f.api.form('DELETE', `/api/tickets/${id}/replies/99999999999`)).statusCode).toBe(404);
  });
});

describe('search', () => {
  it('% and _ are literal', async () => {
    await f.api.ticket(newTicket(f, { ticket_subject: '20% discount broken' }));
    await f.api.ticket(newTicket(f, { ticket_subject: 'user_name missing' }));
    const subjects = async (q: string) => (await f.api.get('/api/tickets', { search: q })).json().data.map((x: { subject: string }) => x.subject);
    expect(await subjects('%')).toEqual(['20% discount broken']);
    expect(await subjects('_')).toEqual(['user_name missing']);
  });
});

describe("the seed's project rule", () => {
  it('a project of another client is refused', async () => {
    const res = await f.api.form('POST', '/api/tickets', newTicket(f, { ticket_projectid: f.otherProjectId }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveProperty('ticket_projectid');
  });
  it('a ticket without a client (created elsewhere) cannot be put in a project', async () => {
    const tk = await createTicket({ db: t.db, workspaceId: f.ws.id, actor: { userId: f.ws.agent.id, name: 'agent', role: 'agent' } }, { subject: 'No client', descriptionText: 'from another dialect', source: 'api' });
    const { ticket_clientid: _none, ...edit } = newTicket(f, { ticket_projectid: f.projectId });
    const res = await f.api.form('PATCH', `/api/tickets/${tk.id}`, edit);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveProperty('ticket_projectid');
    expect((await f.api.get(`/api/tickets/${tk.id}`)).json().data.project_id).toBeNull();
  });
});

describe('sort=ticket_status: by the CRM status id, then the ticket id, stable across pages', () => {
  // Canonical statuses as the CRM shows them: new/open/in_progress 1, resolved/closed 2,
  // pending/on_hold 3, answered 4, customer_replied 5 (DIALECTS.md). Created in an order where
  // the canonical order and the CRM id order disagree.
  const created = ['in_progress', 'closed', 'new', 'on_hold', 'resolved', 'open', 'customer_replied', 'pending', 'answered', 'new'] as const;
  const CRM_ID = { new: 1, open: 1, in_progress: 1, resolved: 2, closed: 2, pending: 3, on_hold: 3, answered: 4, customer_replied: 5 } as const;
  let s: CrmFixture;
  let tickets: { id: number; crmId: number }[];
  beforeAll(async () => {
    s = await crmFixture(t, 'sorting');
    const ctx = { db: t.db, workspaceId: s.ws.id, actor: { userId: s.ws.agent.id, name: 'agent', role: 'agent' as const } };
    tickets = [];
    for (const [i, status] of created.entries()) {
      const tk = await createTicket(ctx, { subject: `sorted ${i}`, descriptionText: status, source: 'api', status });
      tickets.push({ id: tk.id, crmId: CRM_ID[status] });
    }
  });
  const expected = (order: 'asc' | 'desc') => {
    const sign = order === 'asc' ? 1 : -1;
    return [...tickets].sort((a, b) => sign * (a.crmId - b.crmId || a.id - b.id)).map((x) => x.id);
  };
  const page = async (query: Record<string, string | number>) => {
    const res = await s.api.get('/api/tickets', { sort: 'ticket_status', ...query });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('ascending: status ids 1..5, ids ascending within one id', async () => {
    const body = await page({ order: 'asc' });
    expect(body.data.map((x: { id: number }) => x.id)).toEqual(expected('asc'));
    expect(body.data.map((x: { status: { id: number } }) => x.status.id)).toEqual([1, 1, 1, 1, 2, 2, 3, 3, 4, 5]);
  });
  it('descending (the default order): status ids 5..1, ids descending within one id', async () => {
    expect((await page({})).data.map((x: { id: number }) => x.id)).toEqual(expected('desc'));
    expect((await page({ order: 'desc' })).data.map((x: { id: number }) => x.id)).toEqual(expected('desc'));
  });
  it('pages of any size concatenate to the whole order, no ticket twice or missing', async () => {
    for (const order of ['asc', 'desc'] as const) {
      for (const limit of [1, 3, 4]) {
        const seen: number[] = [];
        for (let p = 1; p <= Math.ceil(tickets.length / limit); p++) {
          const body = await page({ order, limit, page: p });
          expect(body.meta).toMatchObject({ current_page: p, per_page: limit, total: tickets.length });
          seen.push(...body.data.map((x: { id: number }) => x.id));
        }
        expect(seen, `${order} limit=${limit}`).toEqual(expected(order));
        expect((await page({ order, limit, page: Math.ceil(tickets.length / limit) + 1 })).data).toEqual([]);
      }
    }
  });
  it('keeps the order under a filter', async () => {
    const body = await page({ order: 'asc', status: '3,1' });
    expect(body.data.map((x: { id: number }) => x.id)).toEqual(expected('asc').filter((id) => [1, 3].includes(tickets.find((x) => x.id === id)!.crmId)));
    expect((await page({ order: 'asc', search: 'sorted 1' })).data.map((x: { id: number }) => x.id)).toEqual([tickets[1].id]);
  });
});
