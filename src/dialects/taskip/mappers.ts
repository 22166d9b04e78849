// Domain -> TaskIP wire objects.
import type { Db } from '../../db/client.js';
import type { TicketView } from '../../domain/tickets/view.js';
import type { MessageView } from '../../domain/messages.js';
import { labelNames } from '../../domain/tickets/view.js';
import { iso, isoOrNull, stamp } from './format.js';
import { priorityToInt, statusToInt } from './values.js';
import type { AttachmentWire, MessageWire, TicketWire } from './schemas.js';

type Person = { id: number; name: string; email: string | null } | null;
type FileRow = { id: number; ticketId: number | null; filename: string; size: number; contentType: string; createdAt: Date };

const person = (u: Person) => (u ? { id: u.id, name: u.name, email: u.email } : null);

export const downloadUrl = (base: string, ticketId: number, attachmentId: number) => `${base}/api/public-v1/ticket/${ticketId}/attachments/${attachmentId}/download`;

function media(base: string, a: FileRow | undefined) {
  return a && a.ticketId != null ? { id: a.id, url: downloadUrl(base, a.ticketId, a.id), name: a.filename, size: a.size } : null;
}

/**
 * The ticket-level attachment TaskIP shows on each ticket (the latest one not sent with a
 * message): one query for any number of tickets.
 */
export async function ticketMedia(db: Db, tickets: readonly { id: number }[]): Promise<Map<number, FileRow>> {
  if (!tickets.length) return new Map();
  const rows = await db.attachment.findMany({
    where: { ticketId: { in: tickets.map((t) => t.id) }, messageId: null },
    orderBy: [{ ticketId: 'asc' }, { id: 'desc' }],
    distinct: ['ticketId'],
    select: { id: true, ticketId: true, filename: true, size: true, contentType: true, createdAt: true },
  });
  return new Map(rows.map((r) => [r.ticketId!, r]));
}

export function ticketWire(t: TicketView, base: string, file: FileRow | undefined, now = new Date()): TicketWire {
  return {
    id: t.id,
    uuid: t.uuid,
    subject: t.subject,
    created_by: person(t.creator),
    user: person(t.requester),
    priority: priorityToInt(t.priority),
    status: statusToInt(t.status),
    description: t.descriptionText,
    attachment: media(base, file),
    ...stamp(t.createdAt, now),
    ticket_number: String(t.number),
    title: t.subject,
    category: t.queue?.name ?? null,
    client_id: t.organizationId,
    client_name: t.organization?.name ?? null,
    client_email: t.organization?.email ?? null,
    assigned_to: t.assigneeId,
    assigned_to_name: t.assignee?.name ?? null,
    resolution_notes: t.resolutionNotes,
    estimated_resolution_time: isoOrNull(t.deadline),
    actual_resolution_time: isoOrNull(t.closedAt),
    tags: labelNames(t),
    custom_fields: t.fieldValues.length ? Object.fromEntries(t.fieldValues.map((v) => [v.field.key, v.value])) : null,
    reply_count: t.replyCount,
    attachment_count: t.attachmentCount,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
  };
}

export async function ticketsWire(db: Db, tickets: TicketView[], base: string): Promise<TicketWire[]> {
  const files = await ticketMedia(db, tickets);
  const now = new Date();
  return tickets.map((t) => ticketWire(t, base, files.get(t.id), now));
}

export async function oneTicketWire(db: Db, t: TicketView, base: string): Promise<TicketWire> {
  return (await ticketsWire(db, [t], base))[0];
}

export function messageWire(m: MessageView, base: string): MessageWire {
  return {
    id: m.id,
    user: person(m.author),
    description: m.bodyText,
    attachment: media(base, m.attachments[0]),
    ...stamp(m.createdAt),
  };
}

export function attachmentWire(a: FileRow & { uploader: { name: string } | null }, base: string): AttachmentWire {
  return {
    id: a.id,
    filename: a.filename,
    original_filename: a.filename,
    file_size: a.size,
    mime_type: a.contentType,
    download_url: downloadUrl(base, a.ticketId!, a.id),
    uploaded_by: a.uploader?.name ?? null,
    uploaded_at: iso(a.createdAt),
  };
}
