"""HTTP routes of the review reports, their exports and the annual plans.

==================================== ====== ==================================================================
Endpoint                             Action Scope
==================================== ====== ==================================================================
GET /reports/review                  read   the unit, in the tree of the period's end; ``format`` json, csv,
                                            xlsx or pdf; a large export (or ``Prefer: respond-async``) becomes
                                            a job: 303 See Other to it
POST /exports/reviews                read   as above; always a job: 202 with the job and its Location
GET /exports/{job_id}                read   the job's unit: status, progress, ``download`` when done
GET /exports/{job_id}/file           read   the job's file
GET /plans/{unit_id}/{year}          read   the unit, in the tree of 31 December of the year
PUT /plans/{unit_id}/{year}          manage as above; replaces the unit's targets of the year
POST /plans/import                   manage organisation-wide users only (rows may name any unit)
==================================== ====== ==================================================================
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import Field, StringConstraints

from rc_reporting.adapters import review as review_queries
from rc_reporting.domain.model import RoleNames
from rc_reporting.domain.review import ReviewPeriod
from rc_reporting.entrypoints import access
from rc_reporting.entrypoints.table_export import XLSX
from rc_reporting.service_layer import exports, plans
from rc_reporting.service_layer import review as reviews
from rc_reporting.settings import Settings
from rc_shared import auth, clock, http_cache
from rc_shared.api import WHOLE, Out, errors
from rc_shared.auth import Forbidden, check_scope, scope_filter
from rc_shared.dates import Day
from rc_shared.errors import Invalid, NotFound, Unavailable
from rc_shared.runtime import connection

router = APIRouter(tags=["reviews and plans"], dependencies=[Depends(http_cache.no_store)])

# The media types of a review's files (``format``: csv, xlsx, pdf).
REVIEW_FILES: dict[str, Any] = {
    "text/csv": {"schema": {"type": "string"}},
    XLSX: {"schema": {"type": "string", "format": "binary"}},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
}


class FigureOut(Out):
    indicator: str = Field(description="Indicator name (what plans name).")
    label: str
    measure: str = Field(description="Unit of measure: VND, người, lượt, ...")
    value: int | float = Field(description="Achieved in the period.")
    previous: int | float | None = Field(
        description="The same period of the previous year; null: the unit did not exist."
    )
    change_percent: float | None = Field(description="(value - previous) / previous, percent, one decimal.")
    plan: int | None = Field(
        description="The plan of the year of the period's end, rolled up; null: none, or it covers only part of the "
        "subtree (no percentage of a partial plan)."
    )
    percent_of_plan: float | None


class SectionOut(Out):
    key: str = Field(description="organisation, humanitarian, movement:<campaign_type>, blood, training.")
    title: str
    figures: list[FigureOut]


class ReviewUnitOut(Out):
    unit_id: uuid.UUID
    code: str
    name: str
    level: str
    parent_id: uuid.UUID | None
    parent_name: str | None = Field(
        description="The parent unit's name on the period's end (null: the top of the tree, a province's society, "
        "whose report goes to the national society)."
    )
    units_by_level: dict[str, int] = Field(description="Units of the subtree on the period's end, by level.")


class UnitRowOut(Out):
    unit_id: uuid.UUID
    code: str
    name: str
    level: str
    members: int
    new_members: int
    volunteers: int
    funds_raised_vnd: int
    support_value_vnd: int
    person_times: int


class MonthOut(Out):
    month: str = Field(description="YYYY-MM.")
    funds_raised_vnd: int
    support_value_vnd: int
    person_times: int
    blood_units: int


class ReviewOut(Out):
    unit: ReviewUnitOut
    period_from: date
    period_to: date
    previous_from: date
    previous_to: date
    plan_year: int
    sections: list[SectionOut]
    units: list[UnitRowOut] = Field(description="The child units on the period's end, with their main figures.")
    monthly: list[MonthOut] = Field(description="The monthly series of the period (charts).")


class ExportJobOut(Out):
    job_id: uuid.UUID
    kind: str
    format: str
    params: dict[str, str]
    status: Literal["queued", "running", "done", "failed"]
    progress: int = Field(description="Percent done.")
    filename: str | None
    error: str | None
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime
    download: str | None = Field(description="Link of the file once done.")


class ReviewExportIn(Out):
    unit_id: uuid.UUID | None = None
    unit_code: str | None = Field(None, min_length=1, max_length=100)
    period_from: Day | None = None
    period_to: Day | None = Field(
        None,
        description="Last day (inclusive); default: today. A day after today counts up to today, and the answer's "
        "period_to says so (1.10.0 refused it); a period_from after today is a 422.",
    )
    format: Literal["csv", "xlsx", "pdf"]


# An indicator's shape: lower-case words joined by dots (support.gift_package, tet_nhan_ai.members); which
# names exist depends on the configured support kinds (422 naming an unknown one).
Indicator = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
Target = Annotated[int, Field(strict=True, ge=0, le=10**15), WHOLE]


def _names_by_pattern(schema: dict[str, Any]) -> None:
    """Pydantic states a key pattern as ``patternProperties``, which lets any other key through:
    say it as ``propertyNames`` with every value a target."""
    ((pattern, value),) = schema.pop("patternProperties").items()
    schema["propertyNames"] = {**schema.get("propertyNames", {}), "pattern": pattern}
    schema["additionalProperties"] = value


class PlanIn(Out):
    targets: dict[Indicator, Target] = Field(
        json_schema_extra=_names_by_pattern,
        description="Indicator -> target (a whole number, 0 to 10^15). Replaces the year's targets.",
    )


class PlanOut(Out):
    unit_id: uuid.UUID
    year: int
    targets: dict[str, int] = Field(description="The unit's own targets.")
    rolled_up: dict[str, int] = Field(
        description="The plan of the subtree (own targets win over those below); an indicator is absent when part "
        "of the subtree has no target for it (a unit with no target and nobody planned below it)."
    )


class PlanImportOut(Out):
    rows: int
    targets: int
    changed: int


def _settings(request: Request) -> Settings:
    s = request.app.state.runtime.settings
    return s if isinstance(s, Settings) else Settings()


def _roles(s: Settings) -> RoleNames:
    return RoleNames(s.role_volunteer, s.role_youth, s.role_collaborator)


async def _resolve(
    request: Request, unit_id: uuid.UUID | None, unit_code: str | None, period: ReviewPeriod
) -> uuid.UUID:
    if (unit_id is None) == (unit_code is None):
        if unit_id is not None:
            raise Invalid("give exactly one of unit_id and unit_code", field="unit_id")
        if (root := scope_filter(request)) is not None:
            return root
        # an organisation-wide caller: the top of the tree, when there is one on the period's end
        async with connection(request) as conn:
            roots = await review_queries.roots(conn, period.end)
        if len(roots) != 1:
            raise Invalid(
                f"give unit_id or unit_code: the tree has {len(roots)} top units on {period.end}", field="unit_id"
            )
        return roots[0]
    if unit_code is not None:
        async with connection(request) as conn:
            found = (await review_queries.units_by_code(conn, period.end, period.end)).get(unit_code)
        if found is None:
            raise NotFound(f"no unit with code {unit_code!r} on {period.end}", unit_code=unit_code)
        unit_id = found
    assert unit_id is not None
    await access.report_root(request, unit_id, period.end)
    return unit_id


def _job_out(request: Request, job: dict[str, Any]) -> dict[str, Any]:
    done = job["status"] == "done"
    return {**job, "download": str(request.url_for("export_file", job_id=job["job_id"])) if done else None}


async def _start_job(request: Request, export: exports.ReviewExport) -> dict[str, Any]:
    """Create the job (404 at once when the unit does not exist on the period's end) and start its task;
    503 at once while this process runs ``export_jobs_in_flight`` jobs already."""
    s, state = _settings(request), request.app.state
    if not hasattr(state, "export_slots"):  # (no await between the check and the set: one per process)
        state.export_slots, state.export_tasks = asyncio.Semaphore(s.export_jobs_in_flight), set()
    slots: asyncio.Semaphore = state.export_slots
    if slots.locked():  # taken before the first await: requests arriving together cannot all pass
        raise Unavailable(
            f"this server runs {s.export_jobs_in_flight} review exports already (RC_EXPORT_JOBS_IN_FLIGHT): "
            "ask again shortly",
            retry_after_s=30,
        )
    await slots.acquire()  # free: returns at once
    try:
        async with connection(request) as conn:
            if await review_queries.unit_version(conn, export.unit_id, export.period.end) is None:
                raise NotFound(f"unit {export.unit_id} does not exist on {export.period.end}, the end of the period")
            job_id = await exports.create_job(conn, export, s.export_job_ttl_s)
    except BaseException:
        slots.release()
        raise
    rt = state.runtime
    task = exports.spawn(
        state.export_tasks,
        exports.run_job(
            lambda: rt.db().acquire(),
            job_id,
            export,
            s.support_kinds,
            _roles(s),
            s.report_templates_dir,
            s.export_job_lease_s,
        ),
    )
    task.add_done_callback(lambda _: slots.release())  # the slot is the job's until it ends
    async with connection(request) as conn:
        return _job_out(request, await exports.job(conn, job_id, _settings(request).export_job_lease_s))


async def _subtree_size(request: Request, unit_id: uuid.UUID, on: date) -> int:
    async with connection(request) as conn:
        rows = await conn.fetchval(
            "WITH RECURSIVE d(u, n) AS (SELECT $1::uuid, 0 UNION SELECT v.unit_id, d.n + 1 FROM d"
            " JOIN rpt_unit_versions v ON v.parent_id = d.u AND v.valid_from <= $2 AND (v.valid_to IS NULL"
            " OR v.valid_to > $2) WHERE d.n < 64) SELECT count(DISTINCT u) FROM d",
            unit_id,
            on,
        )
    return int(rows)


@router.get(
    "/reports/review",
    response_model=ReviewOut,
    responses={
        **errors(404, 503),
        200: {
            "description": "The review as JSON, or the file of `format`.",
            "content": REVIEW_FILES,
        },
        303: {"description": "A large export (or `Prefer: respond-async`) became a job: see Location."},
    },
    dependencies=auth.READ,
)
async def review(
    request: Request,
    unit_id: Annotated[
        uuid.UUID | None,
        Query(
            description="Top unit (or unit_code); default: your scope's root (organisation-wide: the tree's top unit"
            " on period_to, when there is one)."
        ),
    ] = None,
    unit_code: Annotated[str | None, Query(min_length=1, max_length=100, description="Top unit by code.")] = None,
    period_from: Annotated[Day | None, Query(description="First day; default: 1 January of period_to's year.")] = None,
    period_to: Annotated[
        Day | None,
        Query(
            description="Last day (inclusive); default: today. A day after today counts up to today, and the "
            "answer's period_to says so (1.10.0 refused it); a period_from after today is a 422."
        ),
    ] = None,
    format: Annotated[Literal["json", "csv", "xlsx", "pdf"], Query(description="Answer format.")] = "json",
    prefer: Annotated[str | None, Header(description="'respond-async': run the export as a job.")] = None,
) -> Any:
    """A six-month, annual or any-range review of a unit's subtree: organisation, humanitarian work by
    movement, blood; each figure against the plan of the year and the same period of the previous year.
    A reversal counts in the period of its own day (a gift of June reversed in July: in June's figures, and
    deducted from July's), so periods add up and a filed period's figures stay as filed."""
    period = exports.default_period(period_from, period_to, clock.today())
    uid = await _resolve(request, unit_id, unit_code, period)
    s = _settings(request)
    if format != "json":
        large = await _subtree_size(request, uid, period.end) > s.export_sync_max_units
        if large or (prefer or "").strip().lower() == "respond-async":
            job = await _start_job(request, exports.ReviewExport(uid, period, format))
            location = str(request.url_for("export_job", job_id=job["job_id"]))
            return Response(status_code=303, headers={"Location": location})
    async with connection(request) as conn:
        body = await reviews.review(conn, uid, period, s.support_kinds, _roles(s))
    if format == "json":
        return body
    disposition = {"Content-Disposition": f'attachment; filename="{exports.export_filename(body, format)}"'}
    if format == "csv":
        return StreamingResponse(exports.csv_stream(body), media_type=exports.MEDIA_TYPES["csv"], headers=disposition)
    content = await exports.render(body, format, s.report_templates_dir)
    return Response(content, media_type=exports.MEDIA_TYPES[format], headers=disposition)


@router.post(
    "/exports/reviews",
    status_code=202,
    response_model=ExportJobOut,
    responses=errors(404, 503),
    dependencies=auth.READ,
)
async def export_review(request: Request, response: Response, body: ReviewExportIn) -> dict[str, Any]:
    """Start an export job of a review: 202 with the job (``Location``); poll it for progress and its link."""
    period = exports.default_period(body.period_from, body.period_to, clock.today())
    uid = await _resolve(request, body.unit_id, body.unit_code, period)
    job = await _start_job(request, exports.ReviewExport(uid, period, body.format))
    response.headers["Location"] = str(request.url_for("export_job", job_id=job["job_id"]))
    return job


async def _job_scope(request: Request, job: dict[str, Any]) -> None:
    await check_scope(request, uuid.UUID(job["params"]["unit_id"]), "the unit", on=date.fromisoformat(
        job["params"]["period_to"]))  # fmt: skip


@router.get(
    "/exports/{job_id}",
    name="export_job",
    response_model=ExportJobOut,
    responses=errors(404),
    dependencies=auth.READ,
)
async def export_job(request: Request, job_id: Annotated[uuid.UUID, Path(description="The job.")]) -> dict[str, Any]:
    """An export job: status, progress (percent) and, once done, the link of its file."""
    async with connection(request) as conn:
        job = await exports.job(conn, job_id, _settings(request).export_job_lease_s)
    await _job_scope(request, job)
    return _job_out(request, job)


@router.get(
    "/exports/{job_id}/file",
    name="export_file",
    response_class=Response,
    responses={
        **errors(404),
        200: {
            "description": "The file.",
            "content": REVIEW_FILES,
        },
    },
    dependencies=auth.READ,
)
async def export_file(request: Request, job_id: Annotated[uuid.UUID, Path(description="The job.")]) -> Response:
    """The file of a finished export job (404 until it is done)."""
    async with connection(request) as conn:
        job = await exports.job(conn, job_id, _settings(request).export_job_lease_s)
        await _job_scope(request, job)
        content, name, media_type = await exports.job_file(conn, job_id)
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


Year = Annotated[int, Path(ge=1900, le=2100, description="Calendar year of the plan.")]
UnitPath = Annotated[uuid.UUID, Path(description="The unit.")]


@router.get("/plans/{unit_id}/{year}", response_model=PlanOut, responses=errors(404), dependencies=auth.READ)
async def get_plan(request: Request, unit_id: UnitPath, year: Year) -> dict[str, Any]:
    """A unit's targets for a year and its plan rolled up over its subtree (the trees of that year)."""
    await check_scope(request, unit_id, "the unit", on=date(year, 12, 31))
    async with connection(request) as conn:
        return await plans.get_plan(conn, unit_id, year)


@router.put("/plans/{unit_id}/{year}", response_model=PlanOut, responses=errors(404), dependencies=auth.MANAGE)
async def put_plan(request: Request, unit_id: UnitPath, year: Year, body: Annotated[PlanIn, Body()]) -> dict[str, Any]:
    """Set a unit's targets for a year (replaces those of the year; an indicator left out is removed)."""
    await check_scope(request, unit_id, "the unit", on=date(year, 12, 31))
    async with connection(request) as conn:
        return await plans.put_plan(conn, unit_id, year, body.targets, _settings(request).support_kinds)


@router.post(
    "/plans/import",
    response_model=PlanImportOut,
    responses=errors(404),
    dependencies=auth.MANAGE,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The XLSX workbook's bytes (any content type).",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def import_plans(request: Request) -> dict[str, Any]:
    """Import targets from an XLSX workbook (columns unit_code, year, indicator, target); all rows or none."""
    if scope_filter(request) is not None:
        raise Forbidden("a plan import may name any unit: it is for organisation-wide users; use PUT /plans/...")
    content = await request.body()
    async with connection(request) as conn:
        return await plans.import_plans(conn, content, _settings(request).support_kinds)
