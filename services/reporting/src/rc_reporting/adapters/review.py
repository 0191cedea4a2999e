"""Read queries of the review reports and of the annual plans.

Campaign flows come from the read models (``rpt_campaign_unit_cohorts``: a few rows per unit, day
and campaign, never one per donation), distributions and blood donations from their own rows
(blood through the index of blood gifts by day, whatever their campaign); groups (stocks on the
period's end) and courses (held in the period, with the people who attended and passed) from the
members events. Every flow is attributed through the tree valid on its own day (``tclo``, as in the
membership report).

A reversal is a flow of its own day: a gift, a distribution or a blood gift counts in the period of the day it
was received or distributed, and its reversal takes it out again in the period of the reversal's day (the
month of a series too), for the units the gift counted for (the tree of the day it was received or distributed:
a commune moved since takes no other province's reversal). So periods add up (the first half and the second half
make the year, whatever was reversed when), and a period's figures, once filed, do not change when one of its
gifts is reversed later: the reversal is the later period's adjustment. Distinct counts (beneficiaries, blood
donors) count those whose gift or support of the period was not reversed within it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg

from rc_reporting.adapters.reports import tclo_cte

# $1 top unit, $2 period start, $3 period end (inclusive; the tree of $3 decides the shown units).
REVIEW_FLOWS_SQL = f"""
WITH RECURSIVE
tree AS MATERIALIZED (
    SELECT unit_id, parent_id FROM rpt_unit_versions
    WHERE valid_from <= $3::date AND (valid_to IS NULL OR valid_to > $3::date)
),
shown (unit_id, dist, root) AS (
    SELECT $1::uuid, 0, $1::uuid UNION SELECT t.unit_id, 1, $1::uuid FROM tree t WHERE t.parent_id = $1::uuid
),
{tclo_cte("'-infinity'", "$3")},
don AS (  -- pre-aggregated (hash) per unit, movement and month: a few thousand rows for the grouping sets
    SELECT anc, ct, month, sum(cash_vnd) AS cash_vnd, sum(in_kind_vnd) AS in_kind_vnd, sum(blood_units) AS blood_units
    FROM (
        SELECT c.anc, coalesce(k.campaign_type, 'unknown') AS ct, to_char(u.received_on, 'YYYY-MM') AS month,
               u.cash_vnd, u.in_kind_vnd, u.blood_units
        FROM tclo c JOIN rpt_campaign_unit_cohorts u ON u.unit_id = c.unit_id
        LEFT JOIN rpt_campaigns k ON k.campaign_id = u.campaign_id
        WHERE u.received_on BETWEEN $2::date AND $3::date AND u.received_on >= c.vfrom AND u.received_on < c.vto
          AND (u.cash_vnd <> 0 OR u.in_kind_vnd <> 0 OR u.blood_units <> 0)
        UNION ALL  -- the reversals of the period (of gifts of this period or an earlier one), in their own day's
        -- period and month, for the units the gift counted for (the tree of the day it was received)
        SELECT c.anc, coalesce(k.campaign_type, 'unknown'), to_char(u.reversed_on, 'YYYY-MM'),
               -u.cash_vnd, -u.in_kind_vnd, -u.blood_units
        FROM tclo c JOIN rpt_campaign_unit_cohorts u ON u.unit_id = c.unit_id
        LEFT JOIN rpt_campaigns k ON k.campaign_id = u.campaign_id
        WHERE u.reversed_on BETWEEN $2::date AND $3::date AND u.reversed_on <> 'infinity'::date
          AND u.received_on >= c.vfrom AND u.received_on < c.vto
          AND (u.cash_vnd <> 0 OR u.in_kind_vnd <> 0 OR u.blood_units <> 0)
    ) f
    GROUP BY 1, 2, 3
),
dis AS (  -- a distribution on its day; its reversal on the reversal's day, negative (no beneficiary reached)
    SELECT c.anc, coalesce(k.campaign_type, 'unknown') AS ct, coalesce(d.support_kind, '') AS sk,
           to_char(d.distributed_on, 'YYYY-MM') AS month, d.amount_vnd + d.value_vnd AS value_vnd,
           d.amount_vnd AS cash_vnd,
           coalesce(d.quantity, 0) AS quantity, coalesce(d.people_reached, b.household_size, 1) AS person_times,
           CASE WHEN d.reversed_on IS NULL OR d.reversed_on > $3::date THEN d.beneficiary_id END AS beneficiary_id
    FROM tclo c JOIN rpt_campaign_distributions d ON d.unit_id = c.unit_id
    LEFT JOIN rpt_campaigns k ON k.campaign_id = d.campaign_id
    LEFT JOIN rpt_beneficiaries b ON b.beneficiary_id = d.beneficiary_id
    WHERE d.distributed_on BETWEEN $2::date AND $3::date AND d.distributed_on >= c.vfrom AND d.distributed_on < c.vto
    UNION ALL
    SELECT c.anc, coalesce(k.campaign_type, 'unknown'), coalesce(d.support_kind, ''),
           to_char(d.reversed_on, 'YYYY-MM'), -(d.amount_vnd + d.value_vnd), -d.amount_vnd,
           -coalesce(d.quantity, 0), -coalesce(d.people_reached, b.household_size, 1), NULL
    FROM tclo c JOIN rpt_campaign_distributions d ON d.unit_id = c.unit_id
    LEFT JOIN rpt_campaigns k ON k.campaign_id = d.campaign_id
    LEFT JOIN rpt_beneficiaries b ON b.beneficiary_id = d.beneficiary_id
    WHERE d.reversed_on BETWEEN $2::date AND $3::date AND d.distributed_on >= c.vfrom AND d.distributed_on < c.vto
),
blood AS MATERIALIZED (  -- every blood gift of the period, whatever its campaign (as the units are counted)
    SELECT c.anc, d.received_on AS on_day, 1 AS n,
           CASE WHEN d.reversed_on IS NULL OR d.reversed_on > $3::date THEN d.donor_id END AS donor_id
    FROM rpt_campaign_donations d JOIN tclo c ON c.unit_id = d.unit_id
    WHERE d.kind = 'blood'
      AND d.received_on BETWEEN $2::date AND $3::date AND d.received_on >= c.vfrom AND d.received_on < c.vto
    UNION ALL  -- and the reversals of the period's days, whenever the gift (for the units it counted for)
    SELECT c.anc, d.reversed_on, -1, NULL
    FROM rpt_campaign_donations d JOIN tclo c ON c.unit_id = d.unit_id
    WHERE d.kind = 'blood'
      AND d.reversed_on BETWEEN $2::date AND $3::date AND d.received_on >= c.vfrom AND d.received_on < c.vto
),
blood_days AS (  -- donations per unit and day, then per month (hash aggregates, no sort of every donation)
    SELECT anc, on_day, sum(n) AS n FROM blood GROUP BY 1, 2
),
blood_donors AS (
    SELECT anc, count(*) AS n FROM (SELECT DISTINCT anc, donor_id FROM blood WHERE donor_id IS NOT NULL) x
    GROUP BY anc
),
course AS (
    SELECT c.anc, k.course_id, k.kind FROM tclo c JOIN rpt_courses k ON k.unit_id = c.unit_id
    WHERE k.starts_on BETWEEN $2::date AND $3::date AND k.starts_on >= c.vfrom AND k.starts_on < c.vto
),
camp AS (
    SELECT c.anc, coalesce(k.campaign_type, 'unknown') AS ct, k.campaign_id
    FROM tclo c JOIN rpt_campaigns k ON k.organising_unit_id = c.unit_id
    WHERE k.launched AND k.receiving_from BETWEEN $2::date AND $3::date
      AND k.receiving_from >= c.vfrom AND k.receiving_from < c.vto
      AND (k.cancelled_on IS NULL OR k.cancelled_on > $3::date)
)
SELECT 'don' AS what, anc, ct, NULL::text AS sk, month,
       sum(cash_vnd)::bigint AS a, sum(in_kind_vnd)::bigint AS b, sum(blood_units)::bigint AS c,
       NULL::bigint AS d, NULL::bigint AS e
