-- Campaigns service: campaigns and their lifecycle, ledger-derived progress, targets reached,
-- beneficiaries (personal data stays here), sponsorships, blood sessions and registrations.

CREATE TABLE campaigns (
    id                        uuid PRIMARY KEY,
    code                      text        NOT NULL UNIQUE,
    name                      text        NOT NULL,
    description               text        NOT NULL DEFAULT '',
    campaign_type             text        NOT NULL,
    organising_unit_id        uuid        NOT NULL,
    participating_unit_ids    uuid[]      NOT NULL DEFAULT '{}',
    receiving_from            date        NOT NULL,
    receiving_until           date        NOT NULL,
    target_cash_vnd           bigint CHECK (target_cash_vnd >= 0),
    target_in_kind_value_vnd  bigint CHECK (target_in_kind_value_vnd >= 0),
    target_blood_units        bigint CHECK (target_blood_units >= 0),
    target_beneficiaries      bigint CHECK (target_beneficiaries >= 0),
    parent_campaign_id        uuid REFERENCES campaigns (id),
    state                     text        NOT NULL DEFAULT 'draft'
                              CHECK (state IN ('draft', 'launched', 'closed', 'settled', 'cancelled')),
    launched_on               date,
    closed_on                 date,
    settled_on                date,
    cancelled_on              date,
    cancel_reason             text        NOT NULL DEFAULT '',
    distribution_deadline     date,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaigns_state ON campaigns (state);
CREATE INDEX campaigns_type ON campaigns (campaign_type);
CREATE INDEX campaigns_unit ON campaigns (organising_unit_id);
CREATE INDEX campaigns_participating ON campaigns USING gin (participating_unit_ids);

-- Running totals from the donations ledger (no foreign key: the ledger is another service's truth).
CREATE TABLE campaign_totals (
    campaign_id        uuid PRIMARY KEY,
    cash_vnd           bigint NOT NULL DEFAULT 0,
    in_kind_value_vnd  bigint NOT NULL DEFAULT 0,
    blood_units        bigint NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Each donation once; a reversal marks it (reversed before recorded: a tombstone that never counts).
CREATE TABLE ledger_donations (
    donation_id   uuid PRIMARY KEY,
    campaign_id   uuid   NOT NULL,
    kind          text   NOT NULL,
    amount_vnd    bigint NOT NULL DEFAULT 0,
    value_vnd     bigint NOT NULL DEFAULT 0,
    blood_units   bigint NOT NULL DEFAULT 0,
    received_on   date,
    reversed_on   date
);
CREATE INDEX ledger_donations_campaign ON ledger_donations (campaign_id);

CREATE TABLE ledger_distributions (
    distribution_id uuid PRIMARY KEY,
    campaign_id     uuid   NOT NULL,
    beneficiary_id  uuid   NOT NULL,
    kind            text   NOT NULL,
    amount_vnd      bigint NOT NULL DEFAULT 0,
    value_vnd       bigint NOT NULL DEFAULT 0,
    distributed_on  date,
    reversed_on     date
);
CREATE INDEX ledger_distributions_campaign ON ledger_distributions (campaign_id, beneficiary_id)
    WHERE reversed_on IS NULL;
CREATE INDEX ledger_distributions_beneficiary ON ledger_distributions (beneficiary_id);

-- A target is reported reached once per campaign: the row and the outbox row commit together.
CREATE TABLE campaign_targets_reached (
    campaign_id    uuid        NOT NULL,
    target         text        NOT NULL,
    target_value   bigint      NOT NULL,
    reached_value  bigint      NOT NULL,
    reached_at     timestamptz NOT NULL,
    event_id       uuid        NOT NULL,
    PRIMARY KEY (campaign_id, target)
);

CREATE TABLE beneficiaries (
    id                    uuid PRIMARY KEY,
    kind                  text        NOT NULL CHECK (kind IN ('household', 'person')),
    unit_id               uuid        NOT NULL,
    full_name             text        NOT NULL,
    name_key              text        NOT NULL,
    id_number             text,
    address               text        NOT NULL,
    address_key           text        NOT NULL,
    commune               text        NOT NULL,
    household_size        int CHECK (household_size >= 1),
    situation             text        NOT NULL DEFAULT '',
    notes                 text        NOT NULL DEFAULT '',
    humanitarian_address  boolean     NOT NULL DEFAULT false,
    campaign_id           uuid REFERENCES campaigns (id),
    consent_purpose       text        NOT NULL,
    consent_given_on      date        NOT NULL,
    verified_by           text,
    verified_on           date,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX beneficiaries_id_number ON beneficiaries (id_number) WHERE id_number IS NOT NULL;
CREATE UNIQUE INDEX beneficiaries_same_place ON beneficiaries (kind, unit_id, name_key, address_key);
CREATE INDEX beneficiaries_unit ON beneficiaries (unit_id);
CREATE INDEX beneficiaries_campaign ON beneficiaries (campaign_id);

CREATE TABLE sponsors (
    id            uuid PRIMARY KEY,
    sponsor_type  text NOT NULL CHECK (sponsor_type IN ('organisation', 'individual')),
    name          text NOT NULL,
    name_key      text NOT NULL,
    contact       text NOT NULL,
    contact_key   text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (sponsor_type, name_key, contact_key)
);

CREATE TABLE sponsorships (
    id              uuid PRIMARY KEY,
    beneficiary_id  uuid NOT NULL REFERENCES beneficiaries (id),
    sponsor_id      uuid NOT NULL REFERENCES sponsors (id),
    start_on        date NOT NULL,
    end_on          date,
    commitment      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX sponsorships_beneficiary ON sponsorships (beneficiary_id);

CREATE TABLE blood_sessions (
    id           uuid PRIMARY KEY,
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    unit_id      uuid NOT NULL,
    held_on      date NOT NULL,
    place        text NOT NULL,
    capacity     int  NOT NULL CHECK (capacity >= 1),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blood_sessions_campaign ON blood_sessions (campaign_id);

CREATE TABLE blood_registrations (
    id           uuid PRIMARY KEY,
    session_id   uuid NOT NULL REFERENCES blood_sessions (id),
    donor_id     uuid NOT NULL,
    donor_ref    text NOT NULL,
    blood_group  text,
    note         text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, donor_id)
);
