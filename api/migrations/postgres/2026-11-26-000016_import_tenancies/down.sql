DROP INDEX tenancies_external_id;
ALTER TABLE tenancies DROP COLUMN external_id;
