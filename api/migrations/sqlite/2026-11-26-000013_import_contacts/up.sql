-- Bulk import of contacts (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE contacts ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX contacts_external_id ON contacts(external_id);
