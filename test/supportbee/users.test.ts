// SupportBee users and customer groups over HTTP: list filters, create with role codes and
// teams, show with recent tickets, partial update and its role and self-update rules,
// group members, and what group members may see of the group's tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import type { Ctx } from '../../src/domain/context.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { getVisibleTicket, listVisibleTickets } from '../../src/domain/visibility.js';
import { client, newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
let teamId: number;
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
  teamId = (await t.admin('POST', '/teams', { name: 'Team 1' }, 'acme')).body.team.id;
  await t.admin('POST', `/teams/${teamId}/members`, { userId: ws.agent.id }, 'acme');
});
afterAll(() => t.close());

const names = (body: { users: { name: string }[] }) => body.users.map((u) => u.name);

describe('POST /users', () => {
  it('creates an agent from the seed body (role 10) with first and last name split', async () => {
    const res = await admin('POST', '/users', { user: { name: 'Sarah Caring', email: 'sarah@acme.test', role: 10, team_ids: [teamId], type: 'user' } });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(Number),
      type: 'user',
      first_name: 'Sarah',
      last_name: 'Caring',
      name: 'Sarah Caring',
      email: 'sarah@acme.test',
      role: 'agent',
      agent: true,
      two_factor_authentication_enabled: false,
      picture: { thumb20: expect.any(String), thumb24: expect.any(String), thumb32: expect.any(String), thumb48: expect.any(String), thumb64: expect.any(String) },
      can_members_access_group_tickets: null,
      email_domains: [],
      members_count: 0,
      active_tickets_count: 0,
      requested_tickets_count: 0,
      teams: [{ id: teamId, name: 'Team 1', picture: expect.any(Object) }],
    });
  });

  it('maps every role code and name', async () => {
    const cases: [unknown, string][] = [[20, 'admin'], ['30', 'collaborator'], [40, 'customer'], ['agent', 'agent'], ['Admin', 'admin']];
    for (const [role, want] of cases) {
      const res = await admin('POST', '/users', { user: { name: `Role ${String(role)} Person`, role } });
      expect(res.status, String(role)).toBe(201);
      expect(res.body.user.role).toBe(want);
      expect(res.body.user.agent).toBe(want !== 'customer');
    }
    for (const role of [99, 'boss', 15]) {
      const res = await admin('POST', '/users', { user: { name: 'Bad Role', role } });
      expect(res.status).toBe(400);
      expect(res.body.error).toBeTruthy();
    }
  });

  it('creates customer groups (always role customer)', async () => {
    const res = await agent('POST', '/users', { user: { name: 'Acme Buyers', type: 'customer_group', can_members_access_group_tickets: true, email_domains: ['@Buyers.test'] } });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ type: 'customer_group', role: 'customer', agent: false, can_members_access_group_tickets: true, email_domains: ['buyers.test'], members_count: 0 });
  });

  it('lets agents create customers but not staff (403); validates name, teams and duplicates (400)', async () => {
    expect((await agent('POST', '/users', { user: { name: 'Casey Customer', email: 'casey@c.test', role: 40 } })).status).toBe(201);
    const staff = await agent('POST', '/users', { user: { name: 'Sneaky Admin', role: 20 } });
    expect(staff.status).toBe(403);
    expect(staff.body.error).toMatch(/admins/);
    expect((await admin('POST', '/users', { user: { role: 10 } })).status).toBe(400);
    expect((await admin('POST', '/users', { user: { name: '   ' } })).status).toBe(400);
    const team = await admin('POST', '/users', { user: { name: 'No Team', team_ids: [999999] } });
    expect(team.status).toBe(400);
    expect(team.body.errors.team_ids).toBeDefined();
    expect((await admin('POST', '/users', { user: { name: 'Cust Team', role: 40, team_ids: [teamId] } })).status).toBe(400);
    expect((await admin('POST', '/users', { user: { name: 'Dup', email: 'casey@c.test', role: 40 } })).status).toBe(400);
    expect((await admin('POST', '/users', { user: { name: 'Bad Mail', email: 'nope' } })).status).toBe(400);
    expect((await admin('POST', '/users', {})).status).toBe(400);
  });
});

