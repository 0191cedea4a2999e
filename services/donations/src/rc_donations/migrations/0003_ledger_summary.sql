-- The ledger summary without a scan: counters kept in the same transaction as the writes, by
-- statement-level triggers with transition tables on donations and donation_reversals. They fire
-- once per statement (a single insert, a group commit's multi-row insert, the statement import's
-- bulk insert or a COPY alike) and apply the whole statement's rows set-based.
-- Donations and reversals are never updated in the counted columns nor deleted (erasure clears the
-- donor row, not the donation), so inserts are the only changes to count.

-- Per campaign: live (not reversed) donations by kind, reversals, anonymous gifts, identified donors.
CREATE TABLE ledger_summaries (
    campaign_id        uuid PRIMARY KEY REFERENCES ledgers (campaign_id),
    donations          bigint NOT NULL DEFAULT 0 CHECK (donations >= 0),
    cash_donations     bigint NOT NULL DEFAULT 0 CHECK (cash_donations >= 0),
    in_kind_donations  bigint NOT NULL DEFAULT 0 CHECK (in_kind_donations >= 0),
    blood_donations    bigint NOT NULL DEFAULT 0 CHECK (blood_donations >= 0),
    reversals          bigint NOT NULL DEFAULT 0 CHECK (reversals >= 0),
    anonymous_gifts    bigint NOT NULL DEFAULT 0 CHECK (anonymous_gifts >= 0),
    identified_donors  bigint NOT NULL DEFAULT 0 CHECK (identified_donors >= 0)
);

-- An identified donor counts once per campaign while they have a live gift there (0→1: +1, →0: -1).
CREATE TABLE ledger_donors (
    campaign_id uuid   NOT NULL,
    donor_id    uuid   NOT NULL,
    live_gifts  bigint NOT NULL CHECK (live_gifts >= 0),
    PRIMARY KEY (campaign_id, donor_id)
);

-- Soft credits (who mobilised a gift) per campaign, live gifts only; the top query reads the index.
CREATE TABLE ledger_soft_credits (
    campaign_id        uuid   NOT NULL,
    credited_unit_id   uuid,
    credited_person_id uuid,
    donations          bigint NOT NULL CHECK (donations >= 0),
    amount_vnd         bigint NOT NULL,
    value_vnd          bigint NOT NULL,
    blood_units        bigint NOT NULL,
    CONSTRAINT ledger_soft_credits_key UNIQUE NULLS NOT DISTINCT (campaign_id, credited_unit_id, credited_person_id)
);
CREATE INDEX ledger_soft_credits_top ON ledger_soft_credits
    (campaign_id, (amount_vnd + value_vnd) DESC, credited_unit_id, credited_person_id) WHERE donations > 0;

-- What has been paid towards a pledge (live payments only).
ALTER TABLE pledges ADD COLUMN paid_vnd bigint NOT NULL DEFAULT 0;

