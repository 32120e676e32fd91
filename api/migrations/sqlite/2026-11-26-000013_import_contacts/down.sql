DROP INDEX contacts_external_id;
ALTER TABLE contacts DROP COLUMN external_id;
