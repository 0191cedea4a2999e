"""Read queries of the campaign reports: one SQL statement per report.

A fact "counts as of" ``$as_of`` (NULL: no date limit) when its own date is on or before it and it
was not reversed on or before it (see ``rc_reporting.domain.campaigns``). Donations are read from
their cohorts (migration 0003: sums per campaign or unit, receipt date and reversal date), so no
report reads the donation rows: its cost grows with the days of a campaign, not its donations.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

import asyncpg

from rc_reporting.adapters.reports import SHOWN_CTES, tclo_cte
from rc_reporting.domain.campaigns import MAX_BUCKETS
from rc_shared import clock

_INF = "coalesce($2::date, 'infinity'::date)"


def _counted(alias: str, on: str, as_of: str = _INF) -> str:
    return f"{alias}.{on} <= {as_of} AND ({alias}.reversed_on IS NULL OR {alias}.reversed_on > {as_of})"


def _cohort_counted(alias: str, as_of: str = _INF) -> str:
    """A cohort counts on its receipt date until its reversal date ('infinity': never reversed)."""
    return (
        f"{alias}.received_on <= {as_of} AND ({alias}.reversed_on = 'infinity'::date OR {alias}.reversed_on > {as_of})"
    )


def _campaigns_sql(where: str) -> str:
    """Figures of the campaigns matching ``where`` (on alias ``c``); $2 is as_of."""
    return f"""
WITH cs AS MATERIALIZED (SELECT * FROM rpt_campaigns c WHERE {where}),
don AS (
    SELECT k.campaign_id, sum(k.donations) AS donations,
           sum(k.cash_vnd) AS cash_raised_vnd, sum(k.in_kind_vnd) AS in_kind_value_vnd,
           sum(k.blood_units) AS blood_units, sum(k.donors) AS donors
    FROM cs JOIN rpt_campaign_cohorts k USING (campaign_id)
    WHERE {_cohort_counted("k")}
    GROUP BY k.campaign_id
),
paid AS (
    SELECT k.campaign_id, k.pledge_id, sum(k.paid_vnd) AS paid
    FROM cs JOIN rpt_campaign_pledge_cohorts k USING (campaign_id)
    WHERE {_cohort_counted("k")}
    GROUP BY k.campaign_id, k.pledge_id
),
plg AS (
    SELECT p.campaign_id, sum(p.amount_vnd) AS pledged_vnd,
           sum(least(p.amount_vnd, coalesce(x.paid, 0))) AS pledge_paid_vnd
    FROM cs JOIN rpt_campaign_pledges p USING (campaign_id) LEFT JOIN paid x USING (campaign_id, pledge_id)
    WHERE p.recorded_on <= {_INF}
    GROUP BY p.campaign_id
),
dst AS MATERIALIZED (
    SELECT t.* FROM cs JOIN rpt_campaign_distributions t USING (campaign_id)
    WHERE {_counted("t", "distributed_on")}
),
dis AS (
    SELECT campaign_id,
           sum(amount_vnd) FILTER (WHERE kind = 'cash') AS distributed_cash_vnd,
           sum(value_vnd) FILTER (WHERE kind = 'goods') AS distributed_goods_vnd,
           count(DISTINCT beneficiary_id) AS beneficiaries_reached
    FROM dst GROUP BY campaign_id
),
ppl AS (
    SELECT r.campaign_id, sum(coalesce(b.household_size, 1)) AS people_reached
    FROM (SELECT DISTINCT campaign_id, beneficiary_id FROM dst) r
    LEFT JOIN rpt_beneficiaries b USING (beneficiary_id)
    GROUP BY r.campaign_id
),
ben AS (
    -- registered for the campaign, or enrolled in it after a registration for another (from that day)
    SELECT x.campaign_id,
           count(*) FILTER (WHERE b.kind IS NOT NULL AND coalesce(x.enrolled_on, b.registered_on) <= {_INF})
               AS beneficiaries_registered,
           count(*) FILTER (WHERE b.verified_on <= {_INF} AND (x.enrolled_on IS NULL OR x.enrolled_on <= {_INF}))
               AS beneficiaries_verified
    FROM cs JOIN (SELECT beneficiary_id, campaign_id, NULL::date AS enrolled_on FROM rpt_beneficiaries
                  UNION ALL SELECT beneficiary_id, campaign_id, enrolled_on FROM rpt_beneficiary_campaigns) x
            USING (campaign_id)
    JOIN rpt_beneficiaries b USING (beneficiary_id)
    GROUP BY x.campaign_id
),
rch AS (
    SELECT r.campaign_id,
           jsonb_agg(jsonb_build_object('target', r.target, 'reached_at', r.reached_at)
                     ORDER BY r.reached_at, r.target) AS targets_reached
    FROM cs JOIN rpt_campaign_targets_reached r USING (campaign_id)
    WHERE r.reached_on <= {_INF}
    GROUP BY r.campaign_id
)
SELECT cs.campaign_id, cs.launched, cs.code, cs.name, cs.campaign_type, cs.organising_unit_id,
       cs.participating_unit_ids, cs.parent_campaign_id, cs.receiving_from, cs.receiving_until,
       cs.distribution_deadline, cs.closed_on, cs.settled_on, cs.cancelled_on, cs.remainder_note,
       cs.target_cash_vnd, cs.target_in_kind_value_vnd, cs.target_blood_units, cs.target_beneficiaries,
       don.donations, don.cash_raised_vnd, don.in_kind_value_vnd, don.blood_units, don.donors,
       plg.pledged_vnd, plg.pledge_paid_vnd,
       dis.distributed_cash_vnd, dis.distributed_goods_vnd, dis.beneficiaries_reached, ppl.people_reached,
       ben.beneficiaries_registered, ben.beneficiaries_verified, rch.targets_reached
