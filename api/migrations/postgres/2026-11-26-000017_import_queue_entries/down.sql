DROP INDEX queue_entries_external_id;
ALTER TABLE queue_entries DROP COLUMN external_id;
