-- What a settlement does with what was left undistributed (campaigns.campaign.settled.v1 remainder_note,
-- catalogue 1.3.0): the campaign report and its public page say it beside the settlement's date (Decree
-- 93/2021). Settlements projected before this migration have none until a rebuild.
ALTER TABLE rpt_campaigns ADD COLUMN IF NOT EXISTS remainder_note text;
