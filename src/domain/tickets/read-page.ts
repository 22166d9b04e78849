// A page of tickets in two statements, whatever its size, sent side by side: the rows, with
// only the columns and to-one relations the caller's shape names (ticket-row.ts), and the
// to-many relations it names, each looked up once for the whole page (relations-sql.ts).
// Both statement texts are fixed per shape, so each is prepared once per connection.
import type { SqlTx } from '../context.js';
import { readArrays, readRows } from '../../db/rows.js';
import { byTicket, perPage } from './relations-sql.js';
import { perShape, type ShapedTicket, type TicketShape } from './shape.js';
import { ticketRowSql } from './ticket-row.js';

// A to-many relation is filled in after both statements: its row carries a null till then.
const rowOf = ticketRowSql(() => 'NULL');

const compile = perShape((shape) => {
  const { select, decode, many } = rowOf(shape);
  return {
    rows: `${select} WHERE t."workspaceId" = $1 AND t.id = ANY($2::int[])`,
    relations: many.length ? `SELECT ${many.map(([name, r]) => `${perPage(r)} AS "${name}"`).join(',\n  ')}` : null,
    decode,
    many,
  };
});

/** The workspace's tickets with these ids, in the order of `ids` (missing ones left out), as `shape` reads them. */
export async function queryTicketPage<S extends TicketShape>(db: SqlTx, workspaceId: number, ids: readonly number[], shape: S): Promise<ShapedTicket<S>[]> {
  if (!ids.length) return [];
  const { rows: rowsSql, relations, decode, many } = compile(shape);
  // Only the rows statement is scoped to the workspace: relations found for another's ticket
  // id have no row to join.
  const [values, found] = await Promise.all([
    readArrays(db, rowsSql, workspaceId, ids),
    relations ? readRows<Record<string, unknown>>(db, relations, ids).then(([r]) => r) : null,
  ]);
  const rows = values.map(decode);
  if (found) {
    for (const [name, r] of many) {
      const elements = byTicket(r, found[name]);
      for (const row of rows) row[name] = elements.get(row.id as number) ?? [];
    }
  }
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  return ids.flatMap((id) => byId.get(id) ?? []) as unknown as ShapedTicket<S>[];
}
