// The hot ticket read in hand-written SQL: one statement returns the ticket with the
// relations its shape names (the whole ticket view, the shape of ticketInclude, by default)
// as JSON, so a ticket costs one round trip and one small result, whatever its relations.
// The statement texts are fixed (one per shape and key kind), so the pg adapter prepares
// each once per connection. test/core/ticket-read.test.ts compares them with ticketInclude.
// Many tickets at once (a list page) are read by read-page.ts.
import type { SqlTx } from '../context.js';
import { readRows } from '../../db/rows.js';
import { FULL_TICKET, perShape, selectedColumns, type ShapedTicket, type TicketShape } from './shape.js';
import { perTicket, RELATIONS, revive } from './relations-sql.js';

const KEYS = { id: 't.id = $2', uuid: 't.uuid = $2', number: 't.number = $2', ref: 't.ref = $2' } as const;
export type KeyKind = keyof typeof KEYS;

const statements = perShape((shape): Record<KeyKind, string> => {
  const relations = shape.relations.map((r) => `${perTicket(RELATIONS[r])} AS "${r}"`);
  const select = `SELECT ${[...selectedColumns(shape), ...relations].join(', ')} FROM "Ticket" t WHERE t."workspaceId" = $1 AND `;
  return Object.fromEntries(Object.entries(KEYS).map(([k, where]) => [k, select + where])) as Record<KeyKind, string>;
});

/** The ticket of the workspace with this key, if any, as `shape` reads it (default: the whole view). */
export async function queryTicketView<S extends TicketShape = typeof FULL_TICKET>(
  db: SqlTx,
  workspaceId: number,
  by: KeyKind,
  value: number | string,
  shape: S = FULL_TICKET as S,
): Promise<ShapedTicket<S> | undefined> {
  const [row] = await readRows<Record<string, unknown>>(db, statements(shape)[by], workspaceId, value);
  if (!row) return undefined;
  for (const r of shape.relations) row[r] = revive(RELATIONS[r], row[r]);
  return row as unknown as ShapedTicket<S>;
}
