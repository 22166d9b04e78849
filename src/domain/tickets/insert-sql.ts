// The create transaction's hot writes in hand-written SQL. Each Prisma model write is
// compiled to a query plan per call (the query compiler runs for every create), and the
// workspace row stays locked from the number to the commit, so every statement after it
// is time all other creates of the workspace wait: here they are plain statements.
import { randomUUID } from 'node:crypto';
import type { PriorityValue, SourceValue, StatusValue } from '../canonical.js';
import type { SqlTx } from '../context.js';
import { ticketRef } from './ref.js';

/**
 * The workspace's next ticket number. Locks the workspace row until commit: creates of one
 * workspace serialise here, so numbers have no gaps, even when a create rolls back.
 */
export async function nextTicketNumber(tx: SqlTx, workspaceId: number): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(`UPDATE "Workspace" SET "ticketSeq" = "ticketSeq" + 1 WHERE id = $1 RETURNING "ticketSeq" AS n`, workspaceId);
  if (!row) throw new Error(`workspace ${workspaceId} does not exist`);
  return row.n;
}

export interface NewTicketRow {
  workspaceId: number;
  number: number;
  subject: string;
  descriptionText: string;
  descriptionHtml: string | null;
  status: StatusValue;
  priority: PriorityValue | null;
  source: SourceValue;
  requesterId: number | null;
  creatorId: number | null;
  assigneeId: number | null;
  teamId: number | null;
  organizationId: number | null;
  projectId: number | null;
  queueId: number | null;
  topicId: number | null;
  formId: string | null;
  requesterChannel: string | null;
  forwardingAddressId: number | null;
  cc: string[];
  bcc: string[];
  deadline: Date | null;
  closed: boolean;
  now: Date;
}

// Timestamps go as ISO text: a `timestamp` (without zone) column takes the UTC wall clock
// and ignores the `Z`, which is how Prisma stores them. Arrays go as JSON text.
const INSERT = `INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", "descriptionHtml", status, priority, source,
    "requesterId", "creatorId", "assigneeId", "assignedAt", "teamId", "organizationId", "projectId", "queueId", "topicId", "formId",
    "requesterChannel", "forwardingAddressId", cc, bcc, deadline, "closedAt", "lastActivityAt", "createdAt", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"TicketStatus", $9::"Priority", $10::"TicketSource",
    $11, $12, $13, CASE WHEN $13::int IS NULL THEN NULL ELSE $14::timestamp END, $15, $16, $17, $18, $19, $20,
    $21, $22, ARRAY(SELECT json_array_elements_text($23::json)), ARRAY(SELECT json_array_elements_text($24::json)), $25::timestamp,
    CASE WHEN $26::boolean THEN $14::timestamp END, $14::timestamp, $14::timestamp, $14::timestamp)
  RETURNING id`;

export async function insertTicket(tx: SqlTx, t: NewTicketRow): Promise<number> {
  const now = t.now.toISOString();
  const [row] = await tx.$queryRawUnsafe<{ id: number }[]>(
    INSERT,
    randomUUID(),
    t.workspaceId,
    t.number,
    ticketRef(t.now, t.number),
    t.subject,
    t.descriptionText,
    t.descriptionHtml,
    t.status,
    t.priority,
    t.source,
    t.requesterId,
    t.creatorId,
    t.assigneeId,
    now,
    t.teamId,
    t.organizationId,
    t.projectId,
    t.queueId,
    t.topicId,
    t.formId,
    t.requesterChannel,
    t.forwardingAddressId,
    JSON.stringify(t.cc),
    JSON.stringify(t.bcc),
    t.deadline ? t.deadline.toISOString() : null,
    t.closed,
  );
  return row.id;
}
