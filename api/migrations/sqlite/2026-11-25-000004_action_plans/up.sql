-- Action plans (handlingsplaner), their goals, interventions and reviews, and the half-yearly
-- method evaluation per programme (seed 004). A plan is never deleted; a reviewed plan is never
-- changed (the API refuses it). action_plans.participant_id is moved by a participant merge
-- (api/src/store/merges.rs).

CREATE TABLE action_plans (
    id TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    enrolment_id TEXT REFERENCES enrolments(id),
    -- 1 for the first plan of a chain, +1 for each plan a review starts.
    sequence INTEGER NOT NULL,
    previous_plan_id TEXT REFERENCES action_plans(id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    purpose TEXT,
    scope TEXT,
    participant_views TEXT,
    -- draft | active | reviewed
    status TEXT NOT NULL,
    activated_on DATE,
    signed_on DATE,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX action_plans_participant ON action_plans(participant_id, period_start);
CREATE INDEX action_plans_enrolment ON action_plans(enrolment_id);
CREATE INDEX action_plans_due ON action_plans(status, period_end);
-- One active plan per enrolment (and per participant for plans outside any enrolment).
CREATE UNIQUE INDEX action_plans_one_active ON action_plans(enrolment_id) WHERE status = 'active';
CREATE UNIQUE INDEX action_plans_one_active_unenrolled ON action_plans(participant_id)
    WHERE status = 'active' AND enrolment_id IS NULL;

CREATE TABLE action_plan_goals (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES action_plans(id),
    position INTEGER NOT NULL,
    -- short_term | long_term
    horizon TEXT NOT NULL,
    text TEXT NOT NULL,
    in_participants_words BOOLEAN NOT NULL,
    carried_from_goal_id TEXT REFERENCES action_plan_goals(id),
    -- achieved | partly_achieved | not_achieved, set by the review
    outcome TEXT,
    outcome_reason TEXT
);
CREATE INDEX action_plan_goals_plan ON action_plan_goals(plan_id, position);

CREATE TABLE action_plan_interventions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES action_plans(id),
    position INTEGER NOT NULL,
    what TEXT NOT NULL,
    -- staff | external
    responsible_kind TEXT NOT NULL,
    responsible_staff_id TEXT REFERENCES staff(id),
    external_actor TEXT,
    frequency TEXT
);
CREATE INDEX action_plan_interventions_plan ON action_plan_interventions(plan_id, position);

CREATE TABLE action_plan_reviews (
    plan_id TEXT PRIMARY KEY NOT NULL REFERENCES action_plans(id),
    reviewed_on DATE NOT NULL,
    analysis TEXT NOT NULL,
    participant_view TEXT NOT NULL,
    next_plan_id TEXT NOT NULL REFERENCES action_plans(id),
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE method_evaluations (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    -- e.g. 2012-H1
    half_year TEXT NOT NULL,
    -- JSON object of the figures computed at creation (domain::action_plan::MethodFigures)
    figures TEXT NOT NULL,
    computed_on DATE NOT NULL,
    evaluation TEXT,
    created_by TEXT NOT NULL REFERENCES staff(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX method_evaluations_half_year ON method_evaluations(programme_id, half_year);
