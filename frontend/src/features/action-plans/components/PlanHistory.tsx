import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Loading } from '../../../components/Status';
import { paths } from '../../../config/paths';
import { formatDate } from '../../../lib/format';
import { useParticipantPlans } from '../plans-api';
import { PlanStatusBadge } from './PlanStatusBadge';

/** Every version of a participant's action plan, newest first. */
export function PlanHistory({ participantId, currentId, headingLevel = 2 }: { participantId: string; currentId?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const plans = useParticipantPlans(participantId);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const items = [...(plans.data?.items ?? [])].sort((a, b) => b.sequence - a.sequence);
  return (
    <section className="card" aria-labelledby="plan-history-title">
      <H id="plan-history-title">{t('plans.history.title')}</H>
      {plans.isPending ? <Loading /> : null}
      {plans.error ? <ProblemAlert error={plans.error} /> : null}
      {plans.data && items.length === 0 ? (
        <p className="muted">
          {t('plans.history.none')} {t('plans.history.start')}
        </p>
      ) : null}
      <ol className="timeline" reversed>
        {items.map((p) => (
          <li key={p.id} className="timeline__item">
            <span className="timeline__date">{formatDate(p.period_start)}</span>
            <span>
              {p.id === currentId ? (
                <strong aria-current="page">
                  {t('plans.title', { sequence: p.sequence })} {t('plans.history.current')}
                </strong>
              ) : (
                <Link to={paths.actionPlan.href(p.id)}>{t('plans.title', { sequence: p.sequence })}</Link>
              )}{' '}
              <PlanStatusBadge status={p.status} />
              {p.review_overdue ? <span className="badge badge--danger">{t('plans.reviewOverdue')}</span> : null}
              <span className="muted">
                {' '}
                {formatDate(p.period_start)}–{formatDate(p.period_end)}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
