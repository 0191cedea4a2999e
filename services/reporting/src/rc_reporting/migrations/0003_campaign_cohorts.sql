-- Read models of the campaign reports that do not scan the donations (issue 7).
--
-- A donation counts "as of" d when received_on <= d < reversed_on (reversed_on 'infinity': never
-- reversed). Donations with the same campaign, received_on and reversed_on form a *cohort*; the
-- projection keeps each cohort's sums, so a report as of d sums the cohorts with
-- received_on <= d < reversed_on: a few rows per day of the campaign, never one per donation.
-- Every write of rpt_campaign_donations applies the difference between the row's contribution
-- after and before it, in the same statement (adapters/campaign_projection.py), so the cohorts
-- always equal an aggregation of the donation rows, whatever the arrival order of the events.
--
-- Distinct donors: an identified donor counts as of d when one of their gifts to the campaign
-- counts on d. The union of a donor's gift intervals [received_on, reversed_on) is kept as
-- spans (rpt_campaign_donor_spans), and each span adds one to ``donors`` of the cohort with the
-- span's bounds; each anonymous gift adds one to the cohort of its own dates.

-- Version of each campaign's projected facts: a fresh sequence value whenever anything of the
-- campaign is projected (the HTTP ETag of its public answers). Never reset (not even by a rebuild),
-- so an ETag is never reused for different figures.
CREATE SEQUENCE IF NOT EXISTS rpt_campaign_version;
ALTER TABLE rpt_campaigns ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT nextval('rpt_campaign_version');

CREATE TABLE IF NOT EXISTS rpt_campaign_cohorts (
    campaign_id  uuid NOT NULL,
    received_on  date NOT NULL,
    reversed_on  date NOT NULL,          -- 'infinity': not reversed
    donations    bigint NOT NULL DEFAULT 0,
    cash_vnd     bigint NOT NULL DEFAULT 0,
    in_kind_vnd  bigint NOT NULL DEFAULT 0,
    blood_units  bigint NOT NULL DEFAULT 0,
    donors       bigint NOT NULL DEFAULT 0,  -- donor spans starting/ending here + anonymous gifts
    PRIMARY KEY (campaign_id, received_on, reversed_on)
);

-- Per receiving unit (raised figures) and per soft-credited unit (credited figures).
CREATE TABLE IF NOT EXISTS rpt_campaign_unit_cohorts (
    unit_id             uuid NOT NULL,
    received_on         date NOT NULL,
    campaign_id         uuid NOT NULL,
    reversed_on         date NOT NULL,
    donations           bigint NOT NULL DEFAULT 0,
    cash_vnd            bigint NOT NULL DEFAULT 0,
    in_kind_vnd         bigint NOT NULL DEFAULT 0,
    blood_units         bigint NOT NULL DEFAULT 0,
    credited_donations  bigint NOT NULL DEFAULT 0,
    credited_cash_vnd   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, received_on, campaign_id, reversed_on)
);

-- Cash paid against each pledge.
CREATE TABLE IF NOT EXISTS rpt_campaign_pledge_cohorts (
    campaign_id  uuid NOT NULL,
    pledge_id    uuid NOT NULL,
    received_on  date NOT NULL,
    reversed_on  date NOT NULL,
    paid_vnd     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, pledge_id, received_on, reversed_on)
);

-- The maximal intervals in which an identified donor has a gift counting, per campaign.
CREATE TABLE IF NOT EXISTS rpt_campaign_donor_spans (
    campaign_id  uuid NOT NULL,
    donor_id     uuid NOT NULL,
    received_on  date NOT NULL,
    reversed_on  date NOT NULL
);
CREATE INDEX IF NOT EXISTS rpt_campaign_donor_spans_donor ON rpt_campaign_donor_spans (campaign_id, donor_id);

