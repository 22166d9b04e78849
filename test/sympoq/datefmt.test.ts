import { describe, expect, it } from 'vitest';
import { compileMask, formatWithMask, MaskError, maskHasTime, parseWithMask } from '../../src/dialects/sympoq/datefmt.js';
import { isoWithOffset, zonedToInstant } from '../../src/dialects/sympoq/tz.js';

const d = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

describe('Oracle-style date masks', () => {
  it('parses the Sympoq defaults', () => {
    expect(parseWithMask('02-SEP-2023', 'DD-MON-YYYY')).toEqual(d(2023, 9, 2));
    expect(parseWithMask('14-jan-2024', 'DD-MON-YYYY')).toEqual(d(2024, 1, 14));
    expect(parseWithMask('14-JAN-22 14:06', 'DD-MON-YY HH24:MI')).toEqual(d(2022, 1, 14, 14, 6));
    expect(parseWithMask(' 15-Sep-22 17:49 ', 'DD-MON-YY HH24:MI')).toEqual(d(2022, 9, 15, 17, 49));
  });

  it('parses numeric months, seconds and 12-hour clocks', () => {
    expect(parseWithMask('09/02/2023', 'MM/DD/YYYY')).toEqual(d(2023, 9, 2));
    expect(parseWithMask('2023-09-02 23:59:58', 'YYYY-MM-DD HH24:MI:SS')).toEqual(d(2023, 9, 2, 23, 59, 58));
    expect(parseWithMask('09/02/2023 12:05 AM', 'MM/DD/YYYY HH:MI AM')).toEqual(d(2023, 9, 2, 0, 5));
    expect(parseWithMask('09/02/2023 12:05 pm', 'MM/DD/YYYY HH12:MI PM')).toEqual(d(2023, 9, 2, 12, 5));
    expect(parseWithMask('09/02/2023 01:05 P.M.', 'MM/DD/YYYY HH:MI A.M.')).toEqual(d(2023, 9, 2, 13, 5));
    expect(parseWithMask('02092023', 'DDMMYYYY')).toEqual(d(2023, 9, 2));
    expect(parseWithMask('2023-09-02T10:00', 'YYYY-MM-DD"T"HH24:MI')).toEqual(d(2023, 9, 2, 10, 0));
  });

  it('accepts one-digit days and months and any punctuation as a separator', () => {
    expect(parseWithMask('2-9-2023', 'DD-MM-YYYY')).toEqual(d(2023, 9, 2));
    expect(parseWithMask('02/SEP/2023', 'DD-MON-YYYY')).toEqual(d(2023, 9, 2));
    expect(parseWithMask('02.SEP.2023', 'DD-MON-YYYY')).toEqual(d(2023, 9, 2));
  });

  it('rejects malformed and impossible dates', () => {
    for (const [value, mask] of [
      ['2023-09-02', 'DD-MON-YYYY'],
      ['02-SEPT-2023', 'DD-MON-YYYY'],
      ['02-XYZ-2023', 'DD-MON-YYYY'],
      ['31-FEB-2023', 'DD-MON-YYYY'],
      ['29-FEB-2023', 'DD-MON-YYYY'],
      ['00-JAN-2023', 'DD-MON-YYYY'],
      ['02-SEP-23', 'DD-MON-YYYY'],
      ['02-SEP-2023 extra', 'DD-MON-YYYY'],
      ['02SEP2023', 'DD-MON-YYYY'],
      ['13/01/2023', 'MM/DD/YYYY'],
      ['14-JAN-22 24:00', 'DD-MON-YY HH24:MI'],
      ['14-JAN-22 10:60', 'DD-MON-YY HH24:MI'],
      ['14-JAN-22 13:00 PM', 'DD-MON-YY HH:MI PM'],
      ['14-JAN-22 10:00', 'DD-MON-YY HH:MI PM'],
      ['', 'DD-MON-YYYY'],
      ['any', 'DD-MON-YYYY'],
    ]) {
      expect(parseWithMask(value, mask), `${value} / ${mask}`).toBeNull();
    }
    expect(parseWithMask('29-FEB-2024', 'DD-MON-YYYY')).toEqual(d(2024, 2, 29));
  });

  it('rejects masks it cannot use', () => {
    for (const mask of ['DD-Q-YYYY', 'DD-MM-YYYY-YY', 'DD-MON-YYYY HH24:MI AM', 'DD-MON-YYYY HH:MI', 'DD-MM-MM', '"open']) {
      expect(() => compileMask(mask), mask).toThrow(MaskError);
    }
  });

  it('formats following the mask and its case', () => {
    const t = d(2022, 9, 15, 17, 49, 5);
    expect(formatWithMask(t, 'DD-MON-YY HH24:MI')).toBe('15-SEP-22 17:49');
    expect(formatWithMask(t, 'DD-Mon-YY HH24:MI')).toBe('15-Sep-22 17:49');
    expect(formatWithMask(t, 'dd-mon-yyyy')).toBe('15-sep-2022');
    expect(formatWithMask(t, 'MM/DD/YYYY HH:MI:SS AM')).toBe('09/15/2022 05:49:05 PM');
    expect(formatWithMask(d(2022, 1, 2, 0, 7), 'HH12:MI am')).toBe('12:07 am');
    expect(formatWithMask(d(2022, 1, 2), 'YYYY"T"MM')).toBe('2022T01');
  });

  it('round-trips', () => {
    for (const mask of ['DD-MON-YYYY', 'DD-MON-YY HH24:MI', 'MM/DD/YYYY HH:MI:SS PM', 'YYYY.MM.DD']) {
      const t = mask.includes('SS') ? d(2031, 12, 31, 23, 59, 30) : maskHasTime(mask) ? d(2031, 12, 31, 23, 59) : d(2031, 12, 31);
      expect(parseWithMask(formatWithMask(t, mask), mask), mask).toEqual(t);
    }
  });

  it('knows whether a mask has a time', () => {
    expect(maskHasTime('DD-MON-YYYY')).toBe(false);
    expect(maskHasTime('DD-MON-YY HH24:MI')).toBe(true);
    expect(maskHasTime('DD-MON-YY HH:MI AM')).toBe(true);
  });
});

