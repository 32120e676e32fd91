-- Casework: programmes, referrals, enrolments and their mapping, contacts (journal), relapses,
-- consents, ASI interviews, and the record of participant merges. Every table that references
-- participants(id) must be handled by the merge (api/src/store/merges.rs, PARTICIPANT_REFERENCES);
-- a test reads the catalogue and fails otherwise.

CREATE TABLE programmes (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT,
    start_date DATE NOT NULL,
    end_date DATE,
    -- JSON array of end-status codes, e.g. ["employed", "ongoing_internship", …]
    end_statuses TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX programmes_unit ON programmes(unit_id, name);

CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    referring_unit_id TEXT NOT NULL REFERENCES units(id),
    referring_staff_id TEXT NOT NULL REFERENCES staff(id),
    referred_on DATE NOT NULL,
    reason TEXT NOT NULL,
    target_group TEXT NOT NULL,
    assessment TEXT,
    status TEXT NOT NULL,
    first_meeting_on DATE,
    status_changed_on DATE NOT NULL,
    status_note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX referrals_participant ON referrals(participant_id);
CREATE INDEX referrals_programme ON referrals(programme_id, status);

CREATE TABLE enrolments (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    referral_id TEXT REFERENCES referrals(id),
    start_date DATE NOT NULL,
    end_date DATE,
    end_status TEXT,
    end_note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX enrolments_participant ON enrolments(participant_id);
CREATE INDEX enrolments_programme ON enrolments(programme_id, start_date);

CREATE TABLE enrolment_mappings (
    enrolment_id TEXT PRIMARY KEY NOT NULL REFERENCES enrolments(id),
    current_housing TEXT,
    substance_use TEXT,
    authority_contacts TEXT,
    ongoing_interventions TEXT,
    education TEXT,
    years_since_last_job INTEGER,
    work_experience TEXT,
    disabilities TEXT,
    work_ability_limits TEXT,
    own_goal TEXT,
    first_step TEXT,
    completed_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    note TEXT,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_staff ON contacts(staff_id, occurred_at);

CREATE TABLE contact_participants (
    contact_id TEXT NOT NULL REFERENCES contacts(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    attended BOOLEAN NOT NULL,
    PRIMARY KEY (contact_id, participant_id)
);
CREATE INDEX contact_participants_participant ON contact_participants(participant_id);

CREATE TABLE relapses (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    occurred_on DATE NOT NULL,
    substance TEXT NOT NULL,
    outcome TEXT NOT NULL,
    note TEXT,
    recorded_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX relapses_participant ON relapses(participant_id, occurred_on);

CREATE TABLE consents (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    party TEXT NOT NULL,
    party_name TEXT,
    purpose TEXT NOT NULL,
    given_on DATE NOT NULL,
    expires_on DATE,
    withdrawn_on DATE,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consents_participant ON consents(participant_id, party);

CREATE TABLE asi_interviews (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL,
    interviewed_on DATE NOT NULL,
    interviewer_id TEXT NOT NULL REFERENCES staff(id),
    intervention_code TEXT,
    -- JSON array of {area, interviewer_severity, participant_rating}
    ratings TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX asi_interviews_participant ON asi_interviews(participant_id, interviewed_on);

-- One row per merge: which rows moved (JSON: [{table, column, keys}]) so an admin can undo it.
CREATE TABLE participant_merges (
    id TEXT PRIMARY KEY NOT NULL,
    into_id TEXT NOT NULL REFERENCES participants(id),
    from_id TEXT NOT NULL REFERENCES participants(id),
    moved TEXT NOT NULL,
    from_status TEXT NOT NULL,
    from_closed_on DATE,
    from_closed_reason TEXT,
    merged_by TEXT NOT NULL REFERENCES staff(id),
    merged_at TIMESTAMP NOT NULL,
    undone_by TEXT REFERENCES staff(id),
    undone_at TIMESTAMP
);
CREATE INDEX participant_merges_from ON participant_merges(from_id);
CREATE INDEX participant_merges_into ON participant_merges(into_id);
