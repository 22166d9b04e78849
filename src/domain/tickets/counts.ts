// List totals from the TicketCount counters (kept by triggers, see schema.prisma), for
// filters made only of the counted dimensions: the default views of every dialect. Any
// other filter is counted over the tickets as before.
import { CLOSED_STATUSES, STATUSES, type StatusValue } from '../canonical.js';
import type { Ctx } from '../context.js';
import { readRows } from '../../db/rows.js';
import type { TicketFilter } from './list.js';

const COUNTED = new Set<keyof TicketFilter>(['archived', 'spam', 'trashed', 'status', 'closed']);

// One fixed statement text (prepared once per connection); null parameters match anything.
const SQL = `SELECT coalesce(sum("count"), 0)::int AS n FROM "TicketCount"
  WHERE "workspaceId" = $1 AND ($2::boolean IS NULL OR "archived" = $2) AND ($3::boolean IS NULL OR "spam" = $3)
    AND ($4::boolean IS NULL OR "trashed" = $4) AND "status"::text = ANY($5::text[])`;

/** A filter entry that restricts nothing: unset, an empty list or a blank search (ticketWhere skips those; an empty `ids` matches no ticket). */
const unrestricted = (k: string, v: unknown) =>
  v === undefined || (k !== 'ids' && Array.isArray(v) && v.length === 0) || (k === 'search' && typeof v === 'string' && !v.trim());

/** The total for `filter` from the counters, or null when the filter is not made of counted dimensions only. */
export async function countedTotal(ctx: Ctx, filter: TicketFilter): Promise<number | null> {
  for (const [k, v] of Object.entries(filter)) if (!unrestricted(k, v) && !COUNTED.has(k as keyof TicketFilter)) return null;
  let statuses: readonly StatusValue[] = filter.status?.length ? filter.status : STATUSES;
  if (filter.closed === true) statuses = statuses.filter((s) => CLOSED_STATUSES.includes(s));
  if (filter.closed === false) statuses = statuses.filter((s) => !CLOSED_STATUSES.includes(s));
  const [row] = await readRows<{ n: number }>(ctx.db, SQL, ctx.workspaceId, filter.archived ?? null, filter.spam ?? null, filter.trashed ?? null, statuses);
  return row.n;
}
