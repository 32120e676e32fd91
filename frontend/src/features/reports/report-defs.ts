import type { paths } from '../../api/schema';

/** The pickers a report takes (each maps to one query parameter of its endpoint). */
export type Picker = 'period' | 'week' | 'unit' | 'programme' | 'subgroup';

export type ReportPath = Extract<keyof paths, `/api/v1/reports/${string}`>;

/**
 * One report of the reports page. Adding a report that the server offers is one entry here plus
 * its title and intro in the locales (`reports.defs.<key>`); sections and figures are rendered
 * from the response, and named by `reports.sections.*` / `reports.figures.*` when translated.
 */
export interface ReportDef {
  key: string;
  endpoint: ReportPath;
  pickers: readonly Picker[];
  /** Pickers without which the report cannot be asked for. */
  required: readonly Picker[];
}

export const REPORTS: readonly ReportDef[] = [
  { key: 'programme-outcome', endpoint: '/api/v1/reports/programme-outcome', pickers: ['programme', 'period', 'unit', 'subgroup'], required: ['programme', 'period'] },
  { key: 'housing', endpoint: '/api/v1/reports/housing', pickers: ['period', 'unit'], required: ['period'] },
  { key: 'housing-support', endpoint: '/api/v1/reports/housing-support', pickers: ['period', 'unit'], required: ['period'] },
  { key: 'housing-search', endpoint: '/api/v1/reports/housing-search', pickers: ['period', 'unit'], required: ['period'] },
  { key: 'homelessness-count', endpoint: '/api/v1/reports/homelessness-count', pickers: ['week', 'unit'], required: ['week'] },
];

export function reportDef(key: string | undefined): ReportDef | undefined {
  return REPORTS.find((r) => r.key === key);
}

/** The pickers' values as they sit in the page's URL. */
export interface ReportParams {
  period?: string;
  week?: string;
  unit?: string;
  programme?: string;
  subgroup?: string;
}

/** The endpoint's query for the pickers (only those the report takes), or null while a required one is missing. */
export function reportQuery(def: ReportDef, p: ReportParams, extra: { drilldown?: boolean; format?: 'csv' } = {}): Record<string, string | boolean> | null {
  for (const r of def.required) if (!p[r]) return null;
  const q: Record<string, string | boolean> = {};
  const name: Record<Picker, string> = { period: 'period', week: 'week', unit: 'unit_id', programme: 'programme_id', subgroup: 'subgroup' };
  for (const picker of def.pickers) {
    const v = p[picker];
    if (v) q[name[picker]] = v;
  }
  if (extra.drilldown) q.drilldown = true;
  if (extra.format) q.format = extra.format;
  return q;
}
