import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, StaffMember } from '../../../api/types';
import { isApiProblem } from '../../../api/client';
import { ROLES } from '../roles';

export interface StaffValues {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  active: boolean;
  unit_ids: string[];
}

export function staffToValues(s: StaffMember): StaffValues {
  return { username: s.username, display_name: s.display_name, password: '', role: s.role, active: s.active, unit_ids: [...s.unit_ids] };
}

export const emptyStaff: StaffValues = { username: '', display_name: '', password: '', role: 'caseworker', active: true, unit_ids: [] };

interface Props {
  idPrefix: string;
  mode: 'create' | 'edit';
  initial: StaffValues;
  units: { id: string; name: string }[];
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (v: StaffValues) => void;
  onCancel: () => void;
  /** Lets the page read the current values (to re-apply them after a conflict). */
  valuesRef?: { current: StaffValues | null };
  children?: ReactNode;
}

/** Create or edit a staff account: name, role, units, active, password. Server field errors land on their fields. */
export function StaffForm({ idPrefix, mode, initial, units, pending, error, submitLabel, onSubmit, onCancel, valuesRef, children }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<StaffValues>(initial);
  useEffect(() => {
    if (valuesRef) valuesRef.current = v;
  }, [valuesRef, v]);
  const fieldError = (field: string) => (isApiProblem(error) ? error.errors.find((e) => e.field === field || e.field.startsWith(`${field}[`))?.message : undefined);
  const set = <K extends keyof StaffValues>(k: K, value: StaffValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const input = (field: 'username' | 'display_name' | 'password', label: string, opts: { type?: string; hint?: string; required?: boolean; autoComplete?: string } = {}) => {
    const id = `${idPrefix}-${field}`;
    const err = fieldError(field);
    const described = [opts.hint ? `${id}-hint` : null, err ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${err ? ' field--invalid' : ''}`}>
        <label htmlFor={id} className="field__label">
          {label}
          {opts.required ? <span className="field__required"> ({t('form.required')})</span> : null}
        </label>
        {opts.hint ? (
          <div id={`${id}-hint`} className="field__hint">
            {opts.hint}
          </div>
        ) : null}
        <input
          id={id}
          className="input"
          type={opts.type ?? 'text'}
          autoComplete={opts.autoComplete ?? 'off'}
          aria-required={opts.required || undefined}
          aria-invalid={err ? true : undefined}
          aria-describedby={described}
          value={v[field]}
          onChange={(e) => set(field, e.target.value)}
        />
        {err ? (
          <p id={`${id}-error`} className="field__error">
            {err}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(v);
      }}
    >
      {children}
      <div className="grid">
        {mode === 'create' ? input('username', t('admin.staff.username'), { hint: t('admin.staff.usernameHint'), required: true }) : null}
        {input('display_name', t('admin.staff.displayName'), { required: true })}
        {mode === 'create'
          ? input('password', t('admin.staff.password'), { type: 'password', hint: t('admin.staff.passwordHint'), required: true, autoComplete: 'new-password' })
          : input('password', t('admin.staff.newPassword'), { type: 'password', hint: t('admin.staff.newPasswordHint'), autoComplete: 'new-password' })}
        <div className="field">
          <label htmlFor={`${idPrefix}-role`} className="field__label">
            {t('admin.staff.role')}
          </label>
          <select id={`${idPrefix}-role`} className="input" value={v.role} onChange={(e) => set('role', e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="fieldset grid__full">
          <legend>{t('admin.staff.units')}</legend>
          {fieldError('unit_ids') ? <p className="field__error">{fieldError('unit_ids')}</p> : null}
          {units.map((u) => (
            <div key={u.id} className="field field--checkbox">
              <input
                id={`${idPrefix}-unit-${u.id}`}
                type="checkbox"
                checked={v.unit_ids.includes(u.id)}
                onChange={(e) => set('unit_ids', e.target.checked ? [...v.unit_ids, u.id] : v.unit_ids.filter((x) => x !== u.id))}
              />
              <label htmlFor={`${idPrefix}-unit-${u.id}`}>{u.name}</label>
            </div>
          ))}
        </fieldset>
        {mode === 'edit' ? (
          <div className="field field--checkbox grid__full">
            <input id={`${idPrefix}-active`} type="checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
            <label htmlFor={`${idPrefix}-active`}>{t('admin.staff.active')}</label>
          </div>
        ) : null}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('form.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
