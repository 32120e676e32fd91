import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useForm, useWatch, type FieldError as RhfFieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import { CheckboxField, SelectField, TextField, type Option } from '../../../components/fields';
import { formatDate } from '../../../lib/format';
import { parsePersonnummer } from '../../../lib/personnummer';
import { GENDERS, HOUSING_SITUATIONS, INCOME_SOURCES, MAIN_SUBSTANCES } from '../options';
import {
  PARTICIPANT_FORM_FIELDS,
  participantFormSchema,
  type ParticipantFormField,
  type ParticipantFormOutput,
  type ParticipantFormValues,
} from '../participant-form';

export const FORM_FIELD_SET: ReadonlySet<string> = new Set(PARTICIPANT_FORM_FIELDS);

interface ParticipantFormProps {
  idPrefix: string;
  defaultValues: ParticipantFormValues;
  onSubmit: (values: ParticipantFormOutput) => void;
  pending: boolean;
  /** The last server error; its field errors are shown on their fields. */
  serverError: unknown;
  submitLabel: string;
  onCancel?: () => void;
  unitOptions: Option[];
  caseworkerOptions: Option[];
  /** Alerts shown above the fields. */
  children?: ReactNode;
  /** Called when the identifying fields change (for the live duplicate check). */
  onIdentityChange?: (identity: IdentityValues) => void;
  /** Shown at the end of the identity group (the duplicate warning). */
  identityAside?: ReactNode;
}

export interface IdentityValues {
  personal_identity_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
}

const digitCount = (value: string) => value.replace(/\D/g, '').length;

