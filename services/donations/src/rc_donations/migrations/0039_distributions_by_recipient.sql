-- A campaign's distributions to one recipient (GET /campaigns/{id}/distributions?beneficiary_id=, API 1.12.0):
-- the console asks it before recording one, so that a household given twice in one campaign is said, not missed.
-- IF NOT EXISTS: an operator may build it first with CREATE INDEX CONCURRENTLY (docs/operations/deploy.md).
CREATE INDEX IF NOT EXISTS distributions_recipient ON distributions (campaign_id, beneficiary_id, distributed_on);
