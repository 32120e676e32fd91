import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StaleAlert } from '../../../components/StaleAlert';
import { Loading } from '../../../components/Status';
import { changedFields, reapplyChanges } from '../../../lib/changes';
import { useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { ACTIVITY_EDIT_FIELDS, activityEditSchema, activityToEditForm, editFormToActivityUpdate, type ActivityEditValues } from '../activity-edit';
import { ACTIVITY_KINDS } from '../work-enums';
import { useEmployers, useUpdateActivity, workKeys } from '../work-api';

type Activity = Schema<'ActivityView'>;
const FIELDS: ReadonlySet<string> = new Set(ACTIVITY_EDIT_FIELDS);

interface Props {
  /** The activity as the list has it now (refetched after a 412). */
  activity: Activity;
  onDone: (message: string) => void;
}

/**
 * Edit an activity's kind, provider, dates and note. The version the user started from is kept;
 * a stale save (412) lists what someone else changed and offers reload or re-applying only this
 * user's changes on top of the new version (like the employer and account forms).
 */
export function ActivityEditForm(props: Props) {
  // The employer list first, so the form's select opens on the activity's employer.
  const employers = useEmployers({ limit: 500 });
  if (employers.isPending) return <Loading />;
  return <EditForm {...props} employers={employers.data?.items ?? []} />;
}

function EditForm({ activity, onDone, employers }: Props & { employers: Schema<'EmployerView'>[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateActivity(activity);
  const [base, setBase] = useState<Activity>(activity);
  const form = useForm<ActivityEditValues>({ resolver: zodResolver(activityEditSchema), defaultValues: activityToEditForm(activity) });
  const { register, handleSubmit, setError, control, reset, getValues, formState: { errors } } = form;
  const kind = useWatch({ control, name: 'kind' });
  const msg = useFieldMessage();
  useServerFieldErrors(update.error, setError, FIELDS);
  const stale = isApiProblem(update.error) && update.error.status === 412;
  const id = (f: string) => `activity-edit-${activity.id}-${f}`;

  const label = (field: string): string =>
    ({
      kind: t('work.panel.kind'),
      provider_employer_id: t('work.activity.employer'),
      provider_name: t('work.activity.providerName'),
      start_date: t('work.activity.startDate'),
      planned_end: t('work.activity.plannedEnd'),
      note: t('work.activity.note'),
    })[field] ?? field;
  const changes =
    stale && activity.version !== base.version
      ? changedFields(activityToEditForm(base), activityToEditForm(activity), ACTIVITY_EDIT_FIELDS).map((c) => ({ ...c, label: label(c.field) }))
      : undefined;

  /** The server's current version of this activity (the list is refetched). */
  const fresh = async (): Promise<Activity | undefined> => {
    await queryClient.refetchQueries({ queryKey: workKeys.activities(activity.participant_id) });
    const list = queryClient.getQueryData<Schema<'ActivityList'>>(workKeys.activities(activity.participant_id));
    return list?.items.find((x) => x.id === activity.id);
  };

  const save = async (values: ActivityEditValues, version: number) => {
    update.reset();
    const saved = await update.mutateAsync({ body: editFormToActivityUpdate(values), version }).catch(async (err: unknown) => {
      if (isApiProblem(err) && err.status === 412) await fresh();
      return null;
    });
    if (saved) onDone(t('work.activity.edited'));
  };
  const reload = async () => {
    const now = await fresh();
    update.reset();
    if (now) {
      setBase(now);
      reset(activityToEditForm(now));
    }
  };
  // Only the fields this user changed go on top of the new version (see reapplyChanges).
  const reapply = async () => {
    const mine = getValues();
    const now = await fresh();
    if (!now) return;
    const merged = reapplyChanges(activityToEditForm(base), mine, activityToEditForm(now));
    setBase(now);
    reset(merged);
    await save(merged, now.version);
  };

  return (
    <form className="form" noValidate aria-label={t('work.activity.editTitle')} onSubmit={handleSubmit((v) => save(v, base.version))}>
      {stale ? (
        <StaleAlert onReload={() => void reload()} onReapply={() => void reapply()} pending={update.isPending} changes={changes} />
      ) : update.error ? (
        <ProblemAlert error={update.error} shownFields={FIELDS} />
      ) : null}
      <div className="grid">
        <SelectField
          id={id('kind')}
          label={t('work.panel.kind')}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`work.activityKind.${k}`) }))}
          registration={register('kind')}
          error={msg(errors.kind)}
        />
        <SelectField
          id={id('employer')}
          label={t('work.activity.employer')}
          placeholder={t('work.activity.noEmployer')}
          options={employers.map((e) => ({ value: e.id, label: e.name }))}
          registration={register('provider_employer_id')}
          error={msg(errors.provider_employer_id)}
          required={kind === 'internship'}
          requiredLabel={t('form.required')}
        />
        <TextField id={id('provider')} label={t('work.activity.providerName')} registration={register('provider_name')} error={msg(errors.provider_name)} />
        <TextField id={id('start')} type="date" label={t('work.activity.startDate')} registration={register('start_date')} error={msg(errors.start_date)} required requiredLabel={t('form.required')} />
        <TextField id={id('end')} type="date" label={t('work.activity.plannedEnd')} registration={register('planned_end')} error={msg(errors.planned_end)} />
        <div className="grid__full">
          <TextAreaField id={id('note')} rows={3} label={t('work.activity.note')} registration={register('note')} error={msg(errors.note)} />
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('form.saving') : t('work.activity.saveEdit')}
        </button>
      </div>
    </form>
  );
}
