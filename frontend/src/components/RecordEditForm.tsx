import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm, type DefaultValues, type FieldErrors as RhfErrors, type Path, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../api/client';
import { changedFields, reapplyChanges } from '../lib/changes';
import { useFieldMessage, useServerFieldErrors } from '../lib/form-errors';
import { useFormDraft } from '../lib/use-form-draft';
import { DraftNotice } from './DraftNotice';
import { validateRecord, type FieldErrors, type FieldSpec, type FormValues } from '../lib/record-edit';
import { CheckboxField, SelectField, TextAreaField, TextField } from './fields';
import { ProblemAlert } from './ProblemAlert';
import { Section } from './Section';
import { StaleAlert } from './StaleAlert';

interface Props<R extends { id: string; version: number }, V extends FormValues> {
  /** Unique per record: input ids are `${idPrefix}-${field}`. */
  idPrefix: string;
  title: string;
  /** The record as the page has it now (the version the user starts from). */
  record: R;
  toForm: (record: R) => V;
  fields: readonly FieldSpec<V>[];
  /** Checks between fields (i18n keys per field). */
  validate?: (values: V) => FieldErrors<V>;
  /** The server's current version of the record (after a 412). */
  fresh: () => Promise<R | undefined>;
  /** The PUT, with the version the user edited (as `If-Match`, or `version` in the body). */
  save: (values: V, version: number) => Promise<unknown>;
  onSaved: () => void;
  onCancel: () => void;
  submitLabel?: string;
  /** Shown above the fields (e.g. what cannot be changed here). */
  intro?: React.ReactNode;
  /**
   * Keep a local draft (long texts): restored when the form is opened again, after a reload or a new
   * login; removed on save or discard. A draft made from an older version is saved with that version,
   * so the server answers 412 and the stale alert offers to re-apply it.
   */
  draft?: { staffId: string; key: string };
}

/**
 * The edit form of one record, driven by a list of fields. It sends the version the user started
 * from; a stale save (412) lists what someone else changed and offers "reload" or "save my changes
 * on top of the new version" (only the fields this user changed are re-applied), like the employer
 * and activity forms. Server field errors (422) are shown next to their fields, the rest above.
 */
