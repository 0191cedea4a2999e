-- A settlement is dated no earlier than the campaign's last movement: its last distribution or a
-- distribution's reversal, and (now) a gift's reversal, a correction made after the close. Read as the
-- greatest reversal date of the campaign's gifts through this index (a few rows: reversals are rare), never
-- by reading the campaign's gifts.
CREATE INDEX ledger_donations_reversed ON ledger_donations (campaign_id, reversed_on) WHERE reversed_on IS NOT NULL;
