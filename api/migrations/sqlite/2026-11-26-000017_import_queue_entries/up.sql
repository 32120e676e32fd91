-- Bulk import of queue entries (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE queue_entries ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX queue_entries_external_id ON queue_entries(external_id);
