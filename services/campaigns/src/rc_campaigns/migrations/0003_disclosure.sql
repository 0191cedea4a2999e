-- A campaign's Decree 93/2021 Art. 14 disclosure: call documents, support policy and levels, receiving
-- points (the organisation's accounts and offices). Replaced whole by PUT; each change has a version.
CREATE TABLE campaign_disclosures (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id),
    version     integer     NOT NULL CHECK (version >= 1),
    content     jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
