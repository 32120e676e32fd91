import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Loading } from '../../../components/Status';
import { paths } from '../../../config/paths';
import { formatDate } from '../../../lib/format';
import { useProgrammes } from '../../casework';
import { useEnrolments, useReferrals } from '../referrals-api';
import { ReferralStatusBadge } from './ReferralStatusBadge';

/** A participant's referrals and enrolments (a tab of the participant page). */
export function ParticipantReferralsPanel({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const referrals = useReferrals({ participant_id: participantId, limit: 200 });
  const enrolments = useEnrolments({ participant_id: participantId });
  const programmes = useProgrammes();
  const name = (id: string) => programmes.data?.items.find((p) => p.id === id)?.name ?? '';

  return (
    <div className="summary">
      <section className="card" aria-labelledby="p-enrolments">
        <h2 id="p-enrolments">{t('referrals.participantPanel.enrolments')}</h2>
        {enrolments.isPending ? <Loading /> : null}
        {enrolments.error ? <ProblemAlert error={enrolments.error} /> : null}
        {enrolments.data?.items.length === 0 ? <p className="muted">{t('referrals.participantPanel.noEnrolments')}</p> : null}
        <ul className="timeline">
          {enrolments.data?.items.map((e) => (
            <li key={e.id} className="timeline__item">
              <span className="timeline__date">{formatDate(e.start_date)}</span>
              <span>
                <Link to={paths.enrolment.href(e.id)}>{name(e.programme_id) || t('referrals.enrolment.title')}</Link>{' '}
                <span className={`badge badge--${e.end_date ? 'closed' : 'active'}`}>
                  {e.end_date ? t('referrals.participantPanel.ended', { date: formatDate(e.end_date) }) : t('referrals.participantPanel.ongoing')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="p-referrals">
        <h2 id="p-referrals">{t('referrals.participantPanel.referrals')}</h2>
        {referrals.isPending ? <Loading /> : null}
        {referrals.error ? <ProblemAlert error={referrals.error} /> : null}
        {referrals.data?.items.length === 0 ? <p className="muted">{t('referrals.participantPanel.noReferrals')}</p> : null}
        <ul className="timeline">
          {referrals.data?.items.map((r) => (
            <li key={r.id} className="timeline__item">
              <span className="timeline__date">{formatDate(r.referred_on)}</span>
              <span>
                <Link to={paths.referral.href(r.id)}>{name(r.programme_id) || t('referrals.detail.title')}</Link> <ReferralStatusBadge status={r.status} />
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
