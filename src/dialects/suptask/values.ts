// Suptask's status and priority strings <-> canonical values (DIALECTS.md maps). Writes
// accept any Suptask string case-insensitively; anything else is a 400.
import type { PriorityValue, StatusValue } from '../../domain/canonical.js';
import { ValidationError } from '../../domain/errors.js';

export const STATUS_OUT: Record<StatusValue, string> = {
  new: 'New',
  open: 'Open',
  in_progress: 'In Progress',
  pending: 'Pending',
  on_hold: 'On Hold',
  answered: 'Answered',
  customer_replied: 'Customer Replied',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PRIORITY_OUT: Record<PriorityValue, string> = {
  low: 'Low',
  normal: 'Normal',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

// "in_progress", "In-Progress" and "IN PROGRESS" all name "In Progress".
const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

function reverse<T extends string>(out: Record<T, string>, field: string) {
  const table = new Map(Object.entries<string>(out).map(([canonical, wire]) => [norm(wire), canonical as T]));
  const allowed = Object.values<string>(out).join(', ');
  return (value: string): T => {
    const v = table.get(norm(value));
    if (!v) throw ValidationError.field(field, `Invalid ${field} "${value}": expected one of ${allowed}`);
    return v;
  };
}

export const statusIn = reverse(STATUS_OUT, 'status');
export const priorityIn = reverse(PRIORITY_OUT, 'priority');

/** The seed's Ticket.priority is nullable: a ticket without a priority reads null. */
export const priorityOut = (p: PriorityValue | null): string | null => (p === null ? null : PRIORITY_OUT[p]);
/** `priority: null` (the seed's PATCH allows it) keeps the ticket without a priority. */
export const priorityOrNone = (p: string | null): PriorityValue | null => (p === null ? null : priorityIn(p));
