// The transactional outbox: webhook events are written in the transaction of the change that
// caused them (appendEvents and the ticket deletions call in here), so a change never
// commits without its events. The delivery worker (src/webhooks) fans them out.
import { randomBytes } from 'node:crypto';
import type { SqlTx, Tx } from './context.js';
import { canonicalMessage, canonicalTicket } from './webhook-payload.js';
import { queryTicketView } from './tickets/read-sql.js';
import type { TicketView } from './tickets/view.js';
// Types only: events.ts imports this module.
import type { EventActionValue, EventInput } from './events.js';

export const WEBHOOK_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'ticket.deleted', 'message.created'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Ticket event actions that are not a change of the ticket a subscriber should hear about. */
const NOT_AN_UPDATE = new Set<EventActionValue>(['created', 'replied', 'noted', 'notified']);

export const newEventId = (): string => `evt_${randomBytes(16).toString('hex')}`;

interface OutboxRow {
  type: WebhookEventType;
  messageId?: number;
  changes?: string[];
}

/** One appendEvents call -> its webhook events: created wins; replies/notes are messages; the rest is one update. */
function rowsFor(events: readonly EventInput[]): OutboxRow[] {
  if (events.some((e) => e.action === 'created')) return [{ type: 'ticket.created' }];
  const rows: OutboxRow[] = [];
  const changes = new Set<string>();
  for (const e of events) {
    const messageId = (e.data as { messageId?: unknown } | undefined)?.messageId;
    if (e.action === 'replied' || e.action === 'noted') {
      if (typeof messageId === 'number') rows.push({ type: 'message.created', messageId });
    } else if (!NOT_AN_UPDATE.has(e.action) && !(e.action === 'attachment' && messageId != null)) {
      // A message's attachments arrive with its message.created.
      changes.add(e.action);
    }
  }
  if (changes.size) rows.push({ type: 'ticket.updated', changes: [...changes] });
  return rows;
}

/**
 * The outbox rows of one appendEvents call, as the JSON its statement inserts with
 * INSERT_OUTBOX, and the ticket they carry as read for their payload (the ticket as this
 * transaction leaves it so far), or null when no row needs it.
 */
export async function outboxRows(tx: SqlTx, scope: { workspaceId: number; ticketId: number }, events: readonly EventInput[]): Promise<{ json: string; ticket: TicketView | null }> {
  const rows = rowsFor(events);
  if (!rows.length) return { json: '[]', ticket: null };
  const view = await queryTicketView(tx, scope.workspaceId, 'id', scope.ticketId);
  const ticket = view ? canonicalTicket(view) : null;
  const data = await Promise.all(
    rows.map(async (r) => {
      if (r.type === 'message.created') return { ticket, message: await canonicalMessage(tx, scope.workspaceId, r.messageId!) };
      return r.type === 'ticket.updated' ? { ticket, changes: r.changes } : { ticket };
    }),
  );
  const json = JSON.stringify(rows.map((r, i) => ({ eventId: newEventId(), type: r.type, messageId: r.messageId ?? null, changes: r.changes ?? [], payload: JSON.stringify(data[i]) })));
  return { json, ticket: view ?? null };
}

/** Inserts outboxRows' JSON (parameter `rows`) for a workspace and ticket (parameters), in order. */
export const INSERT_OUTBOX = (workspaceId: string, ticketId: string, rows: string) =>
  `INSERT INTO "OutboxEvent" ("eventId", "workspaceId", type, "ticketId", "messageId", changes, payload, "createdAt")
   SELECT e."eventId", ${workspaceId}, e.type, ${ticketId}, e."messageId", ARRAY(SELECT json_array_elements_text(e.changes)), e.payload, clock_timestamp()
   FROM ROWS FROM (json_to_recordset(${rows}::json) AS ("eventId" text, type text, "messageId" int, changes json, payload text)) WITH ORDINALITY AS e("eventId", type, "messageId", changes, payload, i)
   ORDER BY e.i`;

/** ticket.deleted for tickets about to be deleted in this transaction. */
export async function appendTicketsDeleted(tx: Tx, workspaceId: number, ticketIds: readonly number[]): Promise<void> {
  if (!ticketIds.length) return;
  const tickets = await tx.ticket.findMany({
    where: { workspaceId, id: { in: [...ticketIds] } },
    select: { id: true, uuid: true, number: true, ref: true, subject: true },
  });
  if (!tickets.length) return;
  await tx.outboxEvent.createMany({
    data: tickets.map((t) => ({ eventId: newEventId(), workspaceId, type: 'ticket.deleted', ticketId: t.id, payload: JSON.stringify({ ticket: t }) })),
  });
}
