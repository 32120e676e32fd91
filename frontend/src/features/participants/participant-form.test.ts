import { describe, expect, it } from 'vitest';
import {
  emptyParticipantForm,
  formToParticipantInput,
  isValidBirthDate,
  isValidPhone,
  isValidPostalCode,
  participantFormSchema,
} from './participant-form';

const valid = { ...emptyParticipantForm('unit-1'), first_name: ' Kim ', last_name: 'Testsson' };

describe('participant form schema', () => {
  it('accepts a minimal participant and trims text', () => {
    const result = participantFormSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data?.first_name).toBe('Kim');
  });

  it('reports i18n keys for each invalid field', () => {
    const result = participantFormSchema.safeParse({
      ...valid,
      first_name: '  ',
      personal_identity_number: '811218-9877',
      email: 'no-at-sign',
      phone: '12',
      postal_code: '1234',
      date_of_birth: '2999-01-01',
      city: 'Stock\u200Bholm',
      unit_id: '',
    });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(issues).toEqual({
      first_name: 'validation.required',
      personal_identity_number: 'validation.personnummer.checksum',
      email: 'validation.email',
      phone: 'validation.phone',
      postal_code: 'validation.postalCode',
      date_of_birth: 'validation.date',
      city: 'validation.control',
      unit_id: 'validation.required',
    });
  });
});

describe('field rules mirroring the server', () => {
  it('checks phone numbers, postal codes and birth dates', () => {
    expect(isValidPhone('070-123 45 67')).toBe(true);
    expect(isValidPhone('+46 (0)70 12')).toBe(true);
    expect(isValidPhone('070-12x')).toBe(false);
    expect(isValidPostalCode('118 20')).toBe(true);
    expect(isValidPostalCode('11820')).toBe(true);
    expect(isValidPostalCode('118 2')).toBe(false);
    const today = new Date(2026, 10, 25);
    expect(isValidBirthDate('1981-12-18', today)).toBe(true);
    expect(isValidBirthDate('1981-02-30', today)).toBe(false);
    expect(isValidBirthDate('1899-12-31', today)).toBe(false);
    expect(isValidBirthDate('2026-11-26', today)).toBe(false);
  });
});

describe('formToParticipantInput', () => {
  it('sends null for empty fields and the personnummer canonical with its birth date', () => {
    const parsed = participantFormSchema.parse({ ...valid, personal_identity_number: '8112189876', city: 'Malmö' });
    expect(formToParticipantInput(parsed)).toEqual({
      personal_identity_number: '19811218-9876',
      first_name: 'Kim',
      last_name: 'Testsson',
      date_of_birth: '1981-12-18',
      gender: 'unknown',
      protected_identity: false,
      phone: null,
      email: null,
      postal_address: null,
      care_of: null,
      postal_code: null,
      city: 'Malmö',
      unit_id: 'unit-1',
      responsible_caseworker_id: null,
      housing_situation: 'unknown',
      main_substance: 'unknown',
      income_source: 'unknown',
    });
  });
});
