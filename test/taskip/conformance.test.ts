// What real TaskIP clients send. TaskIP is a Laravel API: PHP's `Http::asForm()` and
// http_build_query send every value as a string with `a[0]=..` / `a[]=..` keys, `Http::post`
// JSON often carries "3" for 3; Laravel trims strings and reads "" as null, and answers
// validation failures in its own words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { BASE, expectError, taskip, type Taskip } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let api: Taskip;

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  api = taskip(t, ws.admin.token);
});
afterAll(() => t.close());

const form = (method: 'POST' | 'PUT', url: string, fields: Record<string, string> | string) =>
  t.app.inject({
    method,
    url: BASE + url,
    headers: { 'x-secret-key': ws.admin.token, 'content-type': 'application/x-www-form-urlencoded' },
    payload: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
  });

const allMessages = (body: { errors: Record<string, string[]> }) => Object.values(body.errors).flat();

describe('numbers as strings (Laravel coerces them)', () => {
  it('creates from {"priority":"3","status":"0"} as from numbers', async () => {
    const res = await api('POST', '/support-ticket', { subject: 'Strings', priority: '3', status: '0' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ subject: 'Strings', priority: 3, status: 0 });
  });
  it('updates, sets priority and status from numeric strings', async () => {
    const tk = (await api('POST', '/support-ticket', { subject: 'To change', priority: 1 })).body.data;
    expect((await api('PUT', `/support-ticket/${tk.id}`, { priority: '4' })).body.data.priority).toBe(4);
    expect((await api('POST', `/support-ticket/${tk.uuid}/priority`, { priority: '2' })).status).toBe(200);
    expect((await api('POST', `/support-ticket/status-update/${tk.uuid}`, { status: '4' })).status).toBe(200);
    const now = await api('GET', `/support-ticket/${tk.id}`);
    expect(now.body).toMatchObject({ priority: 2, status: 4 });
  });
  it('a string that is no number is "must be an integer"; out of range is "The selected ... is invalid."', async () => {
    const bad = await api('POST', '/support-ticket', { subject: 'x', priority: 'high' });
    expectError(bad, 422, ['priority']);
    expect(bad.body.errors.priority).toEqual(['The priority must be an integer.']);
    const range = await api('POST', '/support-ticket', { subject: 'x', priority: '9' });
    expect(range.body.errors.priority).toEqual(['The selected priority is invalid.']);
  });
  it('list filters take numeric strings and reject hex', async () => {
    expect((await api('GET', '/support-ticket?limit=5&page=1&status=0')).status).toBe(200);
    expectError(await api('GET', '/support-ticket?limit=0x5'), 422, ['limit']);
  });
});

