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
});
