-- Bulk import of referrals (issue 8): the other system's key, unique when given, for upserts.
ALTER TABLE referrals ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX referrals_external_id ON referrals(external_id);
