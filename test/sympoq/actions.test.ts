// Sympoq agent actions over HTTP: each action, the event log they leave, minutes,
// close/reply-and-close, datetime formats, attachments, and their errors.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { storeAttachment } from '../../src/domain/attachments/store.js';
import type { Ctx } from '../../src/domain/context.js';

let t: TestApp;
let ws: WorkspaceFixture;
let ctx: Ctx;
let q1: number, q2: number, customerId: number;

const P = '/sympoq/app/desk/api';
const put = (url: string, payload?: object | string, token = ws.agent.token, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'PUT',
    url: P + url,
    headers: { apikey: token, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(payload !== undefined ? { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) } : {}),
  });
const get = (url: string, token = ws.agent.token) => t.app.inject({ method: 'GET', url: P + url, headers: { apikey: token, event_log: '1' } });

/** A ticket as another dialect (e-mail intake) would create it, through the domain. */
const emailTicket = (subject = 'Cannot log in') =>
  createTicket(ctx, { subject, descriptionText: `${subject}: help please`, source: 'email', queueId: q1, requester: { email: 'cust@example.com', name: 'Casey Customer' } });

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  q1 = (await t.admin('POST', '/queues', { name: 'Support' }, 'acme')).body.queue.id;
  q2 = (await t.admin('POST', '/queues', { name: 'Escalations' }, 'acme')).body.queue.id;
  customerId = (await t.admin('POST', '/users', { name: 'Some Customer', email: 'some@example.com', role: 'customer' }, 'acme')).body.user.id;
  // The e-mail intake acts without a user.
  ctx = { db: t.db, workspaceId: ws.id, actor: null };
});
afterAll(() => t?.close());