export function RecordEditForm<R extends { id: string; version: number }, V extends FormValues>({
  idPrefix,
  title,
  record,
  toForm,
  fields,
  validate,
  fresh,
  save,
  onSaved,
  onCancel,
  submitLabel,
  intro,
  draft: draftOptions,
}: Props<R, V>) {
  const { t } = useTranslation();
  const [base, setBase] = useState<R>(record);
  const [theirs, setTheirs] = useState<R | null>(null);
  const fieldNames = useMemo(() => new Set<string>(fields.map((f) => f.name)), [fields]);
  const resolver = useMemo<Resolver<V>>(
    () => async (values) => {
      const errs = validateRecord(values, fields, validate);
      const keys = Object.keys(errs) as (keyof V & string)[];
      if (!keys.length) return { values, errors: {} };
      const errors = Object.fromEntries(keys.map((k) => [k, { type: 'client', message: errs[k] }])) as RhfErrors<V>;
      return { values: {}, errors };
    },
    [fields, validate],
  );
  const form = useForm<V>({ resolver, defaultValues: toForm(record) as DefaultValues<V> });
  const { register, handleSubmit, setError, reset, getValues, formState: { errors } } = form;
  const draft = useFormDraft({
    form,
    staffId: draftOptions?.staffId ?? '',
    key: draftOptions?.key ?? '',
    baseVersion: base.version,
    enabled: !!draftOptions,
  });
  // The version the restored draft was made from (older than `base` if someone saved in between).
  // Dropped once a 412 has been handled (the user then works from the server's new version).
  const [draftVersion, setDraftVersion] = useState<number | null>(() => draft.restored?.baseVersion ?? null);
  const mutation = useMutation({ mutationFn: ({ values, version }: { values: V; version: number }) => save(values, version) });
  useServerFieldErrors(mutation.error, setError, fieldNames);
  const msg = useFieldMessage();
  const stale = isApiProblem(mutation.error) && mutation.error.status === 412;

  const labelOf = (name: string) => fields.find((f) => f.name === name)?.label ?? name;
  const names = fields.map((f) => f.name);
  const changes =
    stale && theirs && theirs.version !== base.version
      ? changedFields(toForm(base), toForm(theirs), names).map((c) => ({
          label: labelOf(c.field),
          before: shown(fields, c.field, c.before, t),
          after: shown(fields, c.field, c.after, t),
        }))
      : undefined;

  const submit = async (values: V, version: number) => {
    mutation.reset();
    const ok = await mutation.mutateAsync({ values, version }).then(
      () => true,
      async (err: unknown) => {
        if (isApiProblem(err) && err.status === 412) {
          setDraftVersion(null);
          setTheirs((await fresh()) ?? null);
        }
        return false;
      },
    );
    if (ok) {
      if (draftOptions) draft.clear();
      onSaved();
    }
  };
  const reload = async () => {
    const now = (await fresh()) ?? theirs;
    mutation.reset();
    setDraftVersion(null);
    if (draftOptions) draft.clear();
    if (now) {
      setBase(now);
      setTheirs(null);
      reset(toForm(now));
    }
  };
  const reapply = async () => {
    const mine = getValues();
    const now = (await fresh()) ?? theirs;
    if (!now) return;
    const merged = reapplyChanges(toForm(base), mine, toForm(now));
    setDraftVersion(null);
    setBase(now);
    setTheirs(null);
    reset(merged);
    await submit(merged, now.version);
  };

  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <Section id={idPrefix} title={title} level={3} focusOnMount>
      {intro}
      {stale ? (
        <StaleAlert onReload={() => void reload()} onReapply={() => void reapply()} pending={mutation.isPending} changes={changes} />
      ) : mutation.error ? (
        <ProblemAlert error={mutation.error} shownFields={fieldNames} />
      ) : null}
      <DraftNotice savedAt={draft.restored?.savedAt} onDiscard={draft.discard} />
      <form className="form" noValidate aria-label={title} onSubmit={handleSubmit((v) => submit(v, draftVersion ?? base.version))}>
        <div className="grid">
          {fields.map((f) => {
            const common = {
              id: id(f.name),
              label: f.label,
              registration: register(f.name as Path<V>),
              error: msg(errors[f.name] as { message?: string; type?: string } | undefined),
              hint: f.hint,
              required: f.required,
              requiredLabel: t('form.required'),
            };
            if (f.type === 'textarea')
              return (
                <div key={f.name} className="grid__full">
                  <TextAreaField {...common} rows={3} />
                </div>
              );
            if (f.type === 'checkbox')
              return (
                <div key={f.name} className="grid__full">
                  <CheckboxField {...common} />
                </div>
              );
            const field =
              f.type === 'select' ? (
                <SelectField {...common} options={f.options ?? []} placeholder={f.placeholder} />
              ) : (
                <TextField
                  {...common}
                  type={f.type === 'number' || !f.type ? 'text' : f.type}
                  inputMode={f.type === 'number' ? (f.decimal ? 'decimal' : 'numeric') : undefined}
                />
              );
            return f.full ? (
              <div key={f.name} className="grid__full">
                {field}
              </div>
            ) : (
              <div key={f.name}>{field}</div>
            );
          })}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('form.saving') : (submitLabel ?? t('common.save'))}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={mutation.isPending}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}

/** A changed value as the user sees it (a select's label, a checkbox as yes/no). */
function shown<V extends FormValues>(fields: readonly FieldSpec<V>[], name: string, value: string, t: (k: 'common.yes' | 'common.no') => string): string {
  const f = fields.find((x) => x.name === name);
  if (f?.type === 'checkbox') return value === 'true' ? t('common.yes') : t('common.no');
  if (f?.type === 'select') return f.options?.find((o) => o.value === value)?.label ?? value;
  return value;
}
