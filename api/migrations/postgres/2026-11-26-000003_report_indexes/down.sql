DROP INDEX employment_outcomes_start;
DROP INDEX action_plan_reviews_reviewed;
DROP INDEX action_plans_period_start;
DROP INDEX temporary_stays_from;
DROP INDEX risk_events_occurred;
DROP INDEX participant_assignments_kind;
DROP INDEX contacts_kind_occurred;
