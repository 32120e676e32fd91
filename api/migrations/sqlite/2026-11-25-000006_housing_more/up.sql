-- Housing, continued: who leads a housing-course session or group session, and lookups of
-- temporary stays and search cases by date.
ALTER TABLE housing_course_sessions ADD COLUMN leader TEXT;
CREATE INDEX housing_course_sessions_unit ON housing_course_sessions(unit_id, held_on);
CREATE INDEX housing_course_attendance_participant ON housing_course_attendance(participant_id);
CREATE INDEX housing_search_cases_opened ON housing_search_cases(opened_on);
