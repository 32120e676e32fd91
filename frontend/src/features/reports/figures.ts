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
  for (const s of out) s.chart = s.figures.filter((f) => f.value == null).length >= 2;
  return out;
}

/** "age_at_enrolment" → "Age at enrolment": the label of a name no catalogue translates. */
export function humanize(name: string): string {
  const s = name.replace(/[_-]+/g, ' ').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : name;
}