describe('GET /users', () => {
  it('lists staff by default; with_roles, with_invited and type filter', async () => {
    await admin('POST', '/users', { user: { name: 'Invited Ivy', email: 'ivy@acme.test', role: 'agent' } });
    await t.db.user.updateMany({ where: { email: 'ivy@acme.test' }, data: { invited: true } });
    const all = await agent('GET', '/users');
    expect(all.status).toBe(200);
    expect(all.body.users.every((u: { type: string; role: string }) => u.type === 'user' && u.role !== 'customer')).toBe(true);
    expect(names(all.body)).toEqual(expect.arrayContaining(['admin acme', 'agent acme', 'Sarah Caring']));
    expect(names(all.body)).not.toContain('Invited Ivy');
    expect(names((await agent('GET', '/users?with_invited=true')).body)).toContain('Invited Ivy');
    const customers = await agent('GET', '/users?with_roles=customer');
    expect(customers.body.users.map((u: { role: string }) => u.role)).toEqual(expect.arrayContaining(['customer']));
    expect(new Set(customers.body.users.map((u: { role: string }) => u.role))).toEqual(new Set(['customer']));
    const admins = await agent('GET', '/users?with_roles=admin,collaborator');
    expect(new Set(admins.body.users.map((u: { role: string }) => u.role))).toEqual(new Set(['admin', 'collaborator']));
    const groups = await agent('GET', '/users?type=customer_group');
    expect(names(groups.body)).toEqual(['Acme Buyers']);
    expect((await agent('GET', '/users?with_roles=boss')).status).toBe(400);
    expect((await agent('GET', '/users?type=robot')).status).toBe(400);
  });

  it('shows team membership and ticket counts', async () => {
    const tk = await newTicket(agent, 'Count me', { requester_email: 'counted@c.test' });
    await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: ws.agent.id } });
    const me = (await admin('GET', '/users')).body.users.find((u: { id: number }) => u.id === ws.agent.id);
    expect(me.teams).toEqual([{ id: teamId, name: 'Team 1', picture: expect.any(Object) }]);
    expect(me.active_tickets_count).toBe(1);
    const requester = (await admin('GET', '/users?with_roles=customer')).body.users.find((u: { email: string }) => u.email === 'counted@c.test');
    expect(requester.requested_tickets_count).toBe(1);
  });

  it('refuses customer tokens and other workspaces do not leak', async () => {
    const u = await t.admin('POST', '/users', { email: 'cu@acme.test', name: 'Cu', role: 'customer' }, 'acme');
    const tok = await t.admin('POST', '/tokens', { userId: u.body.user.id }, 'acme');
    expect((await client(t, tok.body.token)('GET', '/users')).status).toBe(403);
    const other = await t.workspace('other');
    expect((await agent('GET', `/users/${other.agent.id}`)).status).toBe(404);
    expect(names((await agent('GET', '/users')).body)).not.toContain('agent other');
  });
});

