"""HTTP routes of the campaign progress reports (Decree 93 disclosure figures, per campaign and unit).

Two routers: ``public_router`` (the campaign list and one campaign's progress: published by law,
Decree 93/2021, no token needed) and ``router`` (per unit and per period: a token, see
:mod:`rc_reporting.entrypoints.access`). ``router`` must be included first: its fixed paths
(``/by-unit``, ``/by-period``) would otherwise be taken for a ``{campaign_id}``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

import asyncpg
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import Field

from rc_reporting.domain.campaigns import CampaignState, SeriesRequest
from rc_reporting.domain.model import DEFAULT_DEPTH, ReportRequest
from rc_reporting.entrypoints import access
from rc_reporting.entrypoints.params import Depth, ReportDay, TopUnit, report_day, report_envelope
from rc_reporting.entrypoints.table_export import TableFormat, table_response, table_route
from rc_reporting.exports.tables import flatten
from rc_reporting.service_layer import campaign_reports
from rc_shared import auth, http_cache
from rc_shared.api import AsOf, Out, errors
from rc_shared.dates import Day
from rc_shared.events.campaigns import CampaignType
from rc_shared.runtime import connection

router = APIRouter(prefix="/reports/campaigns", tags=["campaign reports"], dependencies=[Depends(http_cache.no_store)])
public_router = APIRouter(prefix="/reports/campaigns", tags=["campaign reports (public)"])


class CampaignFigures(Out):
    campaign_id: uuid.UUID
    code: str | None = Field(description="Null while only ledger events of the campaign have been projected.")
    name: str | None
    campaign_type: str | None
    state: CampaignState = Field(description="Lifecycle state on as_of ('unknown': launch not projected yet).")
    organising_unit_id: uuid.UUID | None
    receiving_from: date | None
    receiving_until: date | None
    cash_raised_vnd: int = Field(description="Cash donations received, reversals excluded.")
    in_kind_value_vnd: int = Field(description="Assessed value of goods received, reversals excluded.")
    blood_units: int
    donations: int = Field(description="Donations not reversed (every kind).")
    donors: int = Field(description="Distinct identified donors plus one per anonymous gift.")
    pledged_vnd: int = Field(description="Pledges recorded (promises; never part of cash raised).")
    pledge_paid_vnd: int = Field(description="Cash paid against pledges, at most each pledge's amount.")
    distributed_cash_vnd: int
    distributed_goods_vnd: int
    balance_cash_vnd: int = Field(description="cash_raised_vnd - distributed_cash_vnd.")
    balance_goods_vnd: int = Field(
        description="in_kind_value_vnd - distributed_goods_vnd: the value of the goods still held (goods are"
        " distributed from those received)."
    )
    beneficiaries_reached: int = Field(description="Distinct beneficiaries with a distribution not reversed.")


class TargetProgress(Out):
    target: int | None = Field(description="Null when the target is not tracked.")
    value: int
    percent: float | None = Field(description="value / target in percent, one decimal; null when untracked.")


class Targets(Out):
    cash_vnd: TargetProgress
    in_kind_value_vnd: TargetProgress
    blood_units: TargetProgress
    beneficiaries: TargetProgress


class TargetReached(Out):
    target: str
    reached_at: datetime


class CampaignReport(CampaignFigures):
    as_of: date | None = Field(description="Report date; null: every fact projected so far.")
    distribution_deadline: date | None
    participating_unit_ids: list[uuid.UUID]
    parent_campaign_id: uuid.UUID | None
    beneficiaries_registered: int = Field(description="Beneficiaries registered for this campaign.")
    beneficiaries_verified: int
    people_reached: int = Field(description="People in the beneficiaries reached (household sizes; 1 if unknown).")
    targets: Targets
    targets_reached: list[TargetReached] = Field(description="From campaigns.campaign.target_reached.v1, in order.")
    remainder_note: str | None = Field(
        None,
        description="Settled: what the settlement does with what was left undistributed (the decision that "
        "allots it), as campaigns.campaign.settled.v1 says it; null otherwise, or nothing said.",
    )


class CampaignList(Out):
    as_of: date | None
    state: CampaignState | None
    campaign_type: str | None
    campaigns: list[CampaignFigures]


class UnitFunds(Out):
    unit_id: uuid.UUID
    code: str
    name: str
    level: str
    parent_id: uuid.UUID | None
    cash_raised_vnd: int = Field(description="Cash received in the period by units of the subtree.")
    in_kind_value_vnd: int
    blood_units: int
    donations: int
    distributed_cash_vnd: int = Field(description="Cash distributed in the period by units of the subtree.")
    distributed_goods_vnd: int
    credited_cash_vnd: int = Field(
        description="Soft credits: cash mobilised by units of the subtree (received anywhere); not part of any "
        "raised total."
    )
    credited_donations: int
    children: list[UnitFunds]


class UnitFundsReport(Out):
    as_of: date
    period_from: date
    period_to: date
    depth: int
    campaign_id: uuid.UUID | None
    units: list[UnitFunds]


class Bucket(Out):
    period_start: date
    period_end: date
    cash_raised_vnd: int = Field(description="Cash received in the bucket minus cash reversed in it.")
    in_kind_value_vnd: int
    blood_units: int
    donations: int = Field(description="Donations received minus donations reversed in the bucket.")
    distributed_cash_vnd: int
    distributed_goods_vnd: int


class CampaignSeries(Out):
    campaign_id: uuid.UUID | None
    granularity: Literal["day", "month"]
    period_from: date | None
    period_to: date | None
    buckets: list[Bucket]


class InflowDay(Out):
    day: date
    cash_raised_vnd: int = Field(description="Cash received on the day by units of the subtree, reversals left out.")


class DashboardCampaign(Out):
    campaign_id: uuid.UUID
    cash_raised_vnd: int = Field(description="The whole campaign's cash received by as_of, reversals left out.")
    blood_units: int = Field(description="The whole campaign's blood units by as_of.")


class Dashboard(Out):
    as_of: date
    unit_id: uuid.UUID | None = Field(description="The top unit; null: every root unit (organisation-wide users).")
    month_from: date
    year_from: date
    receipts_month_vnd: int = Field(
        description="Cash received from month_from to as_of by units of the subtree (through the tree of each "
        "gift's day), gifts reversed by as_of left out."
    )
    receipts_year_vnd: int = Field(description="The same from year_from.")
    distributed_year_vnd: int = Field(description="Cash distributed from year_from to as_of by units of the subtree.")
    balance_year_vnd: int = Field(description="receipts_year_vnd - distributed_year_vnd.")
    blood_units: int = Field(description="Blood units the subtree collected for the campaigns under way on as_of.")
    blood_target_units: int | None = Field(
        description="The blood-unit targets of the campaigns under way organised in the subtree, added up; null: "
        "none has one."
    )
    inflow: list[InflowDay] = Field(description="Every day of the last ``days`` days up to as_of, oldest first.")
    campaigns: list[DashboardCampaign] = Field(
        description="The campaigns under way on as_of organised by a unit of the subtree or with a participating "
        "unit in it (every one for organisation-wide users), with their whole progress."
    )


_JSON = "application/json"
NOT_MODIFIED = http_cache.NOT_MODIFIED

MAX_INFLOW_DAYS = 366

Until = Annotated[Day | None, Query(description="Report date (YYYY-MM-DD); default: every fact projected so far.")]


# The fixed paths come before /{campaign_id}, which would otherwise match them (and fail as a UUID):
# ``router`` is included before ``public_router``.
FUNDS_COLUMNS = (
    "code", "name", "level", "cash_raised_vnd", "in_kind_value_vnd", "blood_units", "donations", "distributed_cash_vnd",
    "distributed_goods_vnd", "credited_cash_vnd", "credited_donations",
)  # fmt: skip
SERIES_COLUMNS = (
    "period_start", "period_end", "cash_raised_vnd", "in_kind_value_vnd", "blood_units", "donations",
    "distributed_cash_vnd", "distributed_goods_vnd",
)  # fmt: skip


@table_route(router, "/by-unit", UnitFundsReport)
async def campaigns_by_unit(
    request: Request,
    as_of: ReportDay = None,
    unit_id: TopUnit = None,
    period_from: Annotated[
        Day | None, Query(description="First day of the period; default: 1 January of as_of's year.")
    ] = None,
    period_to: Annotated[Day | None, Query(description="Last day (inclusive); default: as_of.")] = None,
    depth: Depth = DEFAULT_DEPTH,
    campaign_id: Annotated[uuid.UUID | None, Query(description="One campaign; default: every campaign.")] = None,
    format: TableFormat = "json",
) -> Any:
    """Funds raised and distributed per unit in a period, rolled up the organisation tree valid on ``as_of``.

    A donation counts for the unit that received it and that unit's ancestors (through the tree of
    the day it was received); soft credits are listed apart as ``credited_cash_vnd``.
    """
    as_of = report_day(request, as_of, period_to)
    unit_id = await access.report_root(request, unit_id, as_of, period_to)
    req = ReportRequest.build(as_of, unit_id, period_from, period_to, depth)
    async with connection(request) as conn:
        units = await campaign_reports.funds_by_unit(conn, req, campaign_id)
    if format != "json":
        header = ("depth", *FUNDS_COLUMNS)
        return table_response(
            format, f"funds-by-unit-{req.period.start}-{req.period.end}", header, flatten(units, FUNDS_COLUMNS)
        )
    return {**report_envelope(req), "campaign_id": campaign_id, "units": units}


@table_route(router, "/by-period", CampaignSeries)
async def campaigns_by_period(
    request: Request,
    campaign_id: Annotated[
        uuid.UUID | None, Query(description="One campaign; default: every campaign (organisation-wide users only).")
    ] = None,
    granularity: Annotated[Literal["day", "month"], Query(description="Bucket size.")] = "day",
    period_from: Annotated[
        Day | None, Query(description="First day; default: the campaign's first day or first fact.")
    ] = None,
    period_to: Annotated[
        Day | None, Query(description="Last day (inclusive); default: its distribution deadline or last fact.")
    ] = None,
    format: TableFormat = "json",
) -> Any:
    """Money and goods moved per day or month: received (minus reversals dated in the bucket) and distributed
    (a file: one row per bucket; the XLSX with a native chart of cash raised and distributed)."""
    req = SeriesRequest.build(granularity, period_from, period_to)
    await access.campaign(request, campaign_id)
    async with connection(request) as conn:
        body = await campaign_reports.series(conn, req, campaign_id)
    if format != "json":
        rows = ([b[c] for c in SERIES_COLUMNS] for b in body["buckets"])
        name = f"campaign-series-{campaign_id or 'all'}-{granularity}"
        return table_response(format, name, SERIES_COLUMNS, rows, chart=(0, (2, 6)))
    return body


@router.get("/dashboard", response_model=Dashboard, responses=errors(404), dependencies=auth.READ)
async def campaigns_dashboard(
    request: Request,
    as_of: AsOf,
    unit_id: TopUnit = None,
    days: Annotated[int, Query(ge=1, le=MAX_INFLOW_DAYS, description="Days of the inflow, up to as_of.")] = 30,
) -> Any:
    """A subtree's money and blood on ``as_of`` in one answer: cash received this month and this year, cash
    distributed this year and the balance, blood collected for the campaigns under way against their
    targets, cash received on each of the last ``days`` days, and the campaigns under way with their progress.

    Read from the per-day sums of the units (its cost grows with units and days, not with donations).
    Flows count for the unit that received or distributed them and its ancestors, through the tree of
    their day: a unit's money figures are their subtree's only, never the rest of a campaign organised
    above. The campaigns under way that the subtree organises or takes part in are listed with their whole
    progress (the same figures as each campaign's public report).
    """
    unit_id = await access.report_root(request, unit_id, as_of)
    async with connection(request) as conn:
        return await campaign_reports.dashboard(conn, as_of, unit_id, days)


@public_router.get("", response_model=CampaignList, responses=NOT_MODIFIED)
@http_cache.cached_route
async def campaigns_list(
    request: Request,
    as_of: Until = None,
    state: Annotated[CampaignState | None, Query(description="Only campaigns in this state on as_of.")] = None,
    campaign_type: Annotated[CampaignType | None, Query(alias="type", description="Only this campaign type.")] = None,
) -> Response:
    """Every campaign with its main figures (with ``as_of``: those receiving by then), newest first. Public.

    Cacheable: ``ETag`` (from the projection's versions of the campaigns) and ``Cache-Control: public``."""
    async with connection(request) as conn:

        async def render() -> bytes:
            rows = await campaign_reports.campaigns(conn, as_of, state, campaign_type)
            answer = {"as_of": as_of, "state": state, "campaign_type": campaign_type, "campaigns": rows}
            return CampaignList.model_validate(answer).model_dump_json().encode()

        variant = f"{as_of}|{state}|{campaign_type}"
        return await http_cache.public_answers(request).answer(
            request, conn, "campaigns.json", variant, campaign_reports.campaigns_version, render, _JSON
        )


@public_router.get("/{campaign_id}", response_model=CampaignReport, responses={**NOT_MODIFIED, **errors(404)})
@http_cache.cached_route
async def campaign_progress(
    request: Request,
    campaign_id: Annotated[uuid.UUID, Path(description="The campaign.")],
    as_of: Until = None,
) -> Response:
    """A campaign's progress: raised, pledged, distributed, balance, beneficiaries, targets (404 if unknown).

    Public (Decree 93/2021 disclosure). Cacheable: ``ETag`` (from the projection's version of the
    campaign) and ``Cache-Control: public``."""
    async with connection(request) as conn:

        async def render() -> bytes:
            report = await campaign_reports.campaign(conn, campaign_id, as_of)
            return CampaignReport.model_validate(report).model_dump_json().encode()

        async def version(c: asyncpg.Connection) -> str:
            return await campaign_reports.campaign_version(c, campaign_id)

        variant = f"{campaign_id}|{as_of}"
        return await http_cache.public_answers(request).answer(
            request, conn, "campaign.json", variant, version, render, _JSON
        )
