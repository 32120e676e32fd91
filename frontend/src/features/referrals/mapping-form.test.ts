import { describe, expect, it } from 'vitest';
import { formToMapping, mappingSchema, mappingToForm, missingForCompletion } from './mapping-form';

describe('mapping form', () => {
  it('round-trips the server record, empty text as null and years as a number', () => {
    const view = { enrolment_id: 'e', version: 2, current_housing: 'Härbärge', years_since_last_job: 6, own_goal: null };
    const form = mappingToForm(view);
    expect(form.current_housing).toBe('Härbärge');
    expect(form.own_goal).toBe('');
    expect(form.years_since_last_job).toBe('6');
    const back = formToMapping({ ...form, first_step: '  Studiebesök ' });
    expect(back).toMatchObject({ current_housing: 'Härbärge', own_goal: null, first_step: 'Studiebesök', years_since_last_job: 6 });
  });

  it('names what completion still needs', () => {
    const form = mappingToForm({ enrolment_id: 'e', version: 0 });
    expect(missingForCompletion(form)).toEqual(['current_housing', 'own_goal', 'first_step']);
    expect(missingForCompletion({ ...form, current_housing: 'x', own_goal: 'y', first_step: 'z' })).toEqual([]);
  });

  it('accepts only whole years', () => {
    const form = mappingToForm({ enrolment_id: 'e', version: 0 });
    expect(mappingSchema.safeParse({ ...form, years_since_last_job: '6' }).success).toBe(true);
    expect(mappingSchema.safeParse({ ...form, years_since_last_job: 'sex' }).success).toBe(false);
  });
});
