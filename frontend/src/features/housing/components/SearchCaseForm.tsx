import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_TARGET_GROUPS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { todayIso } from '../../../lib/dates';

export type SearchCaseValues = Schema<'SearchCaseUpdate'>;

/**
 * The fields of a housing search case (referring unit, target group, opening date, note), shared
 * by opening a case and correcting one. `idPrefix` keeps ids unique when several forms are open.
 */
export function SearchCaseForm({
  idPrefix,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial: SearchCaseValues;
  submitLabel: string;
  pending: boolean;
  error?: React.ReactNode;
  onSubmit: (v: SearchCaseValues) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState(initial.referring_unit);
  const [group, setGroup] = useState<Schema<'SearchTargetGroup'>>(initial.target_group);
  const [openedOn, setOpenedOn] = useState(initial.opened_on);
  const [note, setNote] = useState(initial.note ?? '');
  const [unitMissing, setUnitMissing] = useState(false);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!unit.trim()) {
          setUnitMissing(true);
          return;
        }
        setUnitMissing(false);
        onSubmit({ referring_unit: unit.trim(), target_group: group, opened_on: openedOn, note: note.trim() ? note.trim() : null });
      }}
    >
      {error}
      <div className="grid">
        <div className="field">
          <label htmlFor={`${idPrefix}-unit`} className="field__label">
            {t('housing.search.referringUnit')}
          </label>
          <input
            id={`${idPrefix}-unit`}
            className="input"
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            aria-invalid={unitMissing || undefined}
            aria-describedby={unitMissing ? `${idPrefix}-unit-error` : undefined}
            required
          />
          {unitMissing ? (
            <p id={`${idPrefix}-unit-error`} className="field__error" role="alert">
              {t('housing.search.errors.unit')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-group`} className="field__label">
            {t('housing.search.targetGroup')}
          </label>
          <select id={`${idPrefix}-group`} className="input" value={group} onChange={(e) => setGroup(e.target.value as Schema<'SearchTargetGroup'>)}>
            {SEARCH_TARGET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`housing.search.targetGroups.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-opened`} className="field__label">
            {t('housing.search.openedOn')}
          </label>
          <input id={`${idPrefix}-opened`} type="date" className="input" max={todayIso()} value={openedOn} onChange={(e) => setOpenedOn(e.target.value)} />
        </div>
        <div className="field grid__full">
          <label htmlFor={`${idPrefix}-note`} className="field__label">
            {t('housing.search.note')}
          </label>
          <textarea id={`${idPrefix}-note`} rows={2} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
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
