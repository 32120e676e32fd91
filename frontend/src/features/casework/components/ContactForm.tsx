import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';
import { CONTACT_KINDS } from '../../../api/enums';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { DraftNotice } from '../../../components/DraftNotice';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { localDateTime, localToUtc } from '../../../lib/dates';
import { textOrNull, useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import { useCreateContact } from '../casework-api';

const schema = z.object({
  kind: z.enum(CONTACT_KINDS),
  occurred_at: z.string().check(z.minLength(1, { error: 'validation.required' })),
  attended: z.boolean(),
  note: z.string().check(z.maxLength(10_000, { error: 'validation.tooLong' })),
});
type Values = z.infer<typeof schema>;
const FIELDS: ReadonlySet<string> = new Set(['kind', 'occurred_at', 'note']);

interface Props {
  participantId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function ContactForm({ participantId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const create = useCreateContact(participantId);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { kind: 'meeting', occurred_at: localDateTime(), attended: true, note: '' },
  });
  const { register, handleSubmit, setError, formState: { errors } } = form;
  const msg = useFieldMessage();
  useServerFieldErrors(create.error, setError, FIELDS);
  const draft = useFormDraft({ form, staffId: staff.id, key: `contact:new:${participantId}`, baseVersion: null });

  const onSubmit = handleSubmit((v) =>
    create.mutate(
      {
        participants: [{ participant_id: participantId, attended: v.attended }],
        staff_id: null,
        occurred_at: localToUtc(v.occurred_at),
        kind: v.kind,
        note: textOrNull(v.note),
      },
      {
        onSuccess: () => {
          draft.clear();
          onDone(t('casework.contact.saved'));
        },
      },
    ),
  );

  return (
    <Section id="quick-contact" title={t('casework.contact.title')} focusOnMount>
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {create.error ? <ProblemAlert error={create.error} shownFields={FIELDS} /> : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <div className="grid">
          <SelectField
            id="contact-kind"
            label={t('casework.contact.kind')}
            options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`casework.contact.kinds.${k}`) }))}
            registration={register('kind')}
            error={msg(errors.kind)}
          />
          <TextField id="contact-occurred-at" type="datetime-local" label={t('casework.contact.occurredAt')} registration={register('occurred_at')} error={msg(errors.occurred_at)} required requiredLabel={t('form.required')} />
          <div className="grid__full">
            <CheckboxField id="contact-attended" label={t('casework.contact.attended')} registration={register('attended')} />
          </div>
          <div className="grid__full">
            <TextAreaField id="contact-note" rows={5} label={t('casework.contact.note')} hint={t('draft.savedLocally')} registration={register('note')} error={msg(errors.note)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('form.saving') : t('casework.contact.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}
