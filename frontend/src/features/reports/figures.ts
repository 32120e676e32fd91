import type { Schema } from '../../api/types';

export type Figure = Schema<'ReportFigure'>;

export interface Section {
  name: string;
  figures: Figure[];
  /** Shown as a bar chart beside its table: a distribution (several counts or shares; a mean in the
   * same section stays in the table only). */
  chart: boolean;
}

/** Figures grouped by section, in the server's order. */
export function groupSections(figures: readonly Figure[]): Section[] {
  const out: Section[] = [];
  const byName = new Map<string, Section>();
  for (const f of figures) {
    let s = byName.get(f.section);
    if (!s) {
      s = { name: f.section, figures: [], chart: false };
      byName.set(f.section, s);
      out.push(s);
    }
    s.figures.push(f);
  }
  // Figures over time (months, tertials) are charted apart (see splitSeries), not in the distribution.
  const overTime = (f: Figure) => {
    const k = parseFigureName(f.section, f.figure).kind;
    return k === 'month' || k === 'tertial';
  };
  for (const s of out) s.chart = s.figures.filter((f) => f.value == null && !overTime(f)).length >= 2;
  return out;
}

/** "age_at_enrolment" → "Age at enrolment": the label of a name no catalogue translates. */
export function humanize(name: string): string {
  const s = name.replace(/[_-]+/g, ' ').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : name;
}

/** What a figure's name stands for, so the page can label it. */
export type FigureName =
  | { kind: 'key'; key: string }
  | { kind: 'as-written'; text: string }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'tertial'; tertial: string; measure: string };

/** Sections whose figures are named as the data has them (a worker's name, a unit as the referral wrote it), except these keys. */
const AS_WRITTEN: Record<string, readonly string[]> = {
  caseload: ['workers_over_maximum', 'workers_under_minimum'],
  referring_unit: [],
};

/**
 * A figure name read: a catalogue key, a name as written (caseloads per worker, referring units),
 * a calendar month (`2026-05`, home visits per month) or one tertial's measure (`2026-T1_nights`).
 */
export function parseFigureName(section: string, figure: string): FigureName {
  const keys = AS_WRITTEN[section];
  if (keys && !keys.includes(figure)) return { kind: 'as-written', text: figure };
  const month = /^(\d{4})-(\d{2})$/.exec(figure);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { kind: 'month', year: Number(month[1]), month: Number(month[2]) };
  const tertial = /^(\d{4}-T[1-3])_([a-z_]+)$/.exec(figure);
  if (tertial) return { kind: 'tertial', tertial: tertial[1], measure: tertial[2] };
  return { kind: 'key', key: figure };
}

/** The housing report's queue by status at the period's end, and the ways out of it during the period. */
export interface QueueStatus {
  waiting: number;
  ready: number;
  notReady: number;
  /** In the period: notified of an apartment, moved in (all apartment kinds), removed from the queue. */
  flows: { key: 'notified' | 'moved_in' | 'removed'; count: number }[];
}

/** The queue by status from the housing report's figures, or null when the report has no queue. */
export function queueStatus(figures: readonly Figure[]): QueueStatus | null {
  const get = (section: string, figure: string) => figures.find((f) => f.section === section && f.figure === figure);
  const waiting = get('queue', 'waiting');
  if (!waiting) return null;
  const movedIn = figures.filter((f) => f.section === 'moved_in' && f.value == null).reduce((n, f) => n + f.count, 0);
  return {
    waiting: waiting.count,
    ready: get('queue', 'ready')?.count ?? 0,
    notReady: get('queue', 'not_ready')?.count ?? 0,
    flows: [
      { key: 'notified', count: get('queue', 'notified')?.count ?? 0 },
      { key: 'moved_in', count: movedIn },
      { key: 'removed', count: get('queue', 'removed')?.count ?? 0 },
    ],
  };
}

/** One point of a figure series over time: a month (`2026-05`) or a tertial (`2026-T2`). */
export interface SeriesPoint {
  /** The period as the server names it. */
  period: string;
  kind: 'month' | 'tertial';
  /** The figures of that period, by measure: a month's one figure is `count`; a tertial's are its measures (stays, nights, cost_sek). */
  measures: Record<string, Figure>;
}

/**
 * A section's figures over time (months, or tertials with their measures), in the server's order,
 * and the rest. The home-visit months and the temporary-housing tertials are charted over time;
 * the rest stays a distribution or a table.
 */
export function splitSeries(section: Section): { rest: Figure[]; series: SeriesPoint[] } {
  const rest: Figure[] = [];
  const series: SeriesPoint[] = [];
  const byPeriod = new Map<string, SeriesPoint>();
  for (const f of section.figures) {
    const n = parseFigureName(f.section, f.figure);
    if (n.kind !== 'month' && n.kind !== 'tertial') {
      rest.push(f);
      continue;
    }
    const period = n.kind === 'month' ? f.figure : n.tertial;
    let p = byPeriod.get(period);
    if (!p) {
      p = { period, kind: n.kind, measures: {} };
      byPeriod.set(period, p);
      series.push(p);
    }
    p.measures[n.kind === 'month' ? 'count' : n.measure] = f;
  }
  return { rest, series };
}
