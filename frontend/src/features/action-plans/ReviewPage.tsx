import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiProblem } from '../../api/client';
import { GOAL_OUTCOMES } from '../../api/enums';
import { DraftNotice } from '../../components/DraftNotice';
import { TextAreaField, TextField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { todayIso } from '../../lib/dates';
import { useFieldMessage } from '../../lib/form-errors';
import { useFormDraft } from '../../lib/use-form-draft';
import { useStaff } from '../auth';
import { emptyReview, formToReview, goalsToCarry, reviewSchema, toFormPath, type ReviewValues } from './plan-form';
import { usePlan, useReviewPlan, type Plan } from './plans-api';

export function ReviewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = usePlan(id);
  const plan = query.data;
  return (
    <section>
      <p className="breadcrumb">{plan ? <Link to={paths.actionPlan.href(plan.id)}>{t('plans.title', { sequence: plan.sequence })}</Link> : null}</p>
      <PageHeading documentTitle={t('plans.review.documentTitle')}>
        {plan ? t('plans.review.title', { sequence: plan.sequence }) : t('plans.review.documentTitle')}
      </PageHeading>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {plan && plan.status !== 'active' ? <p className="alert alert--info">{t('plans.review.notActive')}</p> : null}
      {plan && plan.status === 'active' ? <ReviewForm key={plan.id} plan={plan} onReload={() => void query.refetch()} /> : null}
    </section>
  );
}

function ReviewForm({ plan, onReload }: { plan: Plan; onReload: () => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const review = useReviewPlan(plan.id);
  const form = useForm<ReviewValues>({ resolver: zodResolver(reviewSchema), defaultValues: emptyReview(plan, todayIso()) });
  const { register, control, handleSubmit, setError, formState: { errors } } = form;
  const outcomes = useWatch({ control, name: 'outcomes' });
  const msg = useFieldMessage();
  const draft = useFormDraft({ form, staffId: staff.id, key: `review:${plan.id}`, baseVersion: plan.version });
  const stale = isApiProblem(review.error) && review.error.status === 412;
  const goals = [...plan.goals].sort((a, b) => a.position - b.position);

  useEffect(() => {
    if (!isApiProblem(review.error)) return;
    let first = true;
    for (const e of review.error.errors) {
      setError(toFormPath(e.field) as 'analysis', { type: 'server', message: e.message }, { shouldFocus: first });
      first = false;
    }
  }, [review.error, setError]);

  const submit = (v: ReviewValues, version: number) =>
    review.mutate(formToReview(v, version), {
      onSuccess: (result) => {
        draft.clear();
        void navigate(paths.actionPlan.href(result.next.id), { state: { reviewedCarried: goalsToCarry(v).length } });
      },
    });

  return (
    <form className="form" noValidate onSubmit={handleSubmit((v) => submit(v, plan.version))}>
      <p className="muted">{t('plans.review.intro')}</p>
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {stale ? (
        <StaleAlert
          onReload={() => {
            review.reset();
            onReload();
          }}
        />
      ) : review.error ? (
        <ProblemAlert error={review.error} shownFields={new Set(review.error instanceof Error && isApiProblem(review.error) ? review.error.errors.map((e) => e.field) : [])} />
      ) : null}
      <TextField id="review-date" type="date" label={t('plans.review.reviewedOn')} registration={register('reviewed_on')} error={msg(errors.reviewed_on)} />
      {goals.map((g, i) => {
        const outcome = outcomes?.[i]?.outcome;
        const outcomeError = msg(errors.outcomes?.[i]?.outcome);
        return (
          <fieldset key={g.id} className="fieldset" aria-describedby={outcomeError ? `review-${i}-outcome-error` : undefined}>
            <legend>
              {t(`plans.goals.${g.horizon}`)}: {g.text}
            </legend>
            <div role="radiogroup" aria-label={t('plans.goals.outcome')} className="quick-actions">
              {GOAL_OUTCOMES.map((o) => (
                <label key={o} className="field--checkbox">
                  <input type="radio" value={o} {...register(`outcomes.${i}.outcome`)} aria-invalid={outcomeError ? true : undefined} />
                  <span>{t(`plans.review.outcomes.${o}`)}</span>
                </label>
              ))}
            </div>
            {outcomeError ? (
              <p id={`review-${i}-outcome-error`} className="field__error">
                {outcomeError}
              </p>
            ) : null}
            {outcome && outcome !== 'achieved' ? (
              <TextAreaField
                id={`review-${i}-reason`}
                rows={2}
                label={t('plans.review.reason')}
                hint={t('plans.review.reasonHint')}
                registration={register(`outcomes.${i}.reason`)}
                error={msg(errors.outcomes?.[i]?.reason)}
                required
                requiredLabel={t('form.required')}
              />
            ) : null}
          </fieldset>
        );
      })}
      <TextAreaField id="review-analysis" rows={4} label={t('plans.review.analysis')} registration={register('analysis')} error={msg(errors.analysis)} required requiredLabel={t('form.required')} />
      <TextAreaField id="review-participant-view" rows={4} label={t('plans.review.participantView')} registration={register('participant_view')} error={msg(errors.participant_view)} required requiredLabel={t('form.required')} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={review.isPending}>
          {review.isPending ? t('form.saving') : t('plans.review.submit')}
        </button>
      </div>
    </form>
  );
}
