-- A campaign's Decree 93 disclosure as the campaigns service published it (campaigns.campaign.
-- disclosure_updated.v1): call documents, support policy and levels, receiving points. The newest
-- version wins (a redelivered or older event changes nothing).
CREATE TABLE ledger_disclosures (
    campaign_id uuid PRIMARY KEY,
    version     integer     NOT NULL,
    content     jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
