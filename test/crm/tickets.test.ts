// CRM Tickets API: auth, create/read/update/delete in both body encodings, every 422 of the
// seed, custom fields, and tickets shared with the domain (what every other dialect reads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { getTicket } from '../../src/domain/tickets/find.js';
import { crm, crmFixture, newTicket, type CrmFixture } from './client.js';

let t: TestApp;
let f: CrmFixture;
beforeAll(async () => {
  t = await startApp();
  f = await crmFixture(t, 'acme');
});
afterAll(() => t.close());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('crm auth and routing', () => {
  it('answers 401 without a key, with a bad key or another scheme', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: `Token ${f.ws.agent.token}` }]) {
      const res = await t.app.inject({ url: '/crm/api/tickets', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ message: 'Unauthenticated.' });
    }
  });

  it('answers unknown routes and malformed JSON in its envelope', async () => {
    const res = await f.api.get('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/could not be found/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/crm/api/tickets',
      headers: { authorization: `Bearer ${f.ws.agent.token}`, 'content-type': 'application/json' },
      payload: '{"ticket_subject":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ message: 'Malformed JSON in request body' });
  });
});

describe('crm POST /api/tickets', () => {
  it('creates a ticket from a form-encoded body (201, the seed ticket object)', async () => {
    const res = await f.api.form('POST', '/api/tickets', newTicket(f, { ticket_projectid: f.projectId }));
    expect(res.statusCode).toBe(201);
    const ticket = res.json().data;
    expect(ticket).toEqual({
      id: expect.any(Number),
      subject: 'Cannot log in',
      message: 'I get an error on the login page.',
      status: { id: 1, title: 'Open' },
      priority: 'high',
      source: 'web',
      active_state: 'active',
      department: { id: f.departmentId, name: 'Sales' },
      client: { id: f.clientId, name: 'Acme Inc' },
      project_id: f.projectId,
      creator_id: f.ws.agent.id,
      dates: { created: expect.stringMatching(ISO), last_updated: expect.stringMatching(ISO), status_changed: null },
      replies_count: 0,
      tags: [],
      custom_fields: {},
    });
  });

  it('creates a ticket from a JSON body with numbers and strings alike', async () => {
    const res = await f.api.json('POST', '/api/tickets', {
      ticket_clientid: f.otherClientId,
      ticket_categoryid: String(f.otherDepartmentId),
      ticket_projectid: null,
      ticket_subject: '  Invoice is wrong  ',
      ticket_message: 'Please check invoice 12.',
      ticket_priority: 'urgent',
    });
    expect(res.statusCode).toBe(201);
    const ticket = res.json().data;
    expect(ticket).toMatchObject({ subject: 'Invoice is wrong', priority: 'urgent', client: { id: f.otherClientId }, department: { name: 'Support' }, project_id: null });
  });

  it('answers 422 with every missing field', async () => {
    for (const send of [() => f.api.form('POST', '/api/tickets', { ticket_subject: '' }), () => f.api.json('POST', '/api/tickets', {}), () => f.api.form('POST', '/api/tickets')]) {
      const res = await send();
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(Object.keys(body.errors).sort()).toEqual(['ticket_categoryid', 'ticket_clientid', 'ticket_message', 'ticket_priority', 'ticket_subject']);
      expect(body.errors.ticket_subject).toEqual(['The ticket subject field is required.']);
      expect(body.errors.ticket_clientid).toEqual(['The ticket clientid field is required.']);
      expect(body.message).toBe(`${Object.values(body.errors as Record<string, string[]>)[0][0]} (and 4 more errors)`);
    }
  });

  it.each([
    ['a non-ticket department', () => ({ ticket_categoryid: f.projectDepartmentId }), 'ticket_categoryid', /not a ticket department/],
    ['a missing department', () => ({ ticket_categoryid: 999999 }), 'ticket_categoryid', /does not exist/],
    ['a missing client', () => ({ ticket_clientid: 999999 }), 'ticket_clientid', /does not exist/],
    ['a project of another client', () => ({ ticket_projectid: f.otherProjectId }), 'ticket_projectid', /does not belong to the client/],
    ['a missing project', () => ({ ticket_projectid: 999999 }), 'ticket_projectid', /does not exist/],
    ['an invalid priority', () => ({ ticket_priority: 'low' }), 'ticket_priority', /The selected ticket priority is invalid/],
    ['a non-numeric client', () => ({ ticket_clientid: 'acme' }), 'ticket_clientid', /must be an integer/],
    ['a subject over 191 characters', () => ({ ticket_subject: 'x'.repeat(192) }), 'ticket_subject', /191/],
  ])('answers 422 for %s', async (_name, extra, field, message) => {
    const before = await t.db.ticket.count();
    const res = await f.api.form('POST', '/api/tickets', newTicket(f, extra()));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(body.errors[field][0]).toMatch(message);
    expect(body.message).toBe(body.errors[field][0]);
    expect(await t.db.ticket.count()).toBe(before);
  });

  it('reports a bad department and a bad project together', async () => {
    const res = await f.api.json('POST', '/api/tickets', newTicket(f, { ticket_categoryid: f.projectDepartmentId, ticket_projectid: f.otherProjectId }));
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().errors).sort()).toEqual(['ticket_categoryid', 'ticket_projectid']);
    expect(res.json().message).toMatch(/\(and 1 more error\)$/);
  });

  it('does not see clients, departments or projects of another workspace', async () => {
    const other = await crmFixture(t, 'other-ws');
    const res = await f.api.form('POST', '/api/tickets', newTicket(f, { ticket_clientid: other.clientId, ticket_categoryid: other.departmentId }));
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().errors).sort()).toEqual(['ticket_categoryid', 'ticket_clientid']);
  });
});

