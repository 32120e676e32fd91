-- Work rehabilitation (issue 5): employers and their kinds of work, study visits, a participant's
-- activities with their hours-per-week timeline, internship agreements (praktikavtal) with
-- follow-ups and extensions, employment outcomes and hand-overs. Rules live in the domain crate
-- (activity.rs, internship.rs, main_activity.rs). Every participant_id column here is moved by a
-- participant merge (api/src/store/merges.rs).

-- Employers are shared reference data across units (not personal data).
CREATE TABLE employers (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- canonical NNNNNN-NNNN, Luhn-checked by the API
    organisation_number TEXT UNIQUE,
    -- private | public | non_profit
    sector TEXT NOT NULL,
    address TEXT,
    contact_person TEXT,
    phone TEXT,
    email TEXT,
    -- JSON array of the kinds of work offered, e.g. ["vaktmästare","lager"]
    work_kinds TEXT NOT NULL,
    notes TEXT,
    -- lower-cased name, organisation number digits and kinds of work (see domain::participant::search_key)
    search_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX employers_name ON employers(name);

CREATE TABLE study_visits (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    employer_id TEXT NOT NULL REFERENCES employers(id),
    visited_on DATE NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX study_visits_participant ON study_visits(participant_id, visited_on);
CREATE INDEX study_visits_employer ON study_visits(employer_id, visited_on);

CREATE TABLE activities (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
    -- domain::activity::ActivityKind
    kind TEXT NOT NULL,
    provider_employer_id TEXT REFERENCES employers(id),
    -- an organisation that is not a registered employer (Nätverket, UMA, Arbetsförmedlingen …)
    provider_name TEXT,
    -- the planned start until started, then the actual start
    start_date DATE NOT NULL,
    planned_end DATE,
    actual_end DATE,
    -- planned | ongoing | completed | ended_early
    status TEXT NOT NULL,
    end_reason TEXT,
    led_to_employment BOOLEAN NOT NULL DEFAULT FALSE,
    note TEXT,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (planned_end IS NULL OR planned_end >= start_date),
    CHECK (actual_end IS NULL OR actual_end >= start_date),
    CHECK (provider_employer_id IS NOT NULL OR provider_name IS NOT NULL)
);
CREATE INDEX activities_participant ON activities(participant_id, start_date);
CREATE INDEX activities_enrolment ON activities(enrolment_id);
CREATE INDEX activities_employer ON activities(provider_employer_id, start_date);

-- The hours-per-week timeline: from from_date on, hours_per_week (a gradual step-up is common).
CREATE TABLE activity_hours (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    from_date DATE NOT NULL,
    hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    recorded_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (activity_id, from_date)
);

CREATE TABLE internship_agreements (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL UNIQUE REFERENCES activities(id),
    period_start DATE NOT NULL,
    -- the end agreed when signed
    original_end DATE NOT NULL,
    -- the current end, after extensions
    period_end DATE NOT NULL,
    signed_on DATE,
    insurance_confirmed BOOLEAN NOT NULL,
    workplace_contact TEXT NOT NULL,
    ended_early_on DATE,
    -- participant | employer | consultant
    ended_by TEXT,
    end_reason TEXT,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (period_end >= period_start AND original_end >= period_start)
);
CREATE INDEX internship_agreements_due ON internship_agreements(period_end);

CREATE TABLE agreement_follow_ups (
    id TEXT PRIMARY KEY NOT NULL,
    agreement_id TEXT NOT NULL REFERENCES internship_agreements(id),
    occurred_on DATE NOT NULL,
    -- workplace_visit | phone_call
    kind TEXT NOT NULL,
    note TEXT,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX agreement_follow_ups_agreement ON agreement_follow_ups(agreement_id, occurred_on);

-- Each extension rests on its own follow-up.
CREATE TABLE agreement_extensions (
    id TEXT PRIMARY KEY NOT NULL,
    agreement_id TEXT NOT NULL REFERENCES internship_agreements(id),
    decided_on DATE NOT NULL,
    previous_end DATE NOT NULL,
    new_end DATE NOT NULL,
    follow_up_id TEXT NOT NULL UNIQUE REFERENCES agreement_follow_ups(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    CHECK (new_end > previous_end)
);
CREATE INDEX agreement_extensions_agreement ON agreement_extensions(agreement_id, decided_on);

CREATE TABLE employment_outcomes (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL UNIQUE REFERENCES activities(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    -- osa | nystartsjobb | trygghetsanstallning | ordinary
    kind TEXT NOT NULL,
    employer_id TEXT REFERENCES employers(id),
    employer_name TEXT,
    start_date DATE NOT NULL,
    hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    -- the employment-support contact at Arbetsförmedlingen, if any
    employment_service_contact TEXT,
    note TEXT,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (employer_id IS NOT NULL OR employer_name IS NOT NULL)
);
CREATE INDEX employment_outcomes_participant ON employment_outcomes(participant_id, start_date);

CREATE TABLE handovers (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    enrolment_id TEXT REFERENCES enrolments(id),
    -- domain::activity::HandoverKind
    kind TEXT NOT NULL,
    handed_over_on DATE NOT NULL,
    note TEXT,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX handovers_participant ON handovers(participant_id, handed_over_on);
