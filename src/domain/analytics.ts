// Ticket analytics for a date range, computed entirely by SQL aggregation (never by
// loading tickets). The range is [from, to). The "workload" of a range is every ticket
// that existed and was not yet closed at some point in it: created before `to` and not
// closed before `from`. Breakdowns count the workload by its current values; resolution
// figures use tickets closed (resolved or closed) inside the range.
import { Prisma } from '../generated/prisma/client.js';
import type { PriorityValue, StatusValue } from './canonical.js';
import type { Ctx } from './context.js';
import { authorize } from './policy.js';

export interface AnalyticsRange {
  from: Date;
  to: Date;
}

export interface TicketAnalytics {
  summary: {
    total: number;
    created: number;
    resolved: number;
    closed: number;
    /** Mean hours from creation to close over tickets closed in the range; null when none. */
    avgResolutionHours: number | null;
    /** Mean rating (1-5) over rated tickets of the workload; null when none. */
    satisfaction: number | null;
  };
  byStatus: { status: StatusValue; count: number }[];
  /** null: the tickets without a priority. */
  byPriority: { priority: PriorityValue | null; count: number }[];
  /** Queue name, null for tickets without a queue. */
  byCategory: { name: string | null; count: number }[];
  /** Assignee name, null for unassigned tickets. */
  byAssignee: { id: number | null; name: string | null; count: number }[];
  /** ISO week ("2024-W03") of the close time -> mean hours to close. */
  resolutionTrend: { week: string; avgHours: number }[];
  topAssignees: { id: number; name: string; handled: number; avgResolutionHours: number | null }[];
}

const hours = Prisma.sql`EXTRACT(EPOCH FROM (t."closedAt" - t."createdAt")) / 3600.0`;

export async function ticketAnalytics(ctx: Ctx, range: AnalyticsRange, topAssignees = 5): Promise<TicketAnalytics> {
  authorize(ctx, 'analytics.read');
  const { from, to } = range;
  const ws = ctx.workspaceId;
  const workload = Prisma.sql`t."workspaceId" = ${ws} AND t."createdAt" < ${to} AND (t."closedAt" IS NULL OR t."closedAt" >= ${from})`;
  const closedIn = Prisma.sql`t."closedAt" >= ${from} AND t."closedAt" < ${to}`;
  const db = ctx.db;

  const [summary] = await db.$queryRaw<
    { total: number; created: number; resolved: number; closed: number; avg_hours: number | null; satisfaction: number | null }[]
  >`SELECT count(*)::int AS total,
           (count(*) FILTER (WHERE t."createdAt" >= ${from}))::int AS created,
           (count(*) FILTER (WHERE ${closedIn} AND t.status = 'resolved'))::int AS resolved,
           (count(*) FILTER (WHERE ${closedIn} AND t.status = 'closed'))::int AS closed,
           (avg(${hours}) FILTER (WHERE ${closedIn}))::float8 AS avg_hours,
           (avg(t.rating) FILTER (WHERE t.rating IS NOT NULL))::float8 AS satisfaction
      FROM "Ticket" t WHERE ${workload}`;
  const byStatus = await db.$queryRaw<{ status: StatusValue; count: number }[]>`
    SELECT t.status::text AS status, count(*)::int AS count FROM "Ticket" t WHERE ${workload} GROUP BY t.status ORDER BY t.status`;
  const byPriority = await db.$queryRaw<{ priority: PriorityValue | null; count: number }[]>`
    SELECT t.priority::text AS priority, count(*)::int AS count FROM "Ticket" t WHERE ${workload} GROUP BY t.priority ORDER BY t.priority`;
  const byCategory = await db.$queryRaw<{ name: string | null; count: number }[]>`
    SELECT q.name AS name, count(*)::int AS count FROM "Ticket" t LEFT JOIN "Queue" q ON q.id = t."queueId"
     WHERE ${workload} GROUP BY q.name ORDER BY count(*) DESC, q.name`;
  const byAssignee = await db.$queryRaw<{ id: number | null; name: string | null; count: number }[]>`
    SELECT u.id AS id, u.name AS name, count(*)::int AS count FROM "Ticket" t LEFT JOIN "User" u ON u.id = t."assigneeId"
     WHERE ${workload} GROUP BY u.id, u.name ORDER BY count(*) DESC, u.name`;
  const trend = await db.$queryRaw<{ week: string; avg_hours: number }[]>`
    SELECT to_char(t."closedAt", 'IYYY-"W"IW') AS week, avg(${hours})::float8 AS avg_hours
      FROM "Ticket" t WHERE t."workspaceId" = ${ws} AND ${closedIn} GROUP BY 1 ORDER BY 1`;
  const top = await db.$queryRaw<{ id: number; name: string; handled: number; avg_hours: number | null }[]>`
    SELECT u.id AS id, u.name AS name, count(*)::int AS handled, (avg(${hours}) FILTER (WHERE ${closedIn}))::float8 AS avg_hours
      FROM "Ticket" t JOIN "User" u ON u.id = t."assigneeId"
     WHERE ${workload} GROUP BY u.id, u.name ORDER BY count(*) DESC, u.name LIMIT ${topAssignees}`;

  return {
    summary: {
      total: summary.total,
      created: summary.created,
      resolved: summary.resolved,
      closed: summary.closed,
      avgResolutionHours: summary.avg_hours,
      satisfaction: summary.satisfaction,
    },
    byStatus,
    byPriority,
    byCategory,
    byAssignee,
    resolutionTrend: trend.map((r) => ({ week: r.week, avgHours: r.avg_hours })),
    topAssignees: top.map((r) => ({ id: r.id, name: r.name, handled: r.handled, avgResolutionHours: r.avg_hours })),
  };
}
