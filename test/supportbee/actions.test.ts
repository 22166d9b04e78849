// SupportBee ticket actions, answered/unanswered transitions, assignments, labels and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import { addMessage } from '../../src/domain/messages.js';
import { client, newTicket, supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
  await t.admin('POST', '/labels', { name: 'important', color: '#ff0000' }, 'acme');
  await t.admin('POST', '/labels', { name: 'billing' }, 'acme');
});
afterAll(() => t.close());

const show = async (id: number) => (await agent('GET', `/tickets/${id}`)).body.ticket;
const listIds = async (q = '') => ((await agent('GET', `/tickets${q}`)).body.tickets as { id: number }[]).map((x) => x.id);

describe('archive, answered, spam, trash', () => {
  it('POST sets and DELETE clears each flag with 204 and no body; lists follow', async () => {
    const tk = await newTicket(agent, 'Flags');
    for (const [action, field, listQuery] of [
      ['archive', 'archived', '?archived=true'],
      ['spam', 'spam', '?spam=true'],
      ['trash', 'trash', '?trash=true'],
    ] as const) {
      const on = await agent('POST', `/tickets/${tk.id}/${action}`);
      expect(on.status, action).toBe(204);
      expect(on.raw.body).toBe('');
      expect((await show(tk.id))[field]).toBe(true);
      expect(await listIds()).not.toContain(tk.id);
      expect(await listIds(listQuery)).toContain(tk.id);
      expect((await agent('DELETE', `/tickets/${tk.id}/${action}`)).status).toBe(204);
      expect((await show(tk.id))[field]).toBe(false);
      expect(await listIds()).toContain(tk.id);
      expect(await listIds(listQuery)).not.toContain(tk.id);
    }
  });

  it('404 for unknown tickets and tickets of other workspaces', async () => {
    expect((await agent('POST', '/tickets/999999/archive')).status).toBe(404);
    const other = await t.workspace('other');
    const tk = await newTicket(client(t, other.agent.token), 'Theirs');
    const res = await agent('POST', `/tickets/${tk.id}/spam`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Ticket not found' });
  });

  it('answered/unanswered transitions: agent reply, the answered action, a customer reply, comments', async () => {
    const tk = await newTicket(agent, 'Answer me', { requester_email: 'cust@answers.test' });
    expect(tk.unanswered).toBe(true);
    await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: { text: 'looking' } } });
    expect((await show(tk.id)).unanswered).toBe(true);
    await agent('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'Fixed' } } });
    expect((await show(tk.id)).unanswered).toBe(false);
    expect((await agent('DELETE', `/tickets/${tk.id}/answered`)).status).toBe(204);
    expect((await show(tk.id)).unanswered).toBe(true);
    expect((await agent('POST', `/tickets/${tk.id}/answered`)).status).toBe(204);
    expect((await show(tk.id)).unanswered).toBe(false);
    // The customer writes back (e-mail, another dialect): unanswered again.
    const requesterId = (await show(tk.id)).requester.id;
    await addMessage({ db: t.db, workspaceId: ws.id, actor: { userId: requesterId, name: 'requester', role: 'customer' } }, { id: tk.id }, { kind: 'reply', bodyText: 'Still broken' });
    const after = await show(tk.id);
    expect(after.unanswered).toBe(true);
    expect(after.replies_count).toBe(2);
  });
});

describe('assignments', () => {
  let team1: number;
  let team2: number;
  let outsider: number;
  beforeAll(async () => {
    team1 = (await t.admin('POST', '/teams', { name: 'Tier 1' }, 'acme')).body.team.id;
    team2 = (await t.admin('POST', '/teams', { name: 'Tier 2' }, 'acme')).body.team.id;
    await t.admin('POST', `/teams/${team1}/members`, { userId: ws.agent.id }, 'acme');
    outsider = (await t.admin('POST', '/users', { email: 'out@acme.test', name: 'Outsider', role: 'agent' }, 'acme')).body.user.id;
  });

  it('assigns a user with the seed 201 body', async () => {
    const tk = await newTicket(agent, 'Assign user');
    const res = await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: ws.agent.id } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user_assignment: { id: expect.any(Number), created_at: expect.stringMatching(/Z$/), ticket: { id: tk.id } },
      asignee: { user: { id: ws.agent.id, name: 'agent acme', agent: true, picture: expect.objectContaining({ thumb20: expect.any(String) }) } },
    });
    expect((await show(tk.id)).current_user_asignee).toMatchObject({ id: ws.agent.id, name: 'agent acme', agent: true });
    expect((await agent('DELETE', `/tickets/${tk.id}/user_assignment`)).status).toBe(204);
    expect((await show(tk.id)).current_user_asignee).toBeNull();
  });

  it('refuses customers, unknown users and bad bodies (400)', async () => {
    const tk = await newTicket(agent, 'Assign bad');
    const customer = (await show(tk.id)).requester.id;
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: customer } })).status).toBe(400);
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: 999999 } })).status).toBe(400);
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_id: ws.agent.id })).status).toBe(400);
    expect((await agent('POST', `/tickets/${tk.id}/team_assignment`, { team_assignment: { team_id: 999999 } })).status).toBe(400);
    expect((await agent('POST', '/tickets/999999/user_assignment', { user_assignment: { user_id: ws.agent.id } })).status).toBe(404);
  });

  it('assigns a team (seed body); the user must then be a member; a new team drops a non-member', async () => {
    const tk = await newTicket(agent, 'Assign team');
    const res = await agent('POST', `/tickets/${tk.id}/team_assignment`, { team_assignment: { team_id: team1 } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      team_assignment: { id: expect.any(Number), created_at: expect.any(String), ticket: { id: tk.id } },
      asignee: { team: { id: team1, name: 'Tier 1', picture: expect.any(Object) } },
    });
    expect((await show(tk.id)).current_team_asignee).toMatchObject({ id: team1, name: 'Tier 1', agent: false });
    const notMember = await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: outsider } });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error).toMatch(/member/);
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: ws.agent.id } })).status).toBe(201);
    // Tier 2 has no members: the user assignee goes.
    expect((await agent('POST', `/tickets/${tk.id}/team_assignment`, { team_assignment: { team_id: team2 } })).status).toBe(201);
    const after = await show(tk.id);
    expect(after.current_team_asignee.id).toBe(team2);
    expect(after.current_user_asignee).toBeNull();
    expect((await agent('DELETE', `/tickets/${tk.id}/team_assignment`)).status).toBe(204);
    expect((await show(tk.id)).current_team_asignee).toBeNull();
    // Without a team any agent may be assigned.
    expect((await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: outsider } })).status).toBe(201);
  });
});

