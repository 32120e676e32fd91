-- Bulk import of employers (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE employers ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX employers_external_id ON employers(external_id);
