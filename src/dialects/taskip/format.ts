// TaskIP's display formats: `createAt` "2 hours ago", `date` "15-Jan-2024", `time` "09:30AM" (UTC).
import { isoSeconds } from '../../http/wire-time.js';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

const UNITS: [string, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Carbon's diffForHumans as Laravel renders it; under ten seconds is "just now". */
export function relativeTime(at: Date, now: Date = new Date()): string {
  const secs = Math.round((now.getTime() - at.getTime()) / 1000);
  const abs = Math.abs(secs);
  if (abs < 10) return 'just now';
  const [unit, size] = UNITS.find(([, s]) => abs >= s)!;
  const n = Math.floor(abs / size);
  const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return secs >= 0 ? `${words} ago` : `${words} from now`;
}

export const dayDate = (d: Date): string => `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;

export function clockTime(d: Date): string {
  const h = d.getUTCHours();
  return `${pad(h % 12 || 12)}:${pad(d.getUTCMinutes())}${h < 12 ? 'AM' : 'PM'}`;
}

/** ISO 8601 without milliseconds, as the vendor prints timestamps ("2024-01-16T18:30:00Z"). */
export const iso = isoSeconds;
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? iso(d) : null);

/** The three display fields every ticket, reply and note carries. */
export const stamp = (d: Date, now?: Date) => ({ createAt: relativeTime(d, now), date: dayDate(d), time: clockTime(d) });

const DAY_MS = 86_400_000;
/** Midnight UTC of a YYYY-MM-DD date (already validated by the schema). */
export const dayStart = (ymd: string): Date => new Date(`${ymd}T00:00:00.000Z`);
/** Midnight UTC after a YYYY-MM-DD date: the exclusive end of that day. */
export const dayAfter = (ymd: string): Date => new Date(dayStart(ymd).getTime() + DAY_MS);
