"""Review reports: a unit subtree over a period, by section, against the plan and the previous year.

Two reads per period (the membership roll-up and the campaign flows, each one statement), for the
period and the same period of the previous year, plus the plan targets of the year: five
statements whatever the size of the tree or the number of donations.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import asyncpg

from rc_reporting.adapters import reports as membership_queries
from rc_reporting.adapters import review as queries
from rc_reporting.domain.model import RoleNames, unit_report
from rc_reporting.domain.review import (
    SUPPORT_PREFIX,
    ReviewPeriod,
    add,
    sections,
)
from rc_reporting.service_layer import plans
from rc_shared.errors import NotFound

Figures = dict[str, int | float]
SERIES = ("funds_raised_vnd", "support_value_vnd", "person_times", "blood_units")
UNIT_COLUMNS = ("members", "new_members", "volunteers", "funds_raised_vnd", "support_value_vnd", "person_times")


def _org(row: Mapping[str, Any], roles: RoleNames) -> Figures:
    u = unit_report(row, roles)
    return {
        "members": u.members,
        "new_members": u.members_joined,
        "members_lapsed": u.members_lapsed,
        "volunteers": u.volunteers,
        "youth": u.youth,
        "volunteer_hours": u.volunteer_hours,
        **{f"fees_{k}": v for k, v in u.fees.items()},
    }


def _flows(rows: list[asyncpg.Record]) -> tuple[dict[uuid.UUID, Figures], dict[uuid.UUID, dict[str, Figures]]]:
    """Per unit (``anc``): the figures, and the monthly series."""
    figs: dict[uuid.UUID, Figures] = {}
    months: dict[uuid.UUID, dict[str, Figures]] = {}
    for r in rows:
        anc, what, ct, sk, month = r["anc"], r["what"], r["ct"], r["sk"], r["month"]
        f = figs.setdefault(anc, {})
        if month is not None:
            m = months.setdefault(anc, {}).setdefault(month, {})
            if what == "don":
                add(m, "funds_raised_vnd", r["a"] + r["b"])
                add(m, "blood_units", r["c"])
            elif what == "dis":
                add(m, "support_value_vnd", r["a"])
                add(m, "person_times", r["c"])
            elif what == "blood":
                add(m, "blood_donations", r["a"])
            continue
        if what == "don":
            for p in ("", f"{ct}."):
                add(f, p + "cash_raised_vnd", r["a"])
                add(f, p + "in_kind_value_vnd", r["b"])
                add(f, p + "funds_raised_vnd", r["a"] + r["b"])
                add(f, p + "blood_units", r["c"])
        elif what == "dis":
            if sk is not None:  # per support kind ('': none recorded)
                if sk:
                    add(f, f"{SUPPORT_PREFIX}{sk}", r["b"])
                    add(f, f"{ct}.{SUPPORT_PREFIX}{sk}", r["b"])
            else:  # (value a: cash e and goods; a type's figures, else every type's)
                p = f"{ct}." if ct is not None else ""
                add(f, p + "support_value_vnd", r["a"])
                add(f, p + "distributed_cash_vnd", r["e"])
                add(f, p + "distributed_goods_vnd", r["a"] - r["e"])
                add(f, p + "person_times", r["c"])
                add(f, p + "beneficiaries", r["d"])
        elif what == "blood":
            add(f, "blood_donations", r["a"])
            add(f, "blood_donors", r["b"])
        elif what == "course":
            suffix = "" if sk is None else f".{sk}"  # every course, or those of one kind
            add(f, "courses" + suffix, r["a"])
            add(f, "people_trained" + suffix, r["b"])
            add(f, "people_passed" + suffix, r["c"])
        elif what == "group":
            add(f, "groups", r["a"])
            add(f, "group_members", r["b"])
        elif what == "camp":
            add(f, "campaigns", r["a"])
            add(f, f"{ct}.campaigns", r["a"])
    return figs, months


async def _figures(
    conn: asyncpg.Connection, unit_id: uuid.UUID, period: ReviewPeriod, roles: RoleNames
) -> tuple[dict[str, Any], Figures, list[dict[str, Any]], dict[str, Figures]] | None:
    """The unit (as of the period's end), its figures, its children's rows and its months; ``None`` when
    the unit did not exist on the period's end."""
    rows = await membership_queries.unit_tree_rows(
        conn, membership_queries.MEMBERSHIP_REPORT_SQL, period.end, unit_id, 1, period.start, period.end
    )
    if not rows:
        return None
    flows, months = _flows(await queries.review_flows(conn, unit_id, period.start, period.end))
    per_unit: dict[uuid.UUID, Figures] = {}
    for r in rows:
        per_unit[r["unit_id"]] = {**_org(r, roles), **flows.get(r["unit_id"], {})}
    top = next(r for r in rows if r["dist"] == 0)
    children = sorted((r for r in rows if r["dist"] == 1), key=lambda r: (str(r["code"]), str(r["name"])))
    unit = {k: top[k] for k in ("unit_id", "code", "name", "level", "parent_id")}
    unit["units_by_level"] = {str(k): int(v) for k, v in sorted((top["units_by_level"] or {}).items())}
    units = [
        {
            **{k: c[k] for k in ("unit_id", "code", "name", "level")},
            **{k: per_unit[c["unit_id"]].get(k, 0) for k in UNIT_COLUMNS},
        }
        for c in children
    ]
    return unit, per_unit[unit_id], units, months.get(unit_id, {})


async def plans_for(conn: asyncpg.Connection, unit_id: uuid.UUID, period: ReviewPeriod) -> dict[str, int]:
    """The plan of the unit for the year of the period's end (the whole year's, for a six-month review too)."""
    return await plans.rolled_up(conn, unit_id, period.plan_year)


async def review(
    conn: asyncpg.Connection,
    unit_id: uuid.UUID,
    period: ReviewPeriod,
    support_kinds: Mapping[str, str],
    roles: RoleNames | None = None,
) -> dict[str, Any]:
    """The review of ``unit_id``'s subtree over ``period`` (404 when the unit does not exist on its end)."""
    roles = roles or RoleNames()
    now = await _figures(conn, unit_id, period, roles)
    if now is None:
        known = await queries.unit_ever(conn, unit_id, period.start, period.end)
        raise NotFound(
            f"unit {unit_id} does not exist on {period.end}, the end of the period"
            + (" (it existed during the period: review the unit that took its place)" if known else ""),
            unit_id=str(unit_id),
        )
    unit, figs, units, months = now
    parent = await queries.unit_version(conn, unit["parent_id"], period.end) if unit["parent_id"] else None
    unit["parent_name"] = None if parent is None else parent["name"]
    prev_period = period.previous()
    before = await _figures(conn, unit_id, prev_period, roles)
    prev_figs = None if before is None else before[1]
    plans = await plans_for(conn, unit_id, period)
    return {
        "unit": unit,
        "period_from": period.start,
        "period_to": period.end,
        "previous_from": prev_period.start,
        "previous_to": prev_period.end,
        "plan_year": period.plan_year,
        "sections": sections(figs, prev_figs, plans, support_kinds),
        "units": units,
        "monthly": [{"month": m, **{k: months.get(m, {}).get(k, 0) for k in SERIES}} for m in period.months()],
    }
