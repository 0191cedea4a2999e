"""Read queries of the reports: one SQL statement per report, whatever the number of units."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import asyncpg

# Depth guard against a corrupt (cyclic) tree; the real tree is a handful of levels deep.
MAX_TREE_DEPTH = 64

# The CTEs the unit reports share. $1 as_of, $2 top unit (NULL: the roots valid on as_of), $3 depth shown.
#
# tree   : the tree valid on as_of.
# shown  : the top unit(s) and their descendants down to $3 levels, in the tree valid on as_of.
SHOWN_CTES = """tree AS MATERIALIZED (
    SELECT unit_id, code, name, level, parent_id FROM rpt_unit_versions
    WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to > $1::date)
),
shown (unit_id, parent_id, dist, root) AS (
    SELECT t.unit_id, t.parent_id, 0, t.unit_id FROM tree t
    WHERE CASE WHEN $2::uuid IS NULL
               THEN t.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM tree p WHERE p.unit_id = t.parent_id)
               ELSE t.unit_id = $2::uuid END
    UNION ALL
    SELECT t.unit_id, t.parent_id, s.dist + 1, s.root FROM shown s JOIN tree t ON t.parent_id = s.unit_id
    WHERE s.dist < $3::int
)"""


def tclo_cte(period_start: str, period_end: str) -> str:
    """``tclo`` (anc, unit_id, [vfrom, vto)): unit_id was in the subtree of a ``shown`` unit anc during
    that interval, over every version of the tree overlapping the period between the two parameters
    (flows are attributed by event date).

    A unit that ended (merged or dissolved) hands what is still booked to it afterwards to its heir
    (``heir_id``: the unit it merged into; for a dissolution the unit its members were sent to, else the
    unit it was under): from its end on it counts as the heir's child. A gift with no unit of its own
    (booked to the organising unit), a statement row for a campaign whose organiser ended, or a group
    moved with its members is so counted by the unit that took over, never lost from every unit's
    figures. A path never passes a unit twice (``path``): a move dated ahead and a dissolution dated before
    it could make a unit its own heir's ancestor, and its flows would count once a turn round the loop.

    A shown unit below the top (``shown.dist`` > 0: a child row of a report) counts only while it was in its
    own top's subtree (``shown.root``; ``tclo_top``, its intervals there): a commune moved under the province in
    July counts in the province's child rows from July, as in the province's total, not with the months it spent
    elsewhere; so the rows never hold what the total does not."""

    def step(cte: str) -> str:
        return f"""SELECT c.anc, v.unit_id, greatest(c.vfrom, v.valid_from),
           least(c.vto, coalesce(v.valid_to, 'infinity'::date)), c.dist + 1, c.path || v.unit_id
    FROM {cte} c JOIN (
        SELECT unit_id, parent_id, valid_from, valid_to FROM rpt_unit_versions
        UNION ALL
        SELECT unit_id, heir_id, valid_to, NULL FROM rpt_unit_versions WHERE heir_id IS NOT NULL
    ) v ON v.parent_id = c.unit_id
    WHERE v.valid_from < c.vto AND coalesce(v.valid_to, 'infinity'::date) > c.vfrom
      AND v.valid_from <= {period_end}::date AND coalesce(v.valid_to, 'infinity'::date) > {period_start}::date
      AND c.dist < {MAX_TREE_DEPTH} AND v.unit_id <> ALL(c.path)"""

    return f"""tclo_top (anc, unit_id, vfrom, vto, dist, path) AS MATERIALIZED (
    SELECT unit_id, unit_id, '-infinity'::date, 'infinity'::date, 0, ARRAY[unit_id] FROM shown WHERE dist = 0
    UNION ALL
    {step("tclo_top")}
),
tclo_below (anc, unit_id, vfrom, vto, dist, path) AS (
    SELECT s.unit_id, s.unit_id, t.vfrom, t.vto, 0, ARRAY[s.unit_id]
    FROM shown s JOIN tclo_top t ON t.unit_id = s.unit_id AND t.anc = s.root AND t.dist > 0
    WHERE s.dist > 0
    UNION ALL
    {step("tclo_below")}
),
tclo (anc, unit_id, vfrom, vto) AS MATERIALIZED (
    SELECT anc, unit_id, vfrom, vto FROM tclo_top UNION ALL SELECT anc, unit_id, vfrom, vto FROM tclo_below
)"""


# $1 as_of, $2 top unit (NULL: the roots valid on as_of), $3 depth shown, $4 period start,
# $5 period end (inclusive).
#
# shown  : as in SHOWN_CTES.
# clo    : (anc, unit_id) for every shown unit and every unit of its subtree on as_of (stocks).
# tclo   : (anc, unit_id, [vfrom, vto)) -- unit_id was in anc's subtree during that interval, over
#          every version of the tree overlapping the period (flows are attributed by event date).
MEMBERSHIP_REPORT_SQL = f"""
WITH RECURSIVE
{SHOWN_CTES},
clo (anc, unit_id, dist) AS MATERIALIZED (
    SELECT unit_id, unit_id, 0 FROM shown
    UNION ALL
    SELECT c.anc, t.unit_id, c.dist + 1 FROM clo c JOIN tree t ON t.parent_id = c.unit_id
    WHERE c.dist < {MAX_TREE_DEPTH}
),
{tclo_cte("$4", "$5")},
levels AS (
    SELECT anc, jsonb_object_agg(level, n) AS units_by_level FROM (
        SELECT c.anc, t.level, count(DISTINCT t.unit_id) AS n FROM clo c JOIN tree t USING (unit_id) GROUP BY 1, 2
    ) x GROUP BY anc
),
active AS MATERIALIZED (
    SELECT c.anc, s.person_id, s.membership_id FROM clo c
    JOIN rpt_membership_spans s ON s.unit_id = c.unit_id
    WHERE s.status = 'active' AND s.valid_from <= $1::date AND (s.valid_to IS NULL OR s.valid_to > $1::date)
),
members AS (
    SELECT anc, count(DISTINCT person_id) AS members FROM active GROUP BY anc
),
fees AS (
    SELECT anc, jsonb_object_agg(fee_status, n) AS fees FROM (
        SELECT a.anc, coalesce(f.fee_status, 'unpaid') AS fee_status, count(DISTINCT a.membership_id) AS n
        FROM active a LEFT JOIN rpt_fee_statuses f
            ON f.membership_id = a.membership_id AND f.year = extract(year FROM $1::date)::int
        GROUP BY 1, 2
    ) x GROUP BY anc
),
roles AS (
    SELECT anc, jsonb_object_agg(role, n) AS roles FROM (
        SELECT c.anc, r.role, count(DISTINCT r.person_id) AS n FROM clo c
        JOIN rpt_role_spans r ON r.unit_id = c.unit_id
        WHERE r.start_on <= $1::date AND (r.end_on IS NULL OR r.end_on > $1::date)
        GROUP BY 1, 2
    ) x GROUP BY anc
),
flows AS (
    SELECT c.anc,
           count(DISTINCT m.person_id) FILTER (WHERE m.kind = 'joined') AS members_joined,
           count(DISTINCT m.person_id) FILTER (WHERE m.kind = 'status' AND m.status = 'lapsed') AS members_lapsed
    FROM tclo c JOIN rpt_membership_changes m ON m.unit_id = c.unit_id
    WHERE m.effective_on BETWEEN $4::date AND $5::date AND m.effective_on >= c.vfrom AND m.effective_on < c.vto
    GROUP BY c.anc
),
hours AS (
    SELECT c.anc, sum(h.hours) AS volunteer_hours
    FROM tclo c JOIN rpt_volunteer_hours h ON h.unit_id = c.unit_id
    WHERE h.worked_on BETWEEN $4::date AND $5::date AND h.worked_on >= c.vfrom AND h.worked_on < c.vto
    GROUP BY c.anc
)
SELECT s.unit_id, s.parent_id, s.dist, t.code, t.name, t.level,
       l.units_by_level, coalesce(mb.members, 0) AS members, fe.fees, r.roles,
       coalesce(f.members_joined, 0) AS members_joined, coalesce(f.members_lapsed, 0) AS members_lapsed,
       coalesce(h.volunteer_hours, 0) AS volunteer_hours
