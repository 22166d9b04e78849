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
