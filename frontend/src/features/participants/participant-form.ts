import * as z from 'zod/mini';
import type { Participant, ParticipantInput } from '../../api/types';
import { parsePersonnummer } from '../../lib/personnummer';
import { GENDERS, HOUSING_SITUATIONS, INCOME_SOURCES, MAIN_SUBSTANCES } from './options';

// Client-side checks mirror the server's (api/src/routes/participants/input.rs) so most mistakes
// are caught while typing; the server stays the authority. Messages are i18n keys for t().
const required = { error: 'validation.required' } as const;
const tooLong = { error: 'validation.tooLong' } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Control and invisible formatting characters, which the server refuses in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** A real calendar date "YYYY-MM-DD" from 1900-01-01 up to today. */
export function isValidBirthDate(value: string, today: Date = new Date()): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const pad = (n: number) => String(n).padStart(2, '0');
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return value >= '1900-01-01' && value <= todayIso;
}

/** Phone: digits, spaces, + - ( ), at least five digits. */
export function isValidPhone(value: string): boolean {
  return /^[\d +\-()]+$/.test(value) && value.replace(/\D/g, '').length >= 5;
}

/** Swedish postal code: five digits, spaces allowed ("118 20"). */
export function isValidPostalCode(value: string): boolean {
  return /^\d{5}$/.test(value.replace(/ /g, ''));
}

const noControl = z.refine<string>((v) => !CONTROL.test(v), { error: 'validation.control' });
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, tooLong), noControl);
const name = z.string().check(z.trim(), z.minLength(1, required), z.maxLength(100, tooLong), noControl);

export const participantFormSchema = z.object({
  personal_identity_number: z.string().check(
    z.trim(),
    z.superRefine((value, ctx) => {
      if (!value) return;
      const result = parsePersonnummer(value);
      if (!result.ok) ctx.issues.push({ code: 'custom', message: `validation.personnummer.${result.error}`, input: value });
    }),
  ),
  first_name: name,
  last_name: name,
  date_of_birth: z.string().check(z.trim(), z.refine((v) => v === '' || isValidBirthDate(v), { error: 'validation.date' })),
  gender: z.enum(GENDERS),
  protected_identity: z.boolean(),
  phone: z.string().check(z.trim(), z.maxLength(30, tooLong), z.refine((v) => v === '' || isValidPhone(v), { error: 'validation.phone' })),
  email: z.string().check(z.trim(), z.maxLength(254, tooLong), z.refine((v) => v === '' || EMAIL.test(v), { error: 'validation.email' })),
  postal_address: text(200),
  care_of: text(200),
  postal_code: z.string().check(z.trim(), z.refine((v) => v === '' || isValidPostalCode(v), { error: 'validation.postalCode' })),
  city: text(100),
  unit_id: z.string().check(z.minLength(1, required)),
  responsible_caseworker_id: z.string(),
  housing_situation: z.enum(HOUSING_SITUATIONS),
  main_substance: z.enum(MAIN_SUBSTANCES),
  income_source: z.enum(INCOME_SOURCES),
});

export type ParticipantFormValues = z.input<typeof participantFormSchema>;
export type ParticipantFormOutput = z.output<typeof participantFormSchema>;
export type ParticipantFormField = keyof ParticipantFormValues;

export const PARTICIPANT_FORM_FIELDS = Object.keys(participantFormSchema.shape) as ParticipantFormField[];

export function emptyParticipantForm(unitId = '', caseworkerId = ''): ParticipantFormValues {
  return {
    personal_identity_number: '',
    first_name: '',
    last_name: '',
    date_of_birth: '',
    gender: 'unknown',
    protected_identity: false,
    phone: '',
    email: '',
    postal_address: '',
    care_of: '',
    postal_code: '',
    city: '',
    unit_id: unitId,
    responsible_caseworker_id: caseworkerId,
    housing_situation: 'unknown',
    main_substance: 'unknown',
    income_source: 'unknown',
  };
}

export function participantToForm(p: Participant): ParticipantFormValues {
  return {
    personal_identity_number: p.personal_identity_number ?? '',
    first_name: p.first_name,
    last_name: p.last_name,
    date_of_birth: p.date_of_birth ?? '',
    gender: p.gender,
    protected_identity: p.protected_identity,
    phone: p.phone ?? '',
    email: p.email ?? '',
    postal_address: p.postal_address ?? '',
    care_of: p.care_of ?? '',
    postal_code: p.postal_code ?? '',
    city: p.city ?? '',
    unit_id: p.unit_id,
    responsible_caseworker_id: p.responsible_caseworker_id ?? '',
    housing_situation: p.housing_situation,
    main_substance: p.main_substance,
    income_source: p.income_source,
  };
}

const orNull = (v: string) => (v === '' ? null : v);

/** Form values → API body: empty strings become null; the personnummer is sent canonical. */
export function formToParticipantInput(v: ParticipantFormOutput): ParticipantInput {
  const pnr = v.personal_identity_number ? parsePersonnummer(v.personal_identity_number) : null;
  return {
    personal_identity_number: pnr?.ok ? pnr.canonical : orNull(v.personal_identity_number),
    first_name: v.first_name,
    last_name: v.last_name,
    date_of_birth: pnr?.ok ? pnr.birthDate : orNull(v.date_of_birth),
    gender: v.gender,
    protected_identity: v.protected_identity,
    phone: orNull(v.phone),
    email: orNull(v.email),
    postal_address: orNull(v.postal_address),
    care_of: orNull(v.care_of),
    postal_code: orNull(v.postal_code),
    city: orNull(v.city),
    unit_id: v.unit_id,
    responsible_caseworker_id: orNull(v.responsible_caseworker_id),
    housing_situation: v.housing_situation,
    main_substance: v.main_substance,
    income_source: v.income_source,
  };
}