FROM cs
LEFT JOIN don USING (campaign_id)
LEFT JOIN plg USING (campaign_id)
LEFT JOIN dis USING (campaign_id)
LEFT JOIN ppl USING (campaign_id)
LEFT JOIN ben USING (campaign_id)
LEFT JOIN rch USING (campaign_id)
ORDER BY cs.receiving_from DESC NULLS LAST, cs.code NULLS LAST, cs.campaign_id
"""


# $1 campaign_id, $2 as_of
CAMPAIGN_SQL = _campaigns_sql("c.campaign_id = $1::uuid")
# $1 campaign type (NULL: any), $2 as_of. A campaign whose receiving period starts after as_of is left out.
CAMPAIGNS_SQL = _campaigns_sql(
    "($1::text IS NULL OR c.campaign_type = $1::text)"
    " AND ($2::date IS NULL OR c.receiving_from IS NULL OR c.receiving_from <= $2::date)"
)


async def campaign_row(conn: asyncpg.Connection, campaign_id: uuid.UUID, as_of: date | None) -> dict[str, Any] | None:
    row = await conn.fetchrow(CAMPAIGN_SQL, campaign_id, as_of)
    return dict(row.items()) if row is not None else None


async def unit_name(conn: asyncpg.Connection, unit_id: uuid.UUID, today: date) -> str | None:
    """A unit's name as it is known ``today`` (the organisation's day): its version in force, else its latest
    (an ended unit keeps its last name); None when the unit was never projected."""
    name: str | None = await conn.fetchval(
        "SELECT name FROM rpt_unit_versions WHERE unit_id = $1 ORDER BY valid_from <= $2 DESC, valid_from DESC LIMIT 1",
        unit_id,
        today,
    )
    return name


async def campaign_units(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> list[uuid.UUID] | None:
    """The campaign's organising and participating units (access control); None when none of its events
    has been projected."""
    row = await conn.fetchrow(
        "SELECT organising_unit_id, participating_unit_ids FROM rpt_campaigns WHERE campaign_id = $1", campaign_id
    )
    if row is None:
        return None
    return [u for u in (row["organising_unit_id"], *(row["participating_unit_ids"] or ())) if u is not None]


async def campaign_version(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> str | None:
    """The campaign's version, with its organising unit's names (a rename or merge of the unit changes the
    public page's "organised by" without any event of the campaign): two primary-key reads; None when no
    event of the campaign has been projected."""
    version: str | None = await conn.fetchval(
        "SELECT c.version::text || ':' || coalesce((SELECT md5(string_agg(u.valid_from::text || ' ' || u.name, ','"
        " ORDER BY u.valid_from)) FROM rpt_unit_versions u WHERE u.unit_id = c.organising_unit_id), '-')"
        " FROM rpt_campaigns c WHERE c.campaign_id = $1",
        campaign_id,
    )
    return version


async def campaigns_version(conn: asyncpg.Connection) -> str:
    """A digest of every campaign's version: changes whenever any campaign's facts change.

    One row per campaign (not a single counter row, which every consumer transaction would have to
    lock until it commits; nor the largest version, which a transaction committing after a later one
    would not raise)."""
    digest: str | None = await conn.fetchval(
        "SELECT md5(string_agg(campaign_id::text || ':' || version, ',' ORDER BY campaign_id)) FROM rpt_campaigns"
    )
    return digest or "none"


async def campaign_rows(
    conn: asyncpg.Connection, campaign_type: str | None, as_of: date | None
) -> list[dict[str, Any]]:
    return [dict(r.items()) for r in await conn.fetch(CAMPAIGNS_SQL, campaign_type, as_of)]


# $1 as_of, $2 top unit (NULL: the roots valid on as_of), $3 depth shown, $4 period start, $5 period end
# (inclusive), $6 campaign (NULL: every campaign).
#
# The tree CTEs are those of the membership report: ``shown`` is the tree valid on as_of; flows
# (donations received, distributions made, soft credits) are attributed through ``tclo``, the tree
# valid on the day of each flow, so a gift received by a district since dissolved still counts for
# the province above it. A donation counts for the unit that *received* it (unit_id) and its
# ancestors; soft credits (credited_unit_id) are summed apart, never into the raised figures. A flow
# reversed by the later of as_of and the period's end is left out: a period reaching past as_of takes
# its flows to its end, and their reversals with them.
UNIT_FUNDS_SQL = f"""
WITH RECURSIVE
{SHOWN_CTES},
{tclo_cte("$4", "$5")},
don AS (
    SELECT c.anc, sum(k.donations) AS donations, sum(k.cash_vnd) AS cash_raised_vnd,
           sum(k.in_kind_vnd) AS in_kind_value_vnd, sum(k.blood_units) AS blood_units,
           sum(k.credited_donations) AS credited_donations, sum(k.credited_cash_vnd) AS credited_cash_vnd
    FROM tclo c JOIN rpt_campaign_unit_cohorts k ON k.unit_id = c.unit_id
    WHERE k.received_on BETWEEN $4::date AND $5::date AND k.received_on >= c.vfrom AND k.received_on < c.vto
      AND (k.reversed_on = 'infinity'::date OR k.reversed_on > greatest($1::date, $5::date))
      AND ($6::uuid IS NULL OR k.campaign_id = $6::uuid)
    GROUP BY c.anc
),
dis AS (
    SELECT c.anc,
           sum(t.amount_vnd) FILTER (WHERE t.kind = 'cash') AS distributed_cash_vnd,
           sum(t.value_vnd) FILTER (WHERE t.kind = 'goods') AS distributed_goods_vnd
    FROM tclo c JOIN rpt_campaign_distributions t ON t.unit_id = c.unit_id
    WHERE t.distributed_on BETWEEN $4::date AND $5::date AND t.distributed_on >= c.vfrom AND t.distributed_on < c.vto
      AND (t.reversed_on IS NULL OR t.reversed_on > greatest($1::date, $5::date))
      AND ($6::uuid IS NULL OR t.campaign_id = $6::uuid)
    GROUP BY c.anc
)
SELECT s.unit_id, s.parent_id, s.dist, t.code, t.name, t.level,
       don.cash_raised_vnd, don.in_kind_value_vnd, don.blood_units, don.donations,
       dis.distributed_cash_vnd, dis.distributed_goods_vnd, don.credited_cash_vnd, don.credited_donations
FROM shown s
JOIN tree t ON t.unit_id = s.unit_id
LEFT JOIN don ON don.anc = s.unit_id
LEFT JOIN dis ON dis.anc = s.unit_id
ORDER BY s.dist, t.code, t.name, s.unit_id
"""


# $1 campaign (NULL: every campaign), $2 granularity ('day' | 'month'), $3 period start, $4 period end
# (NULL: from the campaign's calendar and the dates of its facts).
#
# Each bucket holds the *movements* dated in it: donations received and distributions made add,
# reversals subtract on their reversal date. So a bucket's figures can be negative, and the sum of
# the buckets up to a date equals the campaign report "as of" that date.
SERIES_SQL = f"""
WITH c AS (SELECT * FROM rpt_campaigns WHERE campaign_id = $1::uuid),
facts (on_date, cash, in_kind, blood, n, dcash, dgoods) AS (
    SELECT received_on, cash_vnd, in_kind_vnd, blood_units, donations, 0::bigint, 0::bigint
    FROM rpt_campaign_cohorts WHERE ($1::uuid IS NULL OR campaign_id = $1::uuid) AND donations <> 0
    UNION ALL
    SELECT reversed_on, -cash_vnd, -in_kind_vnd, -blood_units, -donations, 0, 0
    FROM rpt_campaign_cohorts
    WHERE ($1::uuid IS NULL OR campaign_id = $1::uuid) AND donations <> 0 AND reversed_on <> 'infinity'::date
    UNION ALL
    SELECT distributed_on, 0, 0, 0, 0,
           CASE WHEN kind = 'cash' THEN amount_vnd ELSE 0 END, CASE WHEN kind = 'goods' THEN value_vnd ELSE 0 END
    FROM rpt_campaign_distributions
    WHERE ($1::uuid IS NULL OR campaign_id = $1::uuid) AND distributed_on IS NOT NULL
    UNION ALL
    SELECT reversed_on, 0, 0, 0, 0,
           CASE WHEN kind = 'cash' THEN -amount_vnd ELSE 0 END, CASE WHEN kind = 'goods' THEN -value_vnd ELSE 0 END
    FROM rpt_campaign_distributions
    WHERE ($1::uuid IS NULL OR campaign_id = $1::uuid) AND distributed_on IS NOT NULL AND reversed_on IS NOT NULL
),
bounds AS (
    SELECT coalesce($3::date, least((SELECT receiving_from FROM c), (SELECT min(on_date) FROM facts))) AS lo,
           coalesce($4::date, greatest((SELECT receiving_until FROM c), (SELECT distribution_deadline FROM c),
                                       (SELECT max(on_date) FROM facts))) AS hi
),
buckets AS (
    SELECT g::date AS bucket
    FROM bounds b,
         generate_series(date_trunc($2::text, b.lo::timestamp), b.hi::timestamp, ('1 ' || $2::text)::interval) g
    WHERE b.lo <= b.hi
    LIMIT {MAX_BUCKETS + 1}
),
agg AS (
    SELECT date_trunc($2::text, f.on_date::timestamp)::date AS bucket,
           sum(f.cash) AS cash_raised_vnd, sum(f.in_kind) AS in_kind_value_vnd, sum(f.blood) AS blood_units,
           sum(f.n) AS donations, sum(f.dcash) AS distributed_cash_vnd, sum(f.dgoods) AS distributed_goods_vnd
    FROM facts f, bounds b WHERE f.on_date BETWEEN b.lo AND b.hi
    GROUP BY 1
)
SELECT (SELECT count(*) FROM c) > 0 AS campaign_known, b.lo AS period_from, b.hi AS period_to,
       coalesce((
           SELECT jsonb_agg(jsonb_build_object(
                      'period_start', greatest(k.bucket, b.lo),
                      'period_end', least((k.bucket + ('1 ' || $2::text)::interval - interval '1 day')::date, b.hi),
                      'cash_raised_vnd', coalesce(a.cash_raised_vnd, 0),
                      'in_kind_value_vnd', coalesce(a.in_kind_value_vnd, 0),
                      'blood_units', coalesce(a.blood_units, 0),
                      'donations', coalesce(a.donations, 0),
                      'distributed_cash_vnd', coalesce(a.distributed_cash_vnd, 0),
                      'distributed_goods_vnd', coalesce(a.distributed_goods_vnd, 0)
                  ) ORDER BY k.bucket)
           FROM buckets k LEFT JOIN agg a USING (bucket)
       ), '[]'::jsonb) AS buckets,
       (SELECT count(*) FROM buckets) AS bucket_count
FROM bounds b
"""


async def series_row(
    conn: asyncpg.Connection,
    campaign_id: uuid.UUID | None,
    granularity: str,
    period_from: date | None,
    period_to: date | None,
) -> dict[str, Any]:
    row = await conn.fetchrow(SERIES_SQL, campaign_id, granularity, period_from, period_to)
    assert row is not None
    return dict(row.items())


# $1 as_of, $2 top unit (NULL: the roots valid on as_of), $3 depth (0), $4 first day read (the earliest of the
# year's first day and the inflow's first day), $5 as_of, $6 the month's first day, $7 the year's first day,
# $8 the inflow's first day, $9 the end of as_of (the next day's first instant in the organisation's time zone).
#
# The dashboard's figures for the subtree of the top unit(s), from the per-day cohorts of the units (a few
# rows per unit, day and campaign, never one per donation) and the distributions of the subtree's units:
# flows are attributed through the tree valid on the day of each flow (``tclo``), as in UNIT_FUNDS_SQL, so a
# commune's user gets only the money their own units received, not the whole of the campaigns they take part
# in. ``uw``: the campaigns under way on as_of (launched by its end, not closed, settled nor cancelled by then); the
# days read start early enough for their blood. ``mine``: those organised by a unit of the subtree on as_of,
# or with a participating unit in it (every one for an organisation-wide user).
DASHBOARD_SQL = f"""
WITH RECURSIVE
{SHOWN_CTES},
uw AS MATERIALIZED (
    SELECT campaign_id, organising_unit_id, participating_unit_ids, receiving_from, target_blood_units
    FROM rpt_campaigns
    WHERE launched AND coalesce(launched_at < $9::timestamptz, true)
      AND NOT coalesce(closed_on < $1::date OR settled_on <= $1::date OR cancelled_on <= $1::date, false)
),
bounds AS (SELECT least($4::date, (SELECT min(receiving_from) FROM uw)) AS lo),
{tclo_cte("(SELECT lo FROM bounds)", "$5")},
now_units AS MATERIALIZED (SELECT DISTINCT unit_id FROM tclo WHERE vfrom <= $1::date AND vto > $1::date),
don AS MATERIALIZED (
    SELECT k.campaign_id, k.received_on, k.cash_vnd, k.blood_units
    FROM tclo c JOIN rpt_campaign_unit_cohorts k ON k.unit_id = c.unit_id
    WHERE k.received_on BETWEEN (SELECT lo FROM bounds) AND $5::date
      AND k.received_on >= c.vfrom AND k.received_on < c.vto AND k.reversed_on > $1::date
),
money AS (
    SELECT coalesce(sum(cash_vnd) FILTER (WHERE received_on >= $6::date), 0)::bigint AS receipts_month_vnd,
           coalesce(sum(cash_vnd) FILTER (WHERE received_on >= $7::date), 0)::bigint AS receipts_year_vnd,
           coalesce(sum(blood_units) FILTER (WHERE campaign_id IN (SELECT campaign_id FROM uw)), 0)::bigint
               AS blood_units
    FROM don
),
inflow AS (
    SELECT jsonb_agg(jsonb_build_object('day', g::date, 'cash_raised_vnd', coalesce(x.cash, 0)) ORDER BY g)
               AS inflow
    FROM generate_series($8::date, $5::date, interval '1 day') g
    LEFT JOIN (SELECT received_on, sum(cash_vnd) AS cash FROM don WHERE received_on >= $8::date GROUP BY 1) x
        ON x.received_on = g::date
),
dis AS (
    SELECT coalesce(sum(t.amount_vnd), 0)::bigint AS distributed_year_vnd
    FROM tclo c JOIN rpt_campaign_distributions t ON t.unit_id = c.unit_id
    WHERE t.kind = 'cash' AND t.distributed_on BETWEEN $7::date AND $5::date
      AND t.distributed_on >= c.vfrom AND t.distributed_on < c.vto
      AND (t.reversed_on IS NULL OR t.reversed_on > $1::date)
),
mine AS MATERIALIZED (
    SELECT u.*, ($2::uuid IS NULL OR u.organising_unit_id IN (SELECT unit_id FROM now_units)) AS organised
    FROM uw u
    WHERE $2::uuid IS NULL OR u.organising_unit_id IN (SELECT unit_id FROM now_units)
       OR u.participating_unit_ids && ARRAY(SELECT unit_id FROM now_units)
),
camp AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'campaign_id', m.campaign_id, 'cash_raised_vnd', coalesce(f.cash, 0),
               'blood_units', coalesce(f.blood, 0)) ORDER BY m.campaign_id), '[]'::jsonb) AS campaigns,
           sum(m.target_blood_units) FILTER (WHERE m.organised)::bigint AS blood_target_units
    FROM mine m
    LEFT JOIN LATERAL (
        SELECT sum(k.cash_vnd) AS cash, sum(k.blood_units) AS blood FROM rpt_campaign_cohorts k
        WHERE k.campaign_id = m.campaign_id AND k.received_on <= $1::date AND k.reversed_on > $1::date
    ) f ON true
)
SELECT (SELECT count(*) FROM shown) AS top_units, money.*, dis.distributed_year_vnd, inflow.inflow,
       camp.campaigns, camp.blood_target_units
FROM money, dis, inflow, camp
"""


async def dashboard_row(
    conn: asyncpg.Connection,
    as_of: date,
    unit_id: uuid.UUID | None,
    month_from: date,
    year_from: date,
    inflow_from: date,
) -> dict[str, Any]:
    end_of_day = datetime.combine(as_of + timedelta(days=1), time(), tzinfo=clock.zone())
    row = await conn.fetchrow(
        DASHBOARD_SQL,
        as_of,
        unit_id,
        0,
        min(year_from, inflow_from),
        as_of,
        month_from,
        year_from,
        inflow_from,
        end_of_day,
    )
    assert row is not None
    return dict(row.items())
