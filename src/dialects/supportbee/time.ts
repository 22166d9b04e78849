// SupportBee's date/time parameters and timestamps. Parameters are UTC unless they carry an
// offset; the documented forms are ISO 8601 (extended and basic), "15th Feb 2001 04:05:06 PM",
// plain dates (2001-02-15, 20010215) and Unix timestamps.
import { ValidationError } from '../../domain/errors.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, offsetMinutes = 0): Date | null {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000);
  // Reject overflow such as Feb 30 or 25:00.
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}

const offset = (z: string | undefined): number => {
  if (!z || z === 'Z' || z === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};

/** A SupportBee date/time parameter, or null when it is in none of the accepted forms. */
export function parseTime(raw: string): Date | null {
  const s = raw.trim();
  let m: RegExpExecArray | null;
  // 2001-02-15T04:05:06+07:00, 2001-02-15 04:05:06Z, 2001-02-15T04:05
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    return utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offset(m[7]));
  }
  // 20010215T040506+0700, 20010215
  if ((m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    return utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offset(m[7]));
  }
  // Unix timestamp in seconds (any other all-digit value)
  if (/^\d{9,11}$/.test(s)) return new Date(Number(s) * 1000);
  // 15th Feb 2001 04:05:06 PM, 15 February 2001, 15 Feb 2001 16:05
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/i.exec(s))) {
    const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
    if (!month) return null;
    let hour = +(m[4] ?? 0);
    const ampm = m[7]?.toLowerCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    return utc(+m[3], month, +m[1], hour, +(m[5] ?? 0), +(m[6] ?? 0), m[8] && m[8].toUpperCase() !== 'UTC' ? offset(m[8]) : 0);
  }
  return null;
}

/** Timestamps on the wire: ISO 8601 in UTC, whole seconds. */
export { isoSeconds as iso } from '../../http/wire-time.js';

/** "Thu, Feb 15, 2001 at 4:05 AM" in the given IANA zone, for quoted messages. */
export function humanTime(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZoneName: 'short',
  }).formatToParts(d);
  const p = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('weekday')}, ${p('month')} ${p('day')}, ${p('year')} at ${p('hour')}:${p('minute')} ${p('dayPeriod')} ${p('timeZoneName')}`.trim();
}

/** A since/until parameter in any of SupportBee's date/time forms, or a ValidationError naming the field. */
export function timeParam(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseTime(value);
  if (!d) throw ValidationError.field(field, `${field} must be a date, date-time or timestamp (e.g. 2001-02-15T04:05:06+07:00, 20010215T040506+0700, 15th Feb 2001 04:05:06 PM, 2001-02-15, 20010215)`);
  return d;
}