describe('workspace time zones', () => {
  it('turns wall-clock time into instants, across DST', () => {
    expect(zonedToInstant(d(2023, 9, 2, 10, 0), 'UTC').toISOString()).toBe('2023-09-02T10:00:00.000Z');
    expect(zonedToInstant(d(2023, 9, 2, 10, 0), 'Europe/Berlin').toISOString()).toBe('2023-09-02T08:00:00.000Z');
    expect(zonedToInstant(d(2023, 1, 2, 10, 0), 'Europe/Berlin').toISOString()).toBe('2023-01-02T09:00:00.000Z');
    expect(zonedToInstant(d(2023, 3, 12, 12, 0), 'America/New_York').toISOString()).toBe('2023-03-12T16:00:00.000Z');
    expect(zonedToInstant(d(2023, 3, 11, 12, 0), 'America/New_York').toISOString()).toBe('2023-03-11T17:00:00.000Z');
  });

  it('writes event dates with the offset and nanoseconds', () => {
    expect(isoWithOffset(new Date('2022-09-13T11:50:47.518Z'), 'Europe/Berlin')).toBe('2022-09-13T13:50:47.518000000+02:00');
    expect(isoWithOffset(new Date('2022-09-13T11:50:47.518Z'), 'UTC')).toBe('2022-09-13T11:50:47.518000000+00:00');
    expect(isoWithOffset(new Date('2022-01-13T11:50:47Z'), 'America/New_York')).toBe('2022-01-13T06:50:47.000000000-05:00');
    expect(isoWithOffset(new Date('2022-01-13T11:50:47Z'), 'Asia/Kolkata')).toBe('2022-01-13T17:20:47.000000000+05:30');
  });
});
