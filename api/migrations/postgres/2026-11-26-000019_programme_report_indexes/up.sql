-- The programme outcome report reads every referral and enrolment of a programme in a period
-- (tens of thousands of rows). These indexes hold every column it reads, so both come from one
-- range of one index instead of a table lookup per row (SQLite: 149 → 62 ms for the referrals of
-- the benchmark's data; PostgreSQL reads 900 index pages instead of 4,550 table pages).
CREATE INDEX referrals_programme_report
    ON referrals(programme_id, referred_on, participant_id, status, id);
DROP INDEX enrolments_programme;
CREATE INDEX enrolments_programme
    ON enrolments(programme_id, start_date, end_date, participant_id, end_status, id);
