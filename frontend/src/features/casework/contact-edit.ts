import type { Schema } from '../../api/types';
import { localToUtc } from '../../lib/dates';
import { textOrNull } from '../../lib/form-errors';
import { utcToLocalInput } from '../../lib/record-edit';

type Contact = Schema<'ContactView'>;
type Relapse = Schema<'RelapseView'>;

/** The contact form's values (as seen from one participant's page: their own "attended"). */
export type ContactEditValues = {
  kind: Schema<'ContactKind'>;
  occurred_at: string;
  attended: boolean;
  note: string;
};

export function contactToForm(c: Contact, participantId: string): ContactEditValues {
  return {
    kind: c.kind,
    occurred_at: utcToLocalInput(c.occurred_at),
    attended: c.participants.find((p) => p.participant_id === participantId)?.attended ?? true,
    note: c.note ?? '',
  };
}

/**
 * The whole contact for `PUT /contacts/{id}`: everyone else on it stays as they were (only this
 * participant's "attended" is edited here), and so does the staff member; the external id is left out (kept).
 */
export function formToContactInput(c: Contact, participantId: string, v: ContactEditValues): Schema<'ContactInput'> {
  return {
    participants: c.participants.map((p) => ({ participant_id: p.participant_id, attended: p.participant_id === participantId ? v.attended : p.attended })),
    staff_id: c.staff_id,
    occurred_at: localToUtc(v.occurred_at),
    kind: v.kind,
    note: textOrNull(v.note),
  };
}

export type RelapseEditValues = {
  occurred_on: string;
  substance: Schema<'Substance'>;
  outcome: Schema<'RelapseOutcome'>;
  note: string;
};

export function relapseToForm(r: Relapse): RelapseEditValues {
  return { occurred_on: r.occurred_on, substance: r.substance, outcome: r.outcome, note: r.note ?? '' };
}

export function formToRelapseInput(v: RelapseEditValues): Schema<'RelapseInput'> {
  return { occurred_on: v.occurred_on, substance: v.substance, outcome: v.outcome, note: textOrNull(v.note) };
}
