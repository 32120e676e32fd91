import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiProblem } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { canWriteParticipants, useStaff } from '../auth';
import { parsePersonnummer } from '../../lib/personnummer';
import { DuplicateWarning, useDuplicateCheck } from '../casework';
import { FORM_FIELD_SET, ParticipantForm, type IdentityValues } from './components/ParticipantForm';
import { isValidBirthDate } from './participant-form';
import { emptyParticipantForm, formToParticipantInput } from './participant-form';
import { useCreateParticipant } from './participants-api';
import { useParticipantFormOptions } from './use-form-options';

export function NewParticipantPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const create = useCreateParticipant();
  const options = useParticipantFormOptions();
  const defaults = useMemo(
    () => emptyParticipantForm(options.defaultUnitId, options.defaultCaseworkerId),
    [options.defaultUnitId, options.defaultCaseworkerId],
  );

  // Live duplicate check: once there is a valid personnummer, or a name with a date of birth.
  const [identity, setIdentity] = useState<IdentityValues | null>(null);
  const [debounced, setDebounced] = useState<IdentityValues | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(identity), 500);
    return () => clearTimeout(timer);
  }, [identity]);
  const onIdentityChange = useCallback((v: IdentityValues) => setIdentity(v), []);
  const dupQuery = useMemo(() => {
    if (!debounced) return null;
    const pnr = debounced.personal_identity_number.trim() ? parsePersonnummer(debounced.personal_identity_number) : null;
    const first = debounced.first_name.trim();
    const last = debounced.last_name.trim();
    const dob = debounced.date_of_birth.trim();
    if (pnr?.ok) return { personal_identity_number: pnr.canonical };
    if (first && last && isValidBirthDate(dob)) return { first_name: first, last_name: last, date_of_birth: dob };
    return null;
  }, [debounced]);
  const duplicates = useDuplicateCheck(dupQuery ?? {}, dupQuery !== null);

  if (!canWriteParticipants(staff.role)) {
    return (
      <section>
        <PageHeading>{t('participants.new.title')}</PageHeading>
        <p role="alert" className="alert alert--error">
          {t('problem.forbidden')}
        </p>
      </section>
    );
  }

  const error = create.error;
  const duplicate = isApiProblem(error) && error.status === 409 ? error : null;

  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.participants.href()}>{t('participants.list.title')}</Link>
      </p>
      <PageHeading>{t('participants.new.title')}</PageHeading>
      <p className="muted">{t('participants.new.intro')}</p>
      {options.loading ? (
        <Loading />
      ) : (
        <ParticipantForm
          idPrefix="new"
          defaultValues={defaults}
          unitOptions={options.unitOptions}
          caseworkerOptions={options.caseworkerOptions}
          pending={create.isPending}
          serverError={error}
          submitLabel={t('participants.new.submit')}
          onCancel={() => void navigate(paths.participants.href())}
          onIdentityChange={onIdentityChange}
          identityAside={dupQuery && duplicates.data ? <DuplicateWarning matches={duplicates.data.items} /> : null}
          onSubmit={(values) =>
            create.mutate(formToParticipantInput(values), {
              onSuccess: (p) =>
                void navigate(paths.participant.href(p.id), { state: { created: true, duplicates: p.possible_duplicates ?? [] } }),
            })
          }
        >
          {duplicate ? (
            <ProblemAlert error={duplicate} title={t('participants.new.duplicate')} shownFields={FORM_FIELD_SET}>
              {duplicate.existingId ? (
                <p>
                  <Link to={paths.participant.href(duplicate.existingId)}>{t('participants.new.openExisting')}</Link>
                </p>
              ) : null}
            </ProblemAlert>
          ) : error ? (
            <ProblemAlert error={error} shownFields={FORM_FIELD_SET} />
          ) : null}
        </ParticipantForm>
      )}
    </section>
  );
}
