// SupportBee forwarding addresses (/emails): list, create (admins), and tickets created
// with forwarding_address_id recording it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { client, newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let agent: Client;
let admin: Client;
beforeAll(async () => {
  ({ t, agent, admin } = await supportBeeApp());
});
afterAll(() => t.close());

describe('forwarding addresses', () => {
  let id: number;

  it('POST /emails creates one from the seed body (admins)', async () => {
    const res = await admin('POST', '/emails', { forwarding_address: { name: 'Company Inc', filter_spam: true, use_agent_name: true } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ forwarding_address: { id: expect.any(Number), name: 'Company Inc', email: null, filter_spam: true, use_agent_name: true } });
    id = res.body.forwarding_address.id;
    const second = await admin('POST', '/emails', { forwarding_address: { name: 'Billing', email: 'Billing@Acme.test', filter_spam: false, use_agent_name: false } });
    expect(second.body.forwarding_address).toMatchObject({ name: 'Billing', email: 'billing@acme.test', filter_spam: false, use_agent_name: false });
  });

  it('GET /emails lists them', async () => {
    const res = await agent('GET', '/emails');
    expect(res.status).toBe(200);
    expect(res.body.forwarding_addresses.map((f: { name: string }) => f.name)).toEqual(['Company Inc', 'Billing']);
    const other = client(t, (await t.workspace('other')).agent.token);
    expect((await other('GET', '/emails')).body.forwarding_addresses).toEqual([]);
  });

  it('agents cannot create them (403); bad bodies are 400', async () => {
    expect((await agent('POST', '/emails', { forwarding_address: { name: 'Mine' } })).status).toBe(403);
    expect((await admin('POST', '/emails', { forwarding_address: { name: '' } })).status).toBe(400);
    expect((await admin('POST', '/emails', { forwarding_address: { name: 'X', email: 'not-an-address' } })).status).toBe(400);
    expect((await admin('POST', '/emails', { forwarding_address: { name: 'X', filter_spam: 'yes' } })).status).toBe(400);
    expect((await admin('POST', '/emails', {})).status).toBe(400);
  });

  it('a ticket created with forwarding_address_id records it; an unknown one is 400', async () => {
    const tk = await newTicket(agent, 'Through the mailbox', { forwarding_address_id: String(id) });
    expect((await t.db.ticket.findUnique({ where: { id: tk.id } }))!.forwardingAddressId).toBe(id);
    const tk2 = await newTicket(agent, 'By number', { forwarding_address_id: id });
    expect((await t.db.ticket.findUnique({ where: { id: tk2.id } }))!.forwardingAddressId).toBe(id);
    const bad = await agent('POST', '/tickets', { ticket: { subject: 'x', requester_email: 'a@b.test', content: { text: 'x' }, forwarding_address_id: 999999 } });
    expect(bad.status).toBe(400);
  });
});
