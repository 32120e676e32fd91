import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';
import { DraftNotice } from '../../../components/DraftNotice';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { todayIso } from '../../../lib/dates';
import { textOrNull, useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import { useProgrammes } from '../../casework';
import { useEnrolments } from '../../referrals';
import { ACTIVITY_KINDS } from '../work-enums';
import { useCreateActivity, useEmployers } from '../work-api';

const required = { error: 'validation.required' } as const;
const schema = z
  .object({
    enrolment_id: z.string().check(z.minLength(1, required)),
    kind: z.enum(ACTIVITY_KINDS),
    provider_employer_id: z.string(),
    provider_name: z.string().check(z.maxLength(200, { error: 'validation.tooLong' })),
    start_date: z.string().check(z.minLength(1, required)),
    planned_end: z.string(),
    hours_per_week: z.string().check(z.refine((v) => v === '' || (/^\d+$/.test(v) && +v >= 1 && +v <= 40), { error: 'validation.hours' })),
    note: z.string().check(z.maxLength(10_000, { error: 'validation.tooLong' })),
  })
  .check(
    z.refine((v) => v.kind !== 'internship' || v.provider_employer_id !== '', { error: 'validation.required', path: ['provider_employer_id'] }),
  );
type Values = z.infer<typeof schema>;
const FIELDS: ReadonlySet<string> = new Set(['enrolment_id', 'kind', 'provider_employer_id', 'provider_name', 'start_date', 'planned_end', 'hours_per_week', 'note']);

interface Props {
  participantId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** A new activity (internship, work training …) within one of the participant's ongoing enrolments. */
export function ActivityForm({ participantId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const enrolments = useEnrolments({ participant_id: participantId, ongoing: true });
  const programmes = useProgrammes();
  const employers = useEmployers({ limit: 500 });
  const create = useCreateActivity(participantId);
  const ongoing = enrolments.data?.items ?? [];
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { enrolment_id: '', kind: 'internship', provider_employer_id: '', provider_name: '', start_date: todayIso(), planned_end: '', hours_per_week: '', note: '' },
  });
  const { register, handleSubmit, setError, control, formState: { errors } } = form;
  const kind = useWatch({ control, name: 'kind' });
  const msg = useFieldMessage();
  useServerFieldErrors(create.error, setError, FIELDS);
  const draft = useFormDraft({ form, staffId: staff.id, key: `activity:new:${participantId}`, baseVersion: null });
  const programmeName = (id: string) => programmes.data?.items.find((p) => p.id === id)?.name ?? '';
  const req = { required: true, requiredLabel: t('form.required') };

  const onSubmit = handleSubmit((v) =>
    create.mutate(
      {
        enrolment_id: v.enrolment_id,
        kind: v.kind,
        provider_employer_id: v.provider_employer_id || null,
        provider_name: textOrNull(v.provider_name),
        start_date: v.start_date,
        planned_end: v.planned_end || null,
        hours_per_week: v.hours_per_week ? Number(v.hours_per_week) : null,
        note: textOrNull(v.note),
      },
      {
        onSuccess: () => {
          draft.clear();
          onDone(t('work.activity.saved'));
        },
      },
    ),
  );

  return (
    <Section id="activity-new" title={t('work.activity.title')} focusOnMount>
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {enrolments.data && ongoing.length === 0 ? <p className="alert alert--info">{t('work.activity.noEnrolment')}</p> : null}
      {create.error ? <ProblemAlert error={create.error} shownFields={FIELDS} /> : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <div className="grid">
          <SelectField
            id="activity-enrolment"
            label={t('work.activity.enrolment')}
            placeholder={t('form.choose')}
            options={ongoing.map((e) => ({ value: e.id, label: `${programmeName(e.programme_id)} (${e.start_date})` }))}
            registration={register('enrolment_id')}
            error={msg(errors.enrolment_id)}
            {...req}
          />
          <SelectField
            id="activity-kind"
            label={t('work.panel.kind')}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`work.activityKind.${k}`) }))}
            registration={register('kind')}
            error={msg(errors.kind)}
          />
          <SelectField
            id="activity-employer"
            label={t('work.activity.employer')}
            placeholder={t('work.activity.noEmployer')}
            options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            registration={register('provider_employer_id')}
            error={msg(errors.provider_employer_id)}
            required={kind === 'internship'}
            requiredLabel={t('form.required')}
          />
          <TextField id="activity-provider" label={t('work.activity.providerName')} hint={t('work.activity.providerNameHint')} registration={register('provider_name')} error={msg(errors.provider_name)} />
          <TextField id="activity-start" type="date" label={t('work.activity.startDate')} registration={register('start_date')} error={msg(errors.start_date)} {...req} />
          <TextField id="activity-end" type="date" label={t('work.activity.plannedEnd')} registration={register('planned_end')} error={msg(errors.planned_end)} />
          <TextField id="activity-hours" type="number" inputMode="numeric" label={t('work.activity.hoursPerWeek')} registration={register('hours_per_week')} error={msg(errors.hours_per_week)} />
          <div className="grid__full">
            <TextAreaField id="activity-note" rows={3} label={t('work.activity.note')} hint={t('draft.savedLocally')} registration={register('note')} error={msg(errors.note)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('work.activity.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}
