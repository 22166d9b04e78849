// CRM status setter and the conversation: PUT /status, GET|POST /replies, DELETE a reply,
// with the ticket's counters and timestamps a client sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { crmFixture, newTicket, type CrmFixture } from './client.js';

let t: TestApp;
let f: CrmFixture;
beforeAll(async () => {
  t = await startApp();
  f = await crmFixture(t, 'talk');
});
afterAll(() => t.close());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('crm PUT /api/tickets/{id}/status', () => {
  it('sets each status id and dates.status_changed', async () => {
    const x = await f.api.ticket(newTicket(f));
    expect(x.dates.status_changed).toBeNull();
    const titles = { 2: 'Closed', 3: 'On Hold', 4: 'Answered', 5: 'Customer Replied', 1: 'Open' } as const;
    let last = '';
    for (const id of [2, 3, 4, 5, 1] as const) {
      const res = await f.api.form('PUT', `/api/tickets/${x.id}/status`, { status: id });
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data.status).toEqual({ id, title: titles[id] });
      expect(data.dates.status_changed).toMatch(ISO);
      expect(data.dates.status_changed >= last).toBe(true);
      last = data.dates.status_changed;
    }
    const json = await f.api.json('PUT', `/api/tickets/${x.id}/status`, { status: 2 });
    expect(json.json().data.status).toEqual({ id: 2, title: 'Closed' });
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.status.id).toBe(2);
  });

  it('answers 422 for an invalid or missing status and 404 for a missing ticket', async () => {
    const x = await f.api.ticket(newTicket(f));
    for (const [send, msg] of [
      [() => f.api.form('PUT', `/api/tickets/${x.id}/status`, { status: 9 }), 'The selected status is invalid.'],
      [() => f.api.json('PUT', `/api/tickets/${x.id}/status`, { status: 'closed' }), 'The selected status is invalid.'],
      [() => f.api.form('PUT', `/api/tickets/${x.id}/status`), 'The status field is required.'],
      [() => f.api.json('PUT', `/api/tickets/${x.id}/status`, {}), 'The status field is required.'],
    ] as const) {
      const res = await send();
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ message: msg, errors: { status: [msg] } });
    }
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.status.id).toBe(1);
    expect((await f.api.form('PUT', '/api/tickets/999999/status', { status: 2 })).statusCode).toBe(404);
  });
});

describe('crm replies', () => {
  it('posts replies (form) and notes (JSON), updating last_updated and replies_count', async () => {
    const x = await f.api.ticket(newTicket(f));
    const res = await f.api.form('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'We are looking into this for you.' });
    expect(res.statusCode).toBe(201);
    const reply = res.json().data;
    expect(reply).toEqual({
      id: expect.any(Number),
      ticket_id: x.id,
      text: 'We are looking into this for you.',
      type: 'reply',
      creator_id: f.ws.agent.id,
      creator_name: 'agent talk',
      dates: { created: expect.stringMatching(ISO) },
    });
    const note = await f.api.json('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'Internal: check logs', ticketreply_type: 'note' });
    expect(note.statusCode).toBe(201);
    expect(note.json().data.type).toBe('note');

    const after = (await f.api.get(`/api/tickets/${x.id}`)).json().data;
    expect(after.replies_count).toBe(2);
    expect(after.dates.last_updated > x.dates.last_updated).toBe(true);
    expect(after.status).toEqual(x.status);

    const list = await f.api.get(`/api/tickets/${x.id}/replies`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ data: [reply, note.json().data], meta: { current_page: 1, per_page: 2, total: 2, last_page: 1 } });
  });

  it('deletes a reply, lowering replies_count, and answers 404 for missing or foreign replies', async () => {
    const x = await f.api.ticket(newTicket(f));
    const y = await f.api.ticket(newTicket(f));
    const r1 = (await f.api.form('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'one' })).json().data;
    const r2 = (await f.api.form('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'two', ticketreply_type: 'note' })).json().data;
    const del = await f.api.form('DELETE', `/api/tickets/${x.id}/replies/${r1.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ data: { id: r1.id, deleted: true } });
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.replies_count).toBe(1);
    expect((await f.api.get(`/api/tickets/${x.id}/replies`)).json().data.map((r: { id: number }) => r.id)).toEqual([r2.id]);
    await f.api.form('DELETE', `/api/tickets/${x.id}/replies/${r2.id}`);
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.replies_count).toBe(0);

    const r3 = (await f.api.form('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'three' })).json().data;
    for (const path of [`/api/tickets/${x.id}/replies/${r1.id}`, `/api/tickets/${y.id}/replies/${r3.id}`, `/api/tickets/${x.id}/replies/abc`]) {
      const res = await f.api.form('DELETE', path);
      expect(res.statusCode, path).toBe(404);
    }
    expect((await f.api.form('DELETE', `/api/tickets/${x.id}/replies/${r1.id}`)).json()).toEqual({ message: 'Reply not found' });
    expect((await f.api.form('DELETE', `/api/tickets/999999/replies/${r3.id}`)).json()).toEqual({ message: 'Ticket not found' });
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.replies_count).toBe(1);
  });

  it('answers 422 for a missing text or an invalid type, and 404 for a missing ticket', async () => {
    const x = await f.api.ticket(newTicket(f));
    const empty = await f.api.form('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toEqual({ message: 'The ticketreply text field is required.', errors: { ticketreply_text: ['The ticketreply text field is required.'] } });
    const type = await f.api.json('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'hi', ticketreply_type: 'comment' });
    expect(type.statusCode).toBe(422);
    expect(type.json().errors).toEqual({ ticketreply_type: ['The selected ticketreply type is invalid.'] });
    expect((await f.api.get(`/api/tickets/${x.id}`)).json().data.replies_count).toBe(0);
    expect((await f.api.form('POST', '/api/tickets/999999/replies', { ticketreply_text: 'hi' })).statusCode).toBe(404);
    expect((await f.api.get('/api/tickets/999999/replies')).statusCode).toBe(404);
  });

  it('sends nothing: posting records no notification event', async () => {
    const x = await f.api.ticket(newTicket(f));
    await f.api.form('POST', `/api/tickets/${x.id}/replies`, { ticketreply_text: 'silent' });
    const actions = (await t.db.ticketEvent.findMany({ where: { ticketId: x.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toContain('replied');
    expect(actions).not.toContain('notified');
  });
});
