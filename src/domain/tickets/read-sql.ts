// The hot ticket read in hand-written SQL: one statement returns the ticket with the
// relations its shape names (the whole ticket view, the shape of ticketInclude, by default),
// its to-one relations joined and its to-many ones as JSON, so a ticket costs one round trip
// and one small result, whatever its relations. The statement texts are fixed (one per
// shape and key kind), so the pg adapter prepares each once per connection.
// test/core/ticket-read.test.ts compares them with ticketInclude. Many tickets at once (a
// list page) are read by read-page.ts.
import type { SqlTx } from '../context.js';
import { readArrays } from '../../db/rows.js';
import { FULL_TICKET, perShape, type ShapedTicket, type TicketShape } from './shape.js';
import { perTicket, revive } from './relations-sql.js';
import { ticketRowSql } from './ticket-row.js';

const KEYS = { id: 't.id = $2', uuid: 't.uuid = $2', number: 't.number = $2', ref: 't.ref = $2' } as const;
export type KeyKind = keyof typeof KEYS;

const rowOf = ticketRowSql(perTicket);
const compile = perShape((shape) => {
  const { select, decode, many } = rowOf(shape);
  const by = Object.fromEntries(Object.entries(KEYS).map(([k, where]) => [k, `${select} WHERE t."workspaceId" = $1 AND ${where}`])) as Record<KeyKind, string>;
  return { by, decode, many };
});

/** The ticket of the workspace with this key, if any, as `shape` reads it (default: the whole view). */
export async function queryTicketView<S extends TicketShape = typeof FULL_TICKET>(
  db: SqlTx,
  workspaceId: number,
  by: KeyKind,
  value: number | string,
  shape: S = FULL_TICKET as S,
): Promise<ShapedTicket<S> | undefined> {
  const sql = compile(shape);
  const [values] = await readArrays(db, sql.by[by], workspaceId, value);
  if (!values) return undefined;
  const row = sql.decode(values);
  for (const [name, r] of sql.many) row[name] = revive(r, row[name]);
  return row as unknown as ShapedTicket<S>;
}
