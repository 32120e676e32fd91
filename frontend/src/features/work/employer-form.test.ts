import { describe, expect, it } from 'vitest';
import { employerSchema, emptyEmployer, formToEmployerInput, parseWorkKinds } from './employer-form';

describe('employer form', () => {
  it('splits work kinds by line or comma, trimming and dropping blanks and repeats', () => {
    expect(parseWorkKinds(' kök\npark, kök ,\n\nlager')).toEqual(['kök', 'park', 'lager']);
  });

  it('sends empty optional fields as null', () => {
    const input = formToEmployerInput({ ...emptyEmployer, name: ' Parkbolaget ', work_kinds: 'park' });
    expect(input).toMatchObject({ name: 'Parkbolaget', organisation_number: null, phone: null, work_kinds: ['park'] });
  });

  it('requires a name and a well-formed organisation number', () => {
    const r = employerSchema.safeParse({ ...emptyEmployer, organisation_number: '55-12' });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'organisation_number']));
    expect(employerSchema.safeParse({ ...emptyEmployer, name: 'A', organisation_number: '556677-8899' }).success).toBe(true);
  });
});
