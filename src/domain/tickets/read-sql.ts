// The hot ticket read in hand-written SQL: one statement returns the ticket with every
// relation a ticket view carries (TicketView, the shape of ticketInclude) as JSON, so a
// ticket costs one round trip and one small result, whatever its relations. The statement
// texts are fixed (one per key kind), so the pg adapter prepares each once per connection.
// Keep in step with ticketInclude in view.ts; test/core/ticket-read.test.ts compares them.
// Many tickets at once (a list page) are read by read-page.ts.
import type { SqlTx } from '../context.js';
import type { TicketView } from './view.js';
import { readRows } from '../../db/rows.js';
import { TICKET_COLUMNS } from './shape.js';
import { perTicket, RELATIONS, revive, TICKET_RELATIONS } from './relations-sql.js';

const SELECT = `SELECT ${TICKET_COLUMNS.map((c) => `t."${c}"`).join(', ')}, ${TICKET_RELATIONS.map((r) => `${perTicket(RELATIONS[r])} AS "${r}"`).join(',\n  ')}
FROM "Ticket" t WHERE t."workspaceId" = $1 AND `;

export const TICKET_BY = {
  id: SELECT + 't.id = $2',
  uuid: SELECT + 't.uuid = $2',
  number: SELECT + 't.number = $2',
  ref: SELECT + 't.ref = $2',
} as const;

function toView(row: Record<string, unknown>): TicketView {
  for (const r of TICKET_RELATIONS) row[r] = revive(RELATIONS[r], row[r]);
  return row as unknown as TicketView;
}

/** The ticket of the workspace with this key, if any. */
export async function queryTicketView(db: SqlTx, workspaceId: number, by: keyof typeof TICKET_BY, value: number | string): Promise<TicketView | undefined> {
  const [row] = await readRows<Record<string, unknown>>(db, TICKET_BY[by], workspaceId, value);
  return row && toView(row);
}
