-- The public campaign ledger (Decree 93/2021 Art. 14): one line per movement, written by
-- statement-level triggers in the same transaction as the movement (every write path alike: a single
-- gift, a group commit, a bank-statement import, a COPY, reversals, distributions). Each line keeps
-- the running balances after it, so a page never sums the history; a per-campaign line number orders
-- the lines and is the keyset cursor. The donor's public label is NOT stored: it is read from
-- `donors` at read time (see docs/architecture/0002-public-ledger-lines.md).

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The same folding as the members service's name search: "Nguyễn Văn Đức" -> "nguyen van duc".
CREATE OR REPLACE FUNCTION rc_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(btrim(regexp_replace(
        translate(regexp_replace(normalize(value, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dD'),
        '\s+', ' ', 'g')))
$$;

-- What a distribution publishes beside its value (both optional).
ALTER TABLE distributions ADD COLUMN support_level text, ADD COLUMN decision_no text;

-- Per campaign: the last line number and the balances after it (updated under the ledger lock that
-- every writer already holds).
CREATE TABLE ledger_line_heads (
    campaign_id       uuid PRIMARY KEY REFERENCES ledgers (campaign_id),
    last_line_no      bigint      NOT NULL DEFAULT 0,
    cash_balance_vnd  bigint      NOT NULL DEFAULT 0,
    goods_balance_vnd bigint      NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_lines (
    id                uuid PRIMARY KEY,       -- the movement's own id (donation, reversal, distribution)
    campaign_id       uuid        NOT NULL REFERENCES ledgers (campaign_id),
    line_no           bigint      NOT NULL,
    movement          text        NOT NULL CHECK (movement IN
                          ('donation', 'donation_reversal', 'distribution', 'distribution_reversal')),
    direction         text        NOT NULL CHECK (direction IN ('in', 'out')),
    kind              text        NOT NULL,   -- cash, in_kind, blood (donations); cash, goods (distributions)
    on_date           date        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    amount_vnd        bigint      NOT NULL DEFAULT 0,  -- cash moved (absolute)
    value_vnd         bigint      NOT NULL DEFAULT 0,  -- value of goods moved (absolute)
    blood_units       integer     NOT NULL DEFAULT 0,
    cash_balance_vnd  bigint      NOT NULL,   -- after this line
    goods_balance_vnd bigint      NOT NULL,
    channel           text,
    receipt_no        bigint,                 -- the donation's (also on its reversal line)
    reference_rev     text        COLLATE "C", -- reversed, lower case: receipt or decision number
    bank_ref_rev      text        COLLATE "C", -- reversed, lower case: bank reference (searched, never shown)
    donation_id       uuid,                   -- the donation a donation line or its reversal is about
    distribution_id   uuid,
    donor_id          uuid,                   -- never published; the label is computed at read time
    publicly_named    boolean     NOT NULL DEFAULT false,
    name_key          text        COLLATE "C", -- rc_fold(name) while the donor consents; else NULL
    unit_id           uuid,                   -- receiving unit; for a distribution the beneficiary's unit
    beneficiary_kind  text,
    support_level     text,
    decision_no       text,
    note              text,                   -- raw; published only masked (rc_donations.domain.lines)
    items             jsonb,
    CONSTRAINT ledger_lines_no UNIQUE (campaign_id, line_no)
);
-- Filters, each with the line number last so a page is an index range in line order.
CREATE INDEX ledger_lines_date ON ledger_lines (campaign_id, on_date, line_no);
CREATE INDEX ledger_lines_amount ON ledger_lines (campaign_id, (amount_vnd + value_vnd), line_no);
CREATE INDEX ledger_lines_reference ON ledger_lines (campaign_id, reference_rev text_pattern_ops)
    WHERE reference_rev IS NOT NULL;
CREATE INDEX ledger_lines_bank_reference ON ledger_lines (campaign_id, bank_ref_rev text_pattern_ops)
    WHERE bank_ref_rev IS NOT NULL;
CREATE INDEX ledger_lines_name ON ledger_lines USING gin (name_key gin_trgm_ops) WHERE name_key IS NOT NULL;
CREATE INDEX ledger_lines_donor ON ledger_lines (donor_id) WHERE donor_id IS NOT NULL;

-- Cash and goods in and out per campaign and day (the page's chart reads a few rows, not the lines).
CREATE TABLE ledger_daily (
    campaign_id   uuid   NOT NULL,
    on_date       date   NOT NULL,
    cash_in_vnd   bigint NOT NULL DEFAULT 0,
    cash_out_vnd  bigint NOT NULL DEFAULT 0,
    goods_in_vnd  bigint NOT NULL DEFAULT 0,
    goods_out_vnd bigint NOT NULL DEFAULT 0,
    lines         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, on_date)
);

-- Takes `n` line numbers for each campaign in `deltas` (campaign, lines, cash delta, goods delta) and
-- returns, per campaign, the head before them.
CREATE FUNCTION ledger_lines_take(deltas jsonb) RETURNS TABLE (campaign_id uuid, first_no bigint,
    cash_before bigint, goods_before bigint) LANGUAGE sql AS $$
    WITH d AS (
        SELECT (x->>'campaign_id')::uuid AS campaign_id, (x->>'n')::bigint AS n,
               (x->>'cash')::bigint AS cash, (x->>'goods')::bigint AS goods
          FROM jsonb_array_elements(deltas) x
    ), h AS (
        INSERT INTO ledger_line_heads AS h (campaign_id, last_line_no, cash_balance_vnd, goods_balance_vnd)
        SELECT campaign_id, n, cash, goods FROM d
        ON CONFLICT (campaign_id) DO UPDATE SET
            last_line_no = h.last_line_no + excluded.last_line_no,
            cash_balance_vnd = h.cash_balance_vnd + excluded.cash_balance_vnd,
            goods_balance_vnd = h.goods_balance_vnd + excluded.goods_balance_vnd,
            updated_at = now()
        RETURNING h.campaign_id, h.last_line_no, h.cash_balance_vnd, h.goods_balance_vnd
    )
    SELECT h.campaign_id, h.last_line_no - d.n + 1, h.cash_balance_vnd - d.cash, h.goods_balance_vnd - d.goods
      FROM h JOIN d USING (campaign_id)
$$;

-- The lines of a statement's movements: `src` rows (id, campaign, ordering key, signed cash and goods
-- deltas, and the line's columns) become lines numbered in order with running balances.
CREATE FUNCTION ledger_lines_write(src jsonb) RETURNS void LANGUAGE sql AS $$
    WITH s AS (
        SELECT x.*, row_number() OVER w - 1 AS k,
               sum(x.cash_delta) OVER w AS cash_cum, sum(x.goods_delta) OVER w AS goods_cum
          FROM jsonb_to_recordset(src) AS x(id uuid, campaign_id uuid, ord bigint, cash_delta bigint,
               goods_delta bigint, movement text, direction text, kind text, on_date date, amount_vnd bigint,
               value_vnd bigint, blood_units integer, channel text, receipt_no bigint, reference_rev text, bank_ref_rev text,
               donation_id uuid, distribution_id uuid, donor_id uuid, publicly_named boolean, name_key text,
               unit_id uuid, beneficiary_kind text, support_level text, decision_no text, note text, items jsonb)
        WINDOW w AS (PARTITION BY x.campaign_id ORDER BY x.ord, x.id ROWS UNBOUNDED PRECEDING)
    ), heads AS (
        SELECT * FROM ledger_lines_take((
            SELECT jsonb_agg(jsonb_build_object('campaign_id', campaign_id, 'n', n, 'cash', cash, 'goods', goods))
              FROM (SELECT campaign_id, count(*) AS n, sum(cash_delta) AS cash, sum(goods_delta) AS goods
                      FROM s GROUP BY 1) t))
    ), daily AS (
        INSERT INTO ledger_daily AS g (campaign_id, on_date, cash_in_vnd, cash_out_vnd, goods_in_vnd, goods_out_vnd,
                                       lines)
        SELECT campaign_id, on_date,
               coalesce(sum(amount_vnd) FILTER (WHERE direction = 'in'), 0),
               coalesce(sum(amount_vnd) FILTER (WHERE direction = 'out'), 0),
               coalesce(sum(value_vnd) FILTER (WHERE direction = 'in'), 0),
               coalesce(sum(value_vnd) FILTER (WHERE direction = 'out'), 0), count(*)
          FROM s GROUP BY 1, 2
        ON CONFLICT (campaign_id, on_date) DO UPDATE SET
            cash_in_vnd = g.cash_in_vnd + excluded.cash_in_vnd, cash_out_vnd = g.cash_out_vnd + excluded.cash_out_vnd,
            goods_in_vnd = g.goods_in_vnd + excluded.goods_in_vnd,
            goods_out_vnd = g.goods_out_vnd + excluded.goods_out_vnd, lines = g.lines + excluded.lines
    )
    INSERT INTO ledger_lines (id, campaign_id, line_no, movement, direction, kind, on_date, amount_vnd, value_vnd,
        blood_units, cash_balance_vnd, goods_balance_vnd, channel, receipt_no, reference_rev, bank_ref_rev, donation_id,
        distribution_id, donor_id, publicly_named, name_key, unit_id, beneficiary_kind, support_level,
        decision_no, note, items)
    SELECT s.id, s.campaign_id, h.first_no + s.k, s.movement, s.direction, s.kind, s.on_date, s.amount_vnd,
           s.value_vnd, coalesce(s.blood_units, 0), h.cash_before + s.cash_cum, h.goods_before + s.goods_cum,
           s.channel, s.receipt_no, s.reference_rev, s.bank_ref_rev, s.donation_id, s.distribution_id, s.donor_id,
           coalesce(s.publicly_named, false), s.name_key, s.unit_id, s.beneficiary_kind, s.support_level,
           s.decision_no, s.note, s.items
      FROM s JOIN heads h USING (campaign_id)
$$;

-- The searchable reference of a donation: its printed receipt number (TNA-2026-000042), reversed: a
-- suffix search is a prefix search on the reversed text, an index range.
CREATE FUNCTION ledger_reference_rev(code text, receipt_no bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT reverse(lower(code || '-' || lpad(receipt_no::text, greatest(6, length(receipt_no::text)), '0')))
$$;

CREATE FUNCTION ledger_lines_donations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_lines_write((
        SELECT jsonb_agg(jsonb_build_object(
            'id', d.id, 'campaign_id', d.campaign_id, 'ord', d.receipt_no,
            'cash_delta', CASE WHEN d.kind = 'cash' THEN d.amount_vnd ELSE 0 END,
            'goods_delta', CASE WHEN d.kind = 'in_kind' THEN d.value_vnd ELSE 0 END,
            'movement', 'donation', 'direction', 'in', 'kind', d.kind, 'on_date', d.received_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'blood_units', d.blood_units,
            'channel', d.channel, 'receipt_no', d.receipt_no,
            'reference_rev', ledger_reference_rev(l.code, d.receipt_no),
            'bank_ref_rev', reverse(lower(d.bank_reference)),
            'donation_id', d.id, 'donor_id', d.donor_id, 'publicly_named', d.publicly_named,
            'name_key', CASE WHEN d.publicly_named AND o.consent_to_be_named AND o.erased_at IS NULL
                             THEN rc_fold(o.name) END,
            'unit_id', d.unit_id, 'note', d.description, 'items', d.items))
          FROM new_rows d JOIN ledgers l USING (campaign_id) LEFT JOIN donors o ON o.id = d.donor_id))
    WHERE EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION ledger_lines_donation_reversals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_lines_write((
        SELECT jsonb_agg(jsonb_build_object(
            'id', r.id, 'campaign_id', r.campaign_id, 'ord', d.receipt_no,
            'cash_delta', CASE WHEN d.kind = 'cash' THEN -d.amount_vnd ELSE 0 END,
            'goods_delta', CASE WHEN d.kind = 'in_kind' THEN -d.value_vnd ELSE 0 END,
            'movement', 'donation_reversal', 'direction', 'out', 'kind', d.kind, 'on_date', r.reversed_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'blood_units', d.blood_units,
            'channel', d.channel, 'receipt_no', d.receipt_no,
            'reference_rev', ledger_reference_rev(l.code, d.receipt_no),
            'bank_ref_rev', reverse(lower(d.bank_reference)),
            'donation_id', d.id, 'donor_id', d.donor_id, 'publicly_named', d.publicly_named,
            'name_key', CASE WHEN d.publicly_named AND o.consent_to_be_named AND o.erased_at IS NULL
                             THEN rc_fold(o.name) END,
            'unit_id', d.unit_id, 'note', r.reason, 'items', d.items))
          FROM new_rows r JOIN donations d ON d.id = r.donation_id JOIN ledgers l ON l.campaign_id = d.campaign_id
          LEFT JOIN donors o ON o.id = d.donor_id))
    WHERE EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION ledger_lines_distributions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_lines_write((
        SELECT jsonb_agg(jsonb_build_object(
            'id', d.id, 'campaign_id', d.campaign_id, 'ord', 0,
            'cash_delta', -d.amount_vnd, 'goods_delta', -d.value_vnd,
            'movement', 'distribution', 'direction', 'out', 'kind', d.kind, 'on_date', d.distributed_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'distribution_id', d.id,
            'reference_rev', CASE WHEN d.decision_no IS NOT NULL THEN reverse(lower(d.decision_no)) END,
            'unit_id', b.unit_id, 'beneficiary_kind', b.kind, 'support_level', d.support_level,
            'decision_no', d.decision_no, 'note', d.description))
          FROM new_rows d LEFT JOIN beneficiaries b ON b.id = d.beneficiary_id))
    WHERE EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION ledger_lines_distribution_reversals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_lines_write((
        SELECT jsonb_agg(jsonb_build_object(
            'id', r.id, 'campaign_id', r.campaign_id, 'ord', 0,
            'cash_delta', d.amount_vnd, 'goods_delta', d.value_vnd,
            'movement', 'distribution_reversal', 'direction', 'in', 'kind', d.kind, 'on_date', r.reversed_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'distribution_id', d.id,
            'reference_rev', CASE WHEN d.decision_no IS NOT NULL THEN reverse(lower(d.decision_no)) END,
            'unit_id', b.unit_id, 'beneficiary_kind', b.kind, 'support_level', d.support_level,
            'decision_no', d.decision_no, 'note', r.reason))
          FROM new_rows r JOIN distributions d ON d.id = r.distribution_id
          LEFT JOIN beneficiaries b ON b.id = d.beneficiary_id))
    WHERE EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;

-- Consent given again, withdrawn, or the donor erased: the searchable name follows at once (same
-- transaction). The label itself is computed from `donors` at read time.
CREATE FUNCTION ledger_lines_donor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_lines SET name_key = CASE WHEN NEW.consent_to_be_named AND NEW.erased_at IS NULL
                                            THEN rc_fold(NEW.name) END
     WHERE donor_id = NEW.id AND publicly_named
       AND name_key IS DISTINCT FROM CASE WHEN NEW.consent_to_be_named AND NEW.erased_at IS NULL
                                          THEN rc_fold(NEW.name) END;
    RETURN NULL;
END $$;

CREATE TRIGGER donations_ledger_lines AFTER INSERT ON donations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_donations();
CREATE TRIGGER donation_reversals_ledger_lines AFTER INSERT ON donation_reversals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_donation_reversals();
CREATE TRIGGER distributions_ledger_lines AFTER INSERT ON distributions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_distributions();
CREATE TRIGGER distribution_reversals_ledger_lines AFTER INSERT ON distribution_reversals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_distribution_reversals();
CREATE TRIGGER donors_ledger_lines AFTER UPDATE OF name, consent_to_be_named, erased_at ON donors
    FOR EACH ROW EXECUTE FUNCTION ledger_lines_donor_changed();

-- Backfill: the movements already recorded, in the order they were recorded.
SELECT ledger_lines_write((
    SELECT jsonb_agg(x || jsonb_build_object('ord', n)) FROM (
    SELECT x, row_number() OVER (ORDER BY (x->>'at')::timestamptz, x->>'movement', (x->>'receipt_no')::bigint) AS n
      FROM (
        SELECT jsonb_build_object(
            'at', d.created_at, 'id', d.id, 'campaign_id', d.campaign_id, 'ord', 0,
            'cash_delta', CASE WHEN d.kind = 'cash' THEN d.amount_vnd ELSE 0 END,
            'goods_delta', CASE WHEN d.kind = 'in_kind' THEN d.value_vnd ELSE 0 END,
            'movement', 'donation', 'direction', 'in', 'kind', d.kind, 'on_date', d.received_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'blood_units', d.blood_units,
            'channel', d.channel, 'receipt_no', d.receipt_no,
            'reference_rev', ledger_reference_rev(l.code, d.receipt_no),
            'bank_ref_rev', reverse(lower(d.bank_reference)),
            'donation_id', d.id, 'donor_id', d.donor_id, 'publicly_named', d.publicly_named,
            'name_key', CASE WHEN d.publicly_named AND o.consent_to_be_named AND o.erased_at IS NULL
                             THEN rc_fold(o.name) END,
            'unit_id', d.unit_id, 'note', d.description, 'items', d.items) AS x
          FROM donations d JOIN ledgers l USING (campaign_id) LEFT JOIN donors o ON o.id = d.donor_id
        UNION ALL
        SELECT jsonb_build_object(
            'at', r.created_at, 'id', r.id, 'campaign_id', r.campaign_id, 'ord', 1,
            'cash_delta', CASE WHEN d.kind = 'cash' THEN -d.amount_vnd ELSE 0 END,
            'goods_delta', CASE WHEN d.kind = 'in_kind' THEN -d.value_vnd ELSE 0 END,
            'movement', 'donation_reversal', 'direction', 'out', 'kind', d.kind, 'on_date', r.reversed_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'blood_units', d.blood_units,
            'channel', d.channel, 'receipt_no', d.receipt_no,
            'reference_rev', ledger_reference_rev(l.code, d.receipt_no),
            'bank_ref_rev', reverse(lower(d.bank_reference)),
            'donation_id', d.id, 'donor_id', d.donor_id, 'publicly_named', d.publicly_named,
            'name_key', CASE WHEN d.publicly_named AND o.consent_to_be_named AND o.erased_at IS NULL
                             THEN rc_fold(o.name) END,
            'unit_id', d.unit_id, 'note', r.reason, 'items', d.items)
          FROM donation_reversals r JOIN donations d ON d.id = r.donation_id
          JOIN ledgers l ON l.campaign_id = d.campaign_id LEFT JOIN donors o ON o.id = d.donor_id
        UNION ALL
        SELECT jsonb_build_object(
            'at', d.created_at, 'id', d.id, 'campaign_id', d.campaign_id, 'ord', 2,
            'cash_delta', -d.amount_vnd, 'goods_delta', -d.value_vnd,
            'movement', 'distribution', 'direction', 'out', 'kind', d.kind, 'on_date', d.distributed_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'distribution_id', d.id,
            'unit_id', b.unit_id, 'beneficiary_kind', b.kind, 'note', d.description)
          FROM distributions d LEFT JOIN beneficiaries b ON b.id = d.beneficiary_id
        UNION ALL
        SELECT jsonb_build_object(
            'at', r.created_at, 'id', r.id, 'campaign_id', r.campaign_id, 'ord', 3,
            'cash_delta', d.amount_vnd, 'goods_delta', d.value_vnd,
            'movement', 'distribution_reversal', 'direction', 'in', 'kind', d.kind, 'on_date', r.reversed_on,
            'amount_vnd', d.amount_vnd, 'value_vnd', d.value_vnd, 'distribution_id', d.id,
            'unit_id', b.unit_id, 'beneficiary_kind', b.kind, 'note', r.reason)
          FROM distribution_reversals r JOIN distributions d ON d.id = r.distribution_id
          LEFT JOIN beneficiaries b ON b.id = d.beneficiary_id
    ) u) t))
WHERE EXISTS (SELECT 1 FROM donations) OR EXISTS (SELECT 1 FROM distributions);

-- Unit names (public organisational data, from members.units) for the page's communes.
CREATE TABLE unit_names (
    unit_id uuid PRIMARY KEY,
    code    text,
    name    text NOT NULL
);
