// SupportBee reports over HTTP against a hand-computed set of tickets, replies and first
// response times (times written directly to the database for deterministic figures).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WorkspaceFixture } from '../helpers/app.js';
import type { Ctx } from '../../src/domain/context.js';
import { createTicket } from '../../src/domain/tickets/create.js';
import { supportBeeApp, type Client } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let agent: Client;
let admin: Client;
let teamId: number;

const at = (iso: string) => new Date(iso);
const day = (d: string) => String(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 1000);
const D1 = day('2024-03-01');
const D2 = day('2024-03-02');
const D3 = day('2024-03-05');

beforeAll(async () => {
  ({ t, ws, agent, admin } = await supportBeeApp());
  teamId = (await t.admin('POST', '/teams', { name: 'Billing' }, 'acme')).body.team.id;
  const ctx: Ctx = { db: t.db, workspaceId: ws.id, actor: { userId: ws.agent.id, name: 'agent acme', role: 'agent' } };
  const customer = (await t.admin('POST', '/users', { email: 'cust@r.test', name: 'Cust', role: 'customer' }, 'acme')).body.user.id;

  // [subject, createdAt, firstResponseAt, assignee, team, labels, spam]
  const spec: [string, string, string | null, number | null, number | null, string[], boolean][] = [
    ['T1', '2024-03-01T10:00:00Z', '2024-03-01T10:30:00Z', ws.agent.id, teamId, ['billing'], false], // 1800 s
    ['T2', '2024-03-01T20:00:00Z', '2024-03-02T00:00:00Z', ws.admin.id, null, [], false], // 14400 s
    ['T3', '2024-03-01T23:59:59Z', null, ws.agent.id, null, [], false], // unanswered
    ['T4', '2024-03-02T09:00:00Z', '2024-03-02T09:10:00Z', ws.agent.id, teamId, ['Billing'], false], // 600 s
    ['T5', '2024-03-05T12:00:00Z', '2024-03-05T12:01:00Z', ws.agent.id, null, [], true], // spam: never counts
    ['T6', '2024-03-05T08:00:00Z', '2024-03-05T09:00:00Z', ws.admin.id, null, [], false], // 3600 s
  ];
  const ids: Record<string, number> = {};
  for (const [subject, created, first, assigneeId, tId, labels, spam] of spec) {
    const tk = await createTicket(ctx, { subject, descriptionText: subject, requesterId: customer, labels });
    ids[subject] = tk.id;
    await t.db.ticket.update({ where: { id: tk.id }, data: { createdAt: at(created), firstResponseAt: first ? at(first) : null, assigneeId, teamId: tId, spam } });
  }
  // [ticket, author, kind, createdAt]
  const messages: [string, number, 'reply' | 'note', string][] = [
    ['T1', ws.agent.id, 'reply', '2024-03-01T10:30:00Z'],
    ['T2', ws.admin.id, 'reply', '2024-03-02T00:00:00Z'],
    ['T1', customer, 'reply', '2024-03-02T08:00:00Z'], // the customer's: not an agent reply
    ['T4', ws.agent.id, 'reply', '2024-03-02T09:10:00Z'],
    ['T1', ws.agent.id, 'note', '2024-03-02T10:00:00Z'], // a comment, not a reply
    ['T5', ws.agent.id, 'reply', '2024-03-05T12:01:00Z'], // on spam
    ['T6', ws.admin.id, 'reply', '2024-03-05T09:00:00Z'],
  ];
  for (const [subject, authorId, kind, createdAt] of messages) {
    await t.db.message.create({ data: { workspaceId: ws.id, ticketId: ids[subject], kind, authorId, bodyText: 'x', createdAt: at(createdAt) } });
  }
  // Another company's figures never leak in.
  const other = await t.workspace('other');
  const o = await createTicket({ db: t.db, workspaceId: other.id, actor: null }, { subject: 'Other', descriptionText: 'x', requester: { email: 'o@o.test' } });
  await t.db.ticket.update({ where: { id: o.id }, data: { createdAt: at('2024-03-01T12:00:00Z'), firstResponseAt: at('2024-03-01T12:00:05Z') } });
  await t.db.message.create({ data: { workspaceId: other.id, ticketId: o.id, kind: 'reply', authorId: other.agent.id, bodyText: 'x', createdAt: at('2024-03-01T12:00:05Z') } });
});
afterAll(() => t.close());

