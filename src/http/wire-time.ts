// Timestamps as several vendors print them: ISO 8601 in UTC, whole seconds
// ("2024-01-16T18:30:00Z"). A page of 1,000 tickets prints thousands; Date's toISOString
// is a call into the runtime that formats every field, so the date part is kept per day
// (a page's tickets share few days) and the time is put together from a table of
// two-digit strings: half the time, the same text.
const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAYS_KEPT = 4096;
const days = new Map<number, string>();

/** `YYYY-MM-DDT` of the UTC day `day` (days since 1970), as toISOString writes it (any year). */
function dayPart(day: number, d: Date): string {
  let text = days.get(day);
  if (text === undefined) {
    text = d.toISOString().slice(0, -13); // drops `HH:MM:SS.sssZ`
    if (days.size >= DAYS_KEPT) days.clear();
    days.set(day, text);
  }
  return text;
}

/** ISO 8601 in UTC, whole seconds. An invalid date throws, as toISOString does. */
export function isoSeconds(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return d.toISOString();
  const day = Math.floor(t / DAY_MS);
  const s = Math.floor((t - day * DAY_MS) / 1000);
  return `${dayPart(day, d)}${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}Z`;
}
