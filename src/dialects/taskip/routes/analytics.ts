// GET /api/public-v1/ticket/analytics: figures from SQL aggregation (domain/analytics.ts)
// rendered the vendor's way.
import { ticketAnalytics, type TicketAnalytics } from '../../../domain/analytics.js';
import { ValidationError } from '../../../domain/errors.js';
import type { RouteKit, TaskipApp } from '../route.js';
import { AnalyticsQuery, AnalyticsResponse } from '../schemas.js';
import { PRIORITY_NAMES, priorityToName, STATUS_NAMES, statusToName } from '../values.js';
import type { z } from 'zod';
import { dayAfter, dayStart } from '../format.js';

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const round1 = (n: number) => Math.round(n * 10) / 10;
function days(hours: number | null): string | null {
  if (hours === null) return null;
  const n = round1(hours / 24);
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** [from, to) in UTC: the period around today, with start_date/end_date (inclusive) overriding either side. */
export function analyticsRange(q: z.infer<typeof AnalyticsQuery>, now = new Date()): { from: Date; to: Date } {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let from: Date;
  let to: Date;
  if (q.period === 'day') [from, to] = [today, new Date(today.getTime() + DAY)];
  else if (q.period === 'week') {
    from = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY);
    to = new Date(from.getTime() + 7 * DAY);
  } else if (q.period === 'month') {
    from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  } else [from, to] = [new Date(Date.UTC(today.getUTCFullYear(), 0, 1)), new Date(Date.UTC(today.getUTCFullYear() + 1, 0, 1))];
  if (q.start_date) from = dayStart(q.start_date);
  if (q.end_date) to = dayAfter(q.end_date);
  if (to <= from) throw ValidationError.field('end_date', 'The end date must be a date after or equal to start date.');
  return { from, to };
}

function counts<K extends string>(keys: readonly K[], rows: { key: K; count: number }[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const r of rows) out[r.key] = (out[r.key] ?? 0) + r.count;
  return out;
}

function render(a: TicketAnalytics, groupBy: z.infer<typeof AnalyticsQuery>['group_by']) {
  const byStatus = counts(STATUS_NAMES, a.byStatus.map((r) => ({ key: statusToName(r.status), count: r.count })));
  const byPriority = counts(PRIORITY_NAMES, a.byPriority.map((r) => ({ key: priorityToName(r.priority), count: r.count })));
  const byCategory = counts([], a.byCategory.map((r) => ({ key: r.name ?? 'Uncategorized', count: r.count })));
  const groups =
    groupBy === 'status' ? byStatus
    : groupBy === 'priority' ? byPriority
    : groupBy === 'category' ? byCategory
    : groupBy === 'assignee' ? counts([], a.byAssignee.map((r) => ({ key: r.name ?? 'Unassigned', count: r.count })))
    : undefined;
  return {
    summary: {
      total_tickets: a.summary.total,
      new_tickets: a.summary.created,
      resolved_tickets: a.summary.resolved,
      closed_tickets: a.summary.closed,
      average_resolution_time: days(a.summary.avgResolutionHours),
      customer_satisfaction: a.summary.satisfaction === null ? null : round1(a.summary.satisfaction),
    },
    by_status: byStatus,
    by_priority: byPriority,
    by_category: byCategory,
    ...(groups ? { groups } : {}),
    resolution_time_trend: a.resolutionTrend.map((w) => ({ week: w.week, average_hours: round1(w.avgHours) })),
    top_assignees: a.topAssignees.map((u) => ({ assignee: u.name, tickets_handled: u.handled, average_resolution_time: days(u.avgResolutionHours) })),
  };
}

export function analyticsRoutes(app: TaskipApp, { op, scope }: RouteKit) {
  app.get('/api/public-v1/ticket/analytics', op('Get ticket analytics', { querystring: AnalyticsQuery, response: { 200: AnalyticsResponse } }), async (req) => {
    const { ctx } = scope(req);
    const range = analyticsRange(req.query);
    const a = await ticketAnalytics(ctx, range);
    return {
      success: true as const,
      data: {
        period: req.query.period,
        start_date: ymd(range.from),
        end_date: ymd(new Date(range.to.getTime() - DAY)),
        group_by: req.query.group_by ?? null,
        ...render(a, req.query.group_by),
      },
    };
  });
}