const points = async (path: string) => {
  const res = await admin('GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data_points as { value: string; timestamp: string }[];
};
const p = (timestamp: string, value: number) => ({ value: String(value), timestamp });

describe('GET /reports/tickets_count', () => {
  it('counts tickets created per UTC day, spam excluded', async () => {
    expect(await points('/reports/tickets_count')).toEqual([p(D1, 3), p(D2, 1), p(D3, 1)]);
    expect(D1).toBe('1709251200');
  });
  it('filters by assignee, team, label, since and until (every date format)', async () => {
    expect(await points(`/reports/tickets_count?user=${ws.agent.id}`)).toEqual([p(D1, 2), p(D2, 1)]);
    expect(await points(`/reports/tickets_count?team=${teamId}`)).toEqual([p(D1, 1), p(D2, 1)]);
    expect(await points('/reports/tickets_count?label=BILLING')).toEqual([p(D1, 1), p(D2, 1)]);
    expect(await points('/reports/tickets_count?since=2024-03-02')).toEqual([p(D2, 1), p(D3, 1)]);
    expect(await points('/reports/tickets_count?since=20240302&until=20240302T235959Z')).toEqual([p(D2, 1)]);
    expect(await points(`/reports/tickets_count?until=${encodeURIComponent('1st Mar 2024 11:00:00 PM')}`)).toEqual([p(D1, 2)]);
    expect(await points('/reports/tickets_count?since=1709251200&until=2024-03-01T23:00:00%2B00:00')).toEqual([p(D1, 2)]);
    expect(await points('/reports/tickets_count?user=999999')).toEqual([]);
  });
});

describe('GET /reports/avg_first_response_time', () => {
  it('averages seconds to first response per day of creation over answered tickets', async () => {
    expect(await points('/reports/avg_first_response_time')).toEqual([p(D1, 8100), p(D2, 600), p(D3, 3600)]);
    expect(await points(`/reports/avg_first_response_time?user=${ws.agent.id}`)).toEqual([p(D1, 1800), p(D2, 600)]);
    expect(await points(`/reports/avg_first_response_time?user=${ws.admin.id}&since=2024-03-03`)).toEqual([p(D3, 3600)]);
    expect(await points(`/reports/avg_first_response_time?team=${teamId}&label=billing`)).toEqual([p(D1, 1800), p(D2, 600)]);
  });
});

describe('GET /reports/replies_count', () => {
  it('counts agent replies per day (not customers’ replies, comments or spam)', async () => {
    expect(await points('/reports/replies_count')).toEqual([p(D1, 1), p(D2, 2), p(D3, 1)]);
    expect(await points(`/reports/replies_count?user=${ws.agent.id}`)).toEqual([p(D1, 1), p(D2, 1)]);
    expect(await points(`/reports/replies_count?user=${ws.admin.id}`)).toEqual([p(D2, 1), p(D3, 1)]);
    expect(await points(`/reports/replies_count?team=${teamId}`)).toEqual([p(D1, 1), p(D2, 1)]);
    expect(await points('/reports/replies_count?label=billing&since=2024-03-02')).toEqual([p(D2, 1)]);
  });
});

describe('report access and validation', () => {
  it('admins only: 403 for agents', async () => {
    for (const r of ['avg_first_response_time', 'tickets_count', 'replies_count']) {
      const res = await agent('GET', `/reports/${r}`);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatch(/admins/);
    }
  });
  it('400 for bad dates and ids, 404 for an unknown report', async () => {
    const res = await admin('GET', '/reports/tickets_count?since=yesterday-ish');
    expect(res.status).toBe(400);
    expect(res.body.errors.since).toBeDefined();
    expect((await admin('GET', '/reports/tickets_count?user=abc')).status).toBe(400);
    expect((await admin('GET', '/reports/tickets_count?team=0')).status).toBe(400);
    expect((await admin('GET', '/reports/nothing')).status).toBe(404);
  });
});
