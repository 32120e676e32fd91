import * as z from 'zod/mini';
import type { Schema } from '../../api/types';
import { textOrNull } from '../../lib/form-errors';

export const EMPLOYER_SECTORS = ['private', 'public', 'non_profit'] as const satisfies readonly Schema<'EmployerSector'>[];

const required = { error: 'validation.required' } as const;
const tooLong = { error: 'validation.tooLong' } as const;
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, tooLong));

// Mirrors the server's checks loosely (it stays the authority: organisation number Luhn, uniqueness).
export const employerSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, required), z.maxLength(200, tooLong)),
  organisation_number: z.string().check(
    z.trim(),
    z.refine((v) => v === '' || /^\d{6}-?\d{4}$/.test(v), { error: 'validation.orgNumber' }),
  ),
  sector: z.enum(EMPLOYER_SECTORS),
  address: text(300),
  contact_person: text(200),
  phone: text(30),
  email: text(254),
  work_kinds: text(3000),
  notes: text(10_000),
});
export type EmployerValues = z.infer<typeof employerSchema>;
export const EMPLOYER_FIELDS: ReadonlySet<string> = new Set(Object.keys(employerSchema.shape));

export const emptyEmployer: EmployerValues = {
  name: '',
  organisation_number: '',
  sector: 'private',
  address: '',
  contact_person: '',
  phone: '',
  email: '',
  work_kinds: '',
  notes: '',
};

export function employerToForm(e: Schema<'EmployerView'>): EmployerValues {
  return {
    name: e.name,
    organisation_number: e.organisation_number ?? '',
    sector: e.sector,
    address: e.address ?? '',
    contact_person: e.contact_person ?? '',
    phone: e.phone ?? '',
    email: e.email ?? '',
    work_kinds: e.work_kinds.join('\n'),
    notes: e.notes ?? '',
  };
}

/** Work kinds are typed one per line (or comma-separated); blanks and repeats are dropped. */
export function parseWorkKinds(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/[\n,]/)) {
    const v = part.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

export function formToEmployerInput(v: EmployerValues): Schema<'EmployerInput'> {
  return {
    name: v.name.trim(),
    organisation_number: textOrNull(v.organisation_number),
    sector: v.sector,
    address: textOrNull(v.address),
    contact_person: textOrNull(v.contact_person),
    phone: textOrNull(v.phone),
    email: textOrNull(v.email),
    work_kinds: parseWorkKinds(v.work_kinds),
    notes: textOrNull(v.notes),
  };
}

/** The employer fields a user edits (what a 412 reports as changed). */
export const EMPLOYER_DIFF_FIELDS = ['name', 'organisation_number', 'sector', 'address', 'contact_person', 'phone', 'email', 'work_kinds', 'notes'] as const;
