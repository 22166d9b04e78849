// isoSeconds prints what toISOString prints, less the milliseconds, for every date.
import { describe, expect, it } from 'vitest';
import { isoSeconds } from '../../src/http/wire-time.js';

const reference = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('isoSeconds', () => {
  it('matches toISOString without milliseconds, across days, centuries and signs of years', () => {
    const dates = [
      0, 999, 1000, 59_999, 3_599_999, 86_399_999, 86_400_000, -1, -999, -1000, -86_400_001,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1969, 11, 31, 23, 59, 59, 500), Date.UTC(99, 0, 1) - 1,
      -62_198_755_200_000, -62_198_755_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15,
    ].map((t) => new Date(t));
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2025, 0, 1); t += 7_919_777) dates.push(new Date(t));
    for (const d of dates) expect([d.getTime(), isoSeconds(d)]).toEqual([d.getTime(), reference(d)]);
  });

  it('throws on an invalid date, as toISOString does', () => {
    expect(() => isoSeconds(new Date(Number.NaN))).toThrow(RangeError);
  });
});
