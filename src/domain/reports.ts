// Daily report series (SupportBee's reports), computed by SQL aggregation. Days are UTC;
// a day without data has no point. Tickets marked spam or trashed never count.
//   tickets_count            tickets created that day
//   avg_first_response_time  over the tickets created that day that have been answered:
//                            mean seconds from creation to the first staff reply
//   replies_count            replies written by staff that day
// Filters: user (the assignee; for replies, the author), team and label (of the ticket),
// since/until (inclusive bounds on the creation time of the ticket, or of the reply).
import { Prisma } from '../generated/prisma/client.js';
import type { Ctx } from './context.js';
import { authorize } from './policy.js';

export type ReportKind = 'avg_first_response_time' | 'tickets_count' | 'replies_count';

export interface ReportFilter {
  userId?: number;
  teamId?: number;
  label?: string;
  since?: Date;
  until?: Date;
}

export interface DataPoint {
  /** The day's UTC midnight, in Unix seconds. */
  day: number;
  value: number;
}

const STAFF = Prisma.sql`('admin', 'agent', 'collaborator')`;

function ticketConditions(ctx: Ctx, f: ReportFilter, userColumn: Prisma.Sql, timeColumn: Prisma.Sql): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`t."workspaceId" = ${ctx.workspaceId}`, Prisma.sql`NOT t.spam`, Prisma.sql`NOT t.trashed`];
  if (f.userId !== undefined) and.push(Prisma.sql`${userColumn} = ${f.userId}`);
  if (f.teamId !== undefined) and.push(Prisma.sql`t."teamId" = ${f.teamId}`);
  if (f.label !== undefined) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId" WHERE tl."ticketId" = t.id AND lower(l.name) = lower(${f.label.trim()}))`);
  }
  if (f.since) and.push(Prisma.sql`${timeColumn} >= ${f.since}`);
  if (f.until) and.push(Prisma.sql`${timeColumn} <= ${f.until}`);
  return Prisma.join(and, ' AND ');
}

const day = (column: Prisma.Sql) => Prisma.sql`EXTRACT(EPOCH FROM date_trunc('day', ${column}))::bigint`;

/** The series for one report. Reports are for admins only. */
export async function report(ctx: Ctx, kind: ReportKind, f: ReportFilter): Promise<DataPoint[]> {
  authorize(ctx, 'report.read');
  let rows: { day: bigint | number; value: number }[];
  if (kind === 'replies_count') {
    const where = ticketConditions(ctx, f, Prisma.sql`m."authorId"`, Prisma.sql`m."createdAt"`);
    rows = await ctx.db.$queryRaw`
      SELECT ${day(Prisma.sql`m."createdAt"`)} AS day, count(*)::float8 AS value
        FROM "Message" m JOIN "Ticket" t ON t.id = m."ticketId" LEFT JOIN "User" u ON u.id = m."authorId"
       WHERE m."workspaceId" = ${ctx.workspaceId} AND m.kind = 'reply'
         AND COALESCE(u.role::text IN ${STAFF}, m."authorType" = 'team_member') AND ${where}
       GROUP BY 1 ORDER BY 1`;
  } else {
    const where = ticketConditions(ctx, f, Prisma.sql`t."assigneeId"`, Prisma.sql`t."createdAt"`);
    const value =
      kind === 'tickets_count'
        ? Prisma.sql`count(*)::float8`
        : Prisma.sql`round(avg(EXTRACT(EPOCH FROM (t."firstResponseAt" - t."createdAt"))))::float8`;
    const answered = kind === 'avg_first_response_time' ? Prisma.sql`AND t."firstResponseAt" IS NOT NULL` : Prisma.empty;
    rows = await ctx.db.$queryRaw`
      SELECT ${day(Prisma.sql`t."createdAt"`)} AS day, ${value} AS value
        FROM "Ticket" t WHERE ${where} ${answered}
       GROUP BY 1 ORDER BY 1`;
  }
  return rows.map((r) => ({ day: Number(r.day), value: r.value }));
}
