import * as z from 'zod/mini';
import type { Schema } from '../../api/types';

export const MAPPING_TEXT_FIELDS = [
  'current_housing',
  'substance_use',
  'authority_contacts',
  'ongoing_interventions',
  'education',
  'work_experience',
  'disabilities',
  'work_ability_limits',
  'own_goal',
  'first_step',
] as const satisfies readonly (keyof Schema<'MappingFields'>)[];

export const MAPPING_SECTIONS = {
  situation: ['current_housing', 'substance_use', 'authority_contacts', 'ongoing_interventions'],
  work: ['education', 'years_since_last_job', 'work_experience', 'disabilities', 'work_ability_limits'],
  goal: ['own_goal', 'first_step'],
} as const;

export const REQUIRED_FOR_COMPLETION = ['current_housing', 'own_goal', 'first_step'] as const;

const text = z.string().check(z.maxLength(10_000, { error: 'validation.tooLong' }));
export const mappingSchema = z.object({
  current_housing: text,
  substance_use: text,
  authority_contacts: text,
  ongoing_interventions: text,
  education: text,
  years_since_last_job: z.string().check(z.refine((v) => v.trim() === '' || /^\d{1,2}$/.test(v.trim()), { error: 'validation.number' })),
  work_experience: text,
  disabilities: text,
  work_ability_limits: text,
  own_goal: text,
  first_step: text,
});
export type MappingValues = z.infer<typeof mappingSchema>;
export const MAPPING_FIELD_SET: ReadonlySet<string> = new Set(Object.keys(mappingSchema.shape));

export function mappingToForm(m: Schema<'MappingView'>): MappingValues {
  const v = {} as MappingValues;
  for (const f of MAPPING_TEXT_FIELDS) v[f] = m[f] ?? '';
  v.years_since_last_job = m.years_since_last_job == null ? '' : String(m.years_since_last_job);
  return v;
}

export function formToMapping(v: MappingValues): Schema<'MappingFields'> {
  const out: Schema<'MappingFields'> = {};
  for (const f of MAPPING_TEXT_FIELDS) {
    const s = v[f].trim();
    out[f] = s === '' ? null : s;
  }
  const y = v.years_since_last_job.trim();
  out.years_since_last_job = y === '' ? null : Number(y);
  return out;
}

/** The fields still empty that completion needs. */
export function missingForCompletion(v: MappingValues): (typeof REQUIRED_FOR_COMPLETION)[number][] {
  return REQUIRED_FOR_COMPLETION.filter((f) => v[f].trim() === '');
}
