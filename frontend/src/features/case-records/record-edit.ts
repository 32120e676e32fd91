import type { Schema } from '../../api/types';
import { textOrNull } from '../../lib/form-errors';
import { intOrNull, str, type FieldErrors } from '../../lib/record-edit';
import { ASI_AREAS } from './enums';

type Consent = Schema<'ConsentView'>;
type Asi = Schema<'AsiView'>;

export type ConsentEditValues = {
  party: Schema<'ConsentParty'>;
  party_name: string;
  purpose: string;
  given_on: string;
  expires_on: string;
  withdrawn_on: string;
  note: string;
};

export function consentToForm(c: Consent): ConsentEditValues {
  return {
    party: c.party,
    party_name: c.party_name ?? '',
    purpose: c.purpose,
    given_on: c.given_on,
    expires_on: c.expires_on ?? '',
    withdrawn_on: c.withdrawn_on ?? '',
    note: c.note ?? '',
  };
}

export function formToConsentInput(v: ConsentEditValues): Schema<'ConsentInput'> {
  return {
    party: v.party,
    party_name: textOrNull(v.party_name),
    purpose: v.purpose.trim(),
    given_on: v.given_on,
    expires_on: v.expires_on || null,
    withdrawn_on: v.withdrawn_on || null,
    note: textOrNull(v.note),
  };
}

/** "Other" needs a name; the end dates come after the date it was given. */
export function consentChecks(v: ConsentEditValues): FieldErrors<ConsentEditValues> {
  const e: FieldErrors<ConsentEditValues> = {};
  if (v.party === 'other' && !v.party_name.trim()) e.party_name = 'validation.required';
  if (v.expires_on && v.given_on && v.expires_on < v.given_on) e.expires_on = 'validation.endBeforeStart';
  if (v.withdrawn_on && v.given_on && v.withdrawn_on < v.given_on) e.withdrawn_on = 'validation.endBeforeStart';
  return e;
}

/** An ASI interview's form: its own fields plus two ratings per life area (`<area>:interviewer`, `<area>:participant`). */
export type AsiEditValues = Record<string, string> & { kind: string; interviewed_on: string; intervention_code: string; note: string };

export const ratingField = (area: Schema<'AsiArea'>, who: 'interviewer' | 'participant') => `${area}:${who}`;

export function asiToForm(a: Asi): AsiEditValues {
  const v: AsiEditValues = { kind: a.kind, interviewed_on: a.interviewed_on, intervention_code: a.intervention_code ?? '', note: a.note ?? '' };
  for (const area of ASI_AREAS) {
    const r = a.ratings.find((x) => x.area === area);
    v[ratingField(area, 'interviewer')] = str(r?.interviewer_severity);
    v[ratingField(area, 'participant')] = str(r?.participant_rating);
  }
  return v;
}

/** The whole interview for `PUT /asi-interviews/{id}`: areas left empty are not rated; the interviewer stays. */
export function formToAsiInput(a: Asi, v: AsiEditValues): Schema<'AsiInput'> {
  const ratings = ASI_AREAS.flatMap((area) => {
    const interviewer = intOrNull(v[ratingField(area, 'interviewer')] ?? '');
    const participant = intOrNull(v[ratingField(area, 'participant')] ?? '');
    if (interviewer === null && participant === null) return [];
    return [{ area, interviewer_severity: interviewer ?? 0, participant_rating: participant ?? 0 }];
  });
  return {
    kind: v.kind as Schema<'AsiKind'>,
    interviewed_on: v.interviewed_on,
    interviewer_id: a.interviewer_id,
    intervention_code: textOrNull(v.intervention_code),
    ratings,
    note: textOrNull(v.note),
  };
}

/** Interviewer ratings are 0–9, the participant's own 0–4. */
export function asiChecks(v: AsiEditValues): FieldErrors<AsiEditValues> {
  const e: Record<string, string> = {};
  for (const area of ASI_AREAS) {
    for (const [who, max] of [['interviewer', 9], ['participant', 4]] as const) {
      const name = ratingField(area, who);
      const n = v[name]?.trim();
      if (n && /^\d+$/.test(n) && Number(n) > max) e[name] = who === 'interviewer' ? 'validation.asiInterviewer' : 'validation.asiParticipant';
    }
  }
  return e as FieldErrors<AsiEditValues>;
}

