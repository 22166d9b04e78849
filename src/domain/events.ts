// The append-only ticket event log. Every change appends here, inside the change's transaction.
import type { Prisma, TicketEvent } from '../generated/prisma/client.js';
import { readRows } from '../db/rows.js';
import type { Actor, SqlTx, Tx } from './context.js';
import { INSERT_OUTBOX, outboxRows } from './outbox.js';
import type { TicketView } from './tickets/view.js';

/** Canonical event actions; dialects render them in their own words. */
export const EventAction = {
  created: 'created',
  updated: 'updated',
  statusChanged: 'status_changed',
  priorityChanged: 'priority_changed',
  assigned: 'assigned',
  unassigned: 'unassigned',
  teamAssigned: 'team_assigned',
  teamUnassigned: 'team_unassigned',
  replied: 'replied',
  noted: 'noted',
  labeled: 'labeled',
  unlabeled: 'unlabeled',
  flagged: 'flagged',
  moved: 'moved',
  deadlineSet: 'deadline_set',
  attachment: 'attachment',
  closed: 'closed',
  reopened: 'reopened',
  solution: 'solution',
  externalRef: 'external_ref',
  fieldsChanged: 'fields_changed',
  requesterChanged: 'requester_changed',
  messageDeleted: 'message_deleted',
  filterApplied: 'filter_applied',
  notified: 'notified',
} as const;
export type EventActionValue = (typeof EventAction)[keyof typeof EventAction];

export interface EventInput {
  action: EventActionValue;
  description?: string | null;
  data?: Prisma.InputJsonValue;
  minutes?: number | null;
}

// The ticket events and their webhook events (the transactional outbox) in one statement.
const INSERT_EVENTS = `WITH events AS (
    INSERT INTO "TicketEvent" ("workspaceId", "ticketId", "actorId", "actorName", action, description, data, minutes, "createdAt")
    SELECT $1, $2, $3, $4, e.action, e.description, coalesce(e.data, '{}'), e.minutes, clock_timestamp()
    FROM ROWS FROM (json_to_recordset($5::json) AS (action text, description text, data jsonb, minutes int)) WITH ORDINALITY AS e(action, description, data, minutes, i)
    ORDER BY e.i)
  ${INSERT_OUTBOX('$1', '$2', '$6')}`;

/**
 * Appends events to a ticket's log, and the webhook events they make, in the caller's
 * transaction. Returns the ticket as the webhook payload read it, or null when none did.
 */
export async function appendEvents(
  tx: SqlTx,
  scope: { workspaceId: number; ticketId: number; actor: Actor | null; actorName?: string | null },
  events: EventInput[],
): Promise<TicketView | null> {
  if (events.length === 0) return null;
  const outbox = await outboxRows(tx, scope, events);
  await tx.$executeRawUnsafe(
    INSERT_EVENTS,
    scope.workspaceId,
    scope.ticketId,
    scope.actor?.userId ?? null,
    scope.actorName ?? scope.actor?.name ?? null,
    JSON.stringify(events.map((e) => ({ action: e.action, description: e.description ?? null, data: e.data ?? {}, minutes: e.minutes ?? null }))),
    outbox.json,
  );
  return outbox.ticket;
}

export type EventView = TicketEvent & { actor: { id: number; name: string; email: string | null } | null };

const EVENTS = (order: 'ASC' | 'DESC') => `SELECT e.id, e."workspaceId", e."ticketId", e."actorId", e."actorName", e.action, e.description, e.data, e.minutes, e."createdAt",
  (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM "User" u WHERE u.id = e."actorId") AS actor
FROM "TicketEvent" e WHERE e."workspaceId" = $1 AND e."ticketId" = $2 ORDER BY e.id ${order}`;
const EVENTS_BY_ORDER = { asc: EVENTS('ASC'), desc: EVENTS('DESC') };

/** A ticket's event log with each actor's card (a hand-written read: see db/rows.ts). */
export function listEvents(tx: Tx, workspaceId: number, ticketId: number, order: 'asc' | 'desc' = 'asc'): Promise<EventView[]> {
  return readRows<EventView>(tx, EVENTS_BY_ORDER[order], workspaceId, ticketId);
}
