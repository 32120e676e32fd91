DROP TABLE method_evaluations;
DROP TABLE action_plan_reviews;
DROP TABLE action_plan_interventions;
DROP TABLE action_plan_goals;
DROP TABLE action_plans;
