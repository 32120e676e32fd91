import { useTranslation } from 'react-i18next';
import { APARTMENT_KINDS, QUEUE_WISHES } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { RecordEditForm } from '../../../components/RecordEditForm';
import type { FieldSpec } from '../../../lib/record-edit';
import { useFreshFromList } from '../../../lib/use-fresh-record';
import { INCOME_SOURCES } from '../../participants';
import { useStaff } from '../../auth';
import { fetchApartment, housingKeys, updateApartment, updateFollowUp, updateQueueEntry, updateTenancy, useInvalidateHousingAll, useSites } from '../housing-api';
import {
  apartmentToForm,
  followUpToForm,
  formToApartmentUpdate,
  formToFollowUpInput,
  formToQueueEntryInput,
  formToTenancyUpdate,
  queueEntryChecks,
  queueEntryToForm,
  SETTABLE_APARTMENT_STATUSES,
  tenancyChecks,
  tenancyToForm,
  type ApartmentEditValues,
  type FollowUpEditValues,
  type QueueEntryEditValues,
  type TenancyEditValues,
} from '../record-edit';

interface EditProps<R> {
  record: R;
  onSaved: (message: string) => void;
  onCancel: () => void;
}

/** Edit an apartment (housing coordinators and managers of its unit). */
export function ApartmentEdit({ record, onSaved, onCancel }: EditProps<Schema<'ApartmentView'>>) {
  const { t } = useTranslation();
  const sites = useSites();
  const invalidate = useInvalidateHousingAll();
  // `occupied` and `reserved` follow the tenancies; the current one is offered so it can be kept.
  const statuses: Schema<'ApartmentStatus'>[] = [...SETTABLE_APARTMENT_STATUSES];
  if (!statuses.includes(record.status)) statuses.unshift(record.status);
  const fields: FieldSpec<ApartmentEditValues>[] = [
    { name: 'address', label: t('housing.edit.address'), required: true, full: true },
    { name: 'district', label: t('housing.edit.district') },
    { name: 'kind', label: t('housing.edit.kind'), type: 'select', options: APARTMENT_KINDS.map((k) => ({ value: k, label: t(`housing.kinds.${k}`) })) },
    {
      name: 'site_id',
      label: t('housing.edit.site'),
      type: 'select',
      placeholder: t('housing.edit.noSite'),
      options: (sites.data?.items ?? []).filter((s) => s.unit_id === record.unit_id || s.id === record.site_id).map((s) => ({ value: s.id, label: s.name })),
    },
    { name: 'landlord', label: t('housing.edit.landlord') },
    { name: 'lease_holder', label: t('housing.edit.leaseHolder') },
    { name: 'rooms', label: t('housing.edit.rooms'), type: 'number', min: 1 },
    { name: 'size_sqm', label: t('housing.edit.size'), type: 'number', decimal: true, min: 0 },
    { name: 'monthly_rent', label: t('housing.edit.rent'), type: 'number', min: 0 },
    { name: 'status', label: t('housing.edit.status'), type: 'select', hint: t('housing.edit.statusHint'), options: statuses.map((s) => ({ value: s, label: t(`housing.apartmentStatus.${s}`) })) },
    { name: 'note', label: t('housing.edit.note'), type: 'textarea' },
  ];
  if (sites.isPending) return null;
  return (
    <RecordEditForm<Schema<'ApartmentView'>, ApartmentEditValues>
      idPrefix={`apartment-edit-${record.id}`}
      title={t('housing.edit.apartmentTitle', { address: record.address })}
      record={record}
      toForm={apartmentToForm}
      fields={fields}
      fresh={() => fetchApartment(record.id)}
      save={(v, version) => updateApartment(record.id, formToApartmentUpdate(record, v), version)}
      onSaved={() => {
        void invalidate();
        onSaved(t('housing.edit.apartmentSaved'));
      }}
      onCancel={onCancel}
    />
  );
}