describe('GET /users/{id}', () => {
  it('returns the user with the most recent tickets they requested (max_tickets, false = all)', async () => {
    for (const s of ['First', 'Second', 'Third']) await newTicket(agent, s, { requester_email: 'recent@c.test', requester_name: 'Rita Recent' });
    const id = (await agent('GET', '/users?with_roles=customer')).body.users.find((u: { email: string }) => u.email === 'recent@c.test').id;
    const res = await agent('GET', `/users/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id, first_name: 'Rita', last_name: 'Recent', role: 'customer', agent: false, requested_tickets_count: 3 });
    expect(res.body.user.tickets.map((x: { subject: string }) => x.subject)).toEqual(['Third', 'Second', 'First']);
    expect((await agent('GET', `/users/${id}?max_tickets=2`)).body.user.tickets.map((x: { subject: string }) => x.subject)).toEqual(['Third', 'Second']);
    expect((await agent('GET', `/users/${id}?max_tickets=false`)).body.user.tickets).toHaveLength(3);
    expect((await agent('GET', `/users/${id}?max_tickets=0`)).body.user.tickets).toEqual([]);
    expect((await agent('GET', `/users/${id}?max_tickets=lots`)).status).toBe(400);
  });

  it('404 for a missing user, 400 for a malformed id', async () => {
    const res = await agent('GET', '/users/999999');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/not found/);
    expect((await agent('GET', '/users/abc')).status).toBe(400);
  });
});

describe('PUT /users/{id}', () => {
  it('updates only the fields sent', async () => {
    const made = (await admin('POST', '/users', { user: { name: 'Pat Partial', email: 'pat@acme.test', role: 10 } })).body.user;
    const res = await admin('PUT', `/users/${made.id}`, { user: { name: 'Patricia Ann Partial' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: made.id, name: 'Patricia Ann Partial', first_name: 'Patricia', last_name: 'Ann Partial', email: 'pat@acme.test', role: 'agent' });
    const promoted = await admin('PUT', `/users/${made.id}`, { user: { role: 20, team_ids: [teamId] } });
    expect(promoted.body.user).toMatchObject({ role: 'admin', name: 'Patricia Ann Partial', teams: [{ id: teamId }] });
    expect((await admin('PUT', `/users/${made.id}`, { user: { team_ids: [] } })).body.user.teams).toEqual([]);
  });

  it('refuses to update the token’s own user (403), even for admins', async () => {
    for (const [c, id] of [[admin, ws.admin.id], [agent, ws.agent.id]] as const) {
      const res = await c('PUT', `/users/${id}`, { user: { name: 'Me Myself' } });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/API token/);
    }
    expect((await t.db.user.findUnique({ where: { id: ws.admin.id } }))!.name).toBe('admin acme');
  });

  it('role rules: agents may edit customers, not staff nor promote to staff; type is fixed', async () => {
    const cust = (await agent('POST', '/users', { user: { name: 'Carl Cust', role: 40 } })).body.user;
    expect((await agent('PUT', `/users/${cust.id}`, { user: { name: 'Carl Customer' } })).body.user.name).toBe('Carl Customer');
    expect((await agent('PUT', `/users/${cust.id}`, { user: { role: 10 } })).status).toBe(403);
    expect((await agent('PUT', `/users/${ws.admin.id}`, { user: { name: 'Hijack' } })).status).toBe(403);
    expect((await admin('PUT', `/users/${cust.id}`, { user: { type: 'customer_group' } })).status).toBe(400);
    expect((await admin('PUT', `/users/${cust.id}`, { user: { role: 'boss' } })).status).toBe(400);
    expect((await admin('PUT', '/users/999999', { user: { name: 'Ghost' } })).status).toBe(404);
  });
});

describe('customer groups', () => {
  let groupId: number;
  let alice: number;
  let bob: number;
  let carol: number;
  beforeAll(async () => {
    groupId = (await agent('POST', '/users', { user: { name: 'Shared Group', type: 'customer_group', can_members_access_group_tickets: true } })).body.user.id;
    alice = (await agent('POST', '/users', { user: { name: 'Alice A', email: 'alice@g.test', role: 40 } })).body.user.id;
    bob = (await agent('POST', '/users', { user: { name: 'Bob B', email: 'bob@g.test', role: 40 } })).body.user.id;
    carol = (await agent('POST', '/users', { user: { name: 'Carol C', email: 'carol@g.test', role: 40 } })).body.user.id;
  });

  it('adds customers as members and lists them', async () => {
    const res = await agent('POST', `/users/${groupId}/members`, { member: { id: alice } });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ id: alice, type: 'user', name: 'Alice A', role: 'customer' });
    expect((await agent('POST', `/users/${groupId}/members`, { member: { id: String(bob) } })).status).toBe(201);
    expect((await agent('POST', `/users/${groupId}/members`, { member: { id: bob } })).status).toBe(201); // idempotent
    const list = await agent('GET', `/users/${groupId}/members`);
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual(['Alice A', 'Bob B']);
    expect((await agent('GET', `/users/${groupId}`)).body.user.members_count).toBe(2);
  });

  it('only customer groups have members, and only customers are members', async () => {
    const notGroup = await agent('POST', `/users/${alice}/members`, { member: { id: bob } });
    expect(notGroup.status).toBe(400);
    expect(notGroup.body.error).toMatch(/not a customer group/);
    expect((await agent('GET', `/users/${alice}/members`)).status).toBe(400);
    const staff = await agent('POST', `/users/${groupId}/members`, { member: { id: ws.agent.id } });
    expect(staff.status).toBe(400);
    expect(staff.body.error).toMatch(/only customers/);
    expect((await agent('POST', `/users/${groupId}/members`, { member: { id: 999999 } })).status).toBe(400);
    expect((await agent('POST', '/users/999999/members', { member: { id: alice } })).status).toBe(404);
    expect((await agent('GET', '/users/999999/members')).status).toBe(404);
    expect((await agent('POST', `/users/${groupId}/members`, {})).status).toBe(400);
  });

  it('members see the group’s tickets only when the group allows it', async () => {
    const ctx = (userId: number): Ctx => ({ db: t.db, workspaceId: ws.id, actor: { userId, name: 'c', role: 'customer' } });
    const staffCtx: Ctx = { db: t.db, workspaceId: ws.id, actor: { userId: ws.agent.id, name: 'a', role: 'agent' } };
    const aliceTicket = await createTicket(staffCtx, { subject: 'Alice asks', descriptionText: 'x', requesterId: alice });
    const bobTicket = await createTicket(staffCtx, { subject: 'Bob asks', descriptionText: 'x', requesterId: bob });
    const carolTicket = await createTicket(staffCtx, { subject: 'Carol asks', descriptionText: 'x', requesterId: carol });
    const seen = async (userId: number) => (await listVisibleTickets(ctx(userId), {}, { perPage: 100 })).tickets.map((x) => x.subject).sort();
    expect(await seen(alice)).toEqual(['Alice asks', 'Bob asks']);
    expect(await seen(carol)).toEqual(['Carol asks']);
    expect((await getVisibleTicket(ctx(alice), { id: bobTicket.id })).id).toBe(bobTicket.id);
    await expect(getVisibleTicket(ctx(alice), { id: carolTicket.id })).rejects.toThrow(/not found/);
    // Staff are not limited.
    expect((await listVisibleTickets(staffCtx, { ids: [aliceTicket.id, bobTicket.id, carolTicket.id] })).tickets).toHaveLength(3);
    // The group withdraws access: members see their own tickets only.
    expect((await agent('PUT', `/users/${groupId}`, { user: { can_members_access_group_tickets: false } })).body.user.can_members_access_group_tickets).toBe(false);
    expect(await seen(alice)).toEqual(['Alice asks']);
    await expect(getVisibleTicket(ctx(alice), { id: bobTicket.id })).rejects.toThrow(/not found/);
  });
});
