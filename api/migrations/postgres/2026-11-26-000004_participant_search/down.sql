DROP INDEX participants_unit_name;
CREATE INDEX participants_unit_name ON participants(unit_id, last_name, first_name);
