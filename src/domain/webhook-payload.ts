// The canonical, dialect-neutral ticket and message of webhook payloads
// (documented by openapi/webhook-event.schema.json).
import type { Tx } from './context.js';
import { labelNames, ticketInclude } from './tickets/view.js';

const person = (u: { id: number; name: string; email: string | null } | null) => (u ? { id: u.id, name: u.name, email: u.email } : null);
const named = (x: { id: number; name: string } | null) => (x ? { id: x.id, name: x.name } : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function canonicalTicket(db: Tx, workspaceId: number, ticketId: number) {
  const t = await db.ticket.findFirst({ where: { id: ticketId, workspaceId }, include: ticketInclude });
  if (!t) return null;
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

export async function canonicalMessage(db: Tx, workspaceId: number, messageId: number) {
  const m = await db.message.findFirst({
    where: { id: messageId, workspaceId },
    include: { author: { select: { id: true, name: true, email: true } }, attachments: { select: { id: true, filename: true, contentType: true, size: true }, orderBy: { id: 'asc' } } },
  });
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
