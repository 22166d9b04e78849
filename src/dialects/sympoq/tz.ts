// Wall-clock time in the workspace's IANA time zone: what a Sympoq user types in a date
// filter or a deadline, and what the event log shows.
import type { DateFields } from './datefmt.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  return f;
}

// The default zone needs no Intl lookup (formatToParts is the costly part of rendering an event log).
const isUtc = (tz: string) => tz === 'UTC' || tz === 'Etc/UTC';

/** The wall-clock fields of instant `d` in `tz`. */
export function zonedFields(d: Date, tz: string): DateFields {
  if (isUtc(tz)) return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  const parts = Object.fromEntries(formatter(tz).formatToParts(d).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
}

const asUtc = (f: DateFields): number => Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);

/** Offset of `tz` from UTC at instant `d`, in minutes (east positive). */
export function offsetMinutes(d: Date, tz: string): number {
  if (isUtc(tz)) return 0;
  const ms = d.getTime() - (d.getTime() % 1000);
  return Math.round((asUtc(zonedFields(new Date(ms), tz)) - ms) / 60000);
}

/** The instant at which the wall clock in `tz` shows `f` (the earlier one in a DST overlap). */
export function zonedToInstant(f: DateFields, tz: string): Date {
  const guess = asUtc(f);
  // Two passes settle the offset on either side of a DST change.
  let t = guess - offsetMinutes(new Date(guess), tz) * 60000;
  t = guess - offsetMinutes(new Date(t), tz) * 60000;
  return new Date(t);
}

/** ISO 8601 with nanosecond fraction and the zone's offset, as Sympoq's event log writes dates. */
export function isoWithOffset(d: Date, tz: string): string {
  const off = offsetMinutes(d, tz);
  const local = new Date(d.getTime() + off * 60000).toISOString().slice(0, 23);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}000000${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
