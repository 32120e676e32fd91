import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import {
  apartmentToForm,
  followUpToForm,
  formToApartmentUpdate,
  formToFollowUpInput,
  formToQueueEntryInput,
  queueEntryChecks,
  queueEntryToForm,
  tenancyChecks,
  tenancyToForm,
} from './record-edit';

const apartment: Schema<'ApartmentView'> = {
  id: 'a1',
  unit_id: 'u1',
  site_id: null,
  address: 'Exempelgatan 1',
  district: null,
  kind: 'training_apartment',
  landlord: 'Fiktiva Bostäder AB',
  rooms: 1,
  size_sqm: 28.5,
  monthly_rent: 4200,
  lease_holder: null,
  status: 'available',
  note: null,
  external_id: 'ext',
  created_at: '',
  updated_at: '',
  version: 4,
};

describe('apartment edit', () => {
  it('shows the size with a decimal comma and sends numbers back, keeping the unit', () => {
    const form = apartmentToForm(apartment);
    expect(form.size_sqm).toBe('28,5');
    const body = formToApartmentUpdate(apartment, { ...form, monthly_rent: '4500', rooms: '', status: 'renovation' });
    expect(body).toMatchObject({ unit_id: 'u1', size_sqm: 28.5, monthly_rent: 4500, rooms: null, status: 'renovation', site_id: null, district: null });
    expect(body).not.toHaveProperty('external_id');
  });
});

describe('tenancy edit', () => {
  it('needs the planned takeover after the move-in', () => {
    const ten = { move_in_on: '2026-01-10', planned_takeover_on: '2027-07-10', note: null } as Schema<'TenancyView'>;
    expect(tenancyChecks(ten)({ ...tenancyToForm(ten), planned_takeover_on: '2026-01-01' })).toEqual({ planned_takeover_on: 'validation.endBeforeStart' });
    expect(tenancyChecks(ten)(tenancyToForm(ten))).toEqual({});
  });
});

describe('queue entry edit', () => {
  const entry = { participant_id: 'p1', wish: 'trial_apartment', joined_on: '2026-02-01', priority: 2, ready: true, not_ready_reason: null, note: null } as Schema<'QueueEntryView'>;

  it('asks for a reason when not ready and drops it when ready', () => {
    const form = queueEntryToForm(entry);
    expect(queueEntryChecks({ ...form, ready: false })).toEqual({ not_ready_reason: 'validation.required' });
    expect(formToQueueEntryInput(entry, { ...form, priority: '1', not_ready_reason: 'old' })).toEqual({
      participant_id: 'p1',
      wish: 'trial_apartment',
      joined_on: '2026-02-01',
      priority: 1,
      ready: true,
      not_ready_reason: null,
      note: null,
    });
  });
});

describe('follow-up edit', () => {
  it('sends empty answers as null', () => {
    const f = { done_on: null, housing_cost: null, income_source: null, debts: null, support: null, occupation: null, note: null } as Schema<'FollowUpView'>;
    expect(formToFollowUpInput({ ...followUpToForm(f), done_on: '2026-03-01', debts: '0' })).toEqual({
      done_on: '2026-03-01',
      housing_cost: null,
      income_source: null,
      debts: 0,
      support: null,
      occupation: null,
      note: null,
    });
  });
});
