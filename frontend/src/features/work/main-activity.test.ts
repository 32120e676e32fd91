import { describe, expect, it } from 'vitest';
import { mainActivityPeriods } from './main-activity';

describe('mainActivityPeriods', () => {
  it("offers this year's tertials so far, the year and last year", () => {
    expect(mainActivityPeriods(new Date(2026, 10, 26)).map((p) => p.value)).toEqual(['2026-T3', '2026-T2', '2026-T1', '2026', '2025']);
    expect(mainActivityPeriods(new Date(2026, 0, 5)).map((p) => p.value)).toEqual(['2026-T1', '2026', '2025']);
    expect(mainActivityPeriods(new Date(2026, 4, 1))[0]).toEqual({ value: '2026-T2', year: 2026, tertial: 2 });
  });
});
