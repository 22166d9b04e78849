// The workspace's date settings applied to Sympoq requests and responses: dates typed by
// clients are wall-clock values in the workspace time zone, in its configured masks.
import type { Ctx } from '../../domain/context.js';
import { displaySettings, type DisplaySettings } from '../../domain/display-settings.js';
import { ValidationError } from '../../domain/errors.js';
import { compileMask, formatWithMask, MaskError, maskHasTime, parseWithMask, type DateFields } from './datefmt.js';
import { zonedFields, zonedToInstant } from './tz.js';

export interface Formats {
  date: string;
  datetime: string;
  timeZone: string;
}

/** The formats part of the workspace's display settings (the one read of them). */
export const formatsOf = (s: DisplaySettings): Formats => ({ date: s.dateFormat, datetime: s.datetimeFormat, timeZone: s.timeZone });

export async function loadFormats(ctx: Ctx): Promise<Formats> {
  return formatsOf(await displaySettings(ctx));
}

function parse(value: string, mask: string, field: string): DateFields {
  try {
    compileMask(mask);
  } catch (err) {
    // A setting the parser cannot use is reported, not guessed around.
    if (err instanceof MaskError) throw ValidationError.field(field, `the workspace format is not supported: ${err.message}`);
    throw err;
  }
  const f = parseWithMask(value, mask);
  if (!f) throw ValidationError.field(field, `${field} "${value}" does not match the workspace format ${mask}`);
  return f;
}

const nextDay = (f: DateFields): DateFields => {
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
};

/** The instants a date filter value covers: the whole day, or one moment when the mask has a time. */
export function parseDateRange(value: string, f: Formats, field: string): { from: Date; to: Date } {
  const fields = parse(value, f.date, field);
  const from = zonedToInstant(fields, f.timeZone);
  if (maskHasTime(f.date)) return { from, to: from };
  return { from, to: new Date(zonedToInstant(nextDay(fields), f.timeZone).getTime() - 1) };
}

export function parseDatetime(value: string, f: Formats, field: string): Date {
  return zonedToInstant(parse(value, f.datetime, field), f.timeZone);
}

/** Renders an instant with a workspace mask; ISO 8601 if the mask is unusable. */
export function formatInstant(d: Date, f: Formats, which: 'date' | 'datetime' = 'datetime'): string {
  try {
    return formatWithMask(zonedFields(d, f.timeZone), f[which]);
  } catch (err) {
    if (err instanceof MaskError) return d.toISOString();
    throw err;
  }
}

/**
 * A stored date custom field value in the workspace format: YYYY-MM-DD as a date, a
 * timestamp without offset as wall-clock time, one with an offset converted to the zone.
 */
export function formatDateValue(value: string, f: Formats): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(value.trim());
  try {
    if (m) {
      const fields = { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
      return formatWithMask(fields, m[4] === undefined ? f.date : f.datetime);
    }
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : formatWithMask(zonedFields(new Date(t), f.timeZone), f.datetime);
  } catch (err) {
    if (err instanceof MaskError) return value;
    throw err;
  }
}
