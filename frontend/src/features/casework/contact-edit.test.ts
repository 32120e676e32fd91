import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { contactToForm, formToContactInput, formToRelapseInput, relapseToForm } from './contact-edit';

const contact: Schema<'ContactView'> = {
  id: 'c1',
  participants: [
    { participant_id: 'p1', attended: true },
    { participant_id: 'p2', attended: false },
  ],
  staff_id: 's1',
  occurred_at: '2026-03-01T09:30:00Z',
  kind: 'meeting',
  note: null,
  created_by: 's1',
  external_id: 'ext-1',
  created_at: '2026-03-01T10:00:00Z',
  updated_at: '2026-03-01T10:00:00Z',
  version: 3,
};

describe('contact edit', () => {
  it("edits only this participant's attendance and keeps everyone else and the staff member", () => {
    const form = contactToForm(contact, 'p1');
    expect(form.attended).toBe(true);
    expect(form.note).toBe('');
    const body = formToContactInput(contact, 'p1', { ...form, attended: false, note: ' Ringde in ', kind: 'phone_call' });
    expect(body).toEqual({
      participants: [
        { participant_id: 'p1', attended: false },
        { participant_id: 'p2', attended: false },
      ],
      staff_id: 's1',
      occurred_at: '2026-03-01T09:30:00Z',
      kind: 'phone_call',
      note: 'Ringde in',
    });
    expect(body).not.toHaveProperty('external_id');
  });
});

describe('relapse edit', () => {
  it('round-trips and sends an empty note as null', () => {
    const r: Schema<'RelapseView'> = {
      id: 'r1',
      participant_id: 'p1',
      occurred_on: '2026-02-01',
      substance: 'alcohol',
      outcome: 'not_yet_known',
      resumed: false,
      note: null,
      recorded_by: 's1',
      created_at: '',
      updated_at: '',
      version: 1,
    };
    expect(formToRelapseInput({ ...relapseToForm(r), outcome: 'resumed_planning' })).toEqual({
      occurred_on: '2026-02-01',
      substance: 'alcohol',
      outcome: 'resumed_planning',
      note: null,
    });
  });
});
