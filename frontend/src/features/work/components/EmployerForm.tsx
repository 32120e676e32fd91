import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DraftNotice } from '../../../components/DraftNotice';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import { EMPLOYER_FIELDS, EMPLOYER_SECTORS, employerSchema, type EmployerValues } from '../employer-form';

interface Props {
  /** Draft key, e.g. `employer:new` or `employer:<id>`. */
  draftKey: string;
  defaultValues: EmployerValues;
  baseVersion: number | null;
  pending: boolean;
  serverError: unknown;
  submitLabel: string;
  /** Resolves true when saved (the local draft is then removed). */
  onSubmit: (values: EmployerValues) => Promise<boolean>;
  onCancel: () => void;
  /** Called with the form's current values, for "re-apply my changes" after a conflict. */
  valuesRef?: { current: (() => EmployerValues) | null };
  /** Alerts shown at the top (problem, conflict). */
  children?: ReactNode;
}

export function EmployerForm({ draftKey, defaultValues, baseVersion, pending, serverError, submitLabel, onSubmit, onCancel, valuesRef, children }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const form = useForm<EmployerValues>({ resolver: zodResolver(employerSchema), defaultValues });
  const { register, handleSubmit, setError, getValues, formState: { errors } } = form;
  const msg = useFieldMessage();
  useServerFieldErrors(serverError, setError, EMPLOYER_FIELDS);
  const draft = useFormDraft({ form, staffId: staff.id, key: draftKey, baseVersion });
  useEffect(() => {
    if (valuesRef) valuesRef.current = getValues;
  }, [valuesRef, getValues]);
  const req = { required: true, requiredLabel: t('form.required') };

  return (
    <form
      className="form card"
      noValidate
      onSubmit={handleSubmit(async (v) => {
        if (await onSubmit(v)) draft.clear();
      })}
    >
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      {children}
      <div className="grid">
        <TextField id="employer-name" label={t('work.employers.name')} registration={register('name')} error={msg(errors.name)} {...req} />
        <TextField id="employer-org" label={t('work.employers.orgNumber')} registration={register('organisation_number')} error={msg(errors.organisation_number)} inputMode="numeric" />
        <SelectField
          id="employer-sector"
          label={t('work.employers.sector')}
          options={EMPLOYER_SECTORS.map((s) => ({ value: s, label: t(`work.sector.${s}`) }))}
          registration={register('sector')}
          error={msg(errors.sector)}
        />
        <TextField id="employer-address" label={t('work.employer.address')} registration={register('address')} error={msg(errors.address)} autoComplete="off" />
        <TextField id="employer-contact" label={t('work.employer.contact')} registration={register('contact_person')} error={msg(errors.contact_person)} />
        <TextField id="employer-phone" type="tel" label={t('work.employer.phone')} registration={register('phone')} error={msg(errors.phone)} />
        <TextField id="employer-email" type="email" label={t('work.employer.email')} registration={register('email')} error={msg(errors.email)} />
        <div className="grid__full">
          <TextAreaField id="employer-work-kinds" rows={3} label={t('work.employer.workKinds')} hint={t('work.employer.workKindsHint')} registration={register('work_kinds')} error={msg(errors.work_kinds)} />
        </div>
        <div className="grid__full">
          <TextAreaField id="employer-notes" rows={4} label={t('work.employer.notes')} hint={t('draft.savedLocally')} registration={register('notes')} error={msg(errors.notes)} />
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('form.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