describe('crm custom fields', () => {
  let c: CrmFixture;
  beforeAll(async () => {
    c = await crmFixture(t, 'fields');
    const mk = (body: object) => t.admin('POST', '/custom-fields', body, 'fields');
    await mk({ name: 'Browser', type: 'select', options: ['Chrome', 'Firefox'], required: true });
    await mk({ name: 'Seats', type: 'number' });
    await mk({ name: 'Platforms', type: 'multiselect', options: ['ios', 'android', 'web'] });
    await mk({ name: 'Legacy code', required: true, enabled: false });
  });

  it('enforces required enabled fields (a disabled required field is not asked for)', async () => {
    const res = await c.api.form('POST', '/api/tickets', newTicket(c));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual({ 'custom_fields.browser': ['custom field "Browser" is required'] });
  });

  it('validates values and unknown keys', async () => {
    const bad = await c.api.form('POST', '/api/tickets', newTicket(c, { 'custom_fields[browser]': 'Lynx' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors['custom_fields.browser'][0]).toMatch(/no option "Lynx"/);
    const nan = await c.api.json('POST', '/api/tickets', { ...newTicket(c), custom_fields: { browser: 'Chrome', seats: 'many' } });
    expect(nan.statusCode).toBe(422);
    expect(nan.json().errors).toHaveProperty(['custom_fields.seats']);
    const unknown = await c.api.json('POST', '/api/tickets', { ...newTicket(c), custom_fields: { browser: 'Chrome', color: 'red' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.custom_fields[0]).toMatch(/color does not exist/);
  });

  it('accepts custom_fields[key] form fields and a custom_fields JSON object, and renders them', async () => {
    const form = await c.api.form('POST', '/api/tickets', newTicket(c, { 'custom_fields[browser]': 'Chrome', 'custom_fields[platforms][]': ['ios', 'web'] }));
    expect(form.statusCode).toBe(201);
    expect(form.json().data.custom_fields).toEqual({ browser: 'Chrome', platforms: ['ios', 'web'] });
    const json = await c.api.json('POST', '/api/tickets', { ...newTicket(c), custom_fields: { browser: 'Firefox', seats: 3 } });
    expect(json.statusCode).toBe(201);
    expect(json.json().data.custom_fields).toEqual({ browser: 'Firefox', seats: '3' });
    const edited = await c.api.form('PATCH', `/api/tickets/${json.json().data.id}`, { ...newTicket(c, { 'custom_fields[seats]': '5' }) });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().data.custom_fields).toEqual({ browser: 'Firefox', seats: '5' });
  });
});

describe('crm GET /api/tickets/{id}', () => {
  it('reads a ticket and answers 404 for missing, malformed and foreign ids', async () => {
    const created = await f.api.ticket(newTicket(f));
    const res = await f.api.get(`/api/tickets/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: created });
    for (const id of ['999999', 'abc', '99999999999']) {
      const missing = await f.api.get(`/api/tickets/${id}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toHaveProperty('message');
    }
    const other = await t.workspace('stranger');
    const foreign = await crm(t, other.agent.token).get(`/api/tickets/${created.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual({ message: 'Ticket not found' });
  });
});

describe('crm PATCH /api/tickets/{id}', () => {
  it('edits department, project, subject, message and priority (form-encoded) but not the status', async () => {
    const created = await f.api.ticket(newTicket(f));
    const res = await f.api.form('PATCH', `/api/tickets/${created.id}`, {
      ticket_categoryid: f.otherDepartmentId,
      ticket_projectid: f.projectId,
      ticket_subject: 'Still cannot log in',
      ticket_message: 'Same error after the reset.',
      ticket_priority: 'urgent',
      status: 2,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      id: created.id,
      department: { id: f.otherDepartmentId, name: 'Support' },
      project_id: f.projectId,
      subject: 'Still cannot log in',
      message: 'Same error after the reset.',
      priority: 'urgent',
      status: { id: 1, title: 'Open' },
      client: { id: f.clientId },
    });
    expect(res.json().data.dates.last_updated > created.dates.last_updated).toBe(true);
  });

  it('edits with JSON; an absent project is kept, an empty one cleared', async () => {
    const created = await f.api.ticket(newTicket(f, { ticket_projectid: f.projectId }));
    const body = { ticket_categoryid: f.departmentId, ticket_subject: 'S', ticket_message: 'M', ticket_priority: 'normal' };
    const kept = await f.api.json('PATCH', `/api/tickets/${created.id}`, body);
    expect(kept.statusCode).toBe(200);
    expect(kept.json().data).toMatchObject({ project_id: f.projectId, priority: 'normal', subject: 'S' });
    const cleared = await f.api.form('PATCH', `/api/tickets/${created.id}`, { ...body, ticket_projectid: '' });
    expect(cleared.json().data.project_id).toBeNull();
  });

  it('answers 422 for missing fields, a non-ticket department, an invalid priority and a foreign project', async () => {
    const created = await f.api.ticket(newTicket(f));
    const missing = await f.api.form('PATCH', `/api/tickets/${created.id}`, { ticket_subject: 'Only this' });
    expect(missing.statusCode).toBe(422);
    expect(Object.keys(missing.json().errors).sort()).toEqual(['ticket_categoryid', 'ticket_message', 'ticket_priority']);
    const full = { ticket_categoryid: f.departmentId, ticket_subject: 'S', ticket_message: 'M', ticket_priority: 'high' };
    const cases: [Record<string, string | number>, string][] = [
      [{ ticket_categoryid: f.projectDepartmentId }, 'ticket_categoryid'],
      [{ ticket_priority: 'medium' }, 'ticket_priority'],
      [{ ticket_projectid: f.otherProjectId }, 'ticket_projectid'],
    ];
    for (const [extra, field] of cases) {
      const res = await f.api.json('PATCH', `/api/tickets/${created.id}`, { ...full, ...extra });
      expect(res.statusCode).toBe(422);
      expect(Object.keys(res.json().errors)).toEqual([field]);
    }
    const after = (await f.api.get(`/api/tickets/${created.id}`)).json().data;
    expect(after).toEqual(created);
  });

  it('answers 404 for a missing ticket', async () => {
    const res = await f.api.form('PATCH', '/api/tickets/999999', { ticket_categoryid: f.departmentId, ticket_subject: 'S', ticket_message: 'M', ticket_priority: 'high' });
    expect(res.statusCode).toBe(404);
  });
});

describe('crm DELETE /api/tickets/{id}', () => {
  it('deletes a ticket (admins only); afterwards it is 404', async () => {
    const created = await f.api.ticket(newTicket(f));
    const denied = await f.api.form('DELETE', `/api/tickets/${created.id}`);
    expect(denied.statusCode).toBe(403);
    expect((await f.api.get(`/api/tickets/${created.id}`)).statusCode).toBe(200);
    const admin = crm(t, f.ws.admin.token);
    const res = await admin.form('DELETE', `/api/tickets/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { id: created.id, deleted: true } });
    expect((await f.api.get(`/api/tickets/${created.id}`)).statusCode).toBe(404);
    expect((await admin.form('DELETE', `/api/tickets/${created.id}`)).statusCode).toBe(404);
  });
});

describe('crm and the other dialects share tickets', () => {
  it('reads a ticket created elsewhere with the canonical maps', async () => {
    const ctx = { db: t.db, workspaceId: f.ws.id, actor: null };
    const elsewhere = await createTicket(ctx, {
      subject: 'From the mailbox',
      descriptionText: 'Sent by e-mail',
      status: 'pending',
      priority: 'medium',
      source: 'email',
      organizationId: f.clientId,
      queueId: f.departmentId,
      labels: ['billing'],
    });
    const res = await f.api.get(`/api/tickets/${elsewhere.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      subject: 'From the mailbox',
      message: 'Sent by e-mail',
      status: { id: 3, title: 'On Hold' },
      priority: 'normal',
      source: 'email',
      creator_id: null,
      tags: ['billing'],
    });
    // An edit that keeps "normal" keeps the underlying medium priority.
    await f.api.form('PATCH', `/api/tickets/${elsewhere.id}`, { ticket_categoryid: f.departmentId, ticket_subject: 'From the mailbox', ticket_message: 'Sent by e-mail', ticket_priority: 'normal' });
    expect((await getTicket(ctx, { id: elsewhere.id })).priority).toBe('medium');
  });

  it('creates tickets the domain (and so every dialect) reads with canonical values', async () => {
    const created = await f.api.ticket(newTicket(f, { ticket_projectid: f.projectId }));
    await f.api.form('PUT', `/api/tickets/${created.id}/status`, { status: 5 });
    const view = await getTicket({ db: t.db, workspaceId: f.ws.id, actor: null }, { id: created.id });
    expect(view).toMatchObject({ status: 'customer_replied', priority: 'high', source: 'api', organizationId: f.clientId, queueId: f.departmentId, projectId: f.projectId, creatorId: f.ws.agent.id });
  });
});
