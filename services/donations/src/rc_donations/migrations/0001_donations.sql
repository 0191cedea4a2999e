-- The donations service: campaign ledgers (opened from campaign events), donors (personal data lives
-- only here), donations with receipts, reversals, pledges, distributions, and idempotency keys.
-- All money is integer VND (bigint).

CREATE TABLE ledgers (
    campaign_id            uuid PRIMARY KEY,
    code                   text        NOT NULL,
    name                   text        NOT NULL,
    campaign_type          text        NOT NULL,
    organising_unit_id     uuid        NOT NULL,
    participating_unit_ids uuid[]      NOT NULL DEFAULT '{}',
    receiving_from         date        NOT NULL,
    receiving_until        date        NOT NULL,
    distribution_deadline  date,
    targets                jsonb       NOT NULL DEFAULT '{}',
    status                 text        NOT NULL DEFAULT 'launched'
                           CHECK (status IN ('launched', 'closed', 'cancelled', 'settled')),
    closed_on              date,
    settled_on             date,
    last_receipt_no        bigint      NOT NULL DEFAULT 0 CHECK (last_receipt_no >= 0),
    cash_received_vnd                 bigint NOT NULL DEFAULT 0,
    cash_reversed_vnd                 bigint NOT NULL DEFAULT 0,
    cash_distributed_vnd              bigint NOT NULL DEFAULT 0,
    cash_distribution_reversed_vnd    bigint NOT NULL DEFAULT 0,
    in_kind_received_vnd              bigint NOT NULL DEFAULT 0,
    in_kind_reversed_vnd              bigint NOT NULL DEFAULT 0,
    goods_distributed_vnd             bigint NOT NULL DEFAULT 0,
    goods_distribution_reversed_vnd   bigint NOT NULL DEFAULT 0,
    blood_units                       bigint NOT NULL DEFAULT 0,
    blood_units_reversed              bigint NOT NULL DEFAULT 0,
    opened_at              timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    -- the last line of defence: a balance can never go below zero
    CONSTRAINT ledger_cash_balance_not_negative CHECK (
        cash_received_vnd - cash_reversed_vnd - cash_distributed_vnd + cash_distribution_reversed_vnd >= 0),
    CONSTRAINT ledger_goods_balance_not_negative CHECK (
        in_kind_received_vnd - in_kind_reversed_vnd - goods_distributed_vnd + goods_distribution_reversed_vnd >= 0)
);

CREATE TABLE beneficiaries (
    id            uuid PRIMARY KEY,
    unit_id       uuid        NOT NULL,
    kind          text,
    campaign_id   uuid,
    registered_at timestamptz,
    verified_on   date
);

CREATE TABLE donors (
    id                  uuid PRIMARY KEY,
    donor_type          text        NOT NULL CHECK (donor_type IN ('individual', 'organisation')),
    name                text,
    phone               text,
    id_number           text,
    birth_date          date,
    consent_to_be_named boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    erased_at           timestamptz
);
CREATE UNIQUE INDEX donors_id_number ON donors (donor_type, id_number) WHERE id_number IS NOT NULL;
CREATE INDEX donors_phone ON donors (phone) WHERE phone IS NOT NULL;

CREATE TABLE pledges (
    id            uuid PRIMARY KEY,
    campaign_id   uuid        NOT NULL REFERENCES ledgers (campaign_id),
    donor_id      uuid REFERENCES donors (id),
    donor_type    text        NOT NULL,
    amount_vnd    bigint      NOT NULL CHECK (amount_vnd > 0),
    instalments   integer     NOT NULL CHECK (instalments >= 1),
    first_due_on  date        NOT NULL,
    interval_days integer     NOT NULL CHECK (interval_days >= 1),
    unit_id       uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pledges_campaign ON pledges (campaign_id);

CREATE TABLE donations (
    id                 uuid PRIMARY KEY,
    campaign_id        uuid        NOT NULL REFERENCES ledgers (campaign_id),
    kind               text        NOT NULL CHECK (kind IN ('cash', 'in_kind', 'blood')),
    amount_vnd         bigint      NOT NULL DEFAULT 0 CHECK (amount_vnd >= 0),
    value_vnd          bigint      NOT NULL DEFAULT 0 CHECK (value_vnd >= 0),
    blood_units        integer     NOT NULL DEFAULT 0 CHECK (blood_units >= 0),
    blood_kind         text CHECK (blood_kind IN ('whole_blood', 'apheresis')),
    items              jsonb,
    donor_id           uuid REFERENCES donors (id),
    donor_type         text        NOT NULL,
    publicly_named     boolean     NOT NULL DEFAULT false,
    unit_id            uuid        NOT NULL,
    credited_unit_id   uuid,
    credited_person_id uuid,
    pledge_id          uuid REFERENCES pledges (id),
    channel            text        NOT NULL,
    bank_reference     text,
    payer_name         text,
    description        text,
    received_on        date        NOT NULL,
    receipt_no         bigint      NOT NULL CHECK (receipt_no >= 1),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT donations_receipt_unique UNIQUE (campaign_id, receipt_no)
);
CREATE UNIQUE INDEX donations_bank_reference ON donations (campaign_id, bank_reference)
    WHERE bank_reference IS NOT NULL;
CREATE INDEX donations_donor ON donations (donor_id, received_on) WHERE donor_id IS NOT NULL;
CREATE INDEX donations_pledge ON donations (pledge_id) WHERE pledge_id IS NOT NULL;

CREATE TABLE donation_reversals (
    id          uuid PRIMARY KEY,
    donation_id uuid        NOT NULL UNIQUE REFERENCES donations (id),
    campaign_id uuid        NOT NULL REFERENCES ledgers (campaign_id),
    reason      text        NOT NULL,
    reversed_on date        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE distributions (
    id             uuid PRIMARY KEY,
    campaign_id    uuid        NOT NULL REFERENCES ledgers (campaign_id),
    beneficiary_id uuid        NOT NULL REFERENCES beneficiaries (id),
    kind           text        NOT NULL CHECK (kind IN ('cash', 'goods')),
    amount_vnd     bigint      NOT NULL DEFAULT 0 CHECK (amount_vnd >= 0),
    value_vnd      bigint      NOT NULL DEFAULT 0 CHECK (value_vnd >= 0),
    unit_id        uuid        NOT NULL,
    distributed_on date        NOT NULL,
    description    text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX distributions_campaign ON distributions (campaign_id, distributed_on);

CREATE TABLE distribution_reversals (
    id              uuid PRIMARY KEY,
    distribution_id uuid        NOT NULL UNIQUE REFERENCES distributions (id),
    campaign_id     uuid        NOT NULL REFERENCES ledgers (campaign_id),
    reason          text        NOT NULL,
    reversed_on     date        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Idempotency-Key header: a key maps to one request (by hash) and the resource it created.
CREATE TABLE idempotency_keys (
    key          text PRIMARY KEY,
    scope        text        NOT NULL,
    request_hash text        NOT NULL,
    resource_id  uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
