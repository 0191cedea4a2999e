"""Campaign report use cases: validate the request (domain rules), run one query, shape the answer."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import asyncpg

from rc_reporting.adapters import campaign_reports as queries
from rc_reporting.domain.campaigns import (
    CAMPAIGN_STATES,
    MAX_BUCKETS,
    SeriesRequest,
    campaign_figures,
    campaign_report,
    nest,
    too_many_buckets,
    unit_funds,
)
from rc_reporting.domain.model import ReportRequest
from rc_reporting.service_layer.reports import missing_unit, unit_rows
from rc_shared import clock
from rc_shared.errors import Invalid, NotFound


def _not_found(campaign_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"campaign {campaign_id} is unknown: none of its events has been projected", campaign_id=str(campaign_id)
    )


async def campaign_version(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> str:
    """The version of everything projected about a campaign (one row read); NotFound if none."""
    version = await queries.campaign_version(conn, campaign_id)
    if version is None:
        raise _not_found(campaign_id)
    return version


async def campaigns_version(conn: asyncpg.Connection) -> str:
    """Changes whenever anything projected about any campaign changes."""
    return await queries.campaigns_version(conn)


async def campaign(conn: asyncpg.Connection, campaign_id: uuid.UUID, as_of: date | None = None) -> dict[str, Any]:
    """One campaign's progress as of a date (every projected fact when ``as_of`` is None)."""
    row = await queries.campaign_row(conn, campaign_id, as_of)
    if row is None:
        raise _not_found(campaign_id)
    return campaign_report(row, as_of, clock.today())


async def public_campaign(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> dict[str, Any]:
    """One campaign's progress for its public page: :func:`campaign`'s, with the days it stopped receiving
    and was settled (from the same row), and the organising unit's name (as the unit is named today)."""
    row = await queries.campaign_row(conn, campaign_id, None)
    if row is None:
        raise _not_found(campaign_id)
    today = clock.today()
    organiser = (
        await queries.unit_name(conn, row["organising_unit_id"], today) if row.get("organising_unit_id") else None
    )
    return campaign_report(row, None, today) | {
        "closed_on": row.get("closed_on"),
        "settled_on": row.get("settled_on"),
        "organiser": organiser,
    }


async def campaigns(
    conn: asyncpg.Connection,
    as_of: date | None = None,
    state: str | None = None,
    campaign_type: str | None = None,
) -> list[dict[str, Any]]:
    """The campaigns with their main figures, newest receiving period first."""
    if state is not None and state not in CAMPAIGN_STATES:
        raise Invalid(f"state must be one of {', '.join(CAMPAIGN_STATES)}", field="state")
    today = clock.today()
    out = [campaign_figures(r, as_of, today) for r in await queries.campaign_rows(conn, campaign_type, as_of)]
    return [c for c in out if state is None or c["state"] == state]


async def funds_by_unit(
    conn: asyncpg.Connection, request: ReportRequest, campaign_id: uuid.UUID | None = None
) -> list[dict[str, Any]]:
    """Raised, distributed and soft-credited figures per unit, rolled up the tree valid on ``as_of``.

    Raises NotFound when ``unit_id`` is given and no version of it is valid on ``as_of``.
    """
    rows = await unit_rows(conn, queries.UNIT_FUNDS_SQL, request, campaign_id)
    return nest(rows, unit_funds)


async def series(
    conn: asyncpg.Connection, request: SeriesRequest, campaign_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Movements per day or month: raised, reversed (negative), distributed.

    Without a period: the campaign's calendar widened to the dates of its facts (every campaign: the
    dates of all facts).
    """
    row = await queries.series_row(conn, campaign_id, request.granularity, request.period_from, request.period_to)
    if campaign_id is not None and not row["campaign_known"]:
        raise _not_found(campaign_id)
    if int(row["bucket_count"]) > MAX_BUCKETS:
        raise too_many_buckets(request.granularity)
    return {
        "campaign_id": campaign_id,
        "granularity": request.granularity,
        "period_from": row["period_from"],
        "period_to": row["period_to"],
        "buckets": row["buckets"],
    }


async def dashboard(conn: asyncpg.Connection, as_of: date, unit_id: uuid.UUID | None, days: int) -> dict[str, Any]:
    """The money and blood figures of a subtree's dashboard on ``as_of``: cash received this month and this
    year to date (reversals by ``as_of`` left out), cash distributed this year and the balance, the blood
    the subtree collected for the campaigns under way against their targets, cash received on each of the
    last ``days`` days, and each campaign under way with its whole progress. One query.

    Raises NotFound when ``unit_id`` is given and no version of it is valid on ``as_of``.
    """
    month_from, year_from = as_of.replace(day=1), as_of.replace(month=1, day=1)
    inflow_from = as_of - timedelta(days=days - 1)
    row = await queries.dashboard_row(conn, as_of, unit_id, month_from, year_from, inflow_from)
    if unit_id is not None and not row["top_units"]:
        raise await missing_unit(conn, unit_id, as_of)
    return {
        "as_of": as_of,
        "unit_id": unit_id,
        "month_from": month_from,
        "year_from": year_from,
        "receipts_month_vnd": row["receipts_month_vnd"],
        "receipts_year_vnd": row["receipts_year_vnd"],
        "distributed_year_vnd": row["distributed_year_vnd"],
        "balance_year_vnd": row["receipts_year_vnd"] - row["distributed_year_vnd"],
        "blood_units": row["blood_units"],
        "blood_target_units": row["blood_target_units"],
        "inflow": row["inflow"],
        "campaigns": row["campaigns"],
    }
