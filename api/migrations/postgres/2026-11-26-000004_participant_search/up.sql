-- The participant list filters a unit's participants by search key and protected identity and
-- pages them in name order. With those columns in the unit/name index (INCLUDE: carried, not
-- sorted) the count and the filter can be answered by index-only scans (issue 11).
DROP INDEX participants_unit_name;
CREATE INDEX participants_unit_name ON participants(unit_id, last_name, first_name, id) INCLUDE (search_key, protected_identity, responsible_caseworker_id);
