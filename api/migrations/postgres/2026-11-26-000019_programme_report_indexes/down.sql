DROP INDEX referrals_programme_report;
DROP INDEX enrolments_programme;
CREATE INDEX enrolments_programme ON enrolments(programme_id, start_date);
