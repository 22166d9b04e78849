// The canonical, dialect-neutral ticket and message of webhook payloads
// (documented by openapi/webhook-event.schema.json).
import { z } from 'zod';
import type { SqlTx } from './context.js';
import { readRows } from '../db/rows.js';
import { labelNames, type TicketView } from './tickets/view.js';
import { MessageKind, Priority, TicketSource, TicketStatus } from './canonical.js';

const Person = z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable() }).nullable();
const Named = z.object({ id: z.number().int(), name: z.string() }).nullable();
const Iso = z.string().describe('ISO-8601 date-time');

export const CanonicalTicket = z
  .object({
    id: z.number().int().describe('The global ticket id (SupportBee/CRM/TaskIP id)'),
    uuid: z.string(),
    number: z.number().int().describe('Per-workspace number (Suptask ticketNumber)'),
    ref: z.string().describe('Human reference (Sympoq id)'),
    subject: z.string(),
    descriptionText: z.string(),
    descriptionHtml: z.string().nullable(),
    status: z.enum(TicketStatus),
    priority: z.enum(Priority).nullable().describe('null: no priority'),
    source: z.enum(TicketSource),
    requester: Person,
    assignee: Person,
    team: Named,
    organization: Named,
    project: Named,
    queue: Named,
    labels: z.array(z.string()),
    customFields: z.record(z.string(), z.unknown()),
    archived: z.boolean(),
    spam: z.boolean(),
    trashed: z.boolean(),
    deadline: Iso.nullable(),
    replyCount: z.number().int(),
    noteCount: z.number().int(),
    createdAt: Iso,
    updatedAt: Iso,
    closedAt: Iso.nullable(),
  })
  .describe('A ticket, dialect-neutral');
export type CanonicalTicket = z.infer<typeof CanonicalTicket>;

export const CanonicalMessage = z
  .object({
    id: z.number().int(),
    ticketId: z.number().int(),
    kind: z.enum(MessageKind),
    author: Person,
    authorName: z.string().nullable(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable(),
    attachments: z.array(z.object({ id: z.number().int(), filename: z.string(), contentType: z.string(), size: z.number().int() })),
    createdAt: Iso,
  })
  .describe('A reply (to the customer) or a note (internal)');
export type CanonicalMessage = z.infer<typeof CanonicalMessage>;

const DeletedTicket = z.object({ id: z.number().int(), uuid: z.string(), number: z.number().int(), ref: z.string(), subject: z.string() });
const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    id: z.string().regex(/^evt_[0-9a-f]{32}$/).describe('Event id; also the webhook-id header. Stable across retries: deduplicate on it.'),
    type: z.literal(type),
    createdAt: Iso.describe('When the change was made'),
    workspace: z.string().describe('Workspace slug'),
    data,
  });

/** What every webhook POST body is (openapi/webhook-event.schema.json). */
export const WebhookEvent = z
  .discriminatedUnion('type', [
    envelope('ticket.created', z.object({ ticket: CanonicalTicket })),
    envelope('ticket.updated', z.object({ ticket: CanonicalTicket, changes: z.array(z.string()).describe('Ticket event actions, e.g. status_changed, assigned, labeled, closed') })),
    envelope('ticket.deleted', z.object({ ticket: DeletedTicket })),
    envelope('message.created', z.object({ ticket: CanonicalTicket, message: CanonicalMessage })),
  ])
  .describe('A polydesk webhook event, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature headers)');

const person = (u: { id: number; name: string; email: string | null } | null) => (u ? { id: u.id, name: u.name, email: u.email } : null);
const named = (x: { id: number; name: string } | null) => (x ? { id: x.id, name: x.name } : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A ticket view in the webhook payloads' canonical shape. */
export function canonicalTicket(t: TicketView): CanonicalTicket {
  return {
    id: t.id,
    uuid: t.uuid,
    number: t.number,
    ref: t.ref,
    subject: t.subject,
    descriptionText: t.descriptionText,
    descriptionHtml: t.descriptionHtml,
    status: t.status,
    priority: t.priority,
    source: t.source,
    requester: person(t.requester),
    assignee: person(t.assignee),
    team: named(t.team),
    organization: named(t.organization),
    project: named(t.project),
    queue: named(t.queue),
    labels: labelNames(t),
    customFields: Object.fromEntries(t.fieldValues.map((v) => [v.field.key, v.value])),
    archived: t.archived,
    spam: t.spam,
    trashed: t.trashed,
    deadline: iso(t.deadline),
    replyCount: t.replyCount,
    noteCount: t.noteCount,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    closedAt: iso(t.closedAt),
  };
}

const MESSAGE = `SELECT m.id, m."ticketId", m.kind::text AS kind, m."authorName", m."bodyText", m."bodyHtml", m."createdAt",
  (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM "User" u WHERE u.id = m."authorId") AS author,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a."contentType", 'size', a.size) ORDER BY a.id), '[]')
     FROM "Attachment" a WHERE a."messageId" = m.id) AS attachments
FROM "Message" m WHERE m.id = $1 AND m."workspaceId" = $2`;

interface MessageRow {
  id: number;
  ticketId: number;
  kind: CanonicalMessage['kind'];
  authorName: string | null;
  bodyText: string;
  bodyHtml: string | null;
  createdAt: Date;
  author: { id: number; name: string; email: string | null } | null;
  attachments: CanonicalMessage['attachments'];
}

export async function canonicalMessage(db: SqlTx, workspaceId: number, messageId: number): Promise<CanonicalMessage | null> {
  const [m] = await readRows<MessageRow>(db, MESSAGE, messageId, workspaceId);
  if (!m) return null;
  return {
    id: m.id,
    ticketId: m.ticketId,
    kind: m.kind,
    author: person(m.author),
    authorName: m.authorName ?? m.author?.name ?? null,
    bodyText: m.bodyText,
    bodyHtml: m.bodyHtml,
    attachments: m.attachments,
    createdAt: m.createdAt.toISOString(),
  };
}

/** JSON Schema (draft-07) of the webhook body. */
export const webhookEventJsonSchema = () => ({ $id: 'https://polydesk.dev/schemas/webhook-event.json', ...z.toJSONSchema(WebhookEvent, { target: 'draft-7' }) });
