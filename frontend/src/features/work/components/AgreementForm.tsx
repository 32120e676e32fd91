import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useCreateAgreement } from '../work-api';

/** Writes the internship agreement for an internship activity (period, signature, insurance, contact). */
export function AgreementForm({ activity, onDone }: { activity: Schema<'ActivityView'>; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateAgreement(activity.participant_id);
  const [start, setStart] = useState(activity.start_date);
  const [end, setEnd] = useState(activity.planned_end ?? '');
  const [signed, setSigned] = useState('');
  const [insured, setInsured] = useState(false);
  const [contact, setContact] = useState('');
  const id = `agr-${activity.id}`;
  return (
    <form
      className="form"
      aria-label={t('work.agreement.new')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            activity_id: activity.id,
            period_start: start || null,
            period_end: end || null,
            signed_on: signed || null,
            insurance_confirmed: insured,
            workplace_contact: contact.trim(),
          },
          { onSuccess: () => onDone(t('work.agreement.saved')) },
        );
      }}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-start`} className="field__label">
            {t('work.agreement.periodStart')}
          </label>
          <input id={`${id}-start`} type="date" className="input" value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`} className="field__label">
            {t('work.agreement.periodEnd')}
          </label>
          <p id={`${id}-end-hint`} className="field__hint">
            {t('work.agreement.periodEndHint')}
          </p>
          <input id={`${id}-end`} type="date" className="input" aria-describedby={`${id}-end-hint`} value={end} onChange={(e) => setEnd(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-signed`} className="field__label">
            {t('work.agreement.signedOn')}
          </label>
          <input id={`${id}-signed`} type="date" className="input" value={signed} onChange={(e) => setSigned(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-contact`} className="field__label">
            {t('work.agreement.contact')} <span className="field__required">({t('form.required')})</span>
          </label>
          <input id={`${id}-contact`} className="input" required value={contact} onChange={(e) => setContact(e.target.value)} />
        </div>
        <div className="field field--checkbox grid__full">
          <input id={`${id}-insured`} type="checkbox" checked={insured} onChange={(e) => setInsured(e.target.checked)} />
          <label htmlFor={`${id}-insured`}>{t('work.agreement.insurance')}</label>
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('form.saving') : t('work.agreement.submit')}
        </button>
      </div>
    </form>
  );
}
