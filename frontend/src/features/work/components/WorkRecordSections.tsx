import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { paths } from '../../../config/paths';
import { todayIso } from '../../../lib/dates';
import { textOrNull } from '../../../lib/form-errors';
import { useStaffNames } from '../../participants';
import { useEnrolments } from '../../referrals';
import { useProgrammes } from '../../casework';
import { mainActivityPeriods } from '../main-activity';
import { useCreateHandover, useCreateStudyVisit, useEmployers, useHandover, useHandovers, useMainActivity, useStudyVisit, useStudyVisits } from '../work-api';
import { formatDate, formatDateTime } from '../../../lib/format';

const HANDOVER_KINDS = ['employment_service_self', 'employment_service_joint_meeting', 'jobbtorg', 'jobbtorg_resurs', 'other'] as const satisfies readonly Schema<'HandoverKind'>[];

/** A server field error for `field` of a mutation, with the ids that tie it to its input. */
function useFieldError(error: unknown) {
  return (id: string, field: string) => {
    const message = isApiProblem(error) ? error.errors.find((e) => e.field === field)?.message : undefined;
    return {
      message,
      inputProps: { 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? `${id}-error` : undefined },
      node: message ? (
        <p id={`${id}-error`} className="field__error">
          {message}
        </p>
      ) : null,
    };
  };
}

