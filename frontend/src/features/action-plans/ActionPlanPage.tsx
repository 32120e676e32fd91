import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiProblem } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { canRecordCasework, useStaff } from '../auth';
import { useParticipant } from '../participants';
import { PlanEditor } from './components/PlanEditor';
import { PlanHistory } from './components/PlanHistory';
import { PlanStatusBadge } from './components/PlanStatusBadge';
import { PlanView } from './components/PlanView';
import { usePlan, useSignPlan } from './plans-api';

type LocationState = { created?: boolean; reviewedCarried?: number } | null;

export function ActionPlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const state = location.state as LocationState;
  const staff = useStaff();
  const query = usePlan(id);
  const plan = query.data;
  const participant = useParticipant(plan?.participant_id ?? '');
  const sign = useSignPlan(id);
  const [signDate, setSignDate] = useState(todayIso());
  const [notice, setNotice] = useState<string | null>(
    state?.created ? t('plans.created') : state?.reviewedCarried !== undefined ? t('plans.reviewedNext', { count: state.reviewedCarried }) : null,
  );
  const [focusKey, setFocusKey] = useState(0);
  const canWrite = canRecordCasework(staff.role);
  const editable = !!plan && canWrite && plan.status !== 'reviewed';
  const signStale = isApiProblem(sign.error) && sign.error.status === 412;
  const who = participant.data ? `${participant.data.first_name} ${participant.data.last_name}` : '';

  return (
    <section>
      <p className="breadcrumb">
        {plan ? <Link to={paths.participant.href(plan.participant_id, 'plans')}>{who || t('nav.participants')}</Link> : null}
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t('plans.documentTitle')} focusKey={focusKey}>
          {plan ? t('plans.title', { sequence: plan.sequence }) : t('plans.documentTitle')}
          {plan ? <PlanStatusBadge status={plan.status} /> : null}
        </PageHeading>
        {plan ? (
          <div className="page-header__actions">
            {plan.status === 'active' && canWrite ? (
              <Link className="button button--primary" to={paths.actionPlanReview.href(plan.id)}>
                {t('plans.actions.review')}
              </Link>
            ) : null}
            <Link className="button" to={paths.actionPlanPrint.href(plan.id)}>
              {t('plans.actions.print')}
            </Link>
          </div>
        ) : null}
      </div>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {plan ? (
        <>
          <ul className="facts">
            <li>
              {who ? <strong>{who}</strong> : null}
            </li>
            <li>
              {t('plans.period')}: <strong>{formatDate(plan.period_start)}–{formatDate(plan.period_end)}</strong>
            </li>
            {plan.review_due_on ? <li>{t('plans.reviewDue', { date: formatDate(plan.review_due_on) })}</li> : null}
            {plan.review_overdue ? (
              <li>
                <span className="badge badge--danger">{t('plans.reviewOverdue')}</span>
              </li>
            ) : null}
            <li>{plan.signed_on ? t('plans.signedOn', { date: formatDate(plan.signed_on) }) : t('plans.notSigned')}</li>
          </ul>

          {plan.review ? (
            <section className="card" aria-labelledby="plan-review-title">
              <h2 id="plan-review-title">
                {t('plans.review.done')} {formatDate(plan.review.reviewed_on)}{' '}
                <span className={`badge badge--${plan.review.on_time ? 'success' : 'danger'}`}>{plan.review.on_time ? t('plans.review.onTime') : t('plans.review.late')}</span>
              </h2>
              <h3>{t('plans.review.analysis')}</h3>
              <p className="prewrap">{plan.review.analysis}</p>
              <h3>{t('plans.review.participantView')}</h3>
              <p className="prewrap">{plan.review.participant_view}</p>
              <p>
                <Link to={paths.actionPlan.href(plan.review.next_plan_id)}>{t('plans.review.nextPlan')}</Link>
              </p>
            </section>
          ) : null}

          {editable ? (
            <section className="card" aria-labelledby="plan-sign-title">
              <h2 id="plan-sign-title">{t('plans.actions.sign')}</h2>
              {signStale ? <StaleAlert onReload={() => { sign.reset(); void query.refetch(); }} /> : sign.error ? <ProblemAlert error={sign.error} /> : null}
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  sign.mutate({ version: plan.version, signed_on: signDate }, { onSuccess: () => setNotice(t('plans.signed')) });
                }}
              >
                <div className="field">
                  <label htmlFor="plan-sign-date" className="field__label">
                    {t('plans.actions.signDate')}
                  </label>
                  <input id="plan-sign-date" type="date" className="input" value={signDate} onChange={(e) => setSignDate(e.target.value)} />
                </div>
                <button type="submit" className="button" disabled={sign.isPending}>
                  {t('plans.actions.sign')}
                </button>
              </form>
            </section>
          ) : null}

          {editable ? (
            <PlanEditor
              key={plan.id}
              plan={plan}
              onSaved={(_p, activated) => {
                setNotice(activated ? t('plans.activated') : t('plans.saved'));
                setFocusKey((k) => k + 1);
              }}
            />
          ) : (
            <PlanView plan={plan} />
          )}
          <PlanHistory participantId={plan.participant_id} currentId={plan.id} />
        </>
      ) : null}
    </section>
  );
}