FROM shown s
JOIN tree t ON t.unit_id = s.unit_id
LEFT JOIN levels l ON l.anc = s.unit_id
LEFT JOIN members mb ON mb.anc = s.unit_id
LEFT JOIN fees fe ON fe.anc = s.unit_id
LEFT JOIN roles r ON r.anc = s.unit_id
LEFT JOIN flows f ON f.anc = s.unit_id
LEFT JOIN hours h ON h.anc = s.unit_id
ORDER BY s.dist, t.code, t.name, s.unit_id
"""


async def unit_tree_rows(
    conn: asyncpg.Connection,
    sql: str,
    as_of: date,
    unit_id: uuid.UUID | None,
    depth: int,
    period_from: date,
    period_to: date,
    *more: object,
) -> list[dict[str, Any]]:
    """The rows of a unit report's query: SHOWN_CTES ($1 to $3) and ``tclo_cte("$4", "$5")``, ``more`` from $6."""
    rows = await conn.fetch(sql, as_of, unit_id, depth, period_from, period_to, *more)
    return [dict(r.items()) for r in rows]


async def unit_exists_ever(conn: asyncpg.Connection, unit_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval("SELECT EXISTS (SELECT 1 FROM rpt_unit_versions WHERE unit_id = $1)", unit_id))


async def projection_status(
    conn: asyncpg.Connection, consumers: Mapping[str, Sequence[str]]
) -> dict[str, dict[str, Any]]:
    """Per consumer: the events it handled (``processed_events``) and the rows of its tables; one query."""
    names = list(consumers)
    cols: list[str] = []
    for i, name in enumerate(names, start=1):
        cols += [
            f"count(*) FILTER (WHERE consumer = ${i} AND outcome = 'applied') AS c{i}_applied",
            f"count(*) FILTER (WHERE consumer = ${i} AND outcome = 'dead_lettered') AS c{i}_dead_lettered",
            f"count(*) FILTER (WHERE consumer = ${i}) AS c{i}_processed",
            f"max(processed_at) FILTER (WHERE consumer = ${i}) AS c{i}_last_processed_at",
        ]
        cols += [f"(SELECT count(*) FROM {t}) AS c{i}_rows_{t}" for t in consumers[name]]
    in_list = ", ".join(f"${i}::text" for i in range(1, len(names) + 1))
    row = await conn.fetchrow(f"SELECT {', '.join(cols)} FROM processed_events WHERE consumer IN ({in_list})", *names)
    assert row is not None
    return {
        name: {
            "consumer": name,
            "events_processed": int(row[f"c{i}_processed"]),
            "events_applied": int(row[f"c{i}_applied"]),
            "events_dead_lettered": int(row[f"c{i}_dead_lettered"]),
            "last_processed_at": row[f"c{i}_last_processed_at"],
            "rows": {t.removeprefix("rpt_"): int(row[f"c{i}_rows_{t}"]) for t in consumers[name]},
        }
        for i, name in enumerate(names, start=1)
    }
