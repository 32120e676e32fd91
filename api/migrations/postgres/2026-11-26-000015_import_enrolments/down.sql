DROP INDEX enrolments_external_id;
ALTER TABLE enrolments DROP COLUMN external_id;
