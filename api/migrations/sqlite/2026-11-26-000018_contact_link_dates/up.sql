-- Reports (issue 7) count attended contacts per enrolment and home visits per person per month
-- over a million contacts. A copy of the contact's kind and time on each participant link lets
-- those counts read one covering index instead of joining every contact row. Written with the
-- link (store/contacts.rs), which is rewritten whenever the contact changes.
ALTER TABLE contact_participants ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE contact_participants ADD COLUMN occurred_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE contact_participants SET
  kind = (SELECT kind FROM contacts c WHERE c.id = contact_participants.contact_id),
  occurred_at = (SELECT occurred_at FROM contacts c WHERE c.id = contact_participants.contact_id);
CREATE INDEX contact_participants_attended_on ON contact_participants(participant_id, attended, occurred_at);
CREATE INDEX contact_participants_kind_on ON contact_participants(participant_id, kind, attended, occurred_at);
