-- How a campaign ended, kept when the ending reached this service before the campaign's launch.
--
-- Case: a CampaignLaunched dead-lettered (an older service meeting a newer enum value) and the campaign's
-- CampaignCancelled, arriving next, found no ledger: it was logged, counted as applied and forgotten. When
-- the operator replayed the dead-letter topic after the upgrade, the launch opened the ledger as launched,
-- and it took donations, with receipts, for a cancelled campaign. Now an ending (close, cancellation,
-- settlement) that finds no ledger is kept here, and the launch that opens the ledger applies it at once.
-- A draft cancelled before it was ever launched leaves a row too (harmless: no launch follows).
CREATE TABLE ledger_endings (
    campaign_id           uuid PRIMARY KEY,
    status                text NOT NULL CHECK (status IN ('closed', 'cancelled')),
    ended_on              date NOT NULL,
    distribution_deadline date,
    settled_on            date,
    recorded_at           timestamptz NOT NULL DEFAULT now()
);
