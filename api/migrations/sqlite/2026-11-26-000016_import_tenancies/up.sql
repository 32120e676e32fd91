-- Bulk import of tenancies (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE tenancies ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX tenancies_external_id ON tenancies(external_id);
