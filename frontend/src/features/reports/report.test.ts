import { describe, expect, it } from 'vitest';
import { groupSections, humanize, parseFigureName, queueStatus, splitSeries } from './figures';
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

describe('figure names', () => {
  it('keeps workers and referring units as written, but not the caseload keys', () => {
    expect(parseFigureName('caseload', 'Johan Boendestöd')).toEqual({ kind: 'as-written', text: 'Johan Boendestöd' });
    expect(parseFigureName('caseload', 'workers_over_maximum')).toEqual({ kind: 'key', key: 'workers_over_maximum' });
    expect(parseFigureName('referring_unit', 'Socialtjänsten Öst')).toEqual({ kind: 'as-written', text: 'Socialtjänsten Öst' });
  });
  it('reads months and tertial measures', () => {
    expect(parseFigureName('home_visits', '2026-05')).toEqual({ kind: 'month', year: 2026, month: 5 });
    expect(parseFigureName('home_visits', '2026-13')).toEqual({ kind: 'key', key: '2026-13' });
    expect(parseFigureName('temporary_housing', '2026-T2_cost_sek')).toEqual({ kind: 'tertial', tertial: '2026-T2', measure: 'cost_sek' });
    expect(parseFigureName('home_visits', 'visits')).toEqual({ kind: 'key', key: 'visits' });
  });
});

describe('housing queue by status', () => {
  const f = (section: string, figure: string, count: number, extra: object = {}) => ({ section, figure, count, ...extra });
  it('takes the queue at the end and the ways out during the period', () => {
    const q = queueStatus([
      f('queue', 'waiting', 5),
      f('queue', 'ready', 3, { of: 5 }),
      f('queue', 'not_ready', 2, { of: 5 }),
      f('queue', 'longest_wait_days', 2, { value: 400 }),
      f('queue', 'notified', 1),
      f('queue', 'removed', 4),
      f('moved_in', 'training_apartment', 2),
      f('moved_in', 'trial_apartment', 1),
      f('living_in', 'trial_apartment', 7),
    ]);
    expect(q).toEqual({
      waiting: 5,
      ready: 3,
      notReady: 2,
      flows: [
        { key: 'notified', count: 1 },
        { key: 'moved_in', count: 3 },
        { key: 'removed', count: 4 },
      ],
    });
  });
  it('is absent from reports without a queue', () => {
    expect(queueStatus([f('cases', 'active', 2)])).toBeNull();
  });
});

describe('figures over time', () => {
  const f = (section: string, figure: string, count: number, extra: object = {}) => ({ section, figure, count, ...extra });
  it('takes home-visit months out of the distribution into a series', () => {
    const [s] = groupSections([
      f('home_visits', 'visits', 12),
      f('home_visits', 'per_participant_per_month', 4, { value: 1.5 }),
      f('home_visits', 'not_visited', 1, { of: 4 }),
      f('home_visits', '2026-01', 5, { value: 1.3 }),
      f('home_visits', '2026-02', 0),
    ]);
    expect(s.chart).toBe(true); // visits and not_visited
    const { rest, series } = splitSeries(s);
    expect(rest.map((x) => x.figure)).toEqual(['visits', 'per_participant_per_month', 'not_visited']);
    expect(series.map((p) => [p.period, p.kind, p.measures.count.count])).toEqual([
      ['2026-01', 'month', 5],
      ['2026-02', 'month', 0],
    ]);
  });
  it('pivots tertial measures into one point per tertial', () => {
    const [s] = groupSections([
      f('temporary_housing', '2026-T1_stays', 3),
      f('temporary_housing', '2026-T1_nights', 3, { value: 40 }),
      f('temporary_housing', '2026-T1_cost_sek', 3, { value: 24000 }),
      f('temporary_housing', '2026-T2_stays', 1),
      f('temporary_housing', '2026-T2_nights', 1, { value: 5 }),
      f('temporary_housing', '2026-T2_cost_sek', 1, { value: 3000 }),
    ]);
    expect(s.chart).toBe(false); // nothing left to distribute
    const { rest, series } = splitSeries(s);
    expect(rest).toEqual([]);
    expect(series.map((p) => [p.period, Object.keys(p.measures), p.measures.cost_sek.value])).toEqual([
      ['2026-T1', ['stays', 'nights', 'cost_sek'], 24000],
      ['2026-T2', ['stays', 'nights', 'cost_sek'], 3000],
    ]);
  });
});
