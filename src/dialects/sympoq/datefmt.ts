// Oracle-style date masks (Sympoq's "General settings" date and datetime formats):
// DD, MM, MON/Mon/mon, YYYY, YY, HH24, HH/HH12 with AM/PM, MI, SS, separators and
// "quoted text". Parsing is case-insensitive and, like Oracle without FX, accepts any
// punctuation where the mask has a separator; formatting follows the mask's case for MON/AM.

export type MaskToken =
  | { kind: 'field'; field: 'DD' | 'MM' | 'YYYY' | 'YY' | 'HH24' | 'HH12' | 'MI' | 'SS' }
  | { kind: 'MON'; case: 'upper' | 'title' | 'lower' }
  | { kind: 'AMPM'; case: 'upper' | 'lower' }
  | { kind: 'sep'; text: string }
  | { kind: 'text'; text: string };

/** Wall-clock fields, in no particular time zone. */
export interface DateFields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export class MaskError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
// Longest first, so HH24 wins over HH and YYYY over YY.
const FIELDS = ['HH24', 'HH12', 'YYYY', 'MON', 'A.M.', 'P.M.', 'HH', 'YY', 'DD', 'MM', 'MI', 'SS', 'AM', 'PM'] as const;
const SEPARATOR = /[\s\-/.,:;_]/;
const WIDTH: Record<string, number> = { DD: 2, MM: 2, YYYY: 4, YY: 2, HH24: 2, HH12: 2, MI: 2, SS: 2 };

const compiled = new Map<string, MaskToken[]>();

/** Splits a mask into tokens; throws MaskError on anything it does not understand. */
export function compileMask(mask: string): MaskToken[] {
  const hit = compiled.get(mask);
  if (hit) return hit;
  const tokens: MaskToken[] = [];
  let i = 0;
  while (i < mask.length) {
    const ch = mask[i];
    if (ch === '"') {
      const end = mask.indexOf('"', i + 1);
      if (end < 0) throw new MaskError(`unterminated quoted text in date format "${mask}"`);
      tokens.push({ kind: 'text', text: mask.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (SEPARATOR.test(ch)) {
      let j = i;
      while (j < mask.length && SEPARATOR.test(mask[j])) j++;
      tokens.push({ kind: 'sep', text: mask.slice(i, j) });
      i = j;
      continue;
    }
    const rest = mask.slice(i);
    const name = FIELDS.find((f) => rest.toUpperCase().startsWith(f));
    if (!name) throw new MaskError(`unsupported element "${rest.slice(0, 4)}" in date format "${mask}"`);
    const raw = rest.slice(0, name.length);
    if (name === 'MON') tokens.push({ kind: 'MON', case: raw === 'MON' ? 'upper' : raw === 'Mon' ? 'title' : raw === raw.toLowerCase() ? 'lower' : 'upper' });
    else if (name === 'AM' || name === 'PM' || name === 'A.M.' || name === 'P.M.') tokens.push({ kind: 'AMPM', case: raw === raw.toLowerCase() ? 'lower' : 'upper' });
    else tokens.push({ kind: 'field', field: name === 'HH' ? 'HH12' : name });
    i += name.length;
  }
  const fields = tokens.flatMap((t) => (t.kind === 'field' ? [t.field] : t.kind === 'MON' ? ['MM'] : t.kind === 'AMPM' ? ['AMPM'] : []));
  const dup = fields.find((f, k) => fields.indexOf(f) !== k);
  if (dup) throw new MaskError(`date format "${mask}" has ${dup} twice`);
  if (fields.includes('YYYY') && fields.includes('YY')) throw new MaskError(`date format "${mask}" has two year elements`);
  if (fields.includes('HH24') && (fields.includes('HH12') || fields.includes('AMPM'))) throw new MaskError(`date format "${mask}" mixes HH24 with a 12-hour clock`);
  if (fields.includes('HH12') !== fields.includes('AMPM')) throw new MaskError(`date format "${mask}" needs both HH (or HH12) and AM/PM`);
  compiled.set(mask, tokens);
  return tokens;
}

/** Whether the mask carries a time of day (otherwise a parsed value is a whole day). */
export const maskHasTime = (mask: string): boolean => compileMask(mask).some((t) => t.kind === 'field' && (t.field === 'HH24' || t.field === 'HH12'));

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Parses `input` against `mask`; null when it does not match or names no real date. */
export function parseWithMask(input: string, mask: string): DateFields | null {
  const tokens = compileMask(mask);
  const s = input.trim();
  let i = 0;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let pm: boolean | null = null;
  for (const t of tokens) {
    if (t.kind === 'sep') {
      const start = i;
      while (i < s.length && SEPARATOR.test(s[i])) i++;
      if (i === start) return null;
      continue;
    }
    if (t.kind === 'text') {
      if (s.slice(i, i + t.text.length).toUpperCase() !== t.text.toUpperCase()) return null;
      i += t.text.length;
      continue;
    }
    if (t.kind === 'MON') {
      const m = MONTHS.indexOf(s.slice(i, i + 3).toUpperCase());
      if (m < 0) return null;
      month = m + 1;
      i += 3;
      continue;
    }
    if (t.kind === 'AMPM') {
      const m = /^([AP])\.?M\.?/i.exec(s.slice(i));
      if (!m) return null;
      pm = m[1].toUpperCase() === 'P';
      i += m[0].length;
      continue;
    }
    const width = WIDTH[t.field];
    let j = i;
    while (j < s.length && j - i < width && s[j] >= '0' && s[j] <= '9') j++;
    // Years take all their digits; other fields accept one digit too (Oracle without FX).
    if (j === i || ((t.field === 'YYYY' || t.field === 'YY') && j - i !== width)) return null;
    const n = Number(s.slice(i, j));
    i = j;
    switch (t.field) {
      case 'DD':
        day = n;
        break;
      case 'MM':
        month = n;
        break;
      case 'YYYY':
        year = n;
        break;
      case 'YY':
        year = 2000 + n;
        break;
      case 'HH24':
        if (n > 23) return null;
        hour = n;
        break;
      case 'HH12':
        if (n < 1 || n > 12) return null;
        hour = n % 12;
        break;
      case 'MI':
        if (n > 59) return null;
        minute = n;
        break;
      case 'SS':
        if (n > 59) return null;
        second = n;
        break;
    }
  }
  if (i !== s.length) return null;
  if (pm) hour += 12;
  if (year === null || month === null || day === null) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return { year, month, day, hour, minute, second };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Renders wall-clock fields with `mask`. */
export function formatWithMask(f: DateFields, mask: string): string {
  return compileMask(mask)
    .map((t) => {
      switch (t.kind) {
        case 'sep':
        case 'text':
          return t.text;
        case 'MON': {
          const m = MONTHS[f.month - 1];
          return t.case === 'upper' ? m : t.case === 'lower' ? m.toLowerCase() : m[0] + m.slice(1).toLowerCase();
        }
        case 'AMPM':
          return t.case === 'upper' ? (f.hour < 12 ? 'AM' : 'PM') : f.hour < 12 ? 'am' : 'pm';
        case 'field':
          switch (t.field) {
            case 'DD':
              return pad(f.day);
            case 'MM':
              return pad(f.month);
            case 'YYYY':
              return pad(f.year, 4);
            case 'YY':
              return pad(f.year % 100);
            case 'HH24':
              return pad(f.hour);
            case 'HH12':
              return pad(f.hour % 12 || 12);
            case 'MI':
              return pad(f.minute);
            case 'SS':
              return pad(f.second);
          }
      }
    })
    .join('');
}
