import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import { GOAL_HORIZONS, RESPONSIBLE_KINDS } from '../../../api/enums';
import { DraftNotice } from '../../../components/DraftNotice';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StaleAlert } from '../../../components/StaleAlert';
import { useFieldMessage } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import { useStaffNames } from '../../participants';
import { emptyGoal, emptyIntervention, formToPlanUpdate, planSchema, planToForm, toFormPath, type PlanValues } from '../plan-form';
import { useActivatePlan, usePlan, useUpdatePlan, type Plan } from '../plans-api';

const ROOTS = new Set(['period_start', 'period_end', 'purpose', 'scope', 'participant_views', 'goals', 'interventions']);

interface Props {
  plan: Plan;
  onSaved: (plan: Plan, activated: boolean) => void;
}

/** Edits a draft or active plan: period, purpose, goals, interventions and the participant's views. */
export function PlanEditor({ plan, onSaved }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const staffNames = useStaffNames();
  const query = usePlan(plan.id);
  const update = useUpdatePlan(plan.id);
  const activate = useActivatePlan(plan.id);
  const [base, setBase] = useState(plan);
  const form = useForm<PlanValues>({ resolver: zodResolver(planSchema), defaultValues: planToForm(plan) });
  const { register, control, handleSubmit, setError, reset, getValues, formState: { errors } } = form;
  const goals = useFieldArray({ control, name: 'goals' });
  const interventions = useFieldArray({ control, name: 'interventions' });
  const kinds = useWatch({ control, name: 'interventions' });
  const msg = useFieldMessage();
  const draft = useFormDraft({ form, staffId: staff.id, key: `plan:${plan.id}`, baseVersion: base.version });
  const error = update.error ?? activate.error;
  const stale = isApiProblem(error) && error.status === 412;

  // Server field errors (goals[0].text …) on their fields.
  useEffect(() => {
    if (!isApiProblem(error)) return;
    let first = true;
    for (const e of error.errors) {
      const path = toFormPath(e.field);
      if (!ROOTS.has(path.split('.')[0])) continue;
      setError(path as 'purpose', { type: 'server', message: e.message }, { shouldFocus: first });
      first = false;
    }
  }, [error, setError]);

  const staffOptions = (() => {
    const list = staffNames.staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.display_name }));
    if (!list.some((o) => o.value === staff.id)) list.unshift({ value: staff.id, label: staff.display_name });
    return list;
  })();

  const save = async (values: PlanValues, version: number, andActivate: boolean) => {
    update.reset();
    activate.reset();
    const saved = await update.mutateAsync({ body: formToPlanUpdate(values), version }).catch(() => null);
    if (!saved) return;
    draft.clear();
    setBase(saved);
    reset(planToForm(saved));
    if (!andActivate) return onSaved(saved, false);
    const active = await activate.mutateAsync(saved.version).catch(() => null);
    if (active) {
      setBase(active);
      onSaved(active, true);
    }
  };

  const reload = async () => {
    update.reset();
    activate.reset();
    const fresh = await query.refetch();
    if (fresh.data) {
      draft.clear();
      setBase(fresh.data);
      reset(planToForm(fresh.data));
    }
  };
  const reapply = async () => {
    const mine = getValues();
    const fresh = await query.refetch();
    if (fresh.data) {
      setBase(fresh.data);
      await save(mine, fresh.data.version, false);
    }
  };

  const shown = new Set(isApiProblem(error) ? error.errors.filter((e) => ROOTS.has(toFormPath(e.field).split('.')[0])).map((e) => e.field) : []);

  return (
    <form className="form" noValidate onSubmit={handleSubmit((v) => void save(v, base.version, false))}>
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {stale ? <StaleAlert onReload={() => void reload()} onReapply={() => void reapply()} pending={query.isFetching || update.isPending} /> : null}
      {error && !stale ? <ProblemAlert error={error} shownFields={shown} /> : null}

      <fieldset className="fieldset">
        <legend>{t('plans.period')}</legend>
        <div className="grid">
          <TextField id="plan-period-start" type="date" label={t('plans.periodStart')} registration={register('period_start')} error={msg(errors.period_start)} hint={t('plans.periodHint')} />
          <TextField id="plan-period-end" type="date" label={t('plans.periodEnd')} registration={register('period_end')} error={msg(errors.period_end)} />
          <div className="grid__full">
            <TextAreaField id="plan-purpose" label={t('plans.purpose')} registration={register('purpose')} error={msg(errors.purpose)} />
          </div>
          <div className="grid__full">
            <TextAreaField id="plan-scope" rows={2} label={t('plans.scope')} registration={register('scope')} error={msg(errors.scope)} />
          </div>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('plans.goals.title')}</legend>
        {goals.fields.length === 0 ? <p className="muted">{t('plans.goals.none')}</p> : null}
        {errors.goals?.root?.message || errors.goals?.message ? <p className="field__error">{msg(errors.goals.root ?? errors.goals)}</p> : null}
        {goals.fields.map((f, i) => (
          <div key={f.id} className="repeat" role="group" aria-labelledby={`goal-${i}-title`}>
            <div className="repeat__head">
              <h4 id={`goal-${i}-title`}>
                {t('plans.goals.item', { n: i + 1 })}
                {getValues(`goals.${i}.carried`) ? <span className="badge badge--info"> {t('plans.goals.carried')}</span> : null}
              </h4>
              <button type="button" className="button button--small button--danger-outline" onClick={() => goals.remove(i)}>
                {t('plans.goals.remove', { n: i + 1 })}
              </button>
            </div>
            <div className="grid">
              <SelectField
                id={`goal-${i}-horizon`}
                label={t('plans.goals.horizon')}
                options={GOAL_HORIZONS.map((h) => ({ value: h, label: t(`plans.goals.${h}`) }))}
                registration={register(`goals.${i}.horizon`)}
              />
              <div className="grid__full">
                <TextAreaField id={`goal-${i}-text`} rows={2} label={t('plans.goals.text')} registration={register(`goals.${i}.text`)} error={msg(errors.goals?.[i]?.text)} required requiredLabel={t('form.required')} />
              </div>
              <div className="grid__full">
                <CheckboxField id={`goal-${i}-own-words`} label={t('plans.goals.ownWords')} registration={register(`goals.${i}.in_participants_words`)} />
              </div>
            </div>
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => goals.append(emptyGoal(), { shouldFocus: true, focusName: `goals.${goals.fields.length}.text` })}>
          {t('plans.goals.add')}
        </button>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('plans.interventions.title')}</legend>
        {interventions.fields.length === 0 ? <p className="muted">{t('plans.interventions.none')}</p> : null}
        {interventions.fields.map((f, i) => (
          <div key={f.id} className="repeat" role="group" aria-labelledby={`intervention-${i}-title`}>
            <div className="repeat__head">
              <h4 id={`intervention-${i}-title`}>{t('plans.interventions.item', { n: i + 1 })}</h4>
              <button type="button" className="button button--small button--danger-outline" onClick={() => interventions.remove(i)}>
                {t('plans.interventions.remove', { n: i + 1 })}
              </button>
            </div>
            <div className="grid">
              <div className="grid__full">
                <TextField id={`intervention-${i}-what`} label={t('plans.interventions.what')} registration={register(`interventions.${i}.what`)} error={msg(errors.interventions?.[i]?.what)} required requiredLabel={t('form.required')} />
              </div>
              <SelectField
                id={`intervention-${i}-kind`}
                label={t('plans.interventions.responsibleKind')}
                options={RESPONSIBLE_KINDS.map((k) => ({ value: k, label: t(`plans.interventions.kinds.${k}`) }))}
                registration={register(`interventions.${i}.responsible_kind`)}
              />
              {kinds?.[i]?.responsible_kind === 'external' ? (
                <TextField id={`intervention-${i}-external`} label={t('plans.interventions.external')} registration={register(`interventions.${i}.external_actor`)} error={msg(errors.interventions?.[i]?.external_actor)} />
              ) : (
                <SelectField
                  id={`intervention-${i}-staff`}
                  label={t('plans.interventions.staff')}
                  placeholder={t('form.choose')}
                  options={staffOptions}
                  registration={register(`interventions.${i}.responsible_staff_id`)}
                  error={msg(errors.interventions?.[i]?.responsible_staff_id)}
                />
              )}
              <div className="grid__full">
                <TextField id={`intervention-${i}-frequency`} label={t('plans.interventions.frequency')} hint={t('plans.interventions.frequencyHint')} registration={register(`interventions.${i}.frequency`)} error={msg(errors.interventions?.[i]?.frequency)} />
              </div>
            </div>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() => interventions.append({ ...emptyIntervention(), responsible_staff_id: staff.id }, { shouldFocus: true, focusName: `interventions.${interventions.fields.length}.what` })}
        >
          {t('plans.interventions.add')}
        </button>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('plans.participantViews')}</legend>
        <TextAreaField id="plan-participant-views" rows={4} label={t('plans.participantViews')} hint={t('plans.participantViewsHint')} registration={register('participant_views')} error={msg(errors.participant_views)} />
      </fieldset>

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending || activate.isPending}>
          {update.isPending ? t('form.saving') : t('plans.actions.save')}
        </button>
        {base.status === 'draft' ? (
          <button type="button" className="button" disabled={update.isPending || activate.isPending} onClick={handleSubmit((v) => void save(v, base.version, true))}>
            {t('plans.actions.activate')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