FROM don GROUP BY GROUPING SETS ((anc, ct), (anc, month))
UNION ALL
SELECT 'dis', anc, ct, sk, month, sum(value_vnd)::bigint, sum(quantity)::bigint, sum(person_times)::bigint,
       count(DISTINCT beneficiary_id), sum(cash_vnd)::bigint
FROM dis GROUP BY GROUPING SETS ((anc, ct, sk), (anc, ct), (anc), (anc, month))
UNION ALL
SELECT 'blood', anc, NULL, NULL, to_char(on_day, 'YYYY-MM'), sum(n)::bigint, NULL, NULL, NULL, NULL
FROM blood_days GROUP BY anc, to_char(on_day, 'YYYY-MM')
UNION ALL
SELECT 'blood', b.anc, NULL, NULL, NULL, sum(b.n)::bigint, coalesce(max(d.n), 0), NULL, NULL, NULL
FROM blood_days b LEFT JOIN blood_donors d ON d.anc = b.anc GROUP BY b.anc
UNION ALL
SELECT 'camp', anc, ct, NULL, NULL, count(DISTINCT campaign_id), NULL, NULL, NULL, NULL
FROM camp GROUP BY anc, ct
UNION ALL
SELECT 'course', x.anc, NULL, x.kind, NULL, count(DISTINCT x.course_id),
       count(DISTINCT a.person_id) FILTER (WHERE a.attended), count(DISTINCT a.person_id) FILTER (WHERE a.passed),
       NULL, NULL
