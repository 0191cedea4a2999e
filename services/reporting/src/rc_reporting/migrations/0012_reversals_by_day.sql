-- The review counts a reversal in the period of its own day (a gift's, a distribution's, a blood gift's):
-- read by unit and reversal day, the reversed rows alone (few), not every row of the unit.
CREATE INDEX IF NOT EXISTS rpt_campaign_unit_cohorts_reversed ON rpt_campaign_unit_cohorts (unit_id, reversed_on)
    WHERE reversed_on <> 'infinity'::date;
CREATE INDEX IF NOT EXISTS rpt_campaign_distributions_reversed ON rpt_campaign_distributions (unit_id, reversed_on)
    WHERE reversed_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_blood_reversed ON rpt_campaign_donations (reversed_on)
    INCLUDE (unit_id) WHERE kind = 'blood' AND reversed_on IS NOT NULL;
