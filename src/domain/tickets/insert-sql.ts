// The create transaction's hot writes in hand-written SQL. Each Prisma model write is
// compiled to a query plan per call (the query compiler runs for every create), and the
// workspace row stays locked from the number to the commit, so every statement after it
// is time all other creates of the workspace wait: here they are plain statements.
import { randomUUID } from 'node:crypto';
import type { PriorityValue, SourceValue, StatusValue } from '../canonical.js';
import type { SqlTx } from '../context.js';

export interface NewTicketRow {
  workspaceId: number;
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

// The workspace's next number is drawn in the same statement: the UPDATE locks the workspace
// row until commit, so creates of one workspace serialise there and numbers have no gaps,
// even when a create rolls back. The ref derives from the number (ticket_ref, a migration).
// Timestamps go as ISO text: a `timestamp` (without zone) column takes the UTC wall clock
// and ignores the `Z`, which is how Prisma stores them. Arrays go as JSON text.
const INSERT = `WITH n AS (UPDATE "Workspace" SET "ticketSeq" = "ticketSeq" + 1 WHERE id = $2 RETURNING "ticketSeq" AS number)
  INSERT INTO "Ticket" (uuid, "workspaceId", number, ref, subject, "descriptionText", "descriptionHtml", status, priority, source,
    "requesterId", "creatorId", "assigneeId", "assignedAt", "teamId", "organizationId", "projectId", "queueId", "topicId", "formId",
    "requesterChannel", "forwardingAddressId", cc, bcc, deadline, "closedAt", "lastActivityAt", "createdAt", "updatedAt")
  SELECT $1, $2, n.number, ticket_ref($12::timestamp, n.number), $3, $4, $5, $6::"TicketStatus", $7::"Priority", $8::"TicketSource",
    $9, $10, $11, CASE WHEN $11::int IS NULL THEN NULL ELSE $12::timestamp END, $13, $14, $15, $16, $17, $18,
    $19, $20, ARRAY(SELECT json_array_elements_text($21::json)), ARRAY(SELECT json_array_elements_text($22::json)), $23::timestamp,
    CASE WHEN $24::boolean THEN $12::timestamp END, $12::timestamp, $12::timestamp, $12::timestamp
  FROM n
  RETURNING id`;

/** Inserts the ticket under the workspace's next number; returns its id. */
export async function insertTicket(tx: SqlTx, t: NewTicketRow): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ id: number }[]>(
    INSERT,
    randomUUID(),
    t.workspaceId,
    t.subject,
    t.descriptionText,
    t.descriptionHtml,
    t.status,
    t.priority,
    t.source,
    t.requesterId,
    t.creatorId,
    t.assigneeId,
    t.now.toISOString(),
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
  if (!row) throw new Error(`workspace ${t.workspaceId} does not exist`);
  return row.id;
}
