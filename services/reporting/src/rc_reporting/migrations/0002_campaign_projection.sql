-- Reporting projection of campaign progress (topics campaigns.campaigns, campaigns.beneficiaries,
-- donations.ledger), written by the consumer "reporting.campaigns".
--
-- No foreign keys: the three topics arrive in no guaranteed relative order (a DonationRecorded may
-- be projected before its CampaignLaunched, a DonationReversed even before its DonationRecorded in
-- a replay), so every handler is an upsert on the fact's own id that fills only the columns its
-- event knows, and the reports join the tables at query time. A row only "counts" once the event
-- that creates the fact has arrived (e.g. a donation needs received_on).
-- Reversals never delete: they mark the fact reversed on a date (reversed_on), so a report "as of"
-- an earlier date still counts it.

-- One row per campaign. Launch columns are NULL until CampaignLaunched arrives (a row may be
-- started by a ledger or lifecycle event first).
CREATE TABLE IF NOT EXISTS rpt_campaigns (
    campaign_id            uuid PRIMARY KEY,
    launched               boolean NOT NULL DEFAULT false,
    launched_at            timestamptz,
    code                   text,
    name                   text,
    campaign_type          text,
    organising_unit_id     uuid,
    participating_unit_ids uuid[] NOT NULL DEFAULT '{}',
    parent_campaign_id     uuid,
    receiving_from         date,
    receiving_until        date,
    distribution_deadline  date,
    target_cash_vnd        bigint,
    target_in_kind_value_vnd bigint,
    target_blood_units     bigint,
    target_beneficiaries   bigint,
    closed_on              date,
    settled_on             date,
    cancelled_on           date,
    cancel_reason          text,
    ledger_opened          boolean NOT NULL DEFAULT false,
    ledger_closed_on       date
);

-- One row per donation (cash, in kind or blood). received_on IS NULL: only its reversal was seen.
CREATE TABLE IF NOT EXISTS rpt_campaign_donations (
    donation_id       uuid PRIMARY KEY,
    campaign_id       uuid NOT NULL,
    kind              text NOT NULL,
    amount_vnd        bigint NOT NULL DEFAULT 0,
    value_vnd         bigint NOT NULL DEFAULT 0,
    blood_units       integer NOT NULL DEFAULT 0,
    donor_id          uuid,
    donor_type        text,
    unit_id           uuid NOT NULL,
    credited_unit_id  uuid,
    pledge_id         uuid,
    received_on       date,
    reversal_id       uuid,
    reversed_on       date
);
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_campaign ON rpt_campaign_donations (campaign_id);
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_unit ON rpt_campaign_donations (unit_id, received_on);
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_credited ON rpt_campaign_donations (credited_unit_id)
    WHERE credited_unit_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_pledge ON rpt_campaign_donations (pledge_id)
    WHERE pledge_id IS NOT NULL;

-- One row per pledge; recorded_on is the local (Asia/Ho_Chi_Minh) date of the event's ce_time.
CREATE TABLE IF NOT EXISTS rpt_campaign_pledges (
    pledge_id     uuid PRIMARY KEY,
    campaign_id   uuid NOT NULL,
    donor_id      uuid,
    amount_vnd    bigint NOT NULL,
    unit_id       uuid NOT NULL,
    instalments   integer NOT NULL,
    first_due_on  date NOT NULL,
    recorded_on   date NOT NULL
);
CREATE INDEX IF NOT EXISTS rpt_campaign_pledges_campaign ON rpt_campaign_pledges (campaign_id);

-- One row per distribution to a beneficiary. distributed_on IS NULL: only its reversal was seen.
CREATE TABLE IF NOT EXISTS rpt_campaign_distributions (
    distribution_id  uuid PRIMARY KEY,
    campaign_id      uuid NOT NULL,
    beneficiary_id   uuid NOT NULL,
    kind             text NOT NULL,
    amount_vnd       bigint NOT NULL DEFAULT 0,
    value_vnd        bigint NOT NULL DEFAULT 0,
    unit_id          uuid NOT NULL,
    distributed_on   date,
    reversal_id      uuid,
    reversed_on      date
);
CREATE INDEX IF NOT EXISTS rpt_campaign_distributions_campaign ON rpt_campaign_distributions (campaign_id);
CREATE INDEX IF NOT EXISTS rpt_campaign_distributions_unit ON rpt_campaign_distributions (unit_id, distributed_on);

-- Targets reached, once per campaign and target (the first event wins).
CREATE TABLE IF NOT EXISTS rpt_campaign_targets_reached (
    campaign_id    uuid NOT NULL,
    target         text NOT NULL,
    target_value   bigint NOT NULL,
    reached_value  bigint NOT NULL,
    reached_at     timestamptz NOT NULL,
    reached_on     date NOT NULL,
    PRIMARY KEY (campaign_id, target)
);

-- Beneficiaries (opaque ids only). kind IS NULL: only the verification was seen.
CREATE TABLE IF NOT EXISTS rpt_beneficiaries (
    beneficiary_id        uuid PRIMARY KEY,
    kind                  text,
    unit_id               uuid NOT NULL,
    campaign_id           uuid,
    humanitarian_address  boolean NOT NULL DEFAULT false,
    household_size        integer,
    registered_on         date,
    verified_on           date
);
CREATE INDEX IF NOT EXISTS rpt_beneficiaries_campaign ON rpt_beneficiaries (campaign_id) WHERE campaign_id IS NOT NULL;
