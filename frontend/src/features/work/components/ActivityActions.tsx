import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StaleAlert } from '../../../components/StaleAlert';
import { todayIso } from '../../../lib/dates';
import { formatDate } from '../../../lib/format';
import { textOrNull } from '../../../lib/form-errors';
import { useActivityAction, workKeys, type ActivityAction } from '../work-api';
import { ActivityEditForm } from './ActivityEditForm';
import { AgreementForm } from './AgreementForm';
import { OutcomeForm } from './OutcomeForm';

type Activity = Schema<'ActivityView'>;
type Choice = 'start' | 'complete' | 'end_early' | 'hours' | 'agreement' | 'outcome' | 'edit';

/** The actions an activity allows in its state; one small form at a time. */
export function choicesFor(a: Activity): Choice[] {
  const out: Choice[] = [];
  if (a.status === 'planned') out.push('start', 'end_early');
  if (a.status === 'ongoing') out.push('complete', 'end_early', 'hours');
  if (a.kind === 'internship' && !a.agreement_id && (a.status === 'planned' || a.status === 'ongoing')) out.push('agreement');
  if (a.status !== 'planned' && !a.employment_outcome_id) out.push('outcome');
  out.push('edit');
  return out;
}

interface Props {
  activity: Activity;
  onDone: (message: string) => void;
  onClose: () => void;
}

export function ActivityActions({ activity: a, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choices = choicesFor(a);
  // One action besides editing opens straight away.
  const actions = choices.filter((c) => c !== 'edit');
  const [choice, setChoice] = useState<Choice | null>(actions.length === 1 ? actions[0] : null);
  const action = useActivityAction(a);
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState(String(a.hours_per_week ?? ''));
  const stale = isApiProblem(action.error) && action.error.status === 412;
  const label = (c: Choice) =>
    ({
      start: t('work.activity.start'),
      complete: t('work.activity.complete'),
      end_early: t('work.activity.endEarly'),
      hours: t('work.activity.stepUp'),
      agreement: t('work.agreement.new'),
      outcome: t('work.outcome.new'),
      edit: t('work.activity.edit'),
    })[c];

  const submit = () => {
    let body: ActivityAction;
    if (choice === 'start') body = { kind: 'start', body: { version: a.version, started_on: date } };
    else if (choice === 'complete') body = { kind: 'complete', body: { version: a.version, ended_on: date } };
    else if (choice === 'end_early') body = { kind: 'end_early', body: { version: a.version, ended_on: date, reason: textOrNull(reason) } };
    else if (choice === 'hours') body = { kind: 'hours', body: { from: date, hours_per_week: Number(hours) } };
    else return;
    action.mutate(body, { onSuccess: () => onDone(t('work.activity.done')) });
  };

  const title = `${t(`work.activityKind.${a.kind}`)} ${formatDate(a.start_date)}`;
  return (
    <div id={`activity-actions-${a.id}`} className="card card--nested" role="group" aria-label={t('work.panel.manageLabel', { what: title })}>
      <div className="form__actions" role="toolbar" aria-label={t('common.actions')}>
        {choices.map((c) => (
          <button key={c} type="button" className={`button button--small${choice === c ? ' button--primary' : ''}`} aria-pressed={choice === c} onClick={() => { action.reset(); setChoice(c); }}>
            {label(c)}
          </button>
        ))}
        <button type="button" className="button button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {a.hours.length > 1 ? (
        <p className="muted">
          {t('work.activity.hoursHistory')}: {a.hours.map((h) => `${formatDate(h.from)} ${h.hours_per_week} h`).join(' → ')}
        </p>
      ) : null}
      {choice === 'agreement' ? <AgreementForm activity={a} onDone={onDone} /> : null}
      {choice === 'outcome' ? <OutcomeForm activity={a} onDone={onDone} /> : null}
      {choice === 'edit' ? <ActivityEditForm activity={a} onDone={onDone} /> : null}
      {choice && choice !== 'agreement' && choice !== 'outcome' && choice !== 'edit' ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {stale ? (
            <StaleAlert onReload={() => { action.reset(); void queryClient.invalidateQueries({ queryKey: workKeys.all }); }} />
          ) : action.error ? (
            <ProblemAlert error={action.error} />
          ) : null}
          <div className="grid">
            <div className="field">
              <label htmlFor={`act-date-${a.id}`} className="field__label">
                {choice === 'start' ? t('work.activity.startedOn') : choice === 'hours' ? t('work.activity.from') : t('work.activity.endedOn')}
              </label>
              <input id={`act-date-${a.id}`} type="date" className="input" required value={date} onChange={(e) => setDate(e.target.value)} />
            </div>
            {choice === 'hours' ? (
              <div className="field">
                <label htmlFor={`act-hours-${a.id}`} className="field__label">
                  {t('work.activity.hoursPerWeek')}
                </label>
                <input id={`act-hours-${a.id}`} type="number" min={1} max={40} className="input" required value={hours} onChange={(e) => setHours(e.target.value)} />
              </div>
            ) : null}
            {choice === 'end_early' ? (
              <div className="field grid__full">
                <label htmlFor={`act-reason-${a.id}`} className="field__label">
                  {t('work.activity.reason')} <span className="field__required">({t('form.required')})</span>
                </label>
                <textarea id={`act-reason-${a.id}`} className="input" rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
              </div>
            ) : null}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={action.isPending}>
              {action.isPending ? t('form.saving') : `${label(choice)}: ${t('work.activity.confirm')}`}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