-- The change set differs (sign +1 for recorded donations, -1 for reversed ones); the counters'
-- arithmetic is the same.
CREATE FUNCTION ledger_summary_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH c AS (
        SELECT campaign_id, kind, donor_id, credited_unit_id, credited_person_id, pledge_id,
               amount_vnd, value_vnd, blood_units::bigint AS blood_units, 1 AS sign, 0 AS reversed
          FROM new_rows
    ), donor_delta AS (
        SELECT campaign_id, donor_id, sum(sign) AS delta FROM c WHERE donor_id IS NOT NULL GROUP BY 1, 2
    ), donors AS (
        INSERT INTO ledger_donors AS x (campaign_id, donor_id, live_gifts)
        SELECT campaign_id, donor_id, delta FROM donor_delta
        ON CONFLICT (campaign_id, donor_id) DO UPDATE SET live_gifts = x.live_gifts + excluded.live_gifts
        RETURNING x.campaign_id, x.donor_id, x.live_gifts
    ), donor_change AS (
        SELECT d.campaign_id, sum(CASE WHEN d.live_gifts = dd.delta THEN 1 ELSE 0 END) AS n
          FROM donors d JOIN donor_delta dd USING (campaign_id, donor_id) GROUP BY 1
    ), soft AS (
        INSERT INTO ledger_soft_credits AS s
            (campaign_id, credited_unit_id, credited_person_id, donations, amount_vnd, value_vnd, blood_units)
        SELECT campaign_id, credited_unit_id, credited_person_id, sum(sign), sum(sign * amount_vnd),
               sum(sign * value_vnd), sum(sign * blood_units)
          FROM c WHERE credited_unit_id IS NOT NULL OR credited_person_id IS NOT NULL GROUP BY 1, 2, 3
        ON CONFLICT (campaign_id, credited_unit_id, credited_person_id) DO UPDATE SET
            donations = s.donations + excluded.donations, amount_vnd = s.amount_vnd + excluded.amount_vnd,
            value_vnd = s.value_vnd + excluded.value_vnd, blood_units = s.blood_units + excluded.blood_units
    ), paid AS (
        UPDATE pledges p SET paid_vnd = p.paid_vnd + x.paid
          FROM (SELECT pledge_id, sum(sign * amount_vnd) AS paid FROM c WHERE pledge_id IS NOT NULL GROUP BY 1) x
         WHERE p.id = x.pledge_id
    )
    INSERT INTO ledger_summaries AS s (campaign_id, donations, cash_donations, in_kind_donations,
                                       blood_donations, reversals, anonymous_gifts, identified_donors)
    SELECT a.campaign_id, a.n, a.cash, a.in_kind, a.blood, a.reversed, a.anonymous, coalesce(dc.n, 0)
      FROM (SELECT campaign_id, sum(sign) AS n,
                   coalesce(sum(sign) FILTER (WHERE kind = 'cash'), 0) AS cash,
                   coalesce(sum(sign) FILTER (WHERE kind = 'in_kind'), 0) AS in_kind,
                   coalesce(sum(sign) FILTER (WHERE kind = 'blood'), 0) AS blood,
                   sum(reversed) AS reversed,
                   coalesce(sum(sign) FILTER (WHERE donor_id IS NULL), 0) AS anonymous
              FROM c GROUP BY 1) a
      LEFT JOIN donor_change dc USING (campaign_id)
    ON CONFLICT (campaign_id) DO UPDATE SET
        donations = s.donations + excluded.donations,
        cash_donations = s.cash_donations + excluded.cash_donations,
        in_kind_donations = s.in_kind_donations + excluded.in_kind_donations,
        blood_donations = s.blood_donations + excluded.blood_donations,
        reversals = s.reversals + excluded.reversals,
        anonymous_gifts = s.anonymous_gifts + excluded.anonymous_gifts,
        identified_donors = s.identified_donors + excluded.identified_donors;
    RETURN NULL;
END $$;

CREATE FUNCTION ledger_summary_reversed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH c AS (
        SELECT d.campaign_id, d.kind, d.donor_id, d.credited_unit_id, d.credited_person_id, d.pledge_id,
               d.amount_vnd, d.value_vnd, d.blood_units::bigint AS blood_units, -1 AS sign, 1 AS reversed
          FROM new_rows r JOIN donations d ON d.id = r.donation_id
    ), donor_delta AS (
        SELECT campaign_id, donor_id, sum(sign) AS delta FROM c WHERE donor_id IS NOT NULL GROUP BY 1, 2
    ), donors AS (
        UPDATE ledger_donors x SET live_gifts = x.live_gifts + dd.delta
          FROM donor_delta dd WHERE x.campaign_id = dd.campaign_id AND x.donor_id = dd.donor_id
        RETURNING x.campaign_id, x.live_gifts
    ), donor_change AS (
        SELECT campaign_id, -count(*) AS n FROM donors WHERE live_gifts = 0 GROUP BY 1
    ), soft AS (
        UPDATE ledger_soft_credits s SET donations = s.donations + x.n, amount_vnd = s.amount_vnd + x.amount_vnd,
               value_vnd = s.value_vnd + x.value_vnd, blood_units = s.blood_units + x.blood_units
          FROM (SELECT campaign_id, credited_unit_id, credited_person_id, sum(sign) AS n,
                       sum(sign * amount_vnd) AS amount_vnd, sum(sign * value_vnd) AS value_vnd,
                       sum(sign * blood_units) AS blood_units
                  FROM c WHERE credited_unit_id IS NOT NULL OR credited_person_id IS NOT NULL GROUP BY 1, 2, 3) x
         WHERE s.campaign_id = x.campaign_id
           AND s.credited_unit_id IS NOT DISTINCT FROM x.credited_unit_id
           AND s.credited_person_id IS NOT DISTINCT FROM x.credited_person_id
    ), paid AS (
        UPDATE pledges p SET paid_vnd = p.paid_vnd + x.paid
          FROM (SELECT pledge_id, sum(sign * amount_vnd) AS paid FROM c WHERE pledge_id IS NOT NULL GROUP BY 1) x
         WHERE p.id = x.pledge_id
    )
    UPDATE ledger_summaries s SET  -- the row exists: its donations were counted (a CHECK refuses an insert)
        donations = s.donations + a.n, cash_donations = s.cash_donations + a.cash,
        in_kind_donations = s.in_kind_donations + a.in_kind, blood_donations = s.blood_donations + a.blood,
        reversals = s.reversals + a.reversed, anonymous_gifts = s.anonymous_gifts + a.anonymous,
        identified_donors = s.identified_donors + coalesce(dc.n, 0)
      FROM (SELECT campaign_id, sum(sign) AS n,
                   coalesce(sum(sign) FILTER (WHERE kind = 'cash'), 0) AS cash,
                   coalesce(sum(sign) FILTER (WHERE kind = 'in_kind'), 0) AS in_kind,
                   coalesce(sum(sign) FILTER (WHERE kind = 'blood'), 0) AS blood,
                   sum(reversed) AS reversed,
                   coalesce(sum(sign) FILTER (WHERE donor_id IS NULL), 0) AS anonymous
              FROM c GROUP BY 1) a
      LEFT JOIN donor_change dc USING (campaign_id)
     WHERE s.campaign_id = a.campaign_id;
    RETURN NULL;
