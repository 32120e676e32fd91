import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { canManageHousing, canWriteParticipants, useStaff } from '../auth';
import { useParticipants } from '../participants';
import { DueList } from './DueList';
import { useCaseload } from './my-day-api';

export function MyDayPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const caseload = useCaseload(staff.id);
  const responsible = useParticipants({ caseworker_id: staff.id, status: 'active', limit: 100, sort: 'last_name' });
  const items = caseload.data?.items ?? [];

  return (
    <section>
      <PageHeading>{t('myDay.title')}</PageHeading>
      <p className="muted">{t('myDay.greeting', { name: staff.display_name })}</p>

      <DueList />

      <Section id="caseload" title={t('myDay.caseload.title')}>
        {caseload.isPending ? <Loading /> : null}
        {caseload.error ? <ProblemAlert error={caseload.error} /> : null}
        {caseload.data ? <p className="muted">{t('myDay.caseload.count', { count: caseload.data.total })}</p> : null}
        {caseload.data && items.length === 0 ? <p>{t('myDay.caseload.empty')}</p> : null}
        {items.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('myDay.caseload.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('myDay.caseload.participant')}</th>
                  <th scope="col">{t('myDay.caseload.roles')}</th>
                  <th scope="col">{t('myDay.caseload.since')}</th>
                  <th scope="col" className="hide-narrow">
                    {t('myDay.caseload.housing')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map(({ participant: p, assignments }) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={paths.participant.href(p.id)}>
                        {p.first_name} {p.last_name}
                      </Link>
                    </th>
                    <td>{assignments.map((a) => t(`myDay.assignmentKinds.${a.kind}`)).join(', ')}</td>
                    <td className="nowrap">{formatDate(assignments.map((a) => a.start_date).sort()[0])}</td>
                    <td className="hide-narrow">{t(`enums.housing_situation.${p.housing_situation}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>

      {staff.role === 'caseworker' ? (
        <Section id="responsible" title={t('myDay.responsible.title')}>
          {responsible.isPending ? <Loading /> : null}
          {responsible.error ? <ProblemAlert error={responsible.error} /> : null}
          {responsible.data && responsible.data.items.length === 0 ? <p>{t('myDay.responsible.empty')}</p> : null}
          <ul className="plain-list">
            {responsible.data?.items.map((p) => (
              <li key={p.id}>
                <Link to={paths.participant.href(p.id)}>
                  {p.first_name} {p.last_name}
                </Link>{' '}
                <span className="muted">{t(`enums.housing_situation.${p.housing_situation}`)}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="shortcuts" title={t('myDay.shortcuts.title')}>
        <ul className="quick-actions">
          {canWriteParticipants(staff.role) ? (
            <li>
              <Link className="button" to={paths.participantNew.href()}>
                {t('myDay.shortcuts.newParticipant')}
              </Link>
            </li>
          ) : null}
          <li>
            <Link className="button" to={paths.referrals.href(new URLSearchParams({ status: 'received' }))}>
              {t('myDay.shortcuts.referrals')}
            </Link>
          </li>
          {canManageHousing(staff.role) ? (
            <li>
              <Link className="button" to={paths.housingQueue.href()}>
                {t('myDay.shortcuts.queue')}
              </Link>
            </li>
          ) : null}
        </ul>
      </Section>
    </section>
  );
}
