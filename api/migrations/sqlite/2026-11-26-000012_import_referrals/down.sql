DROP INDEX referrals_external_id;
ALTER TABLE referrals DROP COLUMN external_id;
