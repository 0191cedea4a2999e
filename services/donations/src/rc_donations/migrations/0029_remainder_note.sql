-- What a settlement does with what was left undistributed (campaigns.campaign.settled.v1 remainder_note,
-- catalogue 1.3.0), shown on the public ledger with the settlement's date (Decree 93/2021: the public is
-- told where the remainder went). Settlements recorded before this migration have none.
ALTER TABLE ledgers ADD COLUMN IF NOT EXISTS remainder_note text;
