import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiProblem } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { canWriteParticipants, useStaff } from '../auth';
import { FORM_FIELD_SET, ParticipantForm } from './components/ParticipantForm';
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
          onSubmit={(values) =>
            create.mutate(formToParticipantInput(values), {
              onSuccess: (p) => void navigate(paths.participant.href(p.id), { state: { created: true } }),
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
