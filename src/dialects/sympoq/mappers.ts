// Domain -> Sympoq wire: tickets and their event log.
import type { Ctx } from '../../domain/context.js';
import { ticketShape, type ShapedTicket } from '../../domain/tickets/shape.js';
import { displaySettings, displaySettingsWithEvents, type DisplaySettings, type FieldCard } from '../../domain/display-settings.js';
import type { EventView } from '../../domain/events.js';
import { labelNames } from '../../domain/tickets/view.js';
import { PRIORITIES, STATUSES, type PriorityValue, type StatusValue } from '../../domain/canonical.js';
import { formatDateValue, formatInstant, formatsOf, type Formats } from './formats.js';
import { isoWithOffset } from './tz.js';
import { isoSeconds } from '../../http/wire-time.js';
import { channelToWire, duration, PRIORITY_NAMES, priorityToWire, roleName, STATUS_NAMES, statusToWire } from './values.js';
import type { WireEvent, WireTicket } from './wire.js';

export type FieldDef = FieldCard;

/** What rendering tickets needs besides the tickets: one query each, whatever the count. */
export interface RenderContext {
  formats: Formats;
  fields: FieldDef[];
  now: Date;
}

/** The render context in one read: the workspace's date formats and its enabled fields. */
export async function loadRenderContext(ctx: Ctx): Promise<RenderContext> {
  return renderContextOf(await displaySettings(ctx));
}

const renderContextOf = (s: DisplaySettings): RenderContext => ({ formats: formatsOf(s), fields: s.fields, now: new Date() });

/** The render context and one ticket's event log (newest first), in one read. */
export async function loadRenderContextWithEvents(ctx: Ctx, ticketId: number): Promise<{ rc: RenderContext; events: EventView[] }> {
  const s = await displaySettingsWithEvents(ctx, ticketId);
  return { rc: renderContextOf(s), events: s.events };
}

const iso = (d: Date | null): string | null => (d ? isoSeconds(d) : null);
const minutesBetween = (a: Date, b: Date): number => Math.floor((b.getTime() - a.getTime()) / 60000);

function fieldValue(value: unknown, type: string, f: Formats): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(',');
  const s = String(value);
  return type === 'date' ? formatDateValue(s, f) : s;
}

/** What a Sympoq ticket shows: its view and its lists (up to 1,000 tickets a page) read only this. */
export const WIRE_TICKET = ticketShape(
  ['ref', 'queueId', 'createdAt', 'source', 'priority', 'status', 'attachmentCount', 'noteCount', 'topicId', 'subject', 'descriptionText', 'assigneeId', 'assignedAt', 'deadline', 'firstResponseAt', 'updatedAt', 'minutesSpent', 'rating', 'closedAt', 'solution', 'estimatedMinutes'],
  ['requester', 'labels', 'fieldValues'],
);

export function ticketToWire(t: ShapedTicket<typeof WIRE_TICKET>, rc: RenderContext): WireTicket {
  const custom: Record<string, string | null> = Object.fromEntries(rc.fields.map((d) => [d.name, null]));
  for (const v of t.fieldValues) custom[v.field.name] = fieldValue(v.value, v.field.type, rc.formats);
  const r = t.requester;
  return {
    id: t.ref,
    queue: t.queueId,
    created: iso(t.createdAt)!,
    channel: channelToWire(t.source),
    priority: priorityToWire(t.priority),
    status: statusToWire(t.status),
    has_attachments: t.attachmentCount > 0,
    has_notes: t.noteCount > 0,
    topic: t.topicId,
    subject: t.subject,
    description: t.descriptionText,
    reported_by: r?.name ?? null,
    customer: {
      registered: r != null && r.type === 'user',
      name: r?.name ?? null,
      email: r?.email ?? null,
      role: r ? roleName(r.role) : null,
      group: r?.groupMemberships[0]?.group.name ?? null,
    },
    assignee: t.assigneeId,
    assigned_on: iso(t.assigneeId != null ? t.assignedAt : null),
    deadline: iso(t.deadline),
    responded: iso(t.firstResponseAt),
    updated: iso(t.updatedAt)!,
    minutes: t.minutesSpent,
    rating: t.rating,
    closed_on: iso(t.closedAt),
    tags: labelNames(t),
    solution: t.solution,
    estimated: t.estimatedMinutes != null ? duration(t.estimatedMinutes) : null,
    elapsed: duration(minutesBetween(t.createdAt, t.closedAt ?? rc.now)),
    custom_fields: custom,
  };
}

const ACTIONS: Record<string, string> = {
  created: 'Created',
  assigned: 'Assigned',
  unassigned: 'Unassigned',
  deadline_set: 'Set Deadline',
  notified: 'Notified',
  attachment: 'Attachment',
  replied: 'Replied',
  noted: 'Note',
  closed: 'Closed',
  reopened: 'Reopened',
  moved: 'Moved',
  labeled: 'Tagged',
  unlabeled: 'Tagged',
  status_changed: 'Status Changed',
  priority_changed: 'Priority Changed',
  solution: 'Solution',
  updated: 'Updated',
  team_assigned: 'Team Assigned',
  team_unassigned: 'Team Unassigned',
  flagged: 'Flagged',
  external_ref: 'Linked',
  fields_changed: 'Custom Fields',
  requester_changed: 'Customer Changed',
  message_deleted: 'Deleted',
  filter_applied: 'Filter Applied',
};

export interface EventRow {
  action: string;
  description: string | null;
  data: unknown;
  minutes: number | null;
  actorName: string | null;
  createdAt: Date;
}

const dataOf = (e: EventRow): Record<string, unknown> => (e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : {});
const statusName = (s: unknown): string | null => (STATUSES.includes(s as StatusValue) ? STATUS_NAMES[statusToWire(s as StatusValue)] : null);
const priorityName = (p: unknown): string | null => (p === null || PRIORITIES.includes(p as PriorityValue) ? PRIORITY_NAMES[priorityToWire(p as PriorityValue | null)] : null);

function describe(e: EventRow, f: Formats): string | null {
  const data = dataOf(e);
  switch (e.action) {
    case 'deadline_set':
      return typeof data.deadline === 'string' ? formatInstant(new Date(data.deadline), f) : null;
    case 'status_changed':
    case 'closed':
    case 'reopened':
      return statusName(data.to) ?? e.description;
    case 'priority_changed':
      return priorityName(data.to) ?? e.description;
    default:
      return e.description;
  }
}

/** One event log entry; `attachmentUrl` builds the download link of an attachment id. */
export function eventToWire(e: EventRow, f: Formats, attachmentUrl: (id: number) => string): WireEvent {
  const data = dataOf(e);
  const out: WireEvent = {
    date: isoWithOffset(e.createdAt, f.timeZone),
    action: ACTIONS[e.action] ?? e.action,
    description: describe(e, f),
    // "Created" is applied by the customer who reported the ticket, as in the vendor's log.
    applied_by: e.action === 'created' && typeof data.reporter === 'string' ? data.reporter : e.actorName,
    billable: e.minutes,
  };
  if (e.action === 'attachment' && typeof data.attachmentId === 'number') {
    return { date: out.date, action: out.action, attachment_url: attachmentUrl(data.attachmentId), description: out.description, applied_by: out.applied_by, billable: out.billable };
  }
  return out;
}
