// One ticket through all five dialects: created via Suptask, replied via SupportBee,
// noted and closed via Sympoq, listed and tagged via CRM, read via TaskIP. Each step is a
// vendor-shaped request; each read must show every earlier change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from './helpers/app.js';

let t: TestApp;
let ws: WorkspaceFixture;
let formId = '';
beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('one');
  formId = (await t.admin('POST', '/forms', { name: 'IT', channels: ['C0IT'] }, 'one')).body.form.id;
});
afterAll(() => t.close());

const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('one ticket, five dialects', () => {
  it('is the same ticket everywhere', async () => {
    const token = ws.agent.token;
    const created = await send('POST', '/suptask/ticket', { authorization: `Api-Token ${token}` }, {
      description: 'Printer on fire\nsmoke everywhere',
      formId,
      requesterChannel: 'C0IT',
      requester: 'U0CUSTOMER',
      priority: 'High',
      tags: ['hardware'],
    });
    expect(created.statusCode).toBe(201);
    const uuid = created.json().ticketId;

    // SupportBee: the same ticket by its global id, unanswered until an agent replies.
    const sbList = (await send('GET', '/supportbee/tickets', { authorization: `Bearer ${token}` })).json();
    expect(sbList.total).toBe(1);
    const id = sbList.tickets[0].id;
    expect(sbList.tickets[0]).toMatchObject({ subject: 'Printer on fire', unanswered: true, labels: [expect.objectContaining({ name: 'hardware' })] });
    const reply = await send('POST', `/supportbee/tickets/${id}/replies`, { authorization: `Bearer ${token}` }, { reply: { content: { text: 'Extinguisher on the way' } } });
    expect(reply.statusCode).toBe(201);

    // Sympoq: by ref; a billable note, then close.
    const sympoq = { apikey: token };
    const [listed] = (await send('GET', '/sympoq/app/desk/api/tickets/any/any/any/any/any/any/any/*', sympoq)).json();
    expect(listed).toMatchObject({ priority: 3, status: 1, tags: ['hardware'] });
    const ref = listed.id;
    expect((await send('PUT', `/sympoq/app/desk/api/ticket/note/${ref}`, sympoq, { note: 'Called facilities', minutes: 15 })).statusCode).toBe(200);
    const closed = (await send('PUT', `/sympoq/app/desk/api/ticket/close/${ref}`, sympoq)).json();
    expect(closed).toMatchObject({ status: 4, minutes: 15 });
    expect(closed.responded).not.toBeNull();

    // CRM: closed (2), with the reply counted; tags replaced there.
    const crm = { authorization: `Bearer ${token}` };
    const crmList = (await send('GET', '/crm/api/tickets?status=2', crm)).json();
    expect(crmList.data.map((x: { id: number }) => x.id)).toEqual([id]);
    expect(crmList.data[0]).toMatchObject({ priority: 'high', status: { id: 2, title: 'Closed' }, tags: ['hardware'] });
    expect((await send('PUT', `/crm/api/tickets/${id}/tags`, crm, { tags: ['hardware', 'facilities'] })).statusCode).toBe(200);

    // TaskIP: by id and by uuid, closed (3), high (3), and the tags from CRM.
    const taskip = { 'x-secret-key': token };
    const byId = (await send('GET', `/taskip/api/public-v1/support-ticket/${id}`, taskip)).json();
    expect(byId).toMatchObject({ id, uuid, status: 3, priority: 3, subject: 'Printer on fire' });
    expect([...byId.tags].sort()).toEqual(['facilities', 'hardware']);

    // Suptask again: every change is visible, and the event log holds them all.
    const back = (await send('GET', '/suptask/ticket/1', { authorization: `Api-Token ${token}` })).json();
    expect(back).toMatchObject({ id: uuid, status: 'Closed', priority: 'High', requesterId: 'U0CUSTOMER' });
    expect([...back.tags].sort()).toEqual(['facilities', 'hardware']);
    expect(back.closedDate).not.toBeNull();
    const audit = (await send('GET', `/supportbee/tickets/${id}/audit`, { authorization: `Bearer ${token}` })).json().audit;
    expect(audit.length).toBeGreaterThanOrEqual(5);
  });

  it('reads tickets created through SupportBee, CRM and TaskIP in the other dialects', async () => {
    const token = ws.agent.token;
    // SupportBee's public web form (anonymous) -> Suptask by number, Sympoq by ref.
    const web = await send('POST', '/supportbee/tickets?company=one', {}, { ticket: { subject: 'Web form', requester_name: 'Wendy', requester_email: 'wendy@web.test', content: { text: 'From the website' } } });
    expect(web.statusCode).toBe(201);
    const webId = web.json().id;
    const row = await t.db.ticket.findUniqueOrThrow({ where: { id: webId } });
    const viaSuptask = (await send('GET', `/suptask/ticket/${row.number}`, { authorization: `Api-Token ${token}` })).json();
    expect(viaSuptask).toMatchObject({ ticketNumber: row.number, description: 'From the website', status: 'New' });
    const viaSympoq = (await send('GET', `/sympoq/app/desk/api/ticket/${row.ref}`, { apikey: token })).json();
    expect(viaSympoq).toMatchObject({ id: row.ref, description: 'From the website', customer: { name: 'Wendy', email: 'wendy@web.test' } });

    // CRM (form-encoded, as curl sends it) -> SupportBee and TaskIP.
    const clientId = (await t.admin('POST', '/organizations', { name: 'Acme Inc' }, 'one')).body.organization.id;
    const deptId = (await t.admin('POST', '/queues', { name: 'Support', kind: 'ticket' }, 'one')).body.queue.id;
    const crm = await t.app.inject({
      method: 'POST',
      url: '/crm/api/tickets',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ticket_clientid: String(clientId), ticket_categoryid: String(deptId), ticket_subject: 'Cannot log in', ticket_message: 'Error on the login page', ticket_priority: 'urgent' }).toString(),
    });
    expect(crm.statusCode).toBe(201);
    const crmId = crm.json().data.id;
    expect((await send('GET', `/supportbee/tickets/${crmId}`, { authorization: `Bearer ${token}` })).json().ticket).toMatchObject({ id: crmId, subject: 'Cannot log in' });
    expect((await send('GET', `/taskip/api/public-v1/support-ticket/${crmId}`, { 'x-secret-key': token })).json()).toMatchObject({ priority: 4, category: 'Support', client_id: clientId });

    // TaskIP -> CRM (status ids) and Sympoq (numbers).
    const tk = await send('POST', '/taskip/api/public-v1/support-ticket', { 'x-secret-key': token }, { subject: 'Export to CSV', priority: 2, status: 4, description: 'Please add CSV export' });
    expect(tk.statusCode).toBe(201);
    const tkId = tk.json().data.id;
    expect((await send('GET', `/crm/api/tickets/${tkId}`, { authorization: `Bearer ${token}` })).json().data).toMatchObject({ subject: 'Export to CSV', status: { id: 3, title: 'On Hold' }, priority: 'normal' });
    const tkRef = (await t.db.ticket.findUniqueOrThrow({ where: { id: tkId } })).ref;
    expect((await send('GET', `/sympoq/app/desk/api/ticket/${tkRef}`, { apikey: token })).json()).toMatchObject({ status: 3, priority: 2 });
  });
});

