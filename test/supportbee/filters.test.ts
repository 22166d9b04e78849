// SupportBee filters over HTTP: rules, consequences and filters (admins only, string ids),
// and filters made here firing on tickets created through other dialects (the domain's
// createTicket, as Suptask and the CRM call it) and through SupportBee itself, with each
// applied consequence in the ticket's events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import type { Ctx } from '../../src/domain/context.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { client, newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
let teamId: number;
let elsewhere: Ctx;
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
  teamId = (await t.admin('POST', '/teams', { name: 'VIP Team' }, 'acme')).body.team.id;
  await t.admin('POST', `/teams/${teamId}/members`, { userId: ws.agent.id }, 'acme');
  // Another dialect's caller (e.g. a Suptask bot token of the admin).
  elsewhere = { db: t.db, workspaceId: ws.id, actor: { userId: ws.admin.id, name: 'admin acme', role: 'admin' } };
});
afterAll(() => t.close());

async function filter(rule: object, consequence: object): Promise<string> {
  const r = await admin('POST', '/rules', { rule });
  const c = await admin('POST', '/consequences', { consequence });
  if (r.status !== 201 || c.status !== 201) throw new Error(JSON.stringify([r.body, c.body]));
  const f = await admin('POST', '/filters', { rule_id: r.body.rule.id, consequence_id: c.body.consequence.id });
  if (f.status !== 201) throw new Error(JSON.stringify(f.body));
  return f.body.filter.id;
}

const row = (id: number) => t.db.ticket.findUniqueOrThrow({ where: { id }, include: { labels: { include: { label: true } } } });

