import type { Role, Schema } from '../../api/types';

/** Who may open and close housing search cases and record temporary stays (the server's rule). */
export function canRecordSearchAndStays(role: Role): boolean {
  return role === 'caseworker' || role === 'housing_coordinator' || role === 'manager';
}

export type StayState = 'ongoing' | 'ended' | 'upcoming';

/** A stay is ongoing until the day of leaving is recorded (and that day has come); only an ongoing or upcoming stay without an end can be ended. */
export function stayState(stay: Pick<Schema<'TemporaryStayView'>, 'from_date' | 'to_date'>, today: string): StayState {
  if (stay.from_date > today) return 'upcoming';
  if (stay.to_date && stay.to_date <= today) return 'ended';
  return 'ongoing';
}

export function canEndStay(stay: Pick<Schema<'TemporaryStayView'>, 'to_date'>): boolean {
  return stay.to_date == null;
}

export interface StayValues {
  kind: Schema<'TemporaryStayKind'>;
  fromDate: string;
  toDate: string;
  costPerNight: string;
  provider: string;
}

/** The form's problem, as a message key under `housing.stays.errors`, or null when it can be sent. */
export function stayFormError(v: StayValues): 'from' | 'cost' | 'toBeforeFrom' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.fromDate)) return 'from';
  if (!/^\d+$/.test(v.costPerNight.trim()) || Number(v.costPerNight) > 2_147_483_647) return 'cost';
  if (v.toDate && v.toDate < v.fromDate) return 'toBeforeFrom';
  return null;
}

export function stayInput(participantId: string, v: StayValues): Schema<'TemporaryStayInput'> {
  return {
    participant_id: participantId,
    kind: v.kind,
    from_date: v.fromDate,
    to_date: v.toDate || null,
    cost_per_night: Number(v.costPerNight.trim()),
    provider: v.provider.trim() || null,
  };
}

/** Closing a case: the outcome's date may not be before the case opened nor in the future. */
export function closeCaseError(openedOn: string, outcomeOn: string, today: string): 'required' | 'beforeOpened' | 'future' | null {
  if (!outcomeOn) return 'required';
  if (outcomeOn < openedOn) return 'beforeOpened';
  if (outcomeOn > today) return 'future';
  return null;
}

/** Ending a stay: the day of leaving may not be before the first night. */
export function endStayError(fromDate: string, toDate: string): 'required' | 'beforeFrom' | null {
  if (!toDate) return 'required';
  if (toDate < fromDate) return 'beforeFrom';
  return null;
}

/** A recorded stay as form values (for correcting it). */
export function stayToValues(stay: Pick<Schema<'TemporaryStayView'>, 'kind' | 'from_date' | 'to_date' | 'cost_per_night' | 'provider'>): StayValues {
  return {
    kind: stay.kind,
    fromDate: stay.from_date,
    toDate: stay.to_date ?? '',
    costPerNight: String(stay.cost_per_night),
    provider: stay.provider ?? '',
  };
}

/** The correction body (`PUT /temporary-stays/{id}`): the whole editable record; the version goes as `If-Match`. */
export function stayUpdate(v: StayValues): Schema<'TemporaryStayUpdate'> {
  const { participant_id: _, ...rest } = stayInput('', v);
  return rest;
}
