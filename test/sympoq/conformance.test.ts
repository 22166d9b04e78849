// What real Sympoq clients send and read: flags as 1/"1"/true/"True", numbers as strings
// (JS forms, Python scripts), the `event_log` header as 1 or true, odd ids, trailing
// slashes, wildcard characters in the search segment, plain-text bodies; and event-log
// entries that mean what the vendor's mean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { updateTicket } from '../../src/domain/tickets/update.js';
import type { Ctx } from '../../src/domain/context.js';

let t: TestApp;
let ws: WorkspaceFixture;
let ctx: Ctx;
let q1: number, q2: number, projects: number, customerId: number;

const P = '/sympoq/app/desk/api';
const put = (url: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: P + url, headers: { apikey: ws.agent.token, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: P + url, headers: { apikey: ws.agent.token, ...headers } });
const newTicket = (subject: string, extra: Partial<Parameters<typeof createTicket>[1]> = {}) =>
  createTicket(ctx, { subject, descriptionText: `${subject}: details`, source: 'api', queueId: q1, ...extra });
type Entry = { action: string; description: string | null; applied_by: string | null };
const log = async (ref: string): Promise<Entry[]> => (await get(`/ticket/${ref}`, { event_log: '1' })).json().event_log;

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  q1 = (await t.admin('POST', '/queues', { name: 'Support' }, 'acme')).body.queue.id;
  q2 = (await t.admin('POST', '/queues', { name: 'Escalations' }, 'acme')).body.queue.id;
  projects = (await t.admin('POST', '/queues', { name: 'Web design', kind: 'project' }, 'acme')).body.queue.id;
  customerId = (await t.admin('POST', '/users', { name: 'Houston Brooks', email: 'hbrooks@example.com', role: 'customer' }, 'acme')).body.user.id;
  ctx = { db: t.db, workspaceId: ws.id, actor: { userId: ws.agent.id, name: 'agent acme', role: 'agent' } };
});
afterAll(() => t?.close());

