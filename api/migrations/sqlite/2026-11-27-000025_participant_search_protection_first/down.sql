DROP INDEX participants_unit_search;
CREATE INDEX participants_unit_search ON participants(unit_id, search_key, protected_identity);
