DROP INDEX apartments_external_id;
ALTER TABLE apartments DROP COLUMN external_id;
