import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, type WorkspaceFixture } from '../helpers/app.js';
import { expectError, taskip, type Taskip } from './client.js';

let t: TestApp;
let ws: WorkspaceFixture;
let api: Taskip;

type Fixture = { created: string; closed?: string; status: string; priority: number; category?: string; assignee?: 'sarah' | 'david'; rating?: number };

// Range under test: 2024-01-01 .. 2024-01-31. Figures below are worked out by hand.
const FIXTURES: Record<string, Fixture> = {
  T1: { created: '2023-12-20T00:00:00Z', closed: '2023-12-28T00:00:00Z', status: 'resolved', priority: 0 }, // closed before the range: not in it
  T2: { created: '2023-12-28T10:00:00Z', status: 'open', priority: 3, category: 'Technical Support', assignee: 'sarah' },
  T3: { created: '2024-01-02T00:00:00Z', closed: '2024-01-04T00:00:00Z', status: 'resolved', priority: 0, category: 'Technical Support', assignee: 'sarah', rating: 5 }, // 48h, W01
  T4: { created: '2024-01-08T00:00:00Z', closed: '2024-01-09T12:00:00Z', status: 'closed', priority: 4, category: 'Bug Report', assignee: 'david', rating: 4 }, // 36h, W02
  T5: { created: '2024-01-10T00:00:00Z', closed: '2024-01-10T12:00:00Z', status: 'resolved', priority: 2, category: 'Bug Report', assignee: 'sarah' }, // 12h, W02
  T6: { created: '2024-01-20T00:00:00Z', status: 'in_progress', priority: 1 },
  T7: { created: '2024-01-25T00:00:00Z', closed: '2024-02-03T00:00:00Z', status: 'closed', priority: 3, category: 'Technical Support', assignee: 'david' }, // closed after the range
  T8: { created: '2024-02-05T00:00:00Z', status: 'open', priority: 3 }, // created after the range
  T9: { created: '2023-12-15T00:00:00Z', status: 'on_hold', priority: 0, assignee: 'david' },
  T10: { created: '2024-01-30T00:00:00Z', status: 'open', priority: 0, category: 'Technical Support', assignee: 'sarah' },
};

beforeAll(async () => {
  t = await startApp();
  ws = await t.workspace('acme');
  api = taskip(t, ws.admin.token);
  const users = {
    sarah: (await t.admin('POST', '/users', { email: 'sarah@acme.test', name: 'Sarah Johnson', role: 'agent' }, 'acme')).body.user.id as number,
    david: (await t.admin('POST', '/users', { email: 'david@acme.test', name: 'David Chen', role: 'agent' }, 'acme')).body.user.id as number,
  };
  for (const name of ['Technical Support', 'Bug Report']) await t.admin('POST', '/queues', { name }, 'acme');
  for (const f of Object.values(FIXTURES)) {
    const res = await api('POST', '/support-ticket', { subject: 'fixture', priority: f.priority, category: f.category, assigned_to: f.assignee ? users[f.assignee] : undefined });
    expect(res.status).toBe(201);
    await t.db.ticket.update({
      where: { id: res.body.data.id },
      data: { status: f.status as never, createdAt: new Date(f.created), closedAt: f.closed ? new Date(f.closed) : null, rating: f.rating ?? null },
    });
  }
  // Another workspace's ticket in the same range counts nowhere.
  const other = await t.workspace('other');
  const theirs = await taskip(t, other.admin.token)('POST', '/support-ticket', { subject: 'theirs', priority: 4 });
  await t.db.ticket.update({ where: { id: theirs.body.data.id }, data: { createdAt: new Date('2024-01-15T00:00:00Z'), status: 'closed', closedAt: new Date('2024-01-16T00:00:00Z') } });
});
afterAll(() => t.close());

