DROP INDEX housing_search_cases_opened;
DROP INDEX housing_course_attendance_participant;
DROP INDEX housing_course_sessions_unit;
ALTER TABLE housing_course_sessions DROP COLUMN leader;