describe('agent actions on a ticket created through another dialect', () => {
  it('runs a sequence of actions; the event log shows order, actors and billable minutes', async () => {
    const ticket = await emailTicket();
    const id = ticket.ref;

    const assign = await put(`/ticket/assign/${id}`, { assignee: ws.agent.id, deadline: '15-SEP-25 17:49', minutes: 10 });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json()).toMatchObject({ id, assignee: ws.agent.id, deadline: '2025-09-15T17:49:00Z', minutes: 10, channel: 2, status: 1 });
    expect(assign.json().assigned_on).not.toBeNull();

    const note = await put(`/ticket/note/${id}`, { note: 'Take this ticket with high priority', minutes: 5, status: 3 });
    expect(note.json()).toMatchObject({ status: 3, has_notes: true, minutes: 15 });

    expect((await put(`/ticket/tag/${id}`, { tags: 'Service request, Help/Assistance' })).json().tags).toEqual(['Service request', 'Help/Assistance']);
    // Full replace.
    expect((await put(`/ticket/tag/${id}`, { tags: 'Billing,Service request' })).json().tags).toEqual(['Service request', 'Billing']);

    const move = await put(`/ticket/move/${id}`, { queue: q2, unassign: 1, minutes: 2 });
    expect(move.json()).toMatchObject({ queue: q2, assignee: null, assigned_on: null, minutes: 17 });

    const reply = await put(`/ticket/reply/${id}`, { reply: 'The problem you reported has been fixed.', and_close: 0, mark_solution: 1, auto_assign: 1, minutes: 7 }, ws.admin.token);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toMatchObject({ assignee: ws.admin.id, solution: 'The problem you reported has been fixed.', minutes: 24, status: 3 });
    expect(reply.json().responded).not.toBeNull();

    const close = await put(`/ticket/close/${id}`);
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: 4, minutes: 24 });
    expect(close.json().closed_on).not.toBeNull();

    const log = (await get(`/ticket/${id}`)).json().event_log as { action: string; applied_by: string | null; billable: number | null; description: string | null }[];
    const agent = 'agent acme';
    const admin = 'admin acme';
    expect(log.map((e) => [e.action, e.applied_by, e.billable])).toEqual([
      ['Closed', agent, null],
      ['Solution', admin, null],
      ['Assigned', admin, null],
      ['Replied', admin, 7],
      ['Moved', agent, 2],
      ['Unassigned', agent, null],
      ['Tagged', agent, null],
      ['Tagged', agent, null],
      ['Status Changed', agent, null],
      ['Note', agent, 5],
      ['Set Deadline', agent, null],
      ['Assigned', agent, 10],
      ['Created', 'Casey Customer', null], // the customer who reported it
    ]);
    const byAction = (a: string) => log.find((e) => e.action === a)!;
    expect(byAction('Set Deadline').description).toBe('15-SEP-25 17:49');
    expect(byAction('Moved').description).toBe('Escalations');
    expect(byAction('Status Changed').description).toBe('Pending');
    expect(byAction('Closed').description).toBe('Closed');
    expect(byAction('Note').description).toBe('Take this ticket with high priority');
    expect(log[2].description).toBe(admin);
    expect(log[6].description).toBe('Service request,Billing');
    // The billable minutes add up to the ticket total.
    expect(log.reduce((n, e) => n + (e.billable ?? 0), 0)).toBe(24);
  });

  it('accumulates minutes across every kind of action', async () => {
    const { ref } = await emailTicket('Minutes');
    let total = 0;
    for (const [action, body, m] of [
      ['assign', { assignee: ws.agent.id, minutes: 3 }, 3],
      ['note', { note: 'looking', minutes: 4 }, 4],
      ['tag', { tags: 'x', minutes: 1 }, 1],
      ['move', { queue: q2, minutes: 6 }, 6],
      ['reply', { reply: 'done?', minutes: 2 }, 2],
      ['close', { minutes: 5 }, 5],
      ['note', { note: 'no minutes' }, 0],
    ] as const) {
      total += m;
      const res = await put(`/ticket/${action}/${ref}`, body);
      expect(res.statusCode, `${action} ${res.body}`).toBe(200);
      expect(res.json().minutes, action).toBe(total);
    }
    expect(total).toBe(21);
  });

  it('replies and closes in one action', async () => {
    const { ref } = await emailTicket('Reply and close');
    const res = await put(`/ticket/reply/${ref}`, { reply: 'Fixed, closing.', and_close: 1, minutes: 7 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 4, minutes: 7, assignee: null, solution: null });
    expect(body.closed_on).not.toBeNull();
    expect(body.responded).not.toBeNull();
    const log = (await get(`/ticket/${ref}`)).json().event_log;
    expect(log.slice(0, 2).map((e: { action: string; billable: number | null }) => [e.action, e.billable])).toEqual([
      ['Closed', null],
      ['Replied', 7],
    ]);
    // Closing a closed ticket changes nothing and still answers the ticket.
    const again = await put(`/ticket/close/${ref}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe(4);
    // A note with status 2 reopens it as Working.
    expect((await put(`/ticket/note/${ref}`, { note: 'reopening', status: 2 })).json()).toMatchObject({ status: 2, closed_on: null });
  });

  it('honours the event_log header on action answers, and accepts close with an empty JSON body', async () => {
    const { ref } = await emailTicket('Empty body');
    const res = await put(`/ticket/close/${ref}`, '', ws.agent.token, { event_log: '1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().event_log[0].action).toBe('Closed');
  });

  it('answers by workspace ticket number as in the seed samples (/reply/1)', async () => {
    const first = await t.db.ticket.findFirstOrThrow({ where: { workspaceId: ws.id, number: 1 } });
    const res = await put('/ticket/tag/1', { tags: 'numbered' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: first.ref, tags: ['numbered'] });
  });
});

describe('datetime format for the deadline', () => {
  it('parses the deadline with a non-default workspace datetime format and time zone', async () => {
    await t.admin('PATCH', '/workspaces/acme', { datetimeFormat: 'MM/DD/YYYY HH:MI AM', timeZone: 'America/New_York' });
    try {
      const { ref } = await emailTicket('Deadline');
      const res = await put(`/ticket/assign/${ref}`, { deadline: '09/15/2025 05:49 PM' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ deadline: '2025-09-15T21:49:00Z', assignee: null });
      const log = (await get(`/ticket/${ref}`)).json().event_log;
      expect(log[0]).toMatchObject({ action: 'Set Deadline', description: '09/15/2025 05:49 PM' });
      expect(log[0].date).toMatch(/-0[45]:00$/);
      const old = await put(`/ticket/assign/${ref}`, { deadline: '15-SEP-25 17:49' });
      expect(old.statusCode).toBe(400);
      expect(old.json().fields).toHaveProperty('deadline');
      // null clears the deadline.
      expect((await put(`/ticket/assign/${ref}`, { deadline: null })).json().deadline).toBeNull();
    } finally {
      await t.admin('PATCH', '/workspaces/acme', { datetimeFormat: 'DD-MON-YY HH24:MI', timeZone: 'UTC' });
    }
  });
});

describe('attachments in the event log', () => {
  it('links Attachment events to a download route', async () => {
    const actx: Ctx = { db: t.db, workspaceId: ws.id, actor: { userId: ws.agent.id, name: 'agent acme', role: 'agent' } };
    const file = await storeAttachment(actx, t.app.attachmentStore, { filename: 'sample_picture.png', contentType: 'image/png', stream: Readable.from([Buffer.from('PNGDATA')]) });
    const ticket = await createTicket(actx, { subject: 'With picture', descriptionText: 'see picture', source: 'widget', attachmentIds: [file.id] });
    const body = (await get(`/ticket/${ticket.ref}`)).json();
    expect(body).toMatchObject({ has_attachments: true, channel: 4 });
    const entry = body.event_log.find((e: { action: string }) => e.action === 'Attachment');
    expect(entry).toMatchObject({ description: 'sample_picture.png', applied_by: 'agent acme', billable: null });
    expect(Object.keys(entry)).toEqual(['date', 'action', 'attachment_url', 'description', 'applied_by', 'billable']);
    const url = new URL(entry.attachment_url);
    // Never from the Host header: http://localhost:PORT without PUBLIC_URL or TRUST_PROXY.
    expect(entry.attachment_url).toMatch(new RegExp(`^http://localhost:${t.config.port}/sympoq/`));
    expect(url.pathname).toBe(`/sympoq/app/desk/api/ticket/${ticket.ref}/attachments/${file.id}`);
    const dl = await t.app.inject({ url: url.pathname, headers: { apikey: ws.agent.token } });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toContain('sample_picture.png');
    expect(dl.body).toBe('PNGDATA');
    expect((await t.app.inject({ url: url.pathname })).statusCode).toBe(401);
    // Not through another ticket.
    const { ref } = await emailTicket('Other');
    expect((await t.app.inject({ url: `${P}/ticket/${ref}/attachments/${file.id}`, headers: { apikey: ws.agent.token } })).statusCode).toBe(404);
  });
});

