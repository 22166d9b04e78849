// Domain <-> CRM wire values: status ids, priorities, sources, active state, tags, custom
// fields, and the ticket and reply objects.
import type { z } from 'zod';
import type { PriorityValue, SourceValue, StatusValue } from '../../domain/canonical.js';
import type { FieldValueInput } from '../../domain/tickets/fields.js';
import { labelNames, type TicketView } from '../../domain/tickets/view.js';
import type { MessageView } from '../../domain/messages.js';
import type { Reply, Ticket } from './wire.js';
import { nestFormKeys } from '../../http/form-keys.js';

export const STATUS_TITLES = { 1: 'Open', 2: 'Closed', 3: 'On Hold', 4: 'Answered', 5: 'Customer Replied' } as const;
export type CrmStatusId = keyof typeof STATUS_TITLES;
export const STATUS_IDS = ['1', '2', '3', '4', '5'] as const;

/** Writes: one canonical status per CRM id (DIALECTS.md). */
export const STATUS_WRITE: Record<CrmStatusId, StatusValue> = { 1: 'open', 2: 'closed', 3: 'on_hold', 4: 'answered', 5: 'customer_replied' };

/** Reads: every canonical status shows as one CRM id. */
const STATUS_READ: Record<StatusValue, CrmStatusId> = {
  new: 1,
  open: 1,
  in_progress: 1,
  pending: 3,
  on_hold: 3,
  answered: 4,
  customer_replied: 5,
  resolved: 2,
  closed: 2,
};

/** Filters: the canonical statuses a CRM id stands for. */
export function statusesFor(id: CrmStatusId): StatusValue[] {
  return (Object.keys(STATUS_READ) as StatusValue[]).filter((s) => STATUS_READ[s] === id);
}

/** Sorting by status: by the CRM status id (1..5), the canonical statuses of one id together. */
export const STATUS_SORT_GROUPS: StatusValue[][] = STATUS_IDS.map((id) => statusesFor(Number(id) as CrmStatusId));

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type CrmPriority = (typeof PRIORITIES)[number];
const PRIORITY_READ: Record<PriorityValue, CrmPriority> = { low: 'normal', normal: 'normal', medium: 'normal', high: 'high', urgent: 'urgent' };

/** The CRM has no "no priority" (it requires one): a ticket without one (set through Suptask) reads as normal. */
export const priorityToWire = (p: PriorityValue | null): CrmPriority => (p === null ? 'normal' : PRIORITY_READ[p]);

/** Filters: the canonical priorities a CRM priority stands for (null: none set). */
export function prioritiesFor(p: CrmPriority): (PriorityValue | null)[] {
  const values: (PriorityValue | null)[] = (Object.keys(PRIORITY_READ) as PriorityValue[]).filter((v) => PRIORITY_READ[v] === p);
  return p === 'normal' ? [...values, null] : values;
}

/** Sorting by priority: normal, high, urgent, the canonical priorities of one together. */
export const PRIORITY_SORT_GROUPS: (PriorityValue | null)[][] = PRIORITIES.map((p) => prioritiesFor(p));

const sourceOf = (s: SourceValue): 'web' | 'email' => (s === 'email' ? 'email' : 'web');

/** Tag titles from `tags[]` and/or `tags`: arrays or comma-separated strings. */
export function parseTags(...values: (string | string[] | undefined)[]): string[] {
  return values
    .flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Custom field values from a body: JSON `custom_fields: {key: value}` and form-encoded
 * `custom_fields[key]=value` / `custom_fields[key][]=value`, nested by the shared form-key parser.
 */
export function customFieldsOf(body: Record<string, unknown>): FieldValueInput[] {
  const out = new Map<string, unknown>();
  const nested = nestFormKeys(body, { indexLists: false }).custom_fields;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [field, value] of Object.entries(nested)) out.set(field, value);
  }
  return [...out].map(([field, value]) => ({ field, value }));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function ticketToWire(t: TicketView): z.input<typeof Ticket> {
  const statusId = STATUS_READ[t.status];
  return {
    id: t.id,
    subject: t.subject,
    message: t.descriptionText,
    status: { id: statusId, title: STATUS_TITLES[statusId] },
    priority: priorityToWire(t.priority),
    source: sourceOf(t.source),
    active_state: t.archived ? 'archived' : 'active',
    department: t.queue ? { id: t.queue.id, name: t.queue.name } : null,
    client: t.organization ? { id: t.organization.id, name: t.organization.name } : null,
    project_id: t.projectId,
    creator_id: t.creatorId,
    dates: { created: t.createdAt.toISOString(), last_updated: t.updatedAt.toISOString(), status_changed: iso(t.statusChangedAt) },
    // The conversation lists replies and notes alike; the count matches that list.
    replies_count: t.replyCount + t.noteCount,
    tags: labelNames(t),
    custom_fields: Object.fromEntries(t.fieldValues.map((v) => [v.field.key, v.value])),
  };
}

export function replyToWire(m: MessageView): z.input<typeof Reply> {
  return {
    id: m.id,
    ticket_id: m.ticketId,
    text: m.bodyText,
    type: m.kind,
    creator_id: m.authorId,
    creator_name: m.authorName ?? m.author?.name ?? null,
    dates: { created: m.createdAt.toISOString() },
  };
}
