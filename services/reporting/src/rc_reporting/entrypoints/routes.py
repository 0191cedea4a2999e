"""HTTP routes of the membership reports (access control: :mod:`rc_reporting.entrypoints.access`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import Field

from rc_reporting.domain.model import DEFAULT_DEPTH, ReportRequest, RoleNames
from rc_reporting.entrypoints import access
from rc_reporting.entrypoints.params import Depth, ReportDay, TopUnit, report_day, report_envelope
from rc_reporting.entrypoints.table_export import TableFormat, table_response, table_route
from rc_reporting.exports.tables import flatten
from rc_reporting.service_layer import reports
from rc_reporting.settings import Settings
from rc_shared import auth, http_cache
from rc_shared.api import Out, errors
from rc_shared.dates import Day
from rc_shared.runtime import connection

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[Depends(http_cache.no_store)])


class UnitFigures(Out):
    unit_id: uuid.UUID
    code: str
    name: str
    level: str
    parent_id: uuid.UUID | None
    units_by_level: dict[str, int] = Field(description="Units of the subtree on as_of by level, the unit included.")
    members: int = Field(description="People with an active membership on as_of in the subtree.")
    volunteers: int = Field(description="People holding the volunteer role on as_of.")
    youth: int = Field(description="People holding the youth role on as_of.")
    collaborators: int = Field(description="People holding the collaborator role on as_of.")
    roles: dict[str, int] = Field(description="People per role name on as_of (every role).")
    members_joined: int = Field(description="People whose membership started in the period.")
    members_lapsed: int = Field(description="People whose membership lapsed in the period.")
    volunteer_hours: float = Field(description="Volunteer hours worked in the period.")
    fees: dict[str, int] = Field(description="Active memberships on as_of by fee status for the year of as_of.")
    children: list[UnitFigures] = Field(description="Child units on as_of (down to the requested depth).")


class MembershipReport(Out):
    as_of: date
    period_from: date
    period_to: date
    depth: int
    units: list[UnitFigures] = Field(description="The requested unit, or every root unit on as_of.")


class UnitMembershipReport(Out):
    as_of: date
    period_from: date
    period_to: date
    depth: int
    unit: UnitFigures


class ConsumerStatus(Out):
    consumer: str
    events_processed: int = Field(description="Distinct events handled (applied + dead-lettered).")
    events_applied: int
    events_dead_lettered: int
    last_processed_at: datetime | None
    rows: dict[str, int] = Field(description="Rows per projection table of this consumer.")


class ProjectionStatus(ConsumerStatus):
    """The top-level fields are the membership consumer's (reporting.members)."""

    consumers: dict[str, ConsumerStatus] = Field(
        description="Every consumer of the service: reporting.members and reporting.campaigns."
    )


def _roles(request: Request) -> RoleNames:
    s = request.app.state.runtime.settings
    if isinstance(s, Settings):
        return RoleNames(s.role_volunteer, s.role_youth, s.role_collaborator)
    return RoleNames()


PeriodFrom = Annotated[
    Day | None, Query(description="First day of the period of flows; default: 1 January of as_of's year.")
]
PeriodTo = Annotated[Day | None, Query(description="Last day (inclusive) of the period of flows; default: as_of.")]


MEMBERSHIP_COLUMNS = (
    "code", "name", "level", "members", "volunteers", "youth", "collaborators", "members_joined", "members_lapsed",
    "volunteer_hours", "fees.paid", "fees.unpaid", "fees.exempted",
)  # fmt: skip


@table_route(router, "/membership", MembershipReport)
async def membership(
    request: Request,
    as_of: ReportDay = None,
    unit_id: TopUnit = None,
    period_from: PeriodFrom = None,
    period_to: PeriodTo = None,
    depth: Depth = DEFAULT_DEPTH,
    format: TableFormat = "json",
) -> Any:
    """Membership statistics rolled up over the organisation tree valid on ``as_of`` (a file: one row per unit,
    depth-first, with its depth)."""
    as_of = report_day(request, as_of, period_to)
    unit_id = await access.report_root(request, unit_id, as_of, period_to)
    req = ReportRequest.build(as_of, unit_id, period_from, period_to, depth)
    async with connection(request) as conn:
        tops = await reports.membership_report(conn, req, _roles(request))
    units = [t.to_dict() for t in tops]
    if format != "json":
        header = ("depth", *(c.replace(".", "_") for c in MEMBERSHIP_COLUMNS))
        return table_response(
            format, f"membership-{req.period.start}-{req.period.end}", header, flatten(units, MEMBERSHIP_COLUMNS)
        )
    return {**report_envelope(req), "units": units}


@router.get(
    "/membership/units/{unit_id}", response_model=UnitMembershipReport, responses=errors(404), dependencies=auth.READ
)
async def membership_of_unit(
    request: Request,
    unit_id: Annotated[uuid.UUID, Path(description="The unit.")],
    as_of: ReportDay = None,
    period_from: PeriodFrom = None,
    period_to: PeriodTo = None,
    depth: Depth = 0,
) -> dict[str, Any]:
    """One unit's figures (404 if the unit does not exist on ``as_of``)."""
    as_of = report_day(request, as_of, period_to)
    await access.report_root(request, unit_id, as_of, period_to)
    req = ReportRequest.build(as_of, unit_id, period_from, period_to, depth)
    async with connection(request) as conn:
        (top,) = await reports.membership_report(conn, req, _roles(request))
    return {**report_envelope(req), "unit": top.to_dict()}


@router.get("/status", response_model=ProjectionStatus, dependencies=auth.ADMIN)
async def projection_status(request: Request) -> dict[str, Any]:
    """How many events the projections have consumed.

    The top-level fields are the membership consumer's (tests wait on ``events_processed``); ``consumers``
    has one entry per consumer group.
    """
    async with connection(request) as conn:
        return await reports.status(conn)