export function ParticipantForm({
  idPrefix,
  defaultValues,
  onSubmit,
  pending,
  serverError,
  submitLabel,
  onCancel,
  unitOptions,
  caseworkerOptions,
  children,
  onIdentityChange,
  identityAside,
}: ParticipantFormProps) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    control,
    setError,
    setValue,
    trigger,
    formState: { errors },
  } = useForm<ParticipantFormValues, unknown, ParticipantFormOutput>({
    resolver: zodResolver(participantFormSchema),
    defaultValues,
    mode: 'onTouched',
  });

  // Server field errors → the fields they belong to; focus the first one.
  useEffect(() => {
    if (!isApiProblem(serverError)) return;
    let first = true;
    for (const e of serverError.errors) {
      if (!FORM_FIELD_SET.has(e.field)) continue;
      setError(e.field as ParticipantFormField, { type: 'server', message: e.message }, { shouldFocus: first });
      first = false;
    }
  }, [serverError, setError]);

  // Live personnummer check; the date of birth follows a valid one.
  const pnrValue = useWatch({ control, name: 'personal_identity_number' });
  const pnr = useMemo(() => (pnrValue.trim() ? parsePersonnummer(pnrValue) : null), [pnrValue]);
  useEffect(() => {
    if (pnr?.ok) setValue('date_of_birth', pnr.birthDate, { shouldValidate: true });
  }, [pnr, setValue]);

  const [firstName, lastName, dob] = useWatch({ control, name: ['first_name', 'last_name', 'date_of_birth'] });
  useEffect(() => {
    onIdentityChange?.({ personal_identity_number: pnrValue, first_name: firstName, last_name: lastName, date_of_birth: dob });
  }, [onIdentityChange, pnrValue, firstName, lastName, dob]);

  const message = (error: RhfFieldError | undefined): string | undefined => {
    if (!error?.message) return undefined;
    // Client messages are i18n keys; server messages are shown as the server wrote them.
    return error.type === 'server' ? error.message : t(error.message as 'validation.required', { defaultValue: error.message });
  };

  const id = (field: string) => `${idPrefix}-${field}`;
  const req = t('form.required');
  const enumOptions = (prefix: 'gender' | 'housing_situation' | 'main_substance' | 'income_source', values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`enums.${prefix}.${value}` as 'enums.gender.woman') }));

  const unitChoices = unitOptions.length ? unitOptions : [];
  const caseworkerChoices = useMemo(() => {
    const current = defaultValues.responsible_caseworker_id;
    if (current && !caseworkerOptions.some((o) => o.value === current)) {
      return [...caseworkerOptions, { value: current, label: t('participants.form.currentCaseworker') }];
    }
    return caseworkerOptions;
  }, [caseworkerOptions, defaultValues.responsible_caseworker_id, t]);

  const pnrRegistration = register('personal_identity_number', {
    onChange: (event: { target: { value: string } }) => {
      // Validate while typing once a whole number may have been entered.
      if (digitCount(event.target.value) >= 10 || errors.personal_identity_number) void trigger('personal_identity_number');
    },
  });

  return (
    <form className="form" noValidate onSubmit={handleSubmit(onSubmit)}>
      {children}
      <fieldset className="fieldset">
        <legend>{t('participants.form.identity')}</legend>
        <div className="grid">
          <div className="grid__full">
            <TextField
              id={id('personal_identity_number')}
              label={t('participants.fields.personal_identity_number')}
              hint={t('participants.form.pnrHint')}
              inputMode="numeric"
              autoComplete="off"
              registration={pnrRegistration}
              error={message(errors.personal_identity_number)}
            />
            <p id={id('pnr-status')} role="status" className="field__status">
              {pnr?.ok
                ? t(pnr.coordinationNumber ? 'participants.form.pnrValidCoordination' : 'participants.form.pnrValid', {
                    date: formatDate(pnr.birthDate),
                  })
                : ''}
            </p>
          </div>
          <TextField
            id={id('first_name')}
            label={t('participants.fields.first_name')}
            autoComplete="off"
            registration={register('first_name')}
            error={message(errors.first_name)}
            required
            requiredLabel={req}
          />
          <TextField
            id={id('last_name')}
            label={t('participants.fields.last_name')}
            autoComplete="off"
            registration={register('last_name')}
            error={message(errors.last_name)}
            required
            requiredLabel={req}
          />
          <TextField
            id={id('date_of_birth')}
            label={t('participants.fields.date_of_birth')}
            hint={pnr?.ok ? t('participants.form.dobFromPnr') : t('participants.form.dateHint')}
            inputMode="numeric"
            autoComplete="off"
            readOnly={pnr?.ok}
            registration={register('date_of_birth')}
            error={message(errors.date_of_birth)}
          />
          <SelectField
            id={id('gender')}
            label={t('participants.fields.gender')}
            options={enumOptions('gender', GENDERS)}
            registration={register('gender')}
            error={message(errors.gender)}
            required
            requiredLabel={req}
          />
          <div className="grid__full">
            <CheckboxField
              id={id('protected_identity')}
              label={t('participants.fields.protected_identity')}
              hint={t('participants.form.protectedHint')}
              registration={register('protected_identity')}
              error={message(errors.protected_identity)}
            />
          </div>
          {identityAside ? <div className="grid__full">{identityAside}</div> : null}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('participants.form.contact')}</legend>
        <div className="grid">
          <TextField id={id('phone')} type="tel" label={t('participants.fields.phone')} autoComplete="off" registration={register('phone')} error={message(errors.phone)} />
          <TextField id={id('email')} type="email" label={t('participants.fields.email')} autoComplete="off" registration={register('email')} error={message(errors.email)} />
          <TextField id={id('care_of')} label={t('participants.fields.care_of')} autoComplete="off" registration={register('care_of')} error={message(errors.care_of)} />
          <TextField id={id('postal_address')} label={t('participants.fields.postal_address')} autoComplete="off" registration={register('postal_address')} error={message(errors.postal_address)} />
          <TextField id={id('postal_code')} label={t('participants.fields.postal_code')} inputMode="numeric" autoComplete="off" registration={register('postal_code')} error={message(errors.postal_code)} />
          <TextField id={id('city')} label={t('participants.fields.city')} autoComplete="off" registration={register('city')} error={message(errors.city)} />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('participants.form.case')}</legend>
        <div className="grid">
          <SelectField
            id={id('unit_id')}
            label={t('participants.fields.unit_id')}
            options={unitChoices}
            placeholder={t('form.choose')}
            registration={register('unit_id')}
            error={message(errors.unit_id)}
            required
            requiredLabel={req}
          />
          <SelectField
            id={id('responsible_caseworker_id')}
            label={t('participants.fields.responsible_caseworker_id')}
            options={caseworkerChoices}
            placeholder={t('participants.form.noCaseworker')}
            registration={register('responsible_caseworker_id')}
            error={message(errors.responsible_caseworker_id)}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('participants.form.situation')}</legend>
        <div className="grid grid--3">
          <SelectField
            id={id('housing_situation')}
            label={t('participants.fields.housing_situation')}
            options={enumOptions('housing_situation', HOUSING_SITUATIONS)}
            registration={register('housing_situation')}
            error={message(errors.housing_situation)}
            required
            requiredLabel={req}
          />
          <SelectField
            id={id('main_substance')}
            label={t('participants.fields.main_substance')}
            options={enumOptions('main_substance', MAIN_SUBSTANCES)}
            registration={register('main_substance')}
            error={message(errors.main_substance)}
            required
            requiredLabel={req}
          />
          <SelectField
            id={id('income_source')}
            label={t('participants.fields.income_source')}
            options={enumOptions('income_source', INCOME_SOURCES)}
            registration={register('income_source')}
            error={message(errors.income_source)}
            required
            requiredLabel={req}
          />
        </div>
      </fieldset>

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('form.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