describe('flags, numbers and the event_log header as clients write them', () => {
  it('and_close as 1, "1", true and "True" closes the ticket', async () => {
    for (const flag of [1, '1', true, 'True']) {
      const tk = await newTicket(`close ${String(flag)}`);
      const res = await put(`/ticket/reply/${tk.ref}`, { reply: 'Done.', and_close: flag });
      expect(res.statusCode, String(flag)).toBe(200);
      expect(res.json().status).toBe(4);
    }
  });
  it('and_close as 0, "0", false and "false" leaves it open; "yes" is a 400', async () => {
    for (const flag of [0, '0', false, 'false']) {
      const tk = await newTicket(`open ${String(flag)}`);
      expect((await put(`/ticket/reply/${tk.ref}`, { reply: 'Working on it.', and_close: flag })).json().status, String(flag)).not.toBe(4);
    }
    const tk = await newTicket('bad flag');
    const res = await put(`/ticket/reply/${tk.ref}`, { reply: 'x', and_close: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toHaveProperty('error');
  });
  it('minutes, queue, status and assignee as numeric strings', async () => {
    const tk = await newTicket('strings');
    expect((await put(`/ticket/note/${tk.ref}`, { note: 'n', minutes: '15', status: '3' })).json()).toMatchObject({ minutes: 15, status: 3 });
    expect((await put(`/ticket/move/${tk.ref}`, { queue: String(q2), unassign: '1' })).json().queue).toBe(q2);
    expect((await put(`/ticket/assign/${tk.ref}`, { assignee: String(ws.agent.id) })).json().assignee).toBe(ws.agent.id);
    expect((await put(`/ticket/note/${tk.ref}`, { note: 'n', minutes: '0x5' })).statusCode).toBe(400);
  });
  it('event_log: 1, true and True add the log; 0 and absent do not', async () => {
    const tk = await newTicket('header');
    for (const v of ['1', 'true', 'True']) expect((await get(`/ticket/${tk.ref}`, { event_log: v })).json(), v).toHaveProperty('event_log');
    for (const h of [{ event_log: '0' }, {}] as Record<string, string>[]) expect((await get(`/ticket/${tk.ref}`, h)).json()).not.toHaveProperty('event_log');
  });
});

describe('event-log entries mean what the vendor means', () => {
  it('an assignment is described by the assignee name, on create and on assign', async () => {
    const viaCreate = await newTicket('assigned at birth', { assigneeId: ws.agent.id });
    const agentName = (await t.db.user.findUniqueOrThrow({ where: { id: ws.agent.id } })).name;
    expect((await log(viaCreate.ref)).find((e) => e.action === 'Assigned')?.description).toBe(agentName);
    const tk = await newTicket('assigned later');
    await put(`/ticket/assign/${tk.ref}`, { assignee: ws.admin.id });
    const adminName = (await t.db.user.findUniqueOrThrow({ where: { id: ws.admin.id } })).name;
    expect((await log(tk.ref)).find((e) => e.action === 'Assigned')?.description).toBe(adminName);
  });
  it('"Created" is applied by the customer who reported it, even when an agent entered it', async () => {
    const tk = await newTicket('reported by phone', { requesterId: customerId });
    const created = (await log(tk.ref)).find((e) => e.action === 'Created');
    expect(created?.applied_by).toBe('Houston Brooks');
    const own = await newTicket('agent raised it');
    expect((await log(own.ref)).find((e) => e.action === 'Created')?.applied_by).toBe('agent acme');
  });
  it('descriptions carry no internal field names', async () => {
    const tk = await newTicket('notes');
    await updateTicket(ctx, { id: tk.id }, { resolutionNotes: 'Replaced the cable' });
    const entries = await log(tk.ref);
    for (const e of entries) expect(e.description ?? '').not.toMatch(/[a-z][A-Z]/);
    expect(entries.some((e) => (e.description ?? '').includes('resolution notes'))).toBe(true);
  });
});

describe('moving', () => {
  it('into a department that takes no tickets is refused, and nothing changes', async () => {
    const tk = await newTicket('stay');
    const res = await put(`/ticket/move/${tk.ref}`, { queue: projects });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toHaveProperty('error');
    expect((await get(`/ticket/${tk.ref}`)).json().queue).toBe(q1);
  });
});

describe('the list', () => {
  it('says when its cap cut the answer (X-Truncated, X-Next-Page)', async () => {
    const all = (await get('/tickets/any/any/any/any/any/any/any/*')).json().length;
    expect(all).toBeGreaterThan(2);
    const cut = await get('/tickets/any/any/any/any/any/any/any/*?per_page=2');
    expect(cut.json()).toHaveLength(2);
    expect(cut.headers['x-truncated']).toBe('true');
    expect(cut.headers['x-next-page']).toBe('2');
    const whole = await get(`/tickets/any/any/any/any/any/any/any/*?per_page=${all}`);
    expect(whole.json()).toHaveLength(all);
    expect(whole.headers['x-truncated']).toBeUndefined();
  });
  it('% and _ in the search segment are literal', async () => {
    await newTicket('Quota at 95% full');
    const ids = async (s: string) => (await get(`/tickets/any/any/any/any/any/any/any/${encodeURIComponent(s)}`)).json().map((x: { subject: string }) => x.subject);
    expect(await ids('%')).toEqual(['Quota at 95% full']);
    expect(await ids('_')).toEqual([]);
  });
  it('a trailing slash is the same list and the same ticket', async () => {
    expect((await get('/tickets/any/any/any/any/any/any/any/*/')).statusCode).toBe(200);
    const tk = await newTicket('slash');
    expect((await get(`/ticket/${tk.ref}/`)).json().id).toBe(tk.ref);
  });
});

describe('ids and body types', () => {
  it('attachment ids are digits; beyond the range they are 404', async () => {
    const tk = await newTicket('files');
    expect((await get(`/ticket/${tk.ref}/attachments/0x1`)).statusCode).toBe(400);
    expect((await get(`/ticket/${tk.ref}/attachments/99999999999`)).statusCode).toBe(404);
  });
  it('text/plain is 415 {error}', async () => {
    const tk = await newTicket('plain');
    const res = await t.app.inject({ method: 'PUT', url: `${P}/ticket/close/${tk.ref}`, headers: { apikey: ws.agent.token, 'content-type': 'text/plain' }, payload: 'close it' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: expect.any(String) });
  });
});
