-- Bulk import of apartments (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE apartments ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX apartments_external_id ON apartments(external_id);
