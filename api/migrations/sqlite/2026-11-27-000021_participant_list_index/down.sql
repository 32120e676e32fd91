DROP INDEX participants_unit_name;
CREATE INDEX participants_unit_name ON participants(unit_id, last_name, first_name, id, search_key, protected_identity, responsible_caseworker_id);
