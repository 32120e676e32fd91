-- Indexes for the report queries (issue 7): they filter these tables by date (and kind) over all
-- of a unit's participants.
CREATE INDEX contacts_kind_occurred ON contacts(kind, occurred_at);
CREATE INDEX participant_assignments_kind ON participant_assignments(kind, start_date);
CREATE INDEX risk_events_occurred ON risk_events(occurred_on);
CREATE INDEX temporary_stays_from ON temporary_stays(from_date);
CREATE INDEX action_plans_period_start ON action_plans(period_start);
CREATE INDEX action_plan_reviews_reviewed ON action_plan_reviews(reviewed_on);
CREATE INDEX employment_outcomes_start ON employment_outcomes(start_date);
