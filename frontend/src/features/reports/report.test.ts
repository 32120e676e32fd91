import { describe, expect, it } from 'vitest';
import { groupSections, humanize } from './figures';
import { isoWeek, parsePeriod, periodString } from './period';
import { reportDef, reportQuery } from './report-defs';

describe('report periods', () => {
  const today = new Date(2026, 10, 25);
  it('defaults to the current tertial and round-trips every kind', () => {
    expect(periodString(parsePeriod(null, today))).toBe('2026-T3');
    for (const p of ['2025-T1', '2024', '2026-05', '2026-01-01..2026-04-30']) expect(periodString(parsePeriod(p, today))).toBe(p);
  });
  it('gives no period for incomplete parts', () => {
    expect(periodString({ ...parsePeriod('2026', today), year: '26' })).toBe('');
    expect(periodString({ ...parsePeriod('2026-01-01..2026-02-01', today), to: '' })).toBe('');
  });
  it('computes ISO weeks across the year boundary', () => {
    expect(isoWeek(new Date(2026, 10, 25))).toBe('2026-W48');
    expect(isoWeek(new Date(2027, 0, 1))).toBe('2026-W53');
    expect(isoWeek(new Date(2024, 11, 30))).toBe('2025-W01');
  });
});

describe('report queries', () => {
  it('waits for required pickers and maps the rest to query parameters', () => {
    const def = reportDef('programme-outcome')!;
    expect(reportQuery(def, { period: '2026' })).toBeNull();
    expect(reportQuery(def, { period: '2026', programme: 'p1', unit: 'u1', week: '2026-W01' }, { drilldown: true, format: 'csv' })).toEqual({
      period: '2026',
      programme_id: 'p1',
      unit_id: 'u1',
      drilldown: true,
      format: 'csv',
    });
  });
});

describe('report sections', () => {
  const f = (section: string, figure: string, extra: object = {}) => ({ section, figure, count: 1, ...extra });
  it('groups in order and charts only distributions', () => {
    const s = groupSections([
      f('gender', 'woman', { of: 3 }),
      f('age', 'mean', { value: 34.5 }),
      f('gender', 'man', { of: 3 }),
      f('age', 'under_20'),
      f('age', '20_30'),
      f('wait', 'mean', { value: 3 }),
      f('wait', 'longest'),
    ]);
    expect(s.map((x) => [x.name, x.figures.length, x.chart])).toEqual([
      ['gender', 2, true],
      ['age', 3, true],
      ['wait', 2, false],
    ]);
  });
  it('humanizes untranslated names', () => {
    expect(humanize('age_at_enrolment')).toBe('Age at enrolment');
  });
});