describe('defining filters', () => {
  it('POST /rules with the seed’s empty body returns a string id', async () => {
    const res = await admin('POST', '/rules', {});
    expect(res.status).toBe(201);
    expect(res.body.rule.id).toMatch(/^\d+$/);
    const full = await admin('POST', '/rules', { rule: { requester_email: 'Boss@Client.test', requester_domain: '@client.test', subject_contains: 'urgent', body_contains: 'refund', label: 'billing' } });
    expect(full.body.rule).toEqual({ id: expect.stringMatching(/^\d+$/), requester_email: 'boss@client.test', requester_domain: 'client.test', subject_contains: 'urgent', body_contains: 'refund', label: 'billing', forwarding_address_id: null });
  });

  it('POST /consequences takes the seed’s body (string user id, "" team)', async () => {
    const res = await admin('POST', '/consequences', { consequence: { archive: false, spam: false, trash: false, label: 'desktop_uploader', assign_user: String(ws.agent.id), assign_team: '' } });
    expect(res.status).toBe(201);
    expect(res.body.consequence).toEqual({ id: expect.stringMatching(/^\d+$/), archive: false, spam: false, trash: false, label: 'desktop_uploader', assign_user: String(ws.agent.id), assign_team: '' });
  });

  it('POST /filters joins a rule and a consequence (string or numeric ids, SupportBee’s composite form)', async () => {
    const r = (await admin('POST', '/rules', { rule: { subject_contains: 'never-matches-anything' } })).body.rule.id;
    const c = (await admin('POST', '/consequences', { consequence: { archive: true } })).body.consequence.id;
    const res = await admin('POST', '/filters', { rule_id: r, consequence_id: Number(c) });
    expect(res.status).toBe(201);
    expect(res.body.filter).toEqual({ id: expect.stringMatching(/^\d+$/), rule_id: r, consequence_id: c });
    expect((await admin('POST', '/filters', { rule_id: `${r}_20130430051601`, consequence_id: `${c}_20130430051603` })).status).toBe(201);
  });

  it('admins only (403 for agents)', async () => {
    for (const [path, body] of [['/rules', {}], ['/consequences', { consequence: { archive: true } }], ['/filters', { rule_id: '1', consequence_id: '1' }]] as const) {
      const res = await agent('POST', path, body);
      expect(res.status, path).toBe(403);
      expect(res.body.error).toMatch(/admins/);
    }
  });

  it('validates references and values (400)', async () => {
    const customer = (await t.admin('POST', '/users', { email: 'cust@x.test', name: 'Cust', role: 'customer' }, 'acme')).body.user.id;
    const bad: [string, object][] = [
      ['/consequences', { consequence: {} }],
      ['/consequences', { consequence: { assign_user: String(customer) } }],
      ['/consequences', { consequence: { assign_user: '999999' } }],
      ['/consequences', { consequence: { assign_team: '999999' } }],
      ['/consequences', { consequence: { archive: 'yes' } }],
      ['/rules', { rule: { forwarding_address_id: 999999 } }],
      ['/rules', { rule: { requester_email: 'not an address' } }],
      ['/rules', { rule: { requester_domain: 'nodot' } }],
      ['/filters', { rule_id: '999999', consequence_id: '999999' }],
      ['/filters', { rule_id: 'abc', consequence_id: '1' }],
      ['/filters', {}],
    ];
    for (const [path, body] of bad) {
      const res = await admin('POST', path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toBeTruthy();
    }
  });
});

describe('filters firing on new tickets', () => {
  it('a filter made here fires on a ticket created through another dialect, each consequence in the events', async () => {
    await filter({ requester_domain: 'vip.test' }, { label: 'vip', assign_user: String(ws.agent.id), assign_team: String(teamId) });
    const made = await createTicket(elsewhere, { subject: 'Printer on fire', descriptionText: 'Help', source: 'slack', requester: { email: 'ceo@vip.test', name: 'CEO' } });
    const now = await row(made.id);
    expect(now.labels.map((l) => l.label.name)).toEqual(['vip']);
    expect(now.assigneeId).toBe(ws.agent.id);
    expect(now.teamId).toBe(teamId);
    const actions = (await t.db.ticketEvent.findMany({ where: { ticketId: made.id }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['created', 'filter_applied', 'team_assigned', 'assigned', 'labeled']);
    // SupportBee's own view of it: the ticket and its audit trail.
    const tk = (await agent('GET', `/tickets/${made.id}`)).body.ticket;
    expect(tk.labels).toEqual([{ name: 'vip', color: expect.any(String) }]);
    expect(tk.current_user_asignee).toMatchObject({ id: ws.agent.id });
    expect(tk.current_team_asignee).toMatchObject({ id: teamId, name: 'VIP Team' });
    const audit = (await agent('GET', `/tickets/${made.id}/audit`)).body.audit.map((a: { action: string }) => a.action);
    expect(audit).toEqual(['Created', 'Filter applied', 'Assigned to team VIP Team', 'Assigned to agent acme', 'Added label vip']);
    // Someone outside the domain is untouched.
    const plain = await createTicket(elsewhere, { subject: 'Printer on fire', descriptionText: 'Help', requester: { email: 'joe@plain.test' } });
    expect(await row(plain.id)).toMatchObject({ assigneeId: null, teamId: null, labels: [] });
  });

  it('subject, body, label and forwarding-address rules; archive, spam and trash consequences', async () => {
    await filter({ subject_contains: 'NEWSLETTER' }, { archive: true });
    await filter({ body_contains: 'cheap pills' }, { spam: true });
    await filter({ label: 'junk' }, { trash: true });
    const fwd = (await admin('POST', '/emails', { forwarding_address: { name: 'Sales' } })).body.forwarding_address.id;
    await filter({ forwarding_address_id: String(fwd) }, { label: 'sales' });

    const news = await createTicket(elsewhere, { subject: 'Our newsletter', descriptionText: 'hello', requester: { email: 'a@n.test' } });
    expect(await row(news.id)).toMatchObject({ archived: true, spam: false, trashed: false });
    const spam = await createTicket(elsewhere, { subject: 'Offer', descriptionText: 'Buy CHEAP PILLS now', requester: { email: 'b@n.test' } });
    expect(await row(spam.id)).toMatchObject({ archived: false, spam: true });
    const junk = await createTicket(elsewhere, { subject: 'Stuff', descriptionText: 'x', labels: ['Junk'], requester: { email: 'c@n.test' } });
    expect(await row(junk.id)).toMatchObject({ trashed: true });
    const flags = (await t.db.ticketEvent.findMany({ where: { ticketId: { in: [news.id, spam.id, junk.id] }, action: 'flagged' }, orderBy: { id: 'asc' } })).map((e) => e.description);
    expect(flags).toEqual(['archived=true', 'spam=true', 'trashed=true']);

    // Through SupportBee's own POST /tickets, with a forwarding address.
    const viaSb = await newTicket(agent, 'Quote please', { forwarding_address_id: fwd });
    expect(viaSb.labels.map((l: { name: string }) => l.name)).toEqual(['sales']);
    const notSales = await newTicket(agent, 'Quote please');
    expect(notSales.labels).toEqual([]);
    expect((await agent('GET', `/tickets/${news.id}/audit`)).body.audit.map((a: { action: string }) => a.action)).toContain('Archived');
  });

  it('filters stay inside their workspace, and a consequence whose agent is gone does not break creation', async () => {
    const other = await t.workspace('other');
    const otherAdmin = client(t, other.admin.token);
    const r = (await otherAdmin('POST', '/rules', {})).body.rule.id;
    const c = (await otherAdmin('POST', '/consequences', { consequence: { spam: true } })).body.consequence.id;
    expect((await otherAdmin('POST', '/filters', { rule_id: r, consequence_id: c })).status).toBe(201);
    // Acme's rule/consequence ids are not usable from the other workspace.
    const acmeRule = (await admin('POST', '/rules', { rule: { subject_contains: 'zzz-none' } })).body.rule.id;
    expect((await otherAdmin('POST', '/filters', { rule_id: acmeRule, consequence_id: c })).status).toBe(400);
    const mine = await createTicket(elsewhere, { subject: 'Hello', descriptionText: 'x', requester: { email: 'd@n.test' } });
    expect((await row(mine.id)).spam).toBe(false);

    const temp = (await admin('POST', '/users', { user: { name: 'Temp Agent', role: 10 } })).body.user.id;
    await filter({ subject_contains: 'route to temp' }, { assign_user: String(temp), label: 'temp' });
    await t.db.user.delete({ where: { id: temp } });
    const tk = await createTicket(elsewhere, { subject: 'Please route to temp', descriptionText: 'x', requester: { email: 'e@n.test' } });
    const now = await row(tk.id);
    expect(now.assigneeId).toBeNull();
    expect(now.labels.map((l) => l.label.name)).toEqual(['temp']);
  });
});