describe('action errors', () => {
  it('answers 400 with the field for invalid input', async () => {
    const { ref } = await emailTicket('Errors');
    const cases: [string, object | string, string][] = [
      ['assign', { assignee: customerId }, 'assignee'],
      ['assign', { assignee: 999999 }, 'assignee'],
      ['assign', { deadline: '2025-09-15 17:49' }, 'deadline'],
      ['assign', { assignee: 'ten' }, 'assignee'],
      ['move', { queue: 999999 }, 'queue'],
      ['move', {}, 'queue'],
      ['note', { minutes: 5 }, 'note'],
      ['note', { note: 'x', status: 9 }, 'status'],
      ['reply', { reply: '' }, 'reply'],
      ['reply', { reply: 'x', minutes: -1 }, 'minutes'],
      ['reply', { reply: 'x', and_close: 2 }, 'and_close'],
      ['tag', {}, 'tags'],
    ];
    for (const [action, body, field] of cases) {
      const res = await put(`/ticket/${action}/${ref}`, body);
      expect(res.statusCode, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(Object.keys(res.json().fields ?? {}), `${action} ${res.body}`).toContain(field);
      expect(typeof res.json().error).toBe('string');
    }
    const badJson = await put(`/ticket/note/${ref}`, '{"note":');
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toEqual({ error: 'Malformed JSON in request body' });
    // Nothing was changed by the failed actions.
    expect((await get(`/ticket/${ref}`)).json()).toMatchObject({ queue: q1, assignee: null, minutes: 0, tags: [] });
  });

  it('answers 404 for unknown tickets and 401 without a key', async () => {
    const res = await put('/ticket/close/12-31-0-ZZZ');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Ticket not found' });
    expect((await put('/ticket/reply/12-31-0-ZZZ', { reply: 'x' })).statusCode).toBe(404);
    const { ref } = await emailTicket('No key');
    const anon = await t.app.inject({ method: 'PUT', url: `${P}/ticket/close/${ref}` });
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toEqual({ error: 'Missing apikey header' });
    expect((await get(`/ticket/${ref}`)).json().status).toBe(1);
  });
});
