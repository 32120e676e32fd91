import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { changedFields, reapplyChanges } from '../../lib/changes';
import { ACTIVITY_EDIT_FIELDS, activityEditSchema, activityToEditForm, editFormToActivityUpdate, ifMatch } from './activity-edit';

const activity = {
  id: 'a1',
  participant_id: 'p1',
  enrolment_id: 'e1',
  kind: 'internship',
  provider_employer_id: 'emp1',
  provider_name: null,
  start_date: '2026-11-01',
  planned_end: null,
  actual_end: null,
  status: 'planned',
  end_reason: null,
  led_to_employment: false,
  hours_per_week: 20,
  hours: [],
  agreement_id: null,
  employment_outcome_id: null,
  note: 'Första veckan halvtid',
  created_by: 's1',
  created_at: '2026-11-01T08:00:00Z',
  updated_at: '2026-11-01T08:00:00Z',
  version: 3,
} satisfies Schema<'ActivityView'>;

describe('activity edit form', () => {
  it('round-trips an activity into the update body, blanks as null', () => {
    const form = activityToEditForm(activity);
    expect(form).toEqual({ kind: 'internship', provider_employer_id: 'emp1', provider_name: '', start_date: '2026-11-01', planned_end: '', note: 'Första veckan halvtid' });
    expect(editFormToActivityUpdate({ ...form, note: '  ' })).toEqual({
      kind: 'internship',
      provider_employer_id: 'emp1',
      provider_name: null,
      start_date: '2026-11-01',
      planned_end: null,
      note: null,
    });
  });
  it('needs an employer for an internship and an end not before the start', () => {
    const form = activityToEditForm(activity);
    expect(activityEditSchema.safeParse(form).success).toBe(true);
    const noEmployer = activityEditSchema.safeParse({ ...form, provider_employer_id: '' });
    expect(noEmployer.success ? [] : noEmployer.error.issues.map((i) => i.path.join('.'))).toEqual(['provider_employer_id']);
    expect(activityEditSchema.safeParse({ ...form, kind: 'education', provider_employer_id: '' }).success).toBe(true);
    const early = activityEditSchema.safeParse({ ...form, planned_end: '2026-10-31' });
    expect(early.success ? [] : early.error.issues.map((i) => i.message)).toEqual(['validation.endBeforeStart']);
  });
  it('on a stale save lists what the other person changed and keeps it under this user’s changes', () => {
    const base = activityToEditForm(activity);
    const theirs = activityToEditForm({ ...activity, note: 'Ändrad av kollegan', version: 4 });
    const mine = { ...base, planned_end: '2027-01-31' };
    expect(changedFields(base, theirs, ACTIVITY_EDIT_FIELDS)).toEqual([{ field: 'note', before: 'Första veckan halvtid', after: 'Ändrad av kollegan' }]);
    expect(reapplyChanges(base, mine, theirs)).toEqual({ ...base, note: 'Ändrad av kollegan', planned_end: '2027-01-31' });
  });
  it('sends the version as an If-Match entity tag', () => {
    expect(ifMatch(3)).toBe('"3"');
  });
});
