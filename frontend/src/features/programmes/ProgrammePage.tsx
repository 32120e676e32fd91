import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RecordEditForm } from '../../components/RecordEditForm';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import type { FieldSpec } from '../../lib/record-edit';
import { useStaff } from '../auth';
import { useUnitNames } from '../participants';
import { MethodEvaluationsSection } from './components/MethodEvaluationsSection';
import { canManageProgramme, canReadEvaluations, formToProgrammeInput, PROGRAMME_KINDS, programmeChecks, programmeToForm, type ProgrammeEditValues } from './programme-form';
import { fetchProgramme, programmeKeys, updateProgramme, useProgramme } from './programmes-api';
import { useFocusLater } from '../../lib/use-focus-later';

/** `/programmes/:id`: a programme's details, edit (its unit's manager or an administrator), method evaluations. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const staff = useStaff();
  const queryClient = useQueryClient();
  const query = useProgramme(id);
  const units = useUnitNames();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const p = query.data;
  const canEdit = !!p && canManageProgramme(staff, p.unit_id);
  // An administrator may move a programme to any unit; a manager among their own units.
  const unitOptions = [...units.entries()]
    .filter(([uid]) => staff.role === 'admin' || staff.units.some((u) => u.id === uid) || uid === p?.unit_id)
    .map(([value, label]) => ({ value, label }));
  const fields: FieldSpec<ProgrammeEditValues>[] = [
    { name: 'name', label: t('programmes.name'), required: true, full: true },
    { name: 'kind', label: t('programmes.kind'), type: 'select', options: PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) })) },
    { name: 'unit_id', label: t('programmes.unit'), type: 'select', options: unitOptions },
    { name: 'start_date', label: t('programmes.startDate'), type: 'date', required: true },
    { name: 'end_date', label: t('programmes.endDate'), type: 'date' },
    { name: 'description', label: t('programmes.description'), type: 'textarea' },
  ];
  const close = (message: string | null) => {
    setEditing(false);
    setNotice(message);
    focusLater('programme-edit-button');
  };

  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.programmes.href()}>{t('programmes.list.title')}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t('programmes.detail.title')}>{p?.name ?? t('programmes.detail.title')}</PageHeading>
        {canEdit && !editing ? (
          <div className="page-header__actions">
            <button
              id="programme-edit-button"
              type="button"
              className="button button--primary"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              {t('programmes.detail.edit')}
            </button>
          </div>
        ) : null}
      </div>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {p && editing ? (
        <RecordEditForm<Schema<'ProgrammeView'>, ProgrammeEditValues>
          idPrefix="programme-edit"
          title={t('programmes.detail.editTitle')}
          record={p}
          toForm={programmeToForm}
          fields={fields}
          validate={programmeChecks}
          fresh={() => fetchProgramme(p.id)}
          save={(v, version) => updateProgramme(p.id, formToProgrammeInput(p, v), version)}
          onSaved={() => {
            void queryClient.invalidateQueries({ queryKey: programmeKeys.one(p.id) });
            void queryClient.invalidateQueries({ queryKey: ['programmes'] });
            close(t('programmes.detail.saved'));
          }}
          onCancel={() => close(null)}
        />
      ) : null}
      {p ? (
        <section className="card" aria-label={t('programmes.detail.title')}>
        <dl className="dl">
          <div className="dl__row">
            <dt>{t('programmes.kind')}</dt>
            <dd>{t(`programmes.kinds.${p.kind}`)}</dd>
          </div>
          <div className="dl__row">
            <dt>{t('programmes.unit')}</dt>
            <dd>{units.get(p.unit_id) ?? ''}</dd>
          </div>
          <div className="dl__row">
            <dt>{t('programmes.period')}</dt>
            <dd>
              {formatDate(p.start_date)} – {p.end_date ? formatDate(p.end_date) : t('programmes.detail.openEnded')}
            </dd>
          </div>
          <div className="dl__row">
            <dt>{t('programmes.endStatuses')}</dt>
            <dd>{p.end_statuses.map((s) => t(`referrals.endStatuses.${s}` as 'referrals.endStatuses.completed', { defaultValue: s })).join(', ')}</dd>
          </div>
          {p.description ? (
            <div className="dl__row">
              <dt>{t('programmes.description')}</dt>
              <dd className="prewrap">{p.description}</dd>
            </div>
          ) : null}
        </dl>
        </section>
      ) : null}
      {p && canReadEvaluations(staff, p.unit_id) ? <MethodEvaluationsSection programme={p} /> : null}
    </section>
  );
}