/** Change a tenancy's planned takeover or note (housing coordinators and managers). */
export function TenancyEdit({ record, onSaved, onCancel }: EditProps<Schema<'TenancyView'>>) {
  const { t } = useTranslation();
  const fresh = useFreshFromList();
  const invalidate = useInvalidateHousingAll();
  const fields: FieldSpec<TenancyEditValues>[] = [
    { name: 'planned_takeover_on', label: t('housing.edit.plannedTakeover'), type: 'date', required: true },
    { name: 'note', label: t('housing.edit.note'), type: 'textarea' },
  ];
  return (
    <RecordEditForm<Schema<'TenancyView'>, TenancyEditValues>
      idPrefix={`tenancy-edit-${record.id}`}
      title={t('housing.edit.tenancyTitle')}
      record={record}
      toForm={tenancyToForm}
      fields={fields}
      validate={tenancyChecks(record)}
      fresh={() => fresh<Schema<'TenancyView'>>(['housing', 'tenancies', { participant_id: record.participant_id }], record.id)}
      save={(v, version) => updateTenancy(record.id, formToTenancyUpdate(v), version)}
      onSaved={() => {
        void invalidate();
        onSaved(t('housing.edit.tenancySaved'));
      }}
      onCancel={onCancel}
    />
  );
}

/** Change a queue entry (housing coordinators and managers). */
export function QueueEntryEdit({ record, queryKey, onSaved, onCancel }: EditProps<Schema<'QueueEntryView'>> & { queryKey: readonly unknown[] }) {
  const { t } = useTranslation();
  const fresh = useFreshFromList();
  const invalidate = useInvalidateHousingAll();
  const fields: FieldSpec<QueueEntryEditValues>[] = [
    { name: 'wish', label: t('housing.queue.wish'), type: 'select', options: QUEUE_WISHES.map((w) => ({ value: w, label: t(`housing.queue.wishes.${w}`) })) },
    { name: 'joined_on', label: t('housing.edit.joinedOn'), type: 'date', required: true },
    { name: 'priority', label: t('housing.queue.priority'), type: 'select', options: (['1', '2', '3'] as const).map((p) => ({ value: p, label: t(`housing.edit.priorities.${p}`) })) },
    { name: 'ready', label: t('housing.edit.ready'), type: 'checkbox' },
    { name: 'not_ready_reason', label: t('housing.queue.notReadyReason'), full: true },
    { name: 'note', label: t('housing.edit.note'), type: 'textarea' },
  ];
  return (
    <RecordEditForm<Schema<'QueueEntryView'>, QueueEntryEditValues>
      idPrefix={`queue-edit-${record.id}`}
      title={t('housing.edit.queueTitle')}
      record={record}
      toForm={queueEntryToForm}
      fields={fields}
      validate={queueEntryChecks}
      fresh={() => fresh<Schema<'QueueEntryView'>>(queryKey, record.id)}
      save={(v, version) => updateQueueEntry(record.id, formToQueueEntryInput(record, v), version)}
      onSaved={() => {
        void invalidate();
        onSaved(t('housing.edit.queueSaved'));
      }}
      onCancel={onCancel}
    />
  );
}

/** Record or correct a housing follow-up's result (housing support, coordinators, managers). */
export function FollowUpEdit({ record, onSaved, onCancel }: EditProps<Schema<'FollowUpView'>>) {
  const { t } = useTranslation();
  const staff = useStaff();
  const fresh = useFreshFromList();
  const invalidate = useInvalidateHousingAll();
  const fields: FieldSpec<FollowUpEditValues>[] = [
    { name: 'done_on', label: t('housing.edit.doneOn'), type: 'date', required: true },
    { name: 'housing_cost', label: t('housing.edit.housingCost'), type: 'number', min: 0 },
    {
      name: 'income_source',
      label: t('housing.edit.incomeSource'),
      type: 'select',
      placeholder: t('housing.edit.noIncome'),
      options: INCOME_SOURCES.map((s) => ({ value: s, label: t(`enums.income_source.${s}`) })),
    },
    { name: 'debts', label: t('housing.edit.debts'), type: 'number', min: 0 },
    { name: 'support', label: t('housing.edit.support') },
    { name: 'occupation', label: t('housing.edit.occupation') },
    { name: 'note', label: t('housing.edit.note'), type: 'textarea' },
  ];
  return (
    <RecordEditForm<Schema<'FollowUpView'>, FollowUpEditValues>
      idPrefix={`follow-up-edit-${record.id}`}
      draft={{ staffId: staff.id, key: `follow-up:edit:${record.id}` }}
      title={t('housing.edit.followUpTitle', { kind: t(`housing.followUps.kinds.${record.kind}`) })}
      record={record}
      toForm={followUpToForm}
      fields={fields}
      fresh={() => fresh<Schema<'FollowUpView'>>(housingKeys.followUps(record.participant_id), record.id)}
      save={(v, version) => updateFollowUp(record.id, formToFollowUpInput(v), version)}
      onSaved={() => {
        void invalidate();
        onSaved(t('housing.edit.followUpSaved'));
      }}
      onCancel={onCancel}
    />
  );
}
