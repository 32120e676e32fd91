-- Bulk import of activities (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE activities ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX activities_external_id ON activities(external_id);