describe('labels', () => {
  it('lists the company labels', async () => {
    const res = await agent('GET', '/labels');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ labels: [{ name: 'billing', color: '#ffffff' }, { name: 'important', color: '#ff0000' }] });
  });

  it('adds (twice is harmless) and removes labels; unknown labels are 404', async () => {
    const tk = await newTicket(agent, 'Label me');
    const add = await agent('POST', `/tickets/${tk.id}/labels/important`);
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ label: { id: expect.any(Number), label: 'important', ticket: tk.id } });
    const again = await agent('POST', `/tickets/${tk.id}/labels/important`);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(add.body);
    expect((await show(tk.id)).labels).toEqual([{ name: 'important', color: '#ff0000' }]);
    const missing = await agent('POST', `/tickets/${tk.id}/labels/nonexistent`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'Label not found' });
    expect(await t.db.label.count({ where: { name: 'nonexistent' } })).toBe(0);
    expect((await agent('POST', `/tickets/999999/labels/important`)).status).toBe(404);
    expect((await agent('DELETE', `/tickets/${tk.id}/labels/important`)).status).toBe(204);
    expect((await show(tk.id)).labels).toEqual([]);
    expect((await agent('DELETE', `/tickets/${tk.id}/labels/important`)).status).toBe(204);
    expect((await agent('DELETE', `/tickets/${tk.id}/labels/nonexistent`)).status).toBe(404);
  });
});

describe('audit', () => {
  it('lists the events of a sequence of actions, oldest first, in the seed shape', async () => {
    await t.admin('POST', `/teams`, { name: 'Audit team' }, 'acme');
    const tk = await newTicket(agent, 'Audited');
    const comment = (await agent('POST', `/tickets/${tk.id}/comments`, { comment: { content: { text: 'note' } } })).body.comment;
    const reply = (await admin('POST', `/tickets/${tk.id}/replies`, { reply: { content: { text: 'answer' } } })).body.reply;
    await agent('POST', `/tickets/${tk.id}/labels/billing`);
    await agent('POST', `/tickets/${tk.id}/user_assignment`, { user_assignment: { user_id: ws.agent.id } });
    await agent('POST', `/tickets/${tk.id}/archive`);
    await agent('DELETE', `/tickets/${tk.id}/archive`);
    await agent('POST', `/tickets/${tk.id}/spam`);
    await agent('DELETE', `/tickets/${tk.id}/labels/billing`);
    const res = await agent('GET', `/tickets/${tk.id}/audit`);
    expect(res.status).toBe(200);
    const agentActor = { name: 'agent acme', email: expect.stringContaining('@acme.test') };
    expect(res.body.audit).toEqual([
      { action: 'Created', actor: agentActor, url: null, severity: 'info', happened_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
      { action: 'Commented', actor: agentActor, url: `#comments/${comment.id}`, severity: 'info', happened_at: expect.any(String) },
      { action: 'Replied', actor: { name: 'admin acme', email: expect.any(String) }, url: `#replies/${reply.id}`, severity: 'info', happened_at: expect.any(String) },
      { action: 'Added label billing', actor: agentActor, url: null, severity: 'info', happened_at: expect.any(String) },
      { action: 'Assigned to agent acme', actor: agentActor, url: null, severity: 'info', happened_at: expect.any(String) },
      { action: 'Archived', actor: agentActor, url: null, severity: 'info', happened_at: expect.any(String) },
      { action: 'Unarchived', actor: agentActor, url: null, severity: 'info', happened_at: expect.any(String) },
      { action: 'Marked as spam', actor: agentActor, url: null, severity: 'warning', happened_at: expect.any(String) },
      { action: 'Removed label billing', actor: agentActor, url: null, severity: 'info', happened_at: expect.any(String) },
    ]);
    const times = res.body.audit.map((e: { happened_at: string }) => e.happened_at);
    expect([...times].sort()).toEqual(times);
    expect((await agent('GET', '/tickets/999999/audit')).status).toBe(404);
  });

  it('shows the requester as the actor of an anonymous creation', async () => {
    const res = await client(t, undefined, { ip: '10.1.1.1' })('POST', '/tickets?company=acme', { ticket: { subject: 'Anon', requester_name: 'Web Person', requester_email: 'web@person.test', content: { text: 'hi' } } });
    const audit = (await agent('GET', `/tickets/${res.body.id}/audit`)).body.audit;
    expect(audit[0]).toMatchObject({ action: 'Created', actor: { name: 'Web Person', email: 'web@person.test' } });
  });
});
