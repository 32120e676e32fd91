import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface FieldBase {
  id: string;
  label: ReactNode;
  registration: UseFormRegisterReturn;
  /** Already translated message. */
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  requiredLabel?: string;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldChrome({ id, label, error, hint, required, requiredLabel, children }: Omit<FieldBase, 'registration'> & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && requiredLabel ? <span className="field__required"> ({requiredLabel})</span> : null}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = FieldBase & {
  type?: 'text' | 'email' | 'tel' | 'date' | 'password' | 'search' | 'number' | 'datetime-local';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email';
  readOnly?: boolean;
};

export function TextField({ type = 'text', autoComplete, inputMode, readOnly, registration, ...chrome }: TextFieldProps) {
  const { id, error, hint, required } = chrome;
  return (
    <FieldChrome {...chrome}>
      <input
        id={id}
        type={type}
        className="input"
        autoComplete={autoComplete}
        inputMode={inputMode}
        readOnly={readOnly}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
    </FieldChrome>
  );
}

export function TextAreaField({ registration, rows = 3, ...chrome }: FieldBase & { rows?: number }) {
  const { id, error, hint, required } = chrome;
  return (
    <FieldChrome {...chrome}>
      <textarea
        id={id}
        rows={rows}
        className="input"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
    </FieldChrome>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ registration, options, placeholder, ...chrome }: FieldBase & { options: Option[]; placeholder?: string }) {
  const { id, error, hint, required } = chrome;
  return (
    <FieldChrome {...chrome}>
      <select
        id={id}
        className="input"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldChrome>
  );
}

export function CheckboxField({ id, label, registration, error, hint }: FieldBase) {
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