END $$;

CREATE TRIGGER donations_ledger_summary AFTER INSERT ON donations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_summary_recorded();
CREATE TRIGGER donation_reversals_ledger_summary AFTER INSERT ON donation_reversals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_summary_reversed();

-- Backfill from the rows already there (the migration runs in one transaction).
INSERT INTO ledger_donors (campaign_id, donor_id, live_gifts)
SELECT d.campaign_id, d.donor_id, count(*) FILTER (WHERE r.id IS NULL)
  FROM donations d LEFT JOIN donation_reversals r ON r.donation_id = d.id
 WHERE d.donor_id IS NOT NULL GROUP BY 1, 2;

INSERT INTO ledger_soft_credits
    (campaign_id, credited_unit_id, credited_person_id, donations, amount_vnd, value_vnd, blood_units)
SELECT d.campaign_id, d.credited_unit_id, d.credited_person_id, count(*),
       coalesce(sum(d.amount_vnd), 0), coalesce(sum(d.value_vnd), 0), coalesce(sum(d.blood_units), 0)
  FROM donations d
 WHERE (d.credited_unit_id IS NOT NULL OR d.credited_person_id IS NOT NULL)
   AND NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id)
 GROUP BY 1, 2, 3;

UPDATE pledges p SET paid_vnd = x.paid
  FROM (SELECT d.pledge_id, sum(d.amount_vnd) AS paid FROM donations d
         WHERE d.pledge_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id)
         GROUP BY 1) x
 WHERE p.id = x.pledge_id;

INSERT INTO ledger_summaries (campaign_id, donations, cash_donations, in_kind_donations, blood_donations,
                              reversals, anonymous_gifts, identified_donors)
SELECT l.campaign_id,
       count(d.id) FILTER (WHERE d.live),
       count(d.id) FILTER (WHERE d.live AND d.kind = 'cash'),
       count(d.id) FILTER (WHERE d.live AND d.kind = 'in_kind'),
       count(d.id) FILTER (WHERE d.live AND d.kind = 'blood'),
       count(d.id) FILTER (WHERE NOT d.live),
       count(d.id) FILTER (WHERE d.live AND d.donor_id IS NULL),
       (SELECT count(*) FROM ledger_donors x WHERE x.campaign_id = l.campaign_id AND x.live_gifts > 0)
  FROM ledgers l
  LEFT JOIN (SELECT d.id, d.campaign_id, d.kind, d.donor_id, r.id IS NULL AS live
               FROM donations d LEFT JOIN donation_reversals r ON r.donation_id = d.id) d
    ON d.campaign_id = l.campaign_id
 GROUP BY l.campaign_id;
