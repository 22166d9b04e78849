// Default views: filters made only of the counted dimensions (archived, spam, trashed,
// status), the default lists of every dialect. Their totals come from the TicketCount
// counters (kept by triggers, see schema.prisma) and their page ids from one hand-written
// statement per sort, so a default list never waits on Prisma's query pipeline or counts
// tickets. Any other filter is counted and paged through Prisma, over the tickets.
import { CLOSED_STATUSES, STATUSES, type StatusValue } from '../canonical.js';
import type { Ctx } from '../context.js';
import { readArrays, readRows } from '../../db/rows.js';
import type { TicketFilter, TicketSortField } from './list.js';

const COUNTED = new Set<keyof TicketFilter>(['archived', 'spam', 'trashed', 'status', 'closed']);

/** A filter of counted dimensions only, normalized: each flag or null (either), and the statuses it admits. */
export interface CountedView {
  archived: boolean | null;
  spam: boolean | null;
  trashed: boolean | null;
  statuses: readonly StatusValue[];
}

/** Lists that restrict nothing when empty (ticketWhere skips them); an empty `ids` or reference list matches no ticket. */
const ANY_WHEN_EMPTY = new Set<string>(['status', 'priority', 'source', 'requesterEmails', 'labels', 'anyLabels'] satisfies (keyof TicketFilter)[]);

/** A filter entry that restricts nothing: unset, such an empty list, or a blank search. */
const unrestricted = (k: string, v: unknown) =>
  v === undefined || (ANY_WHEN_EMPTY.has(k) && Array.isArray(v) && v.length === 0) || (k === 'search' && typeof v === 'string' && !v.trim());

/** The filter as a counted view, or null when it restricts anything the counters do not count. */
export function countedView(filter: TicketFilter): CountedView | null {
  for (const [k, v] of Object.entries(filter)) if (!unrestricted(k, v) && !COUNTED.has(k as keyof TicketFilter)) return null;
  let statuses: readonly StatusValue[] = filter.status?.length ? filter.status : STATUSES;
  if (filter.closed === true) statuses = statuses.filter((s) => CLOSED_STATUSES.includes(s));
  if (filter.closed === false) statuses = statuses.filter((s) => !CLOSED_STATUSES.includes(s));
  return { archived: filter.archived ?? null, spam: filter.spam ?? null, trashed: filter.trashed ?? null, statuses };
}

// One fixed statement text (prepared once per connection); null parameters match anything.
const TOTAL = `SELECT coalesce(sum("count"), 0)::int AS n FROM "TicketCount"
  WHERE "workspaceId" = $1 AND ($2::boolean IS NULL OR "archived" = $2) AND ($3::boolean IS NULL OR "spam" = $3)
    AND ($4::boolean IS NULL OR "trashed" = $4) AND "status"::text = ANY($5::text[])`;

/** The view's total, from the counters. */
export async function viewTotal(ctx: Ctx, view: CountedView): Promise<number> {
  const [row] = await readRows<{ n: number }>(ctx.db, TOTAL, ctx.workspaceId, view.archived, view.spam, view.trashed, view.statuses);
  return row.n;
}

const FLAGS = ['archived', 'spam', 'trashed'] as const;

/**
 * `take` ids of the view from `skip` on, ordered by `sort` then id, both `order`: what Prisma
 * sends for the same page, but one statement text per combination of the view's set
 * dimensions, sort and order (a handful), each with only the conditions it needs, so the
 * planner picks the index of that view and sort.
 */
export async function countedPageIds(ctx: Ctx, view: CountedView, sort: TicketSortField, order: 'asc' | 'desc', skip: number, take: number): Promise<number[]> {
  const values: unknown[] = [ctx.workspaceId];
  const where = ['t."workspaceId" = $1'];
  for (const flag of FLAGS) {
    const v = view[flag];
    if (v !== null) where.push(`t."${flag}" = $${values.push(v)}`);
  }
  // Every status admitted is no condition at all (status is never null).
  if (new Set(view.statuses).size < STATUSES.length) where.push(`t.status = ANY($${values.push(view.statuses)}::"TicketStatus"[])`);
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  // One array value rather than a row per id: a page of 1,000 ids costs the driver one row.
  const sql = `SELECT ARRAY(SELECT t.id FROM "Ticket" t WHERE ${where.join(' AND ')} ORDER BY t."${sort}" ${dir}, t.id ${dir} OFFSET $${values.push(skip)} LIMIT $${values.push(take)})`;
  const [[ids]] = await readArrays(ctx.db, sql, ...values);
  return ids as number[];
}
