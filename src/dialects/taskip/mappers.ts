// Domain -> TaskIP wire objects.
import { ticketShape, type ShapedTicket } from '../../domain/tickets/shape.js';
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

/** What a TaskIP ticket shows: its reads and lists read only this. */
export const WIRE_TICKET = ticketShape(
  ['uuid', 'subject', 'priority', 'status', 'descriptionText', 'createdAt', 'number', 'organizationId', 'assigneeId', 'resolutionNotes', 'deadline', 'closedAt', 'replyCount', 'attachmentCount', 'updatedAt'],
  ['creator', 'requester', 'attachments', 'queue', 'organization', 'assignee', 'labels', 'fieldValues'],
);
type Ticket = ShapedTicket<typeof WIRE_TICKET>;

/** The ticket-level file TaskIP shows on a ticket: its latest one not sent with a message. */
const latestFile = (t: Ticket): FileRow | undefined => t.attachments[t.attachments.length - 1];

export function ticketWire(t: Ticket, base: string, now = new Date()): TicketWire {
  return {
    id: t.id,
    uuid: t.uuid,
    subject: t.subject,
    created_by: person(t.creator),
    user: person(t.requester),
    priority: priorityToInt(t.priority),
    status: statusToInt(t.status),
    description: t.descriptionText,
    attachment: media(base, latestFile(t)),
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

export function ticketsWire(tickets: Ticket[], base: string): TicketWire[] {
  const now = new Date();
  return tickets.map((t) => ticketWire(t, base, now));
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
