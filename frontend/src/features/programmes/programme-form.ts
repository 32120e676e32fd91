import type { Me, Schema } from '../../api/types';
import { textOrNull } from '../../lib/form-errors';
import type { FieldErrors } from '../../lib/record-edit';

export const PROGRAMME_KINDS = ['job_rehabilitation', 'housing_search_support', 'housing_support', 'trial_apartments', 'other'] as const satisfies readonly Schema<'ProgrammeKind'>[];

/** Programmes are changed by administrators and the managers of the programme's unit (policy::manage_programme). */
export function canManageProgramme(staff: Pick<Me, 'role' | 'units'>, unitId: string): boolean {
  return staff.role === 'admin' || (staff.role === 'manager' && staff.units.some((u) => u.id === unitId));
}

/** Method evaluations are read by the staff of the programme's unit, not by administrators (policy::method_evaluation). */
export function canReadEvaluations(staff: Pick<Me, 'role' | 'units'>, unitId: string): boolean {
  return staff.role !== 'admin' && staff.units.some((u) => u.id === unitId);
}

/** Method evaluations are created and written by the unit's manager. */
export function canWriteEvaluations(staff: Pick<Me, 'role' | 'units'>, unitId: string): boolean {
  return staff.role === 'manager' && staff.units.some((u) => u.id === unitId);
}

export type ProgrammeEditValues = {
  unit_id: string;
  name: string;
  kind: Schema<'ProgrammeKind'>;
  description: string;
  start_date: string;
  end_date: string;
};

export function programmeToForm(p: Schema<'ProgrammeView'>): ProgrammeEditValues {
  return { unit_id: p.unit_id, name: p.name, kind: p.kind, description: p.description ?? '', start_date: p.start_date, end_date: p.end_date ?? '' };
}

/** The whole programme for `PUT /programmes/{id}`; the end statuses are kept as they are. */
export function formToProgrammeInput(p: Schema<'ProgrammeView'>, v: ProgrammeEditValues): Schema<'ProgrammeInput'> {
  return {
    unit_id: v.unit_id,
    name: v.name.trim(),
    kind: v.kind,
    description: textOrNull(v.description),
    start_date: v.start_date,
    end_date: v.end_date || null,
    end_statuses: p.end_statuses,
  };
}

export function programmeChecks(v: ProgrammeEditValues): FieldErrors<ProgrammeEditValues> {
  return v.end_date && v.start_date && v.end_date < v.start_date ? { end_date: 'validation.endBeforeStart' } : {};
}

/** `YYYY-H1` / `YYYY-H2`. */
export function isHalfYear(value: string): boolean {
  return /^\d{4}-H[12]$/.test(value.trim());
}

/** The half-year that has most recently started, e.g. "2026-H2" in November 2026. */
export function currentHalfYear(today: Date = new Date()): string {
  return `${today.getFullYear()}-H${today.getMonth() < 6 ? 1 : 2}`;
}

/** Share of reviews done on time, as a whole percent (null when none were due). */
export function onTimeShare(f: Schema<'MethodFigures'>): number | null {
  return f.reviews_due === 0 ? null : Math.round((100 * f.reviews_on_time) / f.reviews_due);
}
