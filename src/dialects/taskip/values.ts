// TaskIP's status and priority values <-> the canonical ones (DIALECTS.md, "Canonical values").
import type { PriorityValue, StatusValue } from '../../domain/canonical.js';

export const STATUS_NAMES = ['open', 'in_progress', 'resolved', 'closed', 'pending'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];
export const PRIORITY_NAMES = ['low', 'normal', 'medium', 'high', 'urgent'] as const;
export type PriorityName = (typeof PRIORITY_NAMES)[number];

/** Read side: every canonical status as TaskIP's integer (the index into STATUS_NAMES). */
const STATUS_INT: Record<StatusValue, number> = {
  new: 0,
  open: 0,
  in_progress: 1,
  pending: 4,
  on_hold: 4,
  answered: 1,
  customer_replied: 0,
  resolved: 2,
  closed: 3,
};

/** Write side: each TaskIP status to the one canonical value it means. */
const STATUS_WRITE: Record<StatusName, StatusValue> = {
  open: 'open',
  in_progress: 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
  pending: 'pending',
};

export const statusToInt = (s: StatusValue): number => STATUS_INT[s];
export const statusToName = (s: StatusValue): StatusName => STATUS_NAMES[STATUS_INT[s]];
export const statusFromInt = (n: number): StatusValue => STATUS_WRITE[STATUS_NAMES[n]];
export const statusFromName = (n: StatusName): StatusValue => STATUS_WRITE[n];

/** Every canonical status that reads as this TaskIP status (list filters). */
export function statusesReadingAs(name: StatusName): StatusValue[] {
  const n = STATUS_NAMES.indexOf(name);
  return (Object.keys(STATUS_INT) as StatusValue[]).filter((s) => STATUS_INT[s] === n);
}

// Priorities map one to one: 0 low, 1 normal, 2 medium, 3 high, 4 urgent. TaskIP has no
// "no priority" (its create requires one): a ticket without one (set through Suptask) reads as normal.
export const priorityToName = (p: PriorityValue | null): PriorityName => p ?? 'normal';
export const priorityToInt = (p: PriorityValue | null): number => PRIORITY_NAMES.indexOf(priorityToName(p));
export const priorityFromInt = (n: number): PriorityValue => PRIORITY_NAMES[n];

/** Every canonical priority that reads as this TaskIP priority (list filters): normal includes none. */
export const prioritiesReadingAs = (name: PriorityName): (PriorityValue | null)[] => (name === 'normal' ? ['normal', null] : [name]);

/** Sorting by priority: TaskIP's integer order, a ticket without a priority with the normal ones. */
/** Sorting by status follows TaskIP's integers (0 open .. 4 pending), as its clients read them. */
export const STATUS_SORT_GROUPS: StatusValue[][] = STATUS_NAMES.map((n) => statusesReadingAs(n));

export const PRIORITY_SORT_GROUPS: (PriorityValue | null)[][] = PRIORITY_NAMES.map((n) => prioritiesReadingAs(n));
