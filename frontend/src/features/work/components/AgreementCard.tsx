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
import { useStaffNames } from '../../participants';
import { useAgreementAction, workKeys, type AgreementAction } from '../work-api';
import { AGREEMENT_PARTIES, INTERNSHIP_FOLLOW_UP_KINDS } from '../work-enums';

type Agreement = Schema<'AgreementView'>;
type Choice = 'follow_up' | 'extend' | 'end_early';

/** One internship agreement: period, extensions, follow-ups, and (while it runs) its actions. */
export function AgreementCard({ agreement: g, employer, writer, onDone }: { agreement: Agreement; employer?: string; writer: boolean; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaffNames();
  const queryClient = useQueryClient();
  const action = useAgreementAction(g);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [date, setDate] = useState(todayIso());
  const [newEnd, setNewEnd] = useState('');
  const [kind, setKind] = useState<Schema<'InternshipFollowUpKind'>>('workplace_visit');
  const [party, setParty] = useState<Schema<'AgreementParty'>>('participant');
  const [text, setText] = useState('');
  const stale = isApiProblem(action.error) && action.error.status === 412;
  const id = `agreement-${g.id}`;
  const labels: Record<Choice, string> = { follow_up: t('work.agreement.followUp'), extend: t('work.agreement.extend'), end_early: t('work.agreement.endEarly') };

  const submit = () => {
    let body: AgreementAction;
    if (choice === 'follow_up') body = { kind: 'follow_up', body: { occurred_on: date, kind, note: textOrNull(text) } };
    else if (choice === 'extend') body = { kind: 'extend', body: { version: g.version, new_end: newEnd, decided_on: date } };
    else if (choice === 'end_early') body = { kind: 'end_early', body: { version: g.version, ended_on: date, ended_by: party, reason: text.trim() } };
    else return;
    action.mutate(body, { onSuccess: () => onDone(t('work.agreement.done')) });
  };

  return (
    <article className="card card--nested" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('work.agreement.title')}
        {employer ? `: ${employer}` : ''} <span className={`badge badge--${g.status === 'running' ? 'active' : 'closed'}`}>{t(`work.agreementStatus.${g.status}` as 'work.agreementStatus.running', { defaultValue: g.status })}</span>
      </h3>
      <dl className="dl">
        <div className="dl__row">
          <dt>{t('work.agreement.period')}</dt>
          <dd>
            {formatDate(g.period_start)} – {formatDate(g.period_end)}
          </dd>
        </div>
        {g.original_end !== g.period_end ? (
          <div className="dl__row">
            <dt>{t('work.agreement.originalEnd')}</dt>
            <dd>{formatDate(g.original_end)}</dd>
          </div>
        ) : null}
        <div className="dl__row">
          <dt>{t('work.agreement.signedOn')}</dt>
          <dd>{g.signed_on ? formatDate(g.signed_on) : <span className="muted">{t('common.none')}</span>}</dd>
        </div>
        <div className="dl__row">
          <dt>{t('work.agreement.insurance')}</dt>
          <dd>{g.insurance_confirmed ? t('common.yes') : t('common.no')}</dd>
        </div>
        <div className="dl__row">
          <dt>{t('work.agreement.contact')}</dt>
          <dd>{g.workplace_contact}</dd>
        </div>
        <div className="dl__row">
          <dt>{t('work.agreement.followUps')}</dt>
          <dd>
            {g.follow_ups.length
              ? g.follow_ups.map((f) => `${formatDate(f.occurred_on)} ${t(`work.followUpKind.${f.kind}`)} (${staff.name(f.staff_id)})${f.note ? `: ${f.note}` : ''}`).join('; ')
              : t('work.agreement.none')}
          </dd>
        </div>
        <div className="dl__row">
          <dt>{t('work.agreement.extensions')}</dt>
          <dd>
            {g.extensions.length
              ? g.extensions.map((x) => t('work.agreement.extended', { from: formatDate(x.previous_end), to: formatDate(x.new_end), on: formatDate(x.decided_on) })).join('; ')
              : t('work.agreement.none')}
          </dd>
        </div>
        {g.ended_early_on ? (
          <div className="dl__row">
            <dt>{t('work.agreement.endedOn')}</dt>
            <dd>
              {formatDate(g.ended_early_on)}
              {g.ended_by ? `, ${t(`work.party.${g.ended_by}`)}` : ''}
              {g.end_reason ? `: ${g.end_reason}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {writer && !g.ended_early_on ? (
        <div className="form__actions" role="toolbar" aria-label={`${t('common.actions')}: ${t('work.agreement.title')}`}>
          {(Object.keys(labels) as Choice[]).map((c) => (
            <button key={c} type="button" className={`button button--small${choice === c ? ' button--primary' : ''}`} aria-pressed={choice === c} onClick={() => { action.reset(); setChoice(choice === c ? null : c); setText(''); }}>
              {labels[c]}
            </button>
          ))}
        </div>
      ) : null}
      {choice ? (
        <form
          className="form"
          aria-label={labels[choice]}
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
          {choice === 'extend' ? <p className="muted">{t('work.agreement.extendHint')}</p> : null}
          <div className="grid">
            {choice === 'extend' ? (
              <div className="field">
                <label htmlFor={`${id}-new-end`} className="field__label">
                  {t('work.agreement.newEnd')}
                </label>
                <input id={`${id}-new-end`} type="date" className="input" required value={newEnd} onChange={(e) => setNewEnd(e.target.value)} />
              </div>
            ) : null}
            <div className="field">
              <label htmlFor={`${id}-date`} className="field__label">
                {choice === 'extend' ? t('work.agreement.decidedOn') : choice === 'end_early' ? t('work.agreement.endedOn') : t('work.agreement.occurredOn')}
              </label>
              <input id={`${id}-date`} type="date" className="input" required value={date} onChange={(e) => setDate(e.target.value)} />
            </div>
            {choice === 'follow_up' ? (
              <div className="field">
                <label htmlFor={`${id}-kind`} className="field__label">
                  {t('work.agreement.followUpKind')}
                </label>
                <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                  {INTERNSHIP_FOLLOW_UP_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`work.followUpKind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {choice === 'end_early' ? (
              <div className="field">
                <label htmlFor={`${id}-party`} className="field__label">
                  {t('work.agreement.endedBy')}
                </label>
                <select id={`${id}-party`} className="input" value={party} onChange={(e) => setParty(e.target.value as Schema<'AgreementParty'>)}>
                  {AGREEMENT_PARTIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`work.party.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {choice !== 'extend' ? (
              <div className="field grid__full">
                <label htmlFor={`${id}-text`} className="field__label">
                  {choice === 'end_early' ? t('work.agreement.reason') : t('common.noteOptional')}
                </label>
                <textarea id={`${id}-text`} className="input" rows={2} required={choice === 'end_early'} value={text} onChange={(e) => setText(e.target.value)} />
              </div>
            ) : null}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={action.isPending}>
              {action.isPending ? t('form.saving') : `${labels[choice]}: ${t('work.agreement.confirm')}`}
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}