describe('GET /ticket/analytics', () => {
  it('computes summary, breakdowns, weekly trend and top assignees for a date range', async () => {
    const res = await api('GET', '/ticket/analytics?period=month&start_date=2024-01-01&end_date=2024-01-31');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: {
        period: 'month',
        start_date: '2024-01-01',
        end_date: '2024-01-31',
        group_by: null,
        summary: {
          total_tickets: 8, // T2 T3 T4 T5 T6 T7 T9 T10
          new_tickets: 6, // T3 T4 T5 T6 T7 T10
          resolved_tickets: 2, // T3 T5
          closed_tickets: 1, // T4
          average_resolution_time: '1.3 days', // (48 + 36 + 12) / 3 = 32h
          customer_satisfaction: 4.5, // T3 5, T4 4
        },
        by_status: { open: 2, in_progress: 1, resolved: 2, closed: 2, pending: 1 },
        by_priority: { low: 3, normal: 1, medium: 1, high: 2, urgent: 1 },
        by_category: { 'Technical Support': 4, 'Bug Report': 2, Uncategorized: 2 },
        resolution_time_trend: [
          { week: '2024-W01', average_hours: 48 },
          { week: '2024-W02', average_hours: 24 },
        ],
        top_assignees: [
          { assignee: 'Sarah Johnson', tickets_handled: 4, average_resolution_time: '1.3 days' }, // (48 + 12) / 2 = 30h
          { assignee: 'David Chen', tickets_handled: 3, average_resolution_time: '1.5 days' }, // 36h
        ],
      },
    });
  });

  it('adds the breakdown named by group_by', async () => {
    const by = async (g: string) => (await api('GET', `/ticket/analytics?start_date=2024-01-01&end_date=2024-01-31&group_by=${g}`)).body.data;
    expect((await by('assignee')).groups).toEqual({ 'Sarah Johnson': 4, 'David Chen': 3, Unassigned: 1 });
    const status = await by('status');
    expect(status).toMatchObject({ group_by: 'status', groups: status.by_status });
    expect((await by('category')).groups).toEqual({ 'Technical Support': 4, 'Bug Report': 2, Uncategorized: 2 });
    expect((await by('priority')).groups.low).toBe(3);
  });

  it('narrows to one week and one day', async () => {
    const week = (await api('GET', '/ticket/analytics?start_date=2024-01-08&end_date=2024-01-14')).body.data;
    // Workload: T2 T4 T5 T9 (T3 closed before the 8th); created: T4 T5; closed in range: T4 (36h), T5 (12h).
    expect(week.summary).toEqual({ total_tickets: 4, new_tickets: 2, resolved_tickets: 1, closed_tickets: 1, average_resolution_time: '1 day', customer_satisfaction: 4 });
    expect(week.resolution_time_trend).toEqual([{ week: '2024-W02', average_hours: 24 }]);
    const empty = (await api('GET', '/ticket/analytics?period=day&start_date=2030-01-01&end_date=2030-01-01')).body.data;
    // Still open by then: T2 T6 T8 T9 T10.
    expect(empty.summary).toMatchObject({ total_tickets: 5, new_tickets: 0, resolved_tickets: 0, average_resolution_time: null });
    expect(empty.resolution_time_trend).toEqual([]);
  });

  it('defaults to the current period', async () => {
    const now = new Date();
    const month = (await api('GET', '/ticket/analytics')).body.data;
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
    expect([month.period, month.start_date, month.end_date]).toEqual(['month', first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)]);
    const week = (await api('GET', '/ticket/analytics?period=week')).body.data;
    expect(new Date(week.start_date).getUTCDay()).toBe(1);
    expect((Date.parse(week.end_date) - Date.parse(week.start_date)) / 86400000).toBe(6);
    const year = (await api('GET', '/ticket/analytics?period=year')).body.data;
    expect([year.start_date, year.end_date]).toEqual([`${now.getUTCFullYear()}-01-01`, `${now.getUTCFullYear()}-12-31`]);
    const day = (await api('GET', '/ticket/analytics?period=day')).body.data;
    expect(day.start_date).toBe(day.end_date);
  });

  it('validates its parameters', async () => {
    expectError(await api('GET', '/ticket/analytics?period=decade'), 422, ['period']);
    expectError(await api('GET', '/ticket/analytics?group_by=mood'), 422, ['group_by']);
    expectError(await api('GET', '/ticket/analytics?start_date=2024-02-30'), 422, ['start_date']);
    expectError(await api('GET', '/ticket/analytics?start_date=2024-02-10&end_date=2024-02-01'), 422, ['end_date']);
    expectError(await taskip(t, null)('GET', '/ticket/analytics'), 401);
  });
});
