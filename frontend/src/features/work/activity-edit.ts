import * as z from 'zod/mini';
import type { Schema } from '../../api/types';
import { textOrNull } from '../../lib/form-errors';
import { ACTIVITY_KINDS } from './work-enums';

const required = { error: 'validation.required' } as const;

/** The editable part of an activity (`PUT /activities/{id}`); hours change through their own step-up. */
export const activityEditSchema = z
  .object({
    kind: z.enum(ACTIVITY_KINDS),
    provider_employer_id: z.string(),
    provider_name: z.string().check(z.maxLength(200, { error: 'validation.tooLong' })),
    start_date: z.string().check(z.minLength(1, required)),
    planned_end: z.string(),
    note: z.string().check(z.maxLength(10_000, { error: 'validation.tooLong' })),
  })
  .check(
    z.refine((v) => v.kind !== 'internship' || v.provider_employer_id !== '', { error: 'validation.required', path: ['provider_employer_id'] }),
    z.refine((v) => v.planned_end === '' || v.start_date === '' || v.planned_end >= v.start_date, { error: 'validation.endBeforeStart', path: ['planned_end'] }),
  );
export type ActivityEditValues = z.infer<typeof activityEditSchema>;
export const ACTIVITY_EDIT_FIELDS = ['kind', 'provider_employer_id', 'provider_name', 'start_date', 'planned_end', 'note'] as const satisfies readonly (keyof ActivityEditValues)[];

export function activityToEditForm(a: Schema<'ActivityView'>): ActivityEditValues {
  return {
    kind: a.kind,
    provider_employer_id: a.provider_employer_id ?? '',
    provider_name: a.provider_name ?? '',
    start_date: a.start_date,
    planned_end: a.planned_end ?? '',
    note: a.note ?? '',
  };
}

export function editFormToActivityUpdate(v: ActivityEditValues): Schema<'ActivityUpdate'> {
  return {
    kind: v.kind,
    provider_employer_id: v.provider_employer_id || null,
    provider_name: textOrNull(v.provider_name),
    start_date: v.start_date,
    planned_end: v.planned_end || null,
    note: textOrNull(v.note),
  };
}

/** The `If-Match` value for the version a user edited (the activity update takes the version as a header). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
