-- Bulk import (issue 8): the other system's key on importable records, and import jobs that a
-- client polls while a long import runs and reads the result of later.
ALTER TABLE participants ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX participants_external_id ON participants(external_id);

CREATE TABLE import_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    resource TEXT NOT NULL,
    format TEXT NOT NULL,
    mode TEXT NOT NULL,
    dry_run BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    rows_processed INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    error_count INTEGER NOT NULL DEFAULT 0,
    -- The first invalid rows as a JSON array of {line, field, message}.
    errors TEXT NOT NULL DEFAULT '[]',
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX import_jobs_staff ON import_jobs(staff_id, started_at);
