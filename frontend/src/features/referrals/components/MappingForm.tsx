import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { DraftNotice } from '../../../components/DraftNotice';
import { TextAreaField, TextField } from '../../../components/fields';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { StaleAlert } from '../../../components/StaleAlert';
import { SuccessMessage } from '../../../components/Status';
import { formatDate } from '../../../lib/format';
import { useFieldMessage, useServerFieldErrors } from '../../../lib/form-errors';
import { useFormDraft } from '../../../lib/use-form-draft';
import { useStaff } from '../../auth';
import {
  formToMapping,
  MAPPING_FIELD_SET,
  MAPPING_SECTIONS,
  mappingSchema,
  mappingToForm,
  missingForCompletion,
  type MappingValues,
} from '../mapping-form';
import { useCompleteMapping, useMapping, useSaveMapping } from '../referrals-api';

interface Props {
  mapping: Schema<'MappingView'>;
  readOnly: boolean;
  onLater: () => void;
}

/** The mapping (kartläggning): saved as far as it has come, continued later, then completed. */
export function MappingForm({ mapping, readOnly, onLater }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const enrolmentId = mapping.enrolment_id;
  const query = useMapping(enrolmentId);
  const save = useSaveMapping(enrolmentId);
  const complete = useCompleteMapping(enrolmentId);
  const [base, setBase] = useState(mapping);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<MappingValues>({ resolver: zodResolver(mappingSchema), defaultValues: mappingToForm(mapping) });
  const { register, handleSubmit, setError, reset, getValues, formState: { errors } } = form;
  const msg = useFieldMessage();
  const completed = !!base.completed_on;
  const editable = !readOnly && !completed;
  const draft = useFormDraft({ form, staffId: staff.id, key: `mapping:${enrolmentId}`, baseVersion: base.version, enabled: editable });
  const error = save.error ?? complete.error;
  const stale = isApiProblem(error) && error.status === 412;
  useServerFieldErrors(error, setError, MAPPING_FIELD_SET);

  const adopt = (m: Schema<'MappingView'>) => {
    setBase(m);
    reset(mappingToForm(m));
  };

  const doSave = async (values: MappingValues, version: number, then?: 'later' | 'complete') => {
    setNotice(null);
    complete.reset();
    if (then === 'complete') {
      // Completion needs some fields: say so on them before sending anything.
      const missing = missingForCompletion(values);
      if (missing.length) {
        missing.forEach((f, i) => setError(f, { type: 'required', message: 'validation.required' }, { shouldFocus: i === 0 }));
        return;
      }
    }
    const saved = await save.mutateAsync({ fields: formToMapping(values), version }).catch(() => null);
    if (!saved) return;
    draft.clear();
    adopt(saved);
    if (then === 'later') return onLater();
    if (then === 'complete') {
      const done = await complete.mutateAsync(saved.version).catch(() => null);
      if (done) {
        adopt(done);
        setNotice(t('referrals.mapping.completed'));
      }
      return;
    }
    setNotice(t('referrals.mapping.saved'));
  };

  const reload = async () => {
    save.reset();
    complete.reset();
    const fresh = await query.refetch();
    if (fresh.data) {
      draft.clear();
      adopt(fresh.data);
    }
  };
  const reapply = async () => {
    const mine = getValues();
    save.reset();
    complete.reset();
    const fresh = await query.refetch();
    if (!fresh.data) return;
    setBase(fresh.data);
    await doSave(mine, fresh.data.version);
  };

  const field = (name: keyof MappingValues) =>
    name === 'years_since_last_job' ? (
      <TextField key={name} id={`mapping-${name}`} type="text" inputMode="numeric" label={t(`referrals.mapping.fields.${name}`)} registration={register(name)} error={msg(errors[name])} readOnly={!editable} />
    ) : (
      <div key={name} className="grid__full">
        <TextAreaField id={`mapping-${name}`} rows={3} label={t(`referrals.mapping.fields.${name}`)} registration={register(name)} error={msg(errors[name])} />
      </div>
    );

  return (
    <Section id="mapping" title={t('referrals.mapping.title')}>
      {completed ? (
        <p className="alert alert--info">{t('referrals.mapping.completedOn', { date: formatDate(base.completed_on) })}</p>
      ) : (
        <p className="muted">{t('referrals.mapping.intro')}</p>
      )}
      {editable ? <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} /> : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {stale ? <StaleAlert onReload={() => void reload()} onReapply={() => void reapply()} pending={query.isFetching || save.isPending} /> : null}
      {error && !stale ? <ProblemAlert error={error} shownFields={MAPPING_FIELD_SET} /> : null}
      <form className="form" noValidate onSubmit={handleSubmit((v) => void doSave(v, base.version))}>
        <fieldset className="fieldset" disabled={!editable}>
          <legend>{t('referrals.mapping.sections.situation')}</legend>
          <div className="grid">{MAPPING_SECTIONS.situation.map(field)}</div>
        </fieldset>
        <fieldset className="fieldset" disabled={!editable}>
          <legend>{t('referrals.mapping.sections.work')}</legend>
          <div className="grid">{MAPPING_SECTIONS.work.map(field)}</div>
        </fieldset>
        <fieldset className="fieldset" disabled={!editable}>
          <legend>{t('referrals.mapping.sections.goal')}</legend>
          <div className="grid">{MAPPING_SECTIONS.goal.map(field)}</div>
        </fieldset>
        {editable ? (
          <>
            <p className="muted" id="mapping-complete-hint">
              {t('referrals.mapping.completeHint')}
            </p>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={save.isPending || complete.isPending}>
                {save.isPending ? t('form.saving') : t('referrals.mapping.save')}
              </button>
              <button type="button" className="button" disabled={save.isPending} onClick={handleSubmit((v) => void doSave(v, base.version, 'later'))}>
                {t('referrals.mapping.saveLater')}
              </button>
              <button
                type="button"
                className="button"
                aria-describedby="mapping-complete-hint"
                disabled={save.isPending || complete.isPending}
                onClick={handleSubmit((v) => void doSave(v, base.version, 'complete'))}
              >
                {t('referrals.mapping.complete')}
              </button>
            </div>
          </>
        ) : null}
      </form>
    </Section>
  );
}
