import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';
import { TARGET_GROUPS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { DraftNotice } from '../../../components/DraftNotice';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { isIsoDate, todayIso } from '../../../lib/dates';
import { textOrNull, useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import { useCreateReferral, useProgrammes } from '../casework-api';

const required = { error: 'validation.required' } as const;
const schema = z.object({
  programme_id: z.string().check(z.minLength(1, { error: 'validation.choose' })),
  referred_on: z.string().check(z.refine((v) => isIsoDate(v), { error: 'validation.dateFormat' })),
  reason: z.string().check(z.trim(), z.minLength(1, required), z.maxLength(4000, { error: 'validation.tooLong' })),
  target_group: z.enum(TARGET_GROUPS),
  assessment: z.string().check(z.maxLength(10_000, { error: 'validation.tooLong' })),
});
type Values = z.infer<typeof schema>;
const FIELDS: ReadonlySet<string> = new Set(['programme_id', 'referred_on', 'reason', 'target_group', 'assessment']);

interface Props {
  participantId: string;
  unitId: string;
  onDone: (message: string, referral: Schema<'ReferralView'>) => void;
  onCancel: () => void;
}

export function ReferralForm({ participantId, unitId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const programmes = useProgrammes();
  const create = useCreateReferral(participantId);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { programme_id: '', referred_on: todayIso(), reason: '', target_group: 'homeless_with_substance_use', assessment: '' },
  });
  const { register, handleSubmit, setError, formState: { errors } } = form;
  const msg = useFieldMessage();
  useServerFieldErrors(create.error, setError, FIELDS);
  const draft = useFormDraft({ form, staffId: staff.id, key: `referral:new:${participantId}`, baseVersion: null });
  const referringUnit = staff.units.some((u) => u.id === unitId) ? unitId : (staff.units[0]?.id ?? unitId);
  const today = todayIso();
  const open = (programmes.data?.items ?? []).filter((p) => !p.end_date || p.end_date >= today);

  const onSubmit = handleSubmit((v) =>
    create.mutate(
      {
        participant_id: participantId,
        programme_id: v.programme_id,
        referring_unit_id: referringUnit,
        referred_on: v.referred_on,
        reason: v.reason.trim(),
        target_group: v.target_group,
        assessment: textOrNull(v.assessment),
      },
      {
        onSuccess: (referral) => {
          draft.clear();
          onDone(t('casework.referral.saved'), referral);
        },
      },
    ),
  );

  return (
    <Section id="quick-referral" title={t('casework.referral.title')} focusOnMount>
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {create.error ? <ProblemAlert error={create.error} shownFields={FIELDS} /> : null}
      {programmes.isPending ? <Loading /> : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <div className="grid">
          <SelectField
            id="referral-programme"
            label={t('casework.referral.programme')}
            placeholder={t('form.choose')}
            options={open.map((p) => ({ value: p.id, label: p.name }))}
            registration={register('programme_id')}
            error={msg(errors.programme_id)}
            required
            requiredLabel={t('form.required')}
          />
          <TextField id="referral-referred-on" type="date" label={t('casework.referral.referredOn')} registration={register('referred_on')} error={msg(errors.referred_on)} />
          <SelectField
            id="referral-target-group"
            label={t('casework.referral.targetGroup')}
            options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`casework.targetGroups.${g}`) }))}
            registration={register('target_group')}
            error={msg(errors.target_group)}
          />
          <div className="grid__full">
            <TextAreaField id="referral-reason" label={t('casework.referral.reason')} registration={register('reason')} error={msg(errors.reason)} required requiredLabel={t('form.required')} />
          </div>
          <div className="grid__full">
            <TextAreaField id="referral-assessment" rows={4} label={t('casework.referral.assessment')} registration={register('assessment')} error={msg(errors.assessment)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('casework.referral.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}
