-- Housing: sites and apartments (the inventory), tenancies, the housing ladder history, the queue and
-- its random draws, housing follow-ups, risk events, housing-support caseload limits, housing search
-- support, temporary-housing stays and the housing course. Money is whole kronor.

CREATE TABLE housing_sites (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    address TEXT,
    district TEXT,
    description TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (unit_id, name)
);

CREATE TABLE apartments (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    site_id TEXT REFERENCES housing_sites(id),
    address TEXT NOT NULL,
    district TEXT,
    kind TEXT NOT NULL,
    landlord TEXT,
    rooms INTEGER,
    size_sqm DOUBLE PRECISION,
    monthly_rent INTEGER,
    lease_holder TEXT,
    status TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX apartments_unit ON apartments(unit_id, address);
CREATE INDEX apartments_site ON apartments(site_id);

-- No-overlap rules (per apartment, per participant) are checked in the writing transaction
-- (domain::housing::find_overlap); see store/housing.rs for the locking on each backend.
CREATE TABLE tenancies (
    id TEXT PRIMARY KEY NOT NULL,
    apartment_id TEXT NOT NULL REFERENCES apartments(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    move_in_on DATE NOT NULL,
    planned_takeover_on DATE NOT NULL,
    moved_out_on DATE,
    move_out_reason TEXT,
    taken_over_on DATE,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (moved_out_on IS NULL OR moved_out_on >= move_in_on)
);
CREATE INDEX tenancies_apartment ON tenancies(apartment_id, move_in_on);
CREATE INDEX tenancies_participant ON tenancies(participant_id, move_in_on);

CREATE TABLE housing_stage_changes (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    situation TEXT NOT NULL,
    from_date DATE NOT NULL,
    source TEXT NOT NULL,
    tenancy_id TEXT REFERENCES tenancies(id),
    note TEXT,
    recorded_by TEXT REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX housing_stage_changes_participant ON housing_stage_changes(participant_id, from_date);

CREATE TABLE queue_entries (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    wish TEXT NOT NULL,
    joined_on DATE NOT NULL,
    priority INTEGER NOT NULL,
    ready BOOLEAN NOT NULL,
    not_ready_reason TEXT,
    status TEXT NOT NULL,
    notified_on DATE,
    moved_in_on DATE,
    removed_on DATE,
    removal_reason TEXT,
    removal_note TEXT,
    tenancy_id TEXT REFERENCES tenancies(id),
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX queue_entries_unit ON queue_entries(unit_id, status, joined_on);
CREATE INDEX queue_entries_participant ON queue_entries(participant_id);

CREATE TABLE queue_draws (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    seed BIGINT NOT NULL,
    size INTEGER NOT NULL,
    eligible INTEGER NOT NULL,
    wish TEXT,
    drawn_by TEXT NOT NULL REFERENCES staff(id),
    drawn_at TIMESTAMP NOT NULL,
    note TEXT
);

CREATE TABLE queue_draw_members (
    draw_id TEXT NOT NULL REFERENCES queue_draws(id),
    queue_entry_id TEXT NOT NULL REFERENCES queue_entries(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    draw_order INTEGER NOT NULL,
    PRIMARY KEY (draw_id, queue_entry_id)
);

CREATE TABLE housing_follow_ups (
    id TEXT PRIMARY KEY NOT NULL,
    tenancy_id TEXT NOT NULL REFERENCES tenancies(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL,
    due_on DATE NOT NULL,
    done_on DATE,
    housing_cost INTEGER,
    income_source TEXT,
    debts INTEGER,
    support TEXT,
    occupation TEXT,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (tenancy_id, kind)
);
CREATE INDEX housing_follow_ups_due ON housing_follow_ups(due_on);

CREATE TABLE risk_events (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    description TEXT,
    resolved_on DATE,
    resolution TEXT,
    recorded_by TEXT REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX risk_events_participant ON risk_events(participant_id, occurred_on);

CREATE TABLE caseload_limits (
    staff_id TEXT PRIMARY KEY NOT NULL REFERENCES staff(id),
    min_caseload INTEGER NOT NULL,
    max_caseload INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Housing-support assignments beyond the worker's maximum: who approved the override.
CREATE TABLE caseload_overrides (
    assignment_id TEXT PRIMARY KEY NOT NULL REFERENCES participant_assignments(id),
    approved_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE housing_search_cases (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    referring_unit TEXT NOT NULL,
    target_group TEXT NOT NULL,
    opened_on DATE NOT NULL,
    actions TEXT NOT NULL,
    outcome TEXT,
    outcome_on DATE,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX housing_search_cases_participant ON housing_search_cases(participant_id);

CREATE TABLE temporary_stays (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL,
    from_date DATE NOT NULL,
    to_date DATE,
    cost_per_night INTEGER NOT NULL,
    provider TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (cost_per_night >= 0)
);
CREATE INDEX temporary_stays_participant ON temporary_stays(participant_id, from_date);

CREATE TABLE housing_course_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    session_number INTEGER,
    held_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE housing_course_attendance (
    session_id TEXT NOT NULL REFERENCES housing_course_sessions(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    attended BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);
