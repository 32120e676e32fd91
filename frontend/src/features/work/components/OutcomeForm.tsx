import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { todayIso } from '../../../lib/dates';
import { textOrNull } from '../../../lib/form-errors';
import { useCreateOutcome } from '../work-api';
import { EMPLOYMENT_KINDS } from '../work-enums';

/** Records the job an activity led to. */
export function OutcomeForm({ activity, onDone }: { activity: Schema<'ActivityView'>; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateOutcome(activity.participant_id);
  const [kind, setKind] = useState<Schema<'EmploymentKind'>>('ordinary');
  const [employerName, setEmployerName] = useState('');
  const [start, setStart] = useState(todayIso());
  const [hours, setHours] = useState('');
  const [af, setAf] = useState('');
  const [note, setNote] = useState('');
  const id = `out-${activity.id}`;
  return (
    <form
      className="form"
      aria-label={t('work.outcome.new')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            activity_id: activity.id,
            kind,
            employer_id: null,
            employer_name: activity.provider_employer_id ? null : textOrNull(employerName),
            start_date: start,
            hours_per_week: Number(hours),
            employment_service_contact: textOrNull(af),
            note: textOrNull(note),
          },
          { onSuccess: () => onDone(t('work.outcome.saved')) },
        );
      }}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field__label">
            {t('work.outcome.kind')}
          </label>
          <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as Schema<'EmploymentKind'>)}>
            {EMPLOYMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`work.employmentKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {activity.provider_employer_id ? null : (
          <div className="field">
            <label htmlFor={`${id}-employer`} className="field__label">
              {t('work.outcome.employerName')}
            </label>
            <input id={`${id}-employer`} className="input" value={employerName} onChange={(e) => setEmployerName(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-start`} className="field__label">
            {t('work.outcome.startDate')}
          </label>
          <input id={`${id}-start`} type="date" className="input" required value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`} className="field__label">
            {t('work.outcome.hours')} <span className="field__required">({t('form.required')})</span>
          </label>
          <input id={`${id}-hours`} type="number" min={1} max={40} className="input" required value={hours} onChange={(e) => setHours(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-af`} className="field__label">
            {t('work.outcome.afContact')}
          </label>
          <input id={`${id}-af`} className="input" value={af} onChange={(e) => setAf(e.target.value)} />
        </div>
        <div className="field grid__full">
          <label htmlFor={`${id}-note`} className="field__label">
            {t('work.outcome.note')}
          </label>
          <textarea id={`${id}-note`} className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('form.saving') : t('work.outcome.submit')}
        </button>
      </div>
    </form>
  );
}
