import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, localDateTime, todayIso } from './dates';

describe('dates', () => {
  it('formats local dates', () => {
    const d = new Date(2026, 0, 5, 7, 9);
    expect(todayIso(d)).toBe('2026-01-05');
    expect(localDateTime(d)).toBe('2026-01-05T07:09');
  });
  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
  });
  it('counts and adds days across DST and years', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2008-10-31', '2008-11-01')).toBe(1);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
