import { isIsoDate } from './dates';

/** An edit form's values: text inputs, selects and dates are strings, checkboxes booleans. */
export type FormValues = Record<string, string | boolean>;

export interface FieldOption {
  value: string;
  label: string;
}

/** One field of a `RecordEditForm`; `name` is the API's field name, so a 422 lands next to it. */
export interface FieldSpec<V extends FormValues> {
  name: keyof V & string;
  label: string;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'textarea' | 'select' | 'checkbox';
  options?: FieldOption[];
  /** A select's empty first option ("none"). */
  placeholder?: string;
  required?: boolean;
  /** Whole numbers only (the API takes integers), optionally at least `min`. */
  min?: number;
  /** A number field that takes decimals ("28,5" or "28.5"). */
  decimal?: boolean;
  /** The whole row of the grid (text areas always are). */
  full?: boolean;
  hint?: string;
}

/** Field name → i18n key of the message. */
export type FieldErrors<V extends FormValues> = Partial<Record<keyof V & string, string>>;

/**
 * The client-side checks of a spec-driven edit form: required fields, real dates and whole numbers.
 * Ranges and rules between records are the server's (its 422 is shown next to the fields).
 */
export function validateRecord<V extends FormValues>(values: V, fields: readonly FieldSpec<V>[], extra?: (v: V) => FieldErrors<V>): FieldErrors<V> {
  const errors: FieldErrors<V> = {};
  for (const f of fields) {
    const raw = values[f.name];
    if (typeof raw === 'boolean') continue;
    const v = String(raw ?? '').trim();
    if (v === '') {
      if (f.required) errors[f.name] = f.type === 'select' ? 'validation.choose' : 'validation.required';
      continue;
    }
    if (f.type === 'date' && !isIsoDate(v)) errors[f.name] = 'validation.dateFormat';
    else if (f.type === 'number') {
      if (!(f.decimal ? /^-?\d+([.,]\d+)?$/ : /^-?\d+$/).test(v)) errors[f.name] = f.decimal ? 'validation.decimal' : 'validation.number';
      else if (f.min !== undefined && Number(v.replace(',', '.')) < f.min) errors[f.name] = f.min === 1 ? 'validation.positive' : 'validation.notNegative';
    }
  }
  if (extra) {
    for (const [k, msg] of Object.entries(extra(values))) {
      if (msg && !errors[k as keyof V & string]) errors[k as keyof V & string] = msg;
    }
  }
  return errors;
}

/** "" → null, otherwise the whole number (the form has checked it). */
export function intOrNull(value: string): number | null {
  const v = value.trim();
  return v === '' ? null : Number(v);
}

/** "" → null, otherwise the decimal number ("28,5" is 28.5). */
export function decimalOrNull(value: string): number | null {
  const v = value.trim().replace(',', '.');
  return v === '' ? null : Number(v);
}

/** `null` → "" for a form field. */
export function str(value: string | number | null | undefined): string {
  return value == null ? '' : String(value);
}

/** An RFC 3339 timestamp → "YYYY-MM-DDTHH:MM" in local time, for <input type="datetime-local">. */
export function utcToLocalInput(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The `If-Match` value for the version a user edited. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
