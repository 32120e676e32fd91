-- Bulk import of enrolments (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE enrolments ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX enrolments_external_id ON enrolments(external_id);