-- The donation rows are now read by donor only (to recompute spans); the report indexes go.
DROP INDEX IF EXISTS rpt_campaign_donations_campaign;
DROP INDEX IF EXISTS rpt_campaign_donations_unit;
DROP INDEX IF EXISTS rpt_campaign_donations_credited;
DROP INDEX IF EXISTS rpt_campaign_donations_pledge;
CREATE INDEX IF NOT EXISTS rpt_campaign_donations_donor ON rpt_campaign_donations (campaign_id, donor_id);
-- A beneficiary's campaigns (their people_reached changes with its household size).
CREATE INDEX IF NOT EXISTS rpt_campaign_distributions_beneficiary ON rpt_campaign_distributions (beneficiary_id);

-- Backfill from the rows already projected.
INSERT INTO rpt_campaign_cohorts (campaign_id, received_on, reversed_on, donations, cash_vnd, in_kind_vnd, blood_units,
                                  donors)
SELECT campaign_id, received_on, coalesce(reversed_on, 'infinity'), count(*), sum(amount_vnd), sum(value_vnd),
       sum(blood_units), count(*) FILTER (WHERE donor_id IS NULL)
FROM rpt_campaign_donations WHERE received_on IS NOT NULL
GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;

INSERT INTO rpt_campaign_unit_cohorts (unit_id, received_on, campaign_id, reversed_on, donations, cash_vnd, in_kind_vnd,
                                       blood_units, credited_donations, credited_cash_vnd)
SELECT unit_id, received_on, campaign_id, reversed_on, sum(donations), sum(cash_vnd), sum(in_kind_vnd),
       sum(blood_units), sum(credited_donations), sum(credited_cash_vnd)
FROM (
    SELECT unit_id, received_on, campaign_id, coalesce(reversed_on, 'infinity') AS reversed_on, 1 AS donations,
           amount_vnd AS cash_vnd, value_vnd AS in_kind_vnd, blood_units, 0 AS credited_donations,
           0 AS credited_cash_vnd
    FROM rpt_campaign_donations WHERE received_on IS NOT NULL
    UNION ALL
    SELECT credited_unit_id, received_on, campaign_id, coalesce(reversed_on, 'infinity'), 0, 0, 0, 0, 1, amount_vnd
    FROM rpt_campaign_donations WHERE received_on IS NOT NULL AND credited_unit_id IS NOT NULL
) m
GROUP BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;

INSERT INTO rpt_campaign_pledge_cohorts (campaign_id, pledge_id, received_on, reversed_on, paid_vnd)
SELECT campaign_id, pledge_id, received_on, coalesce(reversed_on, 'infinity'), sum(amount_vnd)
FROM rpt_campaign_donations WHERE received_on IS NOT NULL AND pledge_id IS NOT NULL
GROUP BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;

INSERT INTO rpt_campaign_donor_spans (campaign_id, donor_id, received_on, reversed_on)
SELECT campaign_id, donor_id, min(s), max(e)
FROM (
    SELECT *, count(*) FILTER (WHERE starts) OVER (PARTITION BY campaign_id, donor_id ORDER BY s, e ROWS UNBOUNDED PRECEDING)
              AS island
    FROM (
        SELECT *, coalesce(s > max(e) OVER (PARTITION BY campaign_id, donor_id ORDER BY s, e
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), true) AS starts
        FROM (SELECT campaign_id, donor_id, received_on AS s, coalesce(reversed_on, 'infinity') AS e
              FROM rpt_campaign_donations
              WHERE received_on IS NOT NULL AND donor_id IS NOT NULL
                AND coalesce(reversed_on, 'infinity') > received_on) g
    ) m
) i
GROUP BY campaign_id, donor_id, island;

INSERT INTO rpt_campaign_cohorts AS c (campaign_id, received_on, reversed_on, donors)
SELECT campaign_id, received_on, reversed_on, count(*) FROM rpt_campaign_donor_spans GROUP BY 1, 2, 3
ON CONFLICT (campaign_id, received_on, reversed_on) DO UPDATE SET donors = c.donors + EXCLUDED.donors;
