"""Report use cases: validate the request (domain rules), run one query, assemble the tree."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from rc_reporting.adapters import reports as queries
from rc_reporting.domain.model import DEFAULT_DEPTH, ReportRequest, RoleNames, UnitReport, assemble
from rc_reporting.service_layer.projection import CONSUMER_NAME
from rc_reporting.service_layer.projections import PROJECTIONS
from rc_shared.errors import NotFound


async def unit_rows(conn: asyncpg.Connection, sql: str, request: ReportRequest, *more: object) -> list[dict[str, Any]]:
    """The rows of a unit report's query (see :func:`~rc_reporting.adapters.reports.unit_tree_rows`).

    Raises NotFound when ``unit_id`` is given and no version of it is valid on ``as_of``.
    """
    rows = await queries.unit_tree_rows(
        conn, sql, request.as_of, request.unit_id, request.depth, request.period.start, request.period.end, *more
    )
    if request.unit_id is not None and not rows:
        raise await missing_unit(conn, request.unit_id, request.as_of)
    return rows


async def missing_unit(conn: asyncpg.Connection, unit_id: uuid.UUID, as_of: date) -> NotFound:
    """The NotFound of a report's top unit that no version of is valid on ``as_of``."""
    known = await queries.unit_exists_ever(conn, unit_id)
    return NotFound(
        f"unit {unit_id} does not exist on {as_of}" + (" (it exists on other dates)" if known else ""),
        unit_id=str(unit_id),
        as_of=as_of.isoformat(),
    )


async def membership_report(
    conn: asyncpg.Connection, request: ReportRequest, roles: RoleNames | None = None
) -> list[UnitReport]:
    """The top unit (or every root valid on ``as_of``) with children down to ``depth``.

    Raises NotFound when ``unit_id`` is given and no version of it is valid on ``as_of``.
    """
    rows = await unit_rows(conn, queries.MEMBERSHIP_REPORT_SQL, request)
    return assemble(rows, roles or RoleNames())


async def unit_report(
    conn: asyncpg.Connection,
    unit_id: uuid.UUID,
    as_of: date,
    period_from: date | None = None,
    period_to: date | None = None,
    depth: int = 0,
    roles: RoleNames | None = None,
) -> UnitReport:
    req = ReportRequest.build(as_of, unit_id, period_from, period_to, depth)
    (top,) = await membership_report(conn, req, roles)
    return top


async def status(conn: asyncpg.Connection) -> dict[str, Any]:
    """The members consumer's figures at the top level (as before), and every consumer's under ``consumers``."""
    per = await queries.projection_status(conn, {p.name: p.tables for p in PROJECTIONS})
    return {**per[CONSUMER_NAME], "consumers": per}


__all__ = ["DEFAULT_DEPTH", "membership_report", "status", "unit_report"]
