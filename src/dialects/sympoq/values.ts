// Sympoq's numeric ticket properties <-> the canonical values (DIALECTS.md maps).
import type { PriorityValue, SourceValue, StatusValue } from '../../domain/canonical.js';

export const STATUS_NAMES = ['', 'New', 'Working', 'Pending', 'Closed'] as const;

const STATUS_READ: Record<StatusValue, number> = {
  new: 1,
  open: 1,
  in_progress: 2,
  customer_replied: 2,
  pending: 3,
  on_hold: 3,
  answered: 3,
  resolved: 4,
  closed: 4,
};
const STATUS_WRITE: Record<number, StatusValue> = { 1: 'new', 2: 'in_progress', 3: 'pending', 4: 'closed' };

export const statusToWire = (s: StatusValue): number => STATUS_READ[s];
export const statusFromWire = (n: number): StatusValue => STATUS_WRITE[n];
/** Every canonical status a Sympoq status number reads as (for filters). */
export const statusesOf = (n: number): StatusValue[] => (Object.keys(STATUS_READ) as StatusValue[]).filter((s) => STATUS_READ[s] === n);

const PRIORITY_READ: Record<PriorityValue, number> = { low: 1, normal: 2, medium: 2, high: 3, urgent: 4 };
/** Sympoq has no "no priority": a ticket without one (set through Suptask) shows 2 Normal. */
export const priorityToWire = (p: PriorityValue | null): number => (p === null ? 2 : PRIORITY_READ[p]);
export const PRIORITY_NAMES = ['', 'Low', 'Normal', 'High', 'Urgent'] as const;

// Sympoq has no API or Slack channel: those arrive like a submission form.
const CHANNEL: Record<SourceValue, number> = { api: 1, form: 1, web: 1, slack: 1, email: 2, call: 3, widget: 4 };
export const channelToWire = (s: SourceValue): number => CHANNEL[s];

export const roleName = (role: string): string => role.charAt(0).toUpperCase() + role.slice(1);

/** Minutes as Sympoq's `D HH:MM`. */
export function duration(totalMinutes: number): string {
  const m = Math.max(0, Math.floor(totalMinutes));
  const days = Math.floor(m / 1440);
  const hh = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  return `${days} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}