/** The participant's main activity in a period, with the days per category (the final report's rules). */
export function MainActivitySection({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const periods = mainActivityPeriods();
  const [period, setPeriod] = useState(periods[0].value);
  const query = useMainActivity(participantId, period);
  const label = (p: (typeof periods)[number]) => (p.tertial ? t('work.mainActivity.tertial', { year: p.year, tertial: p.tertial }) : String(p.year));
  const m = query.data;
  return (
    <Section id="main-activity" title={t('work.mainActivity.title')}>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="main-activity-period" className="field__label">
            {t('work.mainActivity.period')}
          </label>
          <select id="main-activity-period" className="input" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => (
              <option key={p.value} value={p.value}>
                {label(p)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {m ? (
        <>
          <p data-testid="main-activity">
            {t('work.mainActivity.is', { from: formatDate(m.period.from), to: formatDate(m.period.to) })}{' '}
            <strong>{t(`work.mainActivity.categories.${m.main_activity}`)}</strong>
          </p>
          {m.days.length ? (
            <ul className="plain-list">
              {m.days.map((d) => (
                <li key={d.category}>
                  {t(`work.mainActivity.categories.${d.category}`)}: {t('common.days', { count: d.days })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('work.mainActivity.noDays')}</p>
          )}
        </>
      ) : null}
    </Section>
  );
}

/** Hand-overs: where the participant continues when no job follows (Arbetsförmedlingen, Jobbtorg, …). */
export function HandoversSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const list = useHandovers(participantId);
  const create = useCreateHandover(participantId);
  const enrolments = useEnrolments({ participant_id: participantId });
  const programmes = useProgrammes();
  const programmeName = new Map((programmes.data?.items ?? []).map((p) => [p.id, p.name]));
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Schema<'HandoverKind'>>('employment_service_self');
  const [on, setOn] = useState(todayIso());
  const [enrolmentId, setEnrolmentId] = useState('');
  const [note, setNote] = useState('');
  const field = useFieldError(create.error);
  const dateErr = field('handover-on', 'handed_over_on');
  const noteErr = field('handover-note', 'note');
  const enrolmentLabel = (e: Schema<'EnrolmentView'>) => `${programmeName.get(e.programme_id) ?? ''} (${formatDate(e.start_date)})`;
  return (
    <Section
      id="handovers"
      title={t('work.handovers.title')}
      actions={
        writer ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('work.handovers.new')}
          </button>
        ) : null
      }
    >
      {open ? (
        <form
          className="form"
          noValidate
          aria-label={t('work.handovers.new')}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { participant_id: participantId, kind, handed_over_on: on, enrolment_id: enrolmentId || null, note: textOrNull(note) },
              {
                onSuccess: () => {
                  setOpen(false);
                  setNote('');
                  onNotice(t('work.handovers.saved'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} shownFields={new Set(['handed_over_on', 'note'])} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="handover-kind" className="field__label">
                {t('work.handovers.kind')}
              </label>
              <select id="handover-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as Schema<'HandoverKind'>)}>
                {HANDOVER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`work.handovers.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${dateErr.message ? ' field--invalid' : ''}`}>
              <label htmlFor="handover-on" className="field__label">
                {t('work.handovers.on')}
              </label>
              <input id="handover-on" type="date" className="input" value={on} onChange={(e) => setOn(e.target.value)} {...dateErr.inputProps} />
              {dateErr.node}
            </div>
            <div className="field">
              <label htmlFor="handover-enrolment" className="field__label">
                {t('work.handovers.enrolment')}
              </label>
              <select id="handover-enrolment" className="input" value={enrolmentId} onChange={(e) => setEnrolmentId(e.target.value)}>
                <option value="">{t('work.handovers.noEnrolment')}</option>
                {(enrolments.data?.items ?? []).map((en) => (
                  <option key={en.id} value={en.id}>
                    {enrolmentLabel(en)}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field grid__full${noteErr.message ? ' field--invalid' : ''}`}>
              <label htmlFor="handover-note" className="field__label">
                {t('work.handovers.note')}
                {kind === 'other' ? <span className="field__required"> ({t('form.required')})</span> : null}
              </label>
              <textarea id="handover-note" className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} {...noteErr.inputProps} />
              {noteErr.node}
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {create.isPending ? t('form.saving') : t('work.handovers.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('work.handovers.none')}</p> : null}
      <ul className="plain-list">
        {list.data?.items.map((h) => {
          const en = enrolments.data?.items.find((x) => x.id === h.enrolment_id);
          return (
            <li key={h.id} data-testid="handover-item">
              <strong>{t(`work.handovers.kinds.${h.kind}`)}</strong> {formatDate(h.handed_over_on)}
              {en ? (
                <>
                  {' · '}
                  <Link to={paths.enrolment.href(en.id)}>{enrolmentLabel(en)}</Link>
                </>
              ) : null}
              {h.note ? <p className="prewrap">{h.note}</p> : null}
              <RecordDetails kind="handover" id={h.id} label={`${t(`work.handovers.kinds.${h.kind}`)} ${formatDate(h.handed_over_on)}`} />
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** Study visits: participant, employer and consultant meet before an internship agreement. */
export function StudyVisitsSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const list = useStudyVisits({ participant_id: participantId });
  const create = useCreateStudyVisit(participantId);
  const employers = useEmployers({ limit: 500 });
  const staff = useStaffNames();
  const employerName = new Map((employers.data?.items ?? []).map((e) => [e.id, e.name]));
  const [open, setOpen] = useState(false);
  const [employerId, setEmployerId] = useState('');
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const field = useFieldError(create.error);
  const [missingEmployer, setMissingEmployer] = useState(false);
  const serverEmployerErr = field('study-visit-employer', 'employer_id');
  const employerErr = missingEmployer
    ? {
        message: t('validation.choose'),
        inputProps: { 'aria-invalid': true as const, 'aria-describedby': 'study-visit-employer-error' },
        node: (
          <p id="study-visit-employer-error" className="field__error">
            {t('validation.choose')}
          </p>
        ),
      }
    : serverEmployerErr;
  const dateErr = field('study-visit-on', 'visited_on');
  return (
    <Section
      id="study-visits"
      title={t('work.studyVisits.title')}
      actions={
        writer ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('work.studyVisits.new')}
          </button>
        ) : null
      }
    >
      {open ? (
        <form
          className="form"
          noValidate
          aria-label={t('work.studyVisits.new')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!employerId) {
              setMissingEmployer(true);
              document.getElementById('study-visit-employer')?.focus();
              return;
            }
            setMissingEmployer(false);
            create.mutate(
              { participant_id: participantId, employer_id: employerId, visited_on: on, note: textOrNull(note) },
              {
                onSuccess: () => {
                  setOpen(false);
                  setNote('');
                  onNotice(t('work.studyVisits.saved'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} shownFields={new Set(['employer_id', 'visited_on'])} /> : null}
          <div className="grid">
            <div className={`field${employerErr.message ? ' field--invalid' : ''}`}>
              <label htmlFor="study-visit-employer" className="field__label">
                {t('work.studyVisits.employer')} <span className="field__required">({t('form.required')})</span>
              </label>
              <select id="study-visit-employer" className="input" aria-required value={employerId} onChange={(e) => setEmployerId(e.target.value)} {...employerErr.inputProps}>
                <option value="">{t('form.choose')}</option>
                {(employers.data?.items ?? []).map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </select>
              {employerErr.node}
            </div>
            <div className={`field${dateErr.message ? ' field--invalid' : ''}`}>
              <label htmlFor="study-visit-on" className="field__label">
                {t('work.studyVisits.on')}
              </label>
              <div id="study-visit-on-hint" className="field__hint">
                {t('work.studyVisits.onHint')}
              </div>
              <input id="study-visit-on" type="date" className="input" value={on} onChange={(e) => setOn(e.target.value)} {...dateErr.inputProps} />
              {dateErr.node}
            </div>
            <div className="field grid__full">
              <label htmlFor="study-visit-note" className="field__label">
                {t('work.studyVisits.note')}
              </label>
              <textarea id="study-visit-note" className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {create.isPending ? t('form.saving') : t('work.studyVisits.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('work.studyVisits.none')}</p> : null}
      <ul className="plain-list">
        {list.data?.items.map((v) => (
          <li key={v.id} data-testid="study-visit-item">
            <strong>{formatDate(v.visited_on)}</strong>{' '}
            <Link to={paths.employer.href(v.employer_id)}>{employerName.get(v.employer_id) ?? t('work.studyVisits.employer')}</Link>{' '}
            <span className="muted">{t('work.studyVisits.with', { name: staff.name(v.staff_id) })}</span>
            {v.note ? <p className="prewrap">{v.note}</p> : null}
            <RecordDetails kind="study-visit" id={v.id} label={`${formatDate(v.visited_on)} ${employerName.get(v.employer_id) ?? ''}`} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

/**
 * "Details" of one hand-over or study visit, read from the server when opened (`GET /handovers/{id}`,
 * `GET /study-visits/{id}`; each read is audited): who recorded it and when, and the last change.
 */
function RecordDetails({ kind, id, label }: { kind: 'handover' | 'study-visit'; id: string; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const handover = useHandover(id, open && kind === 'handover');
  const visit = useStudyVisit(id, open && kind === 'study-visit');
  const query = kind === 'handover' ? handover : visit;
  const staff = useStaffNames();
  const data = query.data;
  const by = data ? ('created_by' in data ? data.created_by : data.staff_id) : null;
  return (
    <div>
      <button type="button" className="button button--small" aria-expanded={open} aria-controls={`${kind}-details-${id}`} onClick={() => setOpen(!open)}>
        {open ? t('work.details.hide') : t('work.details.show')}
        <span className="visually-hidden"> – {label}</span>
      </button>
      {open ? (
        <div id={`${kind}-details-${id}`} data-testid={`${kind}-details`}>
          {query.isPending ? <Loading /> : null}
          {query.error ? <ProblemAlert error={query.error} /> : null}
          {data ? (
            <p className="muted">
              {t('work.details.recorded', { name: staff.name(by), when: formatDateTime(data.created_at) })}
              {data.updated_at !== data.created_at ? ` · ${t('work.details.changed', { when: formatDateTime(data.updated_at) })}` : ''}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
