"""The campaign reports page: funds raised and distributed by unit and by period (the reporting service's
``/reports/campaigns/by-unit`` and ``/by-period``), with their bar charts and their CSV and Excel files."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from rc_clients.campaigns.models import CampaignOut
from rc_clients.reporting.models import CampaignSeries, UnitFundsReport
from rc_console.adapters.session import Session
from rc_console.adapters.upstream import Api, ApiError
from rc_console.domain.reports import FILTERS, CampaignQuery, bar_chart, campaign_period, campaign_query
from rc_console.entrypoints import web
from rc_console.i18n import day
from rc_console.i18n import gettext as _
from rc_shared import clock

router = APIRouter(include_in_schema=False)
EXPORTS = ("csv", "xlsx")
TABLES = {"by-unit": "/reports/campaigns/by-unit", "by-period": "/reports/campaigns/by-period"}


def unit_params(q: CampaignQuery) -> dict[str, Any]:
    """The by-unit report's query (None: the service's default)."""
    return {
        "unit_id": q.unit_id,
        "as_of": q.as_of,
        "period_from": q.period_from,
        "period_to": q.period_to,
        "campaign_id": q.campaign_id,
    }


def period_params(q: CampaignQuery) -> dict[str, Any]:
    """The by-period report's query: the chosen campaign's buckets."""
    return {
        "campaign_id": q.campaign_id,
        "granularity": q.granularity,
        "period_from": q.period_from,
        "period_to": q.period_to,
    }


def _field_errors(exc: ApiError, default: str) -> dict[str, str]:
    """A service's refusal of the filters, next to the fields it names (else next to ``default``)."""
    if exc.problem.status not in (403, 404, 422):
        raise exc
    known = {k: v for k, v in exc.problem.fields.items() if k in FILTERS}
    return known or {default: exc.problem.message}


async def _scoped_campaigns(api: Api) -> list[CampaignOut]:
    """The campaigns of the user's scope, for the campaign picker (the campaigns API decides)."""
    return list((await api.campaigns_page()).items)


@router.get("/reports/campaigns")
async def campaign_reports(
    request: Request,
    unit_id: str = "",
    as_of: str = "",
    period_from: str = "",
    period_to: str = "",
    campaign_id: str = "",
    granularity: str = "",
    s: Session = Depends(web.session),
) -> Response:
    """Funds by unit for the user's subtree (or ``unit_id``), and a chosen campaign's funds by period."""
    raw = {
        "unit_id": unit_id,
        "as_of": as_of,
        "period_from": period_from,
        "period_to": period_to,
        "campaign_id": campaign_id,
        "granularity": granularity or "month",
    }
    q, errors = campaign_query(raw)
    api = web.api(request, s)
    by_unit: UnitFundsReport | None = None
    by_period: CampaignSeries | None = None
    campaigns = await _scoped_campaigns(api)
    status = 422 if errors else 200
    if not errors and q.campaign_id is not None:  # first: its period is the funds by unit's when none is given
        try:
            by_period = await api.funds_by_period(period_params(q))
        except ApiError as exc:
            errors, status = _field_errors(exc, "campaign_id"), exc.problem.status
    unit_q = q  # the by-unit table's query, the file's link included (the same gifts on screen and in the file)
    if not errors:
        first = by_period.period_from if by_period is not None else None
        last = by_period.period_to if by_period is not None else None
        unit_q = campaign_period(q, first, last, clock.today())
        try:
            by_unit = await api.funds_by_unit(unit_params(unit_q))
        except ApiError as exc:  # the unit or campaign refused (403, 404) or the service's 422: the service's status
            errors, status = _field_errors(exc, "unit_id" if q.unit_id else "as_of"), exc.problem.status
    unit_chart = by_period_chart = None
    if by_unit is not None:
        rows = [c for u in by_unit.units for c in u.children] or list(by_unit.units)
        unit_chart = bar_chart([(u.name, u.cash_raised_vnd) for u in rows])
    if by_period is not None:
        by_period_chart = bar_chart([(day(b.period_start), b.cash_raised_vnd) for b in by_period.buckets])
    return web.render(
        request,
        "campaign_reports.html",
        status=status,
        nav="reports",
        values=raw,
        errors=errors,
        campaigns=[(str(c.id), c.name) for c in campaigns],
        by_unit=by_unit,
        by_period=by_period,
        unit_chart=unit_chart,
        period_chart=by_period_chart,
        unit_query=urlencode({k: v for k, v in unit_params(unit_q).items() if v is not None}),
        period_query=urlencode({k: v for k, v in period_params(q).items() if v is not None}),
    )


@router.get("/reports/campaigns/{table}.{fmt}")
async def campaign_report_file(
    table: str,
    fmt: str,
    request: Request,
    unit_id: str = "",
    as_of: str = "",
    period_from: str = "",
    period_to: str = "",
    campaign_id: str = "",
    granularity: str = "",
    s: Session = Depends(web.session),
) -> Response:
    """The by-unit or by-period table as the reporting service's CSV or XLSX file."""
    if table not in TABLES or fmt not in EXPORTS:
        raise web.ApiErrorPage(404, _("Không có định dạng này."))
    raw = {"unit_id": unit_id, "as_of": as_of, "period_from": period_from, "period_to": period_to}
    q, errors = campaign_query(raw | {"campaign_id": campaign_id, "granularity": granularity})
    if errors or (table == "by-period" and q.campaign_id is None):
        raise web.ApiErrorPage(422, _("Ngày, đơn vị hoặc cuộc vận động của báo cáo không hợp lệ."))
    params = unit_params(q) if table == "by-unit" else period_params(q)
    body, media = await web.api(request, s).table_file(TABLES[table], params, fmt)
    dated = "".join(f"-{d.isoformat()}" for d in (q.period_from, q.period_to) if d is not None)
    name = f"van-dong-{table}{dated}.{fmt}"  # two periods' files do not download under one name
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(body, media_type=media, headers=headers)
