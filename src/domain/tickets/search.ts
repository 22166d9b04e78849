// Substring search through the trigram indexes. An OR that mixes columns with EXISTS
// branches (labels, messages) forces a scan of every ticket, so the search is first
// resolved to ticket ids by a UNION whose branches each use an index. A term that matches
// too many tickets to enumerate is left to the scan (`null`), where it is cheap to filter.
import { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../context.js';

export const SEARCH_ID_CAP = 2000;
/** pg_trgm indexes need three characters to narrow anything. */
export const MIN_INDEXED_SEARCH = 3;

/** User text as a literal inside LIKE/ILIKE (and Prisma's `contains`, which does not escape): \\, % and _ match themselves. */
export const escapeLike = (q: string): string => q.replace(/[\\%_]/g, (c) => `\\${c}`);
const likePattern = (q: string) => `%${escapeLike(q)}%`;

export async function searchTicketIds(db: Tx, workspaceId: number, query: string, withMessages: boolean, cap = SEARCH_ID_CAP): Promise<number[] | null> {
  const q = query.trim();
  const pattern = likePattern(q);
  const n = /^\d+$/.test(q) && Number(q) <= 2147483647 ? Number(q) : null;
  const messages = withMessages
    ? Prisma.sql`UNION ALL SELECT m."ticketId" FROM "Message" m WHERE m."workspaceId" = ${workspaceId} AND m."bodyText" ILIKE ${pattern}`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT t.id FROM "Ticket" t
     WHERE t."workspaceId" = ${workspaceId}
       AND (t.subject ILIKE ${pattern} OR t."descriptionText" ILIKE ${pattern} OR t.ref = ${q.toUpperCase()} OR t.id = ${n} OR t.number = ${n})
    UNION ALL SELECT tl."ticketId" FROM "TicketLabel" tl JOIN "Label" l ON l.id = tl."labelId"
     WHERE l."workspaceId" = ${workspaceId} AND l.name ILIKE ${pattern}
    ${messages}
    LIMIT ${cap + 1}`;
  // UNION ALL lets LIMIT stop the scan early on common terms; duplicates are folded here.
  return rows.length > cap ? null : [...new Set(rows.map((r) => r.id))];
}