FROM course x LEFT JOIN rpt_course_attendance a ON a.course_id = x.course_id
GROUP BY GROUPING SETS ((x.anc), (x.anc, x.kind))
UNION ALL
SELECT 'group', c.anc, NULL, NULL, NULL, count(DISTINCT g.group_id), count(DISTINCT m.person_id), NULL, NULL, NULL
FROM tclo c JOIN rpt_groups g ON g.unit_id = c.unit_id AND g.formed_on <= $3::date
                               AND $3::date >= c.vfrom AND $3::date < c.vto
LEFT JOIN rpt_group_members m ON m.group_id = g.group_id AND m.joined_on <= $3::date
                              AND (m.left_on IS NULL OR m.left_on > $3::date)
GROUP BY c.anc
"""


async def review_flows(conn: asyncpg.Connection, unit_id: uuid.UUID, start: date, end: date) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(REVIEW_FLOWS_SQL, unit_id, start, end)
    return rows


# Every (child, parent) pair of a version overlapping [$1, $2].
PERIOD_EDGES_SQL = """
SELECT DISTINCT unit_id, parent_id FROM rpt_unit_versions
WHERE parent_id IS NOT NULL AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $1::date)
"""


async def period_edges(conn: asyncpg.Connection, start: date, end: date) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(PERIOD_EDGES_SQL, start, end)
    return rows


async def plan_targets(conn: asyncpg.Connection, year: int) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await conn.fetch(
        "SELECT unit_id, indicator, target FROM rpt_plan_targets WHERE year = $1", year
    )
    return rows


async def unit_targets(conn: asyncpg.Connection, unit_id: uuid.UUID, year: int) -> dict[str, int]:
    rows = await conn.fetch(
        "SELECT indicator, target FROM rpt_plan_targets WHERE unit_id = $1 AND year = $2 ORDER BY indicator",
        unit_id,
        year,
    )
    return {r["indicator"]: int(r["target"]) for r in rows}


async def put_targets(conn: asyncpg.Connection, rows: Sequence[tuple[uuid.UUID, int, str, int]]) -> int:
    """Upsert (unit_id, year, indicator, target) rows; returns how many rows changed."""
    if not rows:
        return 0
    status = await conn.execute(
        """
        INSERT INTO rpt_plan_targets AS p (unit_id, year, indicator, target)
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::bigint[])
        ON CONFLICT (unit_id, year, indicator) DO UPDATE SET target = EXCLUDED.target, updated_at = now()
        WHERE p.target IS DISTINCT FROM EXCLUDED.target
        """,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
    )
    return int(status.split()[-1])


async def replace_unit_targets(
    conn: asyncpg.Connection, unit_id: uuid.UUID, year: int, targets: dict[str, int]
) -> None:
    await conn.execute(
        "DELETE FROM rpt_plan_targets WHERE unit_id = $1 AND year = $2 AND NOT (indicator = ANY($3::text[]))",
        unit_id,
        year,
        list(targets),
    )
    await put_targets(conn, [(unit_id, year, k, v) for k, v in targets.items()])


async def units_by_code(conn: asyncpg.Connection, start: date, end: date) -> dict[str, uuid.UUID]:
    """Unit codes of the versions valid at some time in ``[start, end]`` (the latest version wins)."""
    rows = await conn.fetch(
        "SELECT DISTINCT ON (code) code, unit_id FROM rpt_unit_versions"
        " WHERE valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $1::date)"
        " ORDER BY code, valid_from DESC",
        start,
        end,
    )
    return {r["code"]: r["unit_id"] for r in rows}


async def roots(conn: asyncpg.Connection, on: date) -> list[uuid.UUID]:
    """The units at the top of the tree on ``on`` (no parent)."""
    rows = await conn.fetch(
        "SELECT unit_id FROM rpt_unit_versions WHERE parent_id IS NULL AND valid_from <= $1"
        " AND (valid_to IS NULL OR valid_to > $1) ORDER BY unit_id",
        on,
    )
    return [r["unit_id"] for r in rows]


async def unit_version(conn: asyncpg.Connection, unit_id: uuid.UUID, on: date) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        "SELECT unit_id, code, name, level, parent_id FROM rpt_unit_versions"
        " WHERE unit_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)",
        unit_id,
        on,
    )
    return None if row is None else dict(row.items())


async def unit_ended(conn: asyncpg.Connection, unit_id: uuid.UUID) -> date | None:
    """The day a unit ended (its last version's exclusive end); None: it has not."""
    ended: date | None = await conn.fetchval(
        "SELECT CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END"
        " FROM rpt_unit_versions WHERE unit_id = $1",
        unit_id,
    )
    return ended


async def unit_ever(conn: asyncpg.Connection, unit_id: uuid.UUID, start: date, end: date) -> bool:
    return bool(
        await conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM rpt_unit_versions WHERE unit_id = $1 AND valid_from <= $3"
            " AND (valid_to IS NULL OR valid_to > $2))",
            unit_id,
            start,
            end,
        )
    )
