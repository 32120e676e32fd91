import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPORARY_STAY_KINDS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { stayFormError, type StayValues } from '../search-stays';

/** The fields of a temporary stay (kind, provider, first night, day of leaving, cost per night), shared by recording and correcting one. */
export function StayForm({
  idPrefix,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial: StayValues;
  submitLabel: string;
  pending: boolean;
  error?: React.ReactNode;
  onSubmit: (v: StayValues) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<StayValues>(initial);
  const [problem, setProblem] = useState<ReturnType<typeof stayFormError>>(null);
  const set = (patch: Partial<StayValues>) => setValues((v) => ({ ...v, ...patch }));
  const problemField = problem === 'toBeforeFrom' ? 'to' : problem;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = stayFormError(values);
        setProblem(problem);
        if (problem) return;
        onSubmit(values);
      }}
    >
      {error}
      <div className="grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-kind`} className="field__label">
            {t('housing.stays.kind')}
          </label>
          <select id={`${idPrefix}-kind`} className="input" value={values.kind} onChange={(e) => set({ kind: e.target.value as Schema<'TemporaryStayKind'> })}>
            {TEMPORARY_STAY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`housing.stays.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-provider`} className="field__label">
            {t('housing.stays.provider')}
          </label>
          <input id={`${idPrefix}-provider`} className="input" value={values.provider} onChange={(e) => set({ provider: e.target.value })} />
        </div>
        {(['from', 'to', 'cost'] as const).map((f) => {
          const id = `${idPrefix}-${f}`;
          const bad = problemField === f;
          const value = f === 'from' ? values.fromDate : f === 'to' ? values.toDate : values.costPerNight;
          const patch = (v: string): Partial<StayValues> => (f === 'from' ? { fromDate: v } : f === 'to' ? { toDate: v } : { costPerNight: v });
          return (
            <div className="field" key={f}>
              <label htmlFor={id} className="field__label">
                {t(`housing.stays.fields.${f}`)}
              </label>
              <input
                id={id}
                className="input"
                type={f === 'cost' ? 'text' : 'date'}
                inputMode={f === 'cost' ? 'numeric' : undefined}
                value={value}
                onChange={(e) => set(patch(e.target.value))}
                aria-invalid={bad || undefined}
                aria-describedby={bad ? `${id}-error` : f === 'to' ? `${id}-hint` : undefined}
              />
              {f === 'to' && !bad ? (
                <p id={`${id}-hint`} className="field__hint">
                  {t('housing.stays.toHint')}
                </p>
              ) : null}
              {bad && problem ? (
                <p id={`${id}-error`} className="field__error" role="alert">
                  {t(`housing.stays.errors.${problem}`)}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
