import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Participant } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { canWriteWork, useStaff } from '../auth';
import { ActivityActions } from './components/ActivityActions';
import { ActivityForm } from './components/ActivityForm';
import { AgreementCard } from './components/AgreementCard';
import { HandoversSection, MainActivitySection, StudyVisitsSection } from './components/WorkRecordSections';
import { useActivities, useAgreements, useEmployers, useOutcomes } from './work-api';

/** The participant page's work tab: activities with their actions, internship agreements, employment. */
export function ParticipantWorkPanel({ participant }: { participant: Participant }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const activities = useActivities(participant.id);
  const agreements = useAgreements(participant.id);
  const outcomes = useOutcomes(participant.id);
  const employers = useEmployers({ limit: 500 });
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const writer = canWriteWork(staff.role) && participant.status === 'active';
  const employerName = new Map((employers.data?.items ?? []).map((e) => [e.id, e.name]));
  const provider = (a: { provider_employer_id?: string | null; provider_name?: string | null; employer_id?: string | null; employer_name?: string | null }) => {
    const id = a.provider_employer_id ?? a.employer_id;
    const name = id ? employerName.get(id) : null;
    if (id && name) return <Link to={paths.employer.href(id)}>{name}</Link>;
    return a.provider_name ?? a.employer_name ?? '';
  };
  const done = (message: string) => {
    setNotice(message);
    setAdding(false);
    setOpen(null);
  };

  return (
    <div className="stack">
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      <MainActivitySection participantId={participant.id} />
      {adding ? <ActivityForm participantId={participant.id} onDone={done} onCancel={() => setAdding(false)} /> : null}
      <Section
        id="work-activities"
        title={t('work.panel.activities')}
        actions={
          writer && !adding ? (
            <button type="button" className="button button--small button--primary" onClick={() => { setNotice(null); setAdding(true); }}>
              {t('work.panel.newActivity')}
            </button>
          ) : null
        }
      >
        {activities.isPending ? <Loading /> : null}
        {activities.error ? <ProblemAlert error={activities.error} /> : null}
        {activities.data && activities.data.items.length === 0 ? <p>{t('work.panel.noActivities')}</p> : null}
        {activities.data && activities.data.items.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('work.panel.activities')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('work.panel.kind')}</th>
                  <th scope="col">{t('work.panel.provider')}</th>
                  <th scope="col">{t('work.panel.start')}</th>
                  <th scope="col">{t('work.panel.end')}</th>
                  <th scope="col">{t('work.panel.status')}</th>
                  <th scope="col" className="num">
                    {t('work.panel.hours')}
                  </th>
                  {writer ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {activities.data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{t(`work.activityKind.${a.kind}`)}</th>
                    <td>{provider(a)}</td>
                    <td className="nowrap">{formatDate(a.start_date)}</td>
                    <td className="nowrap">{formatDate(a.actual_end ?? a.planned_end)}</td>
                    <td>
                      <span className={`badge badge--${a.status === 'ongoing' ? 'active' : a.status === 'ended_early' ? 'warning' : a.status === 'completed' ? 'success' : 'info'}`}>
                        {t(`work.activityStatus.${a.status}`)}
                      </span>
                    </td>
                    <td className="num" title={a.hours.map((h) => `${formatDate(h.from)}: ${h.hours_per_week}`).join(', ')}>
                      {a.hours_per_week ?? ''}
                    </td>
                    {writer ? (
                      <td>
                        <button
                          type="button"
                          className="button button--small"
                          aria-expanded={open === a.id}
                          aria-controls={`activity-actions-${a.id}`}
                          aria-label={t('work.panel.manageLabel', { what: `${t(`work.activityKind.${a.kind}`)} ${formatDate(a.start_date)}` })}
                          onClick={() => setOpen(open === a.id ? null : a.id)}
                        >
                          {t('work.panel.manage')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {activities.data?.items
          .filter((a) => a.id === open)
          .map((a) => (
            // Keyed by id only: an edit that meets a newer version (412) keeps its form and the version it started from.
            <ActivityActions key={a.id} activity={a} onDone={done} onClose={() => setOpen(null)} />
          ))}
      </Section>

      <Section id="work-agreements" title={t('work.panel.agreements')}>
        {agreements.isPending ? <Loading /> : null}
        {agreements.error ? <ProblemAlert error={agreements.error} /> : null}
        {agreements.data && agreements.data.items.length === 0 ? <p>{t('work.panel.noAgreements')}</p> : null}
        {agreements.data?.items.map((g) => (
          <AgreementCard key={`${g.id}-${g.version}`} agreement={g} employer={g.employer_id ? employerName.get(g.employer_id) : undefined} writer={writer} onDone={done} />
        ))}
      </Section>

      <Section id="work-outcomes" title={t('work.panel.outcomes')}>
        {outcomes.isPending ? <Loading /> : null}
        {outcomes.error ? <ProblemAlert error={outcomes.error} /> : null}
        {outcomes.data && outcomes.data.items.length === 0 ? <p>{t('work.panel.noOutcomes')}</p> : null}
        {outcomes.data && outcomes.data.items.length ? (
          <ul className="plain-list">
            {outcomes.data.items.map((o) => (
              <li key={o.id}>
                <strong>{t(`work.employmentKind.${o.kind}`)}</strong> – {provider(o)} {t('common.from')} {formatDate(o.start_date)}, {o.hours_per_week}{' '}
                {t('work.panel.hours')}
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
      <div className="summary">
        <StudyVisitsSection participantId={participant.id} writer={writer} onNotice={setNotice} />
        <HandoversSection participantId={participant.id} writer={writer} onNotice={setNotice} />
      </div>
    </div>
  );
}
