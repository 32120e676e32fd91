import type { Schema } from '../../api/types';
import { textOrNull } from '../../lib/form-errors';
import { decimalOrNull, intOrNull, str, type FieldErrors } from '../../lib/record-edit';

type Apartment = Schema<'ApartmentView'>;
type Tenancy = Schema<'TenancyView'>;
type QueueEntry = Schema<'QueueEntryView'>;
type FollowUp = Schema<'FollowUpView'>;

/** Statuses staff may set by hand; `occupied` and `reserved` follow the tenancies and queue. */
export const SETTABLE_APARTMENT_STATUSES = ['available', 'renovation', 'returned'] as const satisfies readonly Schema<'ApartmentStatus'>[];

export type ApartmentEditValues = {
  address: string;
  district: string;
  kind: Schema<'ApartmentKind'>;
  site_id: string;
  landlord: string;
  rooms: string;
  size_sqm: string;
  monthly_rent: string;
  lease_holder: string;
  status: string;
  note: string;
};

export function apartmentToForm(a: Apartment): ApartmentEditValues {
  return {
    address: a.address,
    district: a.district ?? '',
    kind: a.kind,
    site_id: a.site_id ?? '',
    landlord: a.landlord ?? '',
    rooms: str(a.rooms),
    size_sqm: a.size_sqm == null ? '' : String(a.size_sqm).replace('.', ','),
    monthly_rent: str(a.monthly_rent),
    lease_holder: a.lease_holder ?? '',
    status: a.status,
    note: a.note ?? '',
  };
}

/**
 * The whole apartment for `PUT /apartments/{id}` (same unit; the external id is left out, so it is
 * kept). A status that follows the tenancies (`occupied`, `reserved`) is sent as it is.
 */
export function formToApartmentUpdate(a: Apartment, v: ApartmentEditValues): Schema<'ApartmentUpdate'> {
  return {
    unit_id: a.unit_id,
    site_id: v.site_id || null,
    address: v.address.trim(),
    district: textOrNull(v.district),
    kind: v.kind,
    landlord: textOrNull(v.landlord),
    rooms: intOrNull(v.rooms),
    size_sqm: decimalOrNull(v.size_sqm),
    monthly_rent: intOrNull(v.monthly_rent),
    lease_holder: textOrNull(v.lease_holder),
    status: v.status as Schema<'ApartmentStatus'>,
    note: textOrNull(v.note),
  };
}

export type TenancyEditValues = { planned_takeover_on: string; note: string };

export function tenancyToForm(t: Tenancy): TenancyEditValues {
  return { planned_takeover_on: t.planned_takeover_on, note: t.note ?? '' };
}

export function formToTenancyUpdate(v: TenancyEditValues): Schema<'TenancyUpdate'> {
  return { planned_takeover_on: v.planned_takeover_on, note: textOrNull(v.note) };
}

/** The planned takeover comes after the move-in. */
export function tenancyChecks(t: Tenancy) {
  return (v: TenancyEditValues): FieldErrors<TenancyEditValues> =>
    v.planned_takeover_on && v.planned_takeover_on < t.move_in_on ? { planned_takeover_on: 'validation.endBeforeStart' } : {};
}

export type QueueEntryEditValues = {
  wish: Schema<'QueueWish'>;
  joined_on: string;
  priority: string;
  ready: boolean;
  not_ready_reason: string;
  note: string;
};

export function queueEntryToForm(e: QueueEntry): QueueEntryEditValues {
  return {
    wish: e.wish,
    joined_on: e.joined_on,
    priority: String(e.priority),
    ready: e.ready,
    not_ready_reason: e.not_ready_reason ?? '',
    note: e.note ?? '',
  };
}

export function formToQueueEntryInput(e: QueueEntry, v: QueueEntryEditValues): Schema<'QueueEntryInput'> {
  return {
    participant_id: e.participant_id,
    wish: v.wish,
    joined_on: v.joined_on,
    priority: Number(v.priority),
    ready: v.ready,
    // The reason only means something while the person is not ready.
    not_ready_reason: v.ready ? null : textOrNull(v.not_ready_reason),
    note: textOrNull(v.note),
  };
}

/** Someone who is not ready needs a reason. */
export function queueEntryChecks(v: QueueEntryEditValues): FieldErrors<QueueEntryEditValues> {
  return !v.ready && !v.not_ready_reason.trim() ? { not_ready_reason: 'validation.required' } : {};
}

export type FollowUpEditValues = {
  done_on: string;
  housing_cost: string;
  income_source: string;
  debts: string;
  support: string;
  occupation: string;
  note: string;
};

export function followUpToForm(f: FollowUp): FollowUpEditValues {
  return {
    done_on: f.done_on ?? '',
    housing_cost: str(f.housing_cost),
    income_source: f.income_source ?? '',
    debts: str(f.debts),
    support: f.support ?? '',
    occupation: f.occupation ?? '',
    note: f.note ?? '',
  };
}

export function formToFollowUpInput(v: FollowUpEditValues): Schema<'FollowUpInput'> {
  return {
    done_on: v.done_on,
    housing_cost: intOrNull(v.housing_cost),
    income_source: (v.income_source || null) as Schema<'IncomeSource'> | null,
    debts: intOrNull(v.debts),
    support: textOrNull(v.support),
    occupation: textOrNull(v.occupation),
    note: textOrNull(v.note),
  };
}
