-- The review counts blood donations and donors over every blood gift of its period, whatever the
-- campaign (the units already were): a blood gift recorded on a relief campaign counted in the units
-- but not in the donations nor the donors. Read by day, the blood gifts alone (not the cash gifts).
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_blood ON rpt_campaign_donations (received_on)
    INCLUDE (unit_id, donor_id, reversed_on) WHERE kind = 'blood';
