-- Foundation: units, staff, sessions, participants, assignments, audit log, idempotency keys.
-- Timestamps are set from Rust in UTC (microsecond precision) so both backends store the same values.

CREATE TABLE units (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE staff (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE staff_units (
    staff_id TEXT NOT NULL REFERENCES staff(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (staff_id, unit_id)
);
CREATE INDEX staff_units_unit ON staff_units(unit_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    refresh_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_staff ON sessions(staff_id);

CREATE TABLE participants (
    id TEXT PRIMARY KEY NOT NULL,
    personal_identity_number TEXT UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth DATE,
    gender TEXT NOT NULL,
    protected_identity BOOLEAN NOT NULL DEFAULT FALSE,
    phone TEXT,
    email TEXT,
    postal_address TEXT,
    care_of TEXT,
    postal_code TEXT,
    city TEXT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    responsible_caseworker_id TEXT REFERENCES staff(id),
    housing_situation TEXT NOT NULL,
    main_substance TEXT NOT NULL,
    income_source TEXT NOT NULL,
    status TEXT NOT NULL,
    closed_on DATE,
    closed_reason TEXT,
    search_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX participants_unit_name ON participants(unit_id, last_name, first_name);
CREATE INDEX participants_caseworker ON participants(responsible_caseworker_id);
CREATE INDEX participants_created ON participants(created_at);

-- Who is assigned to a participant, in which capacity, and when. Protected-identity participants are
-- visible only to staff assigned here (or as responsible caseworker) and to managers.
CREATE TABLE participant_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    kind TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX participant_assignments_staff ON participant_assignments(staff_id, participant_id);
CREATE INDEX participant_assignments_participant ON participant_assignments(participant_id);

-- Append-only: no foreign keys (entries must outlive what they describe) and triggers refuse changes.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT,
    participant_id TEXT,
    outcome TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_participant ON audit_log(participant_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE idempotency_keys (
    staff_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER,
    response_body BYTEA,
    response_location TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (staff_id, idempotency_key)
);

-- Failed logins, for throttling per account and per client address (kept in the database so every
-- instance behind a load balancer sees the same counts). The account is stored as a hash.
CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    account_hash TEXT NOT NULL,
    address TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account_hash, at);
CREATE INDEX login_failures_address ON login_failures(address, at);