describe('form-encoded bodies (Http::asForm, HTML forms)', () => {
  it('creates a ticket from subject=..&priority=3', async () => {
    const res = await form('POST', '/support-ticket', { subject: 'From a form', priority: '3', description: 'posted as a form' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ subject: 'From a form', priority: 3, description: 'posted as a form' });
  });
  it('bulk actions with http_build_query keys ticket_ids[0]=..&parameters[status]=..', async () => {
    const a = (await api('POST', '/support-ticket', { subject: 'bulk a', priority: 1 })).body.data;
    const b = (await api('POST', '/support-ticket', { subject: 'bulk b', priority: 1 })).body.data;
    const res = await form('POST', '/support-ticket/bulk-actions', `ticket_ids%5B0%5D=${a.id}&ticket_ids%5B1%5D=${b.id}&action=status_update&parameters%5Bstatus%5D=pending`);
    expect(res.statusCode).toBe(200);
    for (const x of [a, b]) expect((await api('GET', `/support-ticket/${x.id}`)).body.status).toBe(4);
    const tags = await form('POST', '/support-ticket/bulk-actions', `ticket_ids[]=${a.id}&action=add_tags&parameters[tags][]=vip&parameters[tags][]=billing`);
    expect(tags.statusCode).toBe(200);
    expect((await api('GET', `/support-ticket/${a.id}`)).body.tags.sort()).toEqual(['billing', 'vip']);
  });
  it('booleans as a form sends them (1/0) on the ticket/{id} routes', async () => {
    const tk = (await api('POST', '/support-ticket', { subject: 'reply form', priority: 1 })).body.data;
    const res = await form('POST', `/ticket/${tk.id}/add-reply`, { message: 'Private words', is_private: '1', notify_client: '0' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.is_private).toBe(true);
    const json = await api('POST', `/ticket/${tk.id}/add-reply`, { message: 'public', is_private: 'false' });
    expect(json.body.data.is_private).toBe(false);
  });
  it('an empty form field is null, as Laravel reads it: a blank subject is required', async () => {
    const res = await form('POST', '/support-ticket', { subject: '   ', priority: '' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual({ subject: ['The subject field is required.'], priority: ['The priority field is required.'] });
  });
});

describe("Laravel's validation wording", () => {
  it('never zod phrasing or internal names', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/support-ticket', {}],
      ['POST', '/support-ticket', { subject: 5, priority: true }],
      ['POST', '/support-ticket', { subject: 'x', priority: 1, assigned_to: 999999 }],
      ['POST', '/support-ticket', { subject: 'x', priority: 1, category: 'Nope' }],
      ['POST', '/support-ticket/bulk-actions', { ticket_ids: 'x', action: 'fly' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await api(method as 'POST', url, body);
      expectError(res, 422);
      for (const m of allMessages(res.body)) {
        expect(m, `${url} ${JSON.stringify(body)}`).toMatch(/^The .+\.$/);
        expect(m).not.toMatch(/Invalid input|expected|assigneeId|organizationId|queueId/);
      }
    }
  });
  it('"The subject field is required." and "The selected status is invalid."', async () => {
    const res = await api('POST', '/support-ticket', { priority: 1, status: 7 });
    expect(res.body.errors).toEqual({ subject: ['The subject field is required.'], status: ['The selected status is invalid.'] });
    const a = await api('POST', '/support-ticket', { subject: 'x', priority: 1, assigned_to: 999999 });
    expect(a.body.errors).toEqual({ assigned_to: ['The selected assigned to is invalid.'] });
  });
});

describe('the Support Ticket Object', () => {
  it('carries title, client_email, custom_fields and estimated_resolution_time', async () => {
    const org = (await t.admin('POST', '/organizations', { name: 'Acme Inc', email: 'billing@acme.test' }, 'acme')).body.organization;
    const res = await api('POST', '/support-ticket', { subject: 'Object fields', priority: 2, client_id: org.id });
    expect(res.body.data).toMatchObject({ title: 'Object fields', subject: 'Object fields', client_id: org.id, custom_fields: null, estimated_resolution_time: null });
    expect(res.body.data).toHaveProperty('client_email');
    const list = await api('GET', '/support-ticket');
    for (const tk of list.body.data) for (const k of ['title', 'client_email', 'custom_fields', 'estimated_resolution_time']) expect(tk).toHaveProperty(k);
  });
});

describe('paths', () => {
  let tk: { id: number; uuid: string };
  beforeAll(async () => {
    tk = (await api('POST', '/support-ticket', { subject: 'Path', priority: 1 })).body.data;
  });
  it('0x9, 1e1, +9 and " 9" name no ticket: 404, not ticket 9', async () => {
    for (const bad of ['0x' + tk.id.toString(16), `${tk.id}e0`, `%2B${tk.id}`, `%20${tk.id}`, `${tk.id}.0`]) {
      const res = await api('GET', `/support-ticket/${bad}`);
      expectError(res, 404);
    }
  });
  it('digits beyond the id range are 404', async () => {
    expectError(await api('GET', '/support-ticket/99999999999'), 404);
    expectError(await api('GET', '/ticket/99999999999/attachments'), 404);
  });
  it('trailing slashes are ignored', async () => {
    expect((await api('GET', '/support-ticket/')).status).toBe(200);
    expect((await api('GET', `/support-ticket/${tk.id}/`)).body.id).toBe(tk.id);
  });
  it('note-delete of an unknown note says "Note not found"', async () => {
    const res = await api('DELETE', `/support-ticket/${tk.uuid}/note-delete/999999`);
    expectError(res, 404);
    expect(res.body.message).toBe('Note not found');
  });
});

describe('search and body types', () => {
  it('% and _ in search are literal', async () => {
    await api('POST', '/support-ticket', { subject: 'Save 50% now', priority: 1 });
    const pct = await api('GET', '/support-ticket?search=%25');
    expect(pct.body.data.map((x: { subject: string }) => x.subject)).toEqual(['Save 50% now']);
    expect((await api('GET', '/support-ticket?search=_')).body.data).toEqual([]);
  });
  it('text/plain is 415 in the error object', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${BASE}/support-ticket`, headers: { 'x-secret-key': ws.admin.token, 'content-type': 'text/plain' }, payload: 'subject=x' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ success: false, status_code: 415 });
  });
});
