"""Public transparency pages (Decree 93/2021, Art. 14): every campaign's totals, and one campaign's
progress, as plain server-rendered HTML in Vietnamese. No token, no personal data: the figures are
the public campaign reports', donors and beneficiaries never appear by name here.

The HTML comes from the Jinja2 templates in ``templates/`` (package data of ``rc_reporting``), with
autoescaping on: every value is escaped unless a template says otherwise, so no code here builds
markup or calls ``escape`` itself."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from rc_reporting.service_layer import campaign_reports
from rc_shared import clock, http_cache
from rc_shared.api import errors
from rc_shared.labels import CAMPAIGN_TYPES, count, percent_reached, public_state, vn_date, vnd
from rc_shared.runtime import connection

pages_router = APIRouter(prefix="/public", tags=["public pages"])


def _name(r: dict[str, Any]) -> str:
    """A campaign's name; one known only from its ledger so far has none yet."""
    return str(r.get("name") or r.get("code") or f"Cuộc vận động {r['campaign_id']}")


def _label(table: dict[str, str], value: str | None) -> str:
    return table.get(value or "unknown", value or "–")


_HTML = "text/html; charset=utf-8"

_templates = Environment(
    loader=PackageLoader("rc_reporting.entrypoints", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.filters.update(
    vnd=vnd,
    campaign_name=_name,
    campaign_type=lambda value: _label(CAMPAIGN_TYPES, value),
    campaign_state=lambda state, until: public_state(state, until, clock.today()),
    vn_date=vn_date,
    count=count,
)
_templates.globals["today"] = clock.today  # the day the figures are given for (the answers are dated by day)
_templates.globals["ledger_url"] = ""  # the ledger pages on this host, until the app says (link_ledger_pages)

TARGETS = {
    "cash_vnd": "Tiền",
    "in_kind_value_vnd": "Hiện vật (giá trị)",
    "blood_units": "Đơn vị máu",
    "beneficiaries": "Người/hộ được hỗ trợ",
}


def link_ledger_pages(base_url: str) -> None:
    """Where the campaign page links to the donations service's public ledger (RC_PUBLIC_LEDGER_URL)."""
    _templates.globals["ledger_url"] = base_url.rstrip("/")


def _render(template: str, **context: Any) -> bytes:
    return _templates.get_template(template).render(**context).encode()


@pages_router.get("/campaigns", response_class=HTMLResponse, responses=http_cache.NOT_MODIFIED)
@http_cache.cached_route
async def campaigns_page(request: Request) -> Response:
    """Every campaign with what it received and distributed (cacheable: ETag, Cache-Control public)."""
    async with connection(request) as conn:

        async def render() -> bytes:
            return _campaigns_html(await campaign_reports.campaigns(conn, None, None, None))

        return await http_cache.public_answers(request).answer(
            request, conn, "campaigns.html", "", campaign_reports.campaigns_version, render, _HTML
        )


def _campaigns_html(rows: list[dict[str, Any]]) -> bytes:
    return _render("campaigns.html", campaigns=rows)


@pages_router.get(
    "/campaigns/{campaign_id}", response_class=HTMLResponse, responses={**http_cache.NOT_MODIFIED, **errors(404)}
)
@http_cache.cached_route
async def campaign_page(
    request: Request, campaign_id: Annotated[uuid.UUID, Path(description="The campaign.")]
) -> Response:
    """One campaign: totals received in cash and in kind, distributed, balance, targets (cacheable)."""
    async with connection(request) as conn:

        async def render() -> bytes:
            return _campaign_html(await campaign_reports.public_campaign(conn, campaign_id))

        async def version(c: asyncpg.Connection) -> str:
            return await campaign_reports.campaign_version(c, campaign_id)

        return await http_cache.public_answers(request).answer(
            request, conn, "campaign.html", str(campaign_id), version, render, _HTML
        )


def _campaign_html(r: dict[str, Any]) -> bytes:
    targets = []
    for key, t in r["targets"].items():
        if t["target"] is None:
            continue
        money = key.endswith("vnd")
        targets.append({
            "label": TARGETS[key],
            "shown": vnd(t["value"]) if money else count(t["value"]),
            "goal": vnd(t["target"]) if money else count(t["target"]),
            "percent": str(percent_reached(t["value"], t["target"])),  # (as the ledger page says it)
            "width": str(min(100, percent_reached(t["value"], t["target"]))),  # the bar says what the text says
        })  # fmt: skip
    return _render("campaign.html", campaign=r, targets=targets)
