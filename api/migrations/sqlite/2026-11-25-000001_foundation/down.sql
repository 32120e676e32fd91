DROP TABLE idempotency_keys;
DROP TABLE audit_log;
DROP TABLE participant_assignments;
DROP TABLE participants;
DROP TABLE sessions;
DROP TABLE staff_units;
DROP TABLE staff;
DROP TABLE units;
