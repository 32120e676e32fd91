DROP INDEX contacts_id_occurred;
DROP INDEX contact_participants_attended;
DROP INDEX participants_id_unit;
DROP INDEX participants_unit_name;
CREATE INDEX participants_unit_name ON participants(unit_id, last_name, first_name);
