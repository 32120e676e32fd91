import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { asiChecks, asiToForm, consentChecks, consentToForm, formToAsiInput, formToConsentInput, ratingField } from './record-edit';

const asi: Schema<'AsiView'> = {
  id: 'a1',
  participant_id: 'p1',
  kind: 'baseline',
  interviewed_on: '2026-01-10',
  interviewer_id: 's9',
  intervention_code: null,
  ratings: [{ area: 'alcohol', interviewer_severity: 6, participant_rating: 3 }],
  change_from_baseline: null,
  note: null,
  created_at: '',
  updated_at: '',
  version: 2,
};

describe('ASI edit', () => {
  it('keeps rated areas, drops empty ones, and keeps the interviewer', () => {
    const form = asiToForm(asi);
    expect(form[ratingField('alcohol', 'interviewer')]).toBe('6');
    expect(form[ratingField('drugs', 'interviewer')]).toBe('');
    const body = formToAsiInput(asi, { ...form, [ratingField('alcohol', 'interviewer')]: '4', [ratingField('drugs', 'participant')]: '2' });
    expect(body.interviewer_id).toBe('s9');
    expect(body.ratings).toEqual([
      { area: 'alcohol', interviewer_severity: 4, participant_rating: 3 },
      { area: 'drugs', interviewer_severity: 0, participant_rating: 2 },
    ]);
  });

  it('holds the ratings to their scales', () => {
    const form = asiToForm(asi);
    expect(asiChecks({ ...form, [ratingField('legal', 'interviewer')]: '10', [ratingField('legal', 'participant')]: '5' })).toEqual({
      [ratingField('legal', 'interviewer')]: 'validation.asiInterviewer',
      [ratingField('legal', 'participant')]: 'validation.asiParticipant',
    });
    expect(asiChecks(form)).toEqual({});
  });
});

describe('consent edit', () => {
  const c: Schema<'ConsentView'> = {
    id: 'c1',
    participant_id: 'p1',
    party: 'landlord',
    party_name: null,
    purpose: 'Hyresfrågor',
    given_on: '2026-01-01',
    expires_on: null,
    withdrawn_on: null,
    state: 'active',
    note: null,
    created_at: '',
    updated_at: '',
    version: 1,
  };

  it('round-trips with empty dates as null', () => {
    expect(formToConsentInput(consentToForm(c))).toEqual({
      party: 'landlord',
      party_name: null,
      purpose: 'Hyresfrågor',
      given_on: '2026-01-01',
      expires_on: null,
      withdrawn_on: null,
      note: null,
    });
  });

  it('needs a name for "other" and end dates after the date given', () => {
    expect(consentChecks({ ...consentToForm(c), party: 'other', expires_on: '2025-12-31' })).toEqual({
      party_name: 'validation.required',
      expires_on: 'validation.endBeforeStart',
    });
  });
});
