import { useEffect } from 'react';
import type { FieldError as RhfFieldError, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../api/problem';

/** Puts the server's 422 field errors on the fields in `fields` and focuses the first. */
export function useServerFieldErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: ReadonlySet<string>) {
  useEffect(() => {
    if (!isApiProblem(error)) return;
    let first = true;
    for (const e of error.errors) {
      if (!fields.has(e.field)) continue;
      setError(e.field as Path<T>, { type: 'server', message: e.message }, { shouldFocus: first });
      first = false;
    }
  }, [error, setError, fields]);
}

/** Client messages are i18n keys; server messages are shown as the server wrote them. */
export function useFieldMessage() {
  const { t } = useTranslation();
  return (error: RhfFieldError | { message?: string; type?: string } | undefined): string | undefined => {
    if (!error?.message) return undefined;
    return error.type === 'server' ? error.message : t(error.message as 'validation.required', { defaultValue: error.message });
  };
}

/** Trimmed text or null (the API takes null for "not given"). */
export function textOrNull(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}
