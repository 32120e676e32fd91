DROP INDEX employers_external_id;
ALTER TABLE employers DROP COLUMN external_id;
