DROP INDEX contact_participants_kind_on;
DROP INDEX contact_participants_attended_on;
ALTER TABLE contact_participants DROP COLUMN occurred_at;
ALTER TABLE contact_participants DROP COLUMN kind;
