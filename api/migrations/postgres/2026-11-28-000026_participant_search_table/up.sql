-- The participant list counts a text search's matches: `search_key LIKE '%term%'` through the
-- trigram index, then every candidate row is read to test the term and the caller's visibility.
-- A common term (13,000 of 100,000 people) read nearly every block of the table (4,181 of 4,252)
-- for a few narrow columns. This table holds only the columns the list filters and sorts on, so
-- the same count reads about half as many blocks, and a search with few matches is sorted and
-- paged here before 50 rows are read from `participants` (issue 11). It is kept by the triggers
-- below, in the same transaction as the change to `participants`, and goes with the participant.
-- No foreign key: its check ran once per row of a bulk import (import 15 % slower with it); the
-- triggers are the only writers here, so a row cannot lose its participant.
CREATE TABLE participant_search (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL,
    protected_identity BOOLEAN NOT NULL,
    responsible_caseworker_id TEXT,
    status TEXT NOT NULL,
    search_key TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

INSERT INTO participant_search
SELECT id, unit_id, protected_identity, responsible_caseworker_id, status, search_key,
       last_name, first_name, created_at
FROM participants;

CREATE INDEX participant_search_trgm ON participant_search USING gin (search_key gin_trgm_ops);
-- The list searches here now; an export with a search term pages through `participants` by id and
-- tests the term on the way (one pass over the table in all), so its trigram index (migration
-- 000020) only cost every registration a second trigram index to update.
DROP INDEX participants_search_trgm;
-- A unit's list without a search counts the unit's rows here.
CREATE INDEX participant_search_unit ON participant_search (unit_id);

-- New participants: once per statement, so a bulk import adds its rows in one insert.
CREATE FUNCTION participant_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO participant_search
    SELECT id, unit_id, protected_identity, responsible_caseworker_id, status, search_key,
           last_name, first_name, created_at
    FROM new_participants;
    RETURN NULL;
END $$;
CREATE TRIGGER participant_search_insert AFTER INSERT ON participants
    REFERENCING NEW TABLE AS new_participants
    FOR EACH STATEMENT EXECUTE FUNCTION participant_search_insert();

-- Removed participants (retention, tests): once per statement.
CREATE FUNCTION participant_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM participant_search WHERE id IN (SELECT id FROM old_participants);
    RETURN NULL;
END $$;
CREATE TRIGGER participant_search_delete AFTER DELETE ON participants
    REFERENCING OLD TABLE AS old_participants
    FOR EACH STATEMENT EXECUTE FUNCTION participant_search_delete();

-- Changes: only when a column kept here changes (a new phone number costs nothing).
CREATE FUNCTION participant_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE participant_search SET
        unit_id = NEW.unit_id,
        protected_identity = NEW.protected_identity,
        responsible_caseworker_id = NEW.responsible_caseworker_id,
        status = NEW.status,
        search_key = NEW.search_key,
        last_name = NEW.last_name,
        first_name = NEW.first_name,
        created_at = NEW.created_at
    WHERE id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER participant_search_update AFTER UPDATE ON participants
    FOR EACH ROW
    WHEN ((OLD.unit_id, OLD.protected_identity, OLD.responsible_caseworker_id, OLD.status,
           OLD.search_key, OLD.last_name, OLD.first_name, OLD.created_at)
          IS DISTINCT FROM
          (NEW.unit_id, NEW.protected_identity, NEW.responsible_caseworker_id, NEW.status,
           NEW.search_key, NEW.last_name, NEW.first_name, NEW.created_at))
    EXECUTE FUNCTION participant_search_update();
