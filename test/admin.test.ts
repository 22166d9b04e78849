import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t.close());

describe('admin API', () => {
  it('rejects missing, bad and non-admin tokens', async () => {
    expect((await t.app.inject({ url: '/admin/v1/users' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/admin/v1/users', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const ws = await t.workspace('acme');
    const res = await t.app.inject({ url: '/admin/v1/users', headers: { authorization: `Bearer ${ws.agent.token}` } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ message: 'Admin role required' });
  });

  it('creates workspaces, users, teams and tokens, scoped to a workspace', async () => {
    const ws = await t.workspace('beta');
    const users = await t.app.inject({ url: '/admin/v1/users', headers: { authorization: `Bearer ${ws.admin.token}` } });
    expect(users.statusCode).toBe(200);
    expect(users.json().users.map((u: { role: string }) => u.role).sort()).toEqual(['admin', 'agent']);
    // A workspace admin cannot reach another workspace.
    const other = await t.app.inject({ url: '/admin/v1/users?workspace=default', headers: { authorization: `Bearer ${ws.admin.token}` } });
    expect(other.statusCode).toBe(403);
    const team = await t.admin('POST', '/teams', { name: 'Tier 1' }, 'beta');
    expect(team.status).toBe(201);
    const member = await t.admin('POST', `/teams/${team.body.team.id}/members`, { userId: ws.agent.id }, 'beta');
    expect(member.body.team.members).toHaveLength(1);
  });

  it('validates bodies with field details', async () => {
    const res = await t.admin('POST', '/users', { name: '', role: 'wizard' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('role');
    const dup = await t.admin('POST', '/workspaces', { slug: 'default' });
    expect(dup.status).toBe(409);
  });

  it('revokes tokens', async () => {
    const ws = await t.workspace('gamma');
    const tokens = await t.admin('GET', '/tokens', undefined, 'gamma');
    const agentToken = tokens.body.tokens.find((k: { userId: number }) => k.userId === ws.agent.id);
    expect(agentToken.prefix).toBe(ws.agent.token.slice(0, 9));
    expect(JSON.stringify(tokens.body)).not.toContain(ws.agent.token);
    const del = await t.admin('DELETE', `/tokens/${agentToken.id}`, undefined, 'gamma');
    expect(del.status).toBe(204);
    const team = await t.admin('POST', '/jwt', { userId: ws.agent.id }, 'gamma');
    expect(team.status).toBe(201);
  });

  it('manages forms with channels and fields, and catalogs', async () => {
    const field = await t.admin('POST', '/custom-fields', { name: 'Browser', type: 'select', options: ['Chrome', 'Firefox'], required: true });
    expect(field.status).toBe(201);
    expect(field.body.customField.key).toBe('browser');
    const queue = await t.admin('POST', '/queues', { name: 'Support' });
    const form = await t.admin('POST', '/forms', { name: 'IT', queueId: queue.body.queue.id, channels: ['C0123'], fields: [{ fieldId: field.body.customField.id, required: true }] });
    expect(form.status).toBe(201);
    expect(form.body.form.channels[0].channelId).toBe('C0123');
    const bad = await t.admin('POST', '/projects', { name: 'P', organizationId: 999 });
    expect(bad.status).toBe(400);
    const org = await t.admin('POST', '/organizations', { name: 'Acme Inc' });
    const proj = await t.admin('POST', '/projects', { name: 'P', organizationId: org.body.organization.id });
    expect(proj.status).toBe(201);
    expect((await t.admin('GET', '/queues/999')).status).toBe(404);
    // Ids beyond int4 name nothing: 400, never a database error.
    for (const [method, url, body] of [
      ['POST', '/tokens', { userId: 2147483648 }],
      ['POST', '/jwt', { userId: 2147483648 }],
      ['POST', '/forms', { name: 'x', queueId: 2147483648 }],
      ['POST', '/projects', { name: 'x', organizationId: 2147483648 }],
      ['POST', '/users', { name: 'x', teamIds: [2147483648] }],
      ['DELETE', '/teams/2147483648/members/1', undefined],
    ] as const) {
      expect((await t.admin(method, url, body)).status, `${method} ${url}`).toBe(400);
    }
  });

  it('manages customer group members (customers only)', async () => {
    const grp = await t.admin('POST', '/users', { name: 'VIP', role: 'customer', type: 'customer_group', canMembersAccessGroupTickets: true });
    const cust = await t.admin('POST', '/users', { name: 'Cust', email: 'cust@vip.test', role: 'customer' });
    const agent = await t.admin('POST', '/users', { name: 'Agent', email: 'agent@vip.test', role: 'agent' });
    const add = await t.admin('POST', `/users/${grp.body.user.id}/members`, { userId: cust.body.user.id });
    expect(add.status).toBe(201);
    expect(add.body.users.map((u: { id: number }) => u.id)).toEqual([cust.body.user.id]);
    expect((await t.admin('POST', `/users/${grp.body.user.id}/members`, { userId: agent.body.user.id })).status).toBe(400);
    expect((await t.admin('POST', `/users/${cust.body.user.id}/members`, { userId: cust.body.user.id })).status).toBe(400);
    expect((await t.admin('DELETE', `/users/${grp.body.user.id}/members/${cust.body.user.id}`)).status).toBe(204);
    expect((await t.admin('GET', `/users/${grp.body.user.id}/members`)).body.users).toEqual([]);
  });
});
