import { useTranslation } from 'react-i18next';
import { useStaffNames } from '../../participants';
import type { Plan } from '../plans-api';

/** A plan read-only (reviewed plans, read-only roles), with outcomes when reviewed. */
export function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const staff = useStaffNames();
  const text = (v: string | null | undefined) => (v ? <p className="prewrap">{v}</p> : <p className="muted">{t('common.none')}</p>);
  return (
    <div>
      <section className="card" aria-labelledby="pv-purpose">
        <h2 id="pv-purpose">{t('plans.purpose')}</h2>
        {text(plan.purpose)}
        <h3>{t('plans.scope')}</h3>
        {text(plan.scope)}
      </section>
      <section className="card" aria-labelledby="pv-goals">
        <h2 id="pv-goals">{t('plans.goals.title')}</h2>
        <ol>
          {[...plan.goals]
            .sort((a, b) => a.position - b.position)
            .map((g) => (
              <li key={g.id}>
                <strong>{t(`plans.goals.${g.horizon}`)}:</strong> {g.text}{' '}
                {g.in_participants_words ? <span className="badge badge--info">{t('plans.goals.ownWordsBadge')}</span> : null}{' '}
                {g.carried_from_goal_id ? <span className="badge badge--warning">{t('plans.goals.carried')}</span> : null}
                {g.outcome ? (
                  <p>
                    {t('plans.goals.outcome')}: <strong>{t(`plans.review.outcomes.${g.outcome}`)}</strong>
                    {g.outcome_reason ? ` – ${g.outcome_reason}` : ''}
                  </p>
                ) : null}
              </li>
            ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="pv-interventions">
        <h2 id="pv-interventions">{t('plans.interventions.title')}</h2>
        <ul>
          {[...plan.interventions]
            .sort((a, b) => a.position - b.position)
            .map((i) => (
              <li key={i.id}>
                <strong>{i.what}</strong> – {i.responsible_kind === 'staff' ? staff.name(i.responsible_staff_id) : i.external_actor}
                {i.frequency ? `, ${i.frequency}` : ''}
              </li>
            ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="pv-views">
        <h2 id="pv-views">{t('plans.participantViews')}</h2>
        {text(plan.participant_views)}
      </section>
    </div>
  );
}
