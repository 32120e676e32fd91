DROP TABLE import_jobs;
DROP INDEX participants_external_id;
ALTER TABLE participants DROP COLUMN external_id;
