// Customers over HTTP: their own tickets and, in groups that allow it, the group's tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const ws = 'vis';
let agentToken = '';
beforeAll(async () => {
  t = await startApp();
  agentToken = (await t.workspace(ws)).agent.token;
});
afterAll(() => t.close());

const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/supportbee${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

async function customer(email: string) {
  const u = await t.admin('POST', '/users', { email, name: email.split('@')[0], role: 'customer' }, ws);
  const tok = await t.admin('POST', '/tokens', { userId: u.body.user.id }, ws);
  return { id: u.body.user.id as number, token: tok.body.token as string };
}
const ticketFor = async (email: string, subject: string) =>
  (await call(agentToken, 'POST', '/tickets', { ticket: { subject, requester_email: email, content: { text: subject } } })).json().id as number;
const subjects = async (token: string) => (await call(token, 'GET', '/tickets')).json().tickets.map((x: { subject: string }) => x.subject).sort();

describe('customer visibility', () => {
  it("shows a customer their own tickets, and the group's where the group allows it", async () => {
    const ann = await customer('ann@cust.test');
    const bob = await customer('bob@cust.test');
    const eve = await customer('eve@cust.test');
    const annTicket = await ticketFor('ann@cust.test', 'Ann asks');
    const bobTicket = await ticketFor('bob@cust.test', 'Bob asks');
    await ticketFor('eve@cust.test', 'Eve asks');

    expect(await subjects(ann.token)).toEqual(['Ann asks']);
    expect((await call(ann.token, 'GET', `/tickets/${bobTicket}`)).statusCode).toBe(404);

    const group = await call(agentToken, 'POST', '/users', { user: { name: 'Acme customers', type: 'customer_group', role: 40, can_members_access_group_tickets: true } });
    expect(group.json().user.can_members_access_group_tickets).toBe(true);
    const groupId = group.json().user.id;
    for (const m of [ann, bob]) expect((await call(agentToken, 'POST', `/users/${groupId}/members`, { member: { id: m.id } })).statusCode).toBe(201);

    expect(await subjects(ann.token)).toEqual(['Ann asks', 'Bob asks']);
    expect(await subjects(eve.token)).toEqual(['Eve asks']);
    expect((await call(ann.token, 'GET', `/tickets/${bobTicket}`)).json().ticket.subject).toBe('Bob asks');
    expect((await call(bob.token, 'GET', `/tickets/search?query=asks`)).json().total).toBe(2);

    expect((await call(agentToken, 'PUT', `/users/${groupId}`, { user: { can_members_access_group_tickets: false } })).statusCode).toBe(200);
    expect(await subjects(ann.token)).toEqual(['Ann asks']);
    expect((await call(ann.token, 'GET', `/tickets/${annTicket}`)).statusCode).toBe(200);
    // Customers still cannot act as agents.
    expect((await call(ann.token, 'POST', `/tickets/${annTicket}/archive`)).statusCode).toBe(403);
  });
});
