import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';
import { RELAPSE_OUTCOMES, SUBSTANCES } from '../../../api/enums';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { DraftNotice } from '../../../components/DraftNotice';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { isIsoDate, todayIso } from '../../../lib/dates';
import { textOrNull, useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import { useCreateRelapse } from '../casework-api';

const schema = z.object({
  occurred_on: z.string().check(z.refine((v) => isIsoDate(v), { error: 'validation.dateFormat' })),
  substance: z.enum(SUBSTANCES),
  outcome: z.enum(RELAPSE_OUTCOMES),
  note: z.string().check(z.maxLength(10_000, { error: 'validation.tooLong' })),
});
type Values = z.infer<typeof schema>;
const FIELDS: ReadonlySet<string> = new Set(['occurred_on', 'substance', 'outcome', 'note']);

interface Props {
  participantId: string;
  defaultSubstance?: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function RelapseForm({ participantId, defaultSubstance, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const create = useCreateRelapse(participantId);
  const substance = (SUBSTANCES as string[]).includes(defaultSubstance ?? '') ? (defaultSubstance as Values['substance']) : 'unknown';
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { occurred_on: todayIso(), substance, outcome: 'not_yet_known', note: '' },
  });
  const { register, handleSubmit, setError, formState: { errors } } = form;
  const msg = useFieldMessage();
  useServerFieldErrors(create.error, setError, FIELDS);
  const draft = useFormDraft({ form, staffId: staff.id, key: `relapse:new:${participantId}`, baseVersion: null });

  const onSubmit = handleSubmit((v) =>
    create.mutate(
      { occurred_on: v.occurred_on, substance: v.substance, outcome: v.outcome, note: textOrNull(v.note) },
      {
        onSuccess: () => {
          draft.clear();
          onDone(t('casework.relapse.saved'));
        },
      },
    ),
  );

  return (
    <Section id="quick-relapse" title={t('casework.relapse.title')} focusOnMount>
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {create.error ? <ProblemAlert error={create.error} shownFields={FIELDS} /> : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <div className="grid grid--3">
          <TextField id="relapse-occurred-on" type="date" label={t('casework.relapse.occurredOn')} registration={register('occurred_on')} error={msg(errors.occurred_on)} required requiredLabel={t('form.required')} />
          <SelectField id="relapse-substance" label={t('casework.relapse.substance')} options={SUBSTANCES.map((s) => ({ value: s, label: t(`casework.substances.${s}`) }))} registration={register('substance')} error={msg(errors.substance)} />
          <SelectField id="relapse-outcome" label={t('casework.relapse.outcome')} options={RELAPSE_OUTCOMES.map((o) => ({ value: o, label: t(`casework.relapse.outcomes.${o}`) }))} registration={register('outcome')} error={msg(errors.outcome)} />
          <div className="grid__full">
            <TextAreaField id="relapse-note" rows={4} label={t('casework.relapse.note')} registration={register('note')} error={msg(errors.note)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('casework.relapse.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}