describe('customer tokens', () => {
  it('are refused by the staff APIs, in each vendor’s own way', async () => {
    const u = await t.admin('POST', '/users', { email: 'carl@cust.test', name: 'Carl', role: 'customer' }, 'one');
    const tok = (await t.admin('POST', '/tokens', { userId: u.body.user.id }, 'one')).body.token;
    const tk = (await send('POST', '/taskip/api/public-v1/support-ticket', { 'x-secret-key': ws.agent.token }, { subject: 'Private', priority: 1 })).json().data;
    const cases: [string, string, Record<string, string>, number][] = [
      ['GET', '/crm/api/tickets', { authorization: `Bearer ${tok}` }, 403],
      ['PUT', `/taskip/api/public-v1/support-ticket/${tk.id}`, { 'x-secret-key': tok }, 403],
      ['GET', `/suptask/ticket/1`, { authorization: `Api-Token ${tok}` }, 403],
      ['DELETE', `/suptask/ticket/${tk.uuid}`, { authorization: `Api-Token ${tok}` }, 403],
      ['GET', '/sympoq/app/desk/api/tickets/any/any/any/any/any/any/any/*', { apikey: tok }, 403],
      ['GET', '/supportbee/labels', { authorization: `Bearer ${tok}` }, 403],
    ];
    for (const [method, url, headers, status] of cases) {
      const res = await t.app.inject({ method: method as 'GET', url, headers, ...(method === 'PUT' ? { payload: { subject: 'pwned' } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(status);
    }
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).subject).toBe('Private');
    // SupportBee lets customers read their own tickets (and their group's): none here.
    expect((await send('GET', '/supportbee/tickets', { authorization: `Bearer ${tok}` })).json().total).toBe(0);
  });
});
