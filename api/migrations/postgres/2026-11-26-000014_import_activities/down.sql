DROP INDEX activities_external_id;
ALTER TABLE activities DROP COLUMN external_id;
