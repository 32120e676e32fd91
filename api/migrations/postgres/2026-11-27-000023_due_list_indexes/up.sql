-- The due list reads, for one caseworker's few participants, their open housing follow-ups and
-- their active action plans (`store::due`). Follow-ups had no index by participant, so every due
-- list read all of them; for plans SQLite chose the (status, period_end) index and walked every
-- active plan (32,000 in the 100,000-participant benchmark) rather than the participant's own.
-- With two equality columns these win. (Issue 11.)
CREATE INDEX housing_follow_ups_participant ON housing_follow_ups(participant_id, done_on);
CREATE INDEX action_plans_participant_status ON action_plans(participant_id, status);
