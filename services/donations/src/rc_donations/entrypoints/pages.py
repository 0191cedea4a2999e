"""The public campaign ledger page (Decree 93/2021 Art. 14), server-rendered in Vietnamese.

Jinja2 templates in ``templates/`` (package data) with autoescaping on: no code here builds markup.
The daily inflow/outflow chart is an inline SVG whose geometry is computed here (no script, no CDN,
nothing to vendor); a table carries the same figures for screen readers. The page reads what the JSON
API reads (:mod:`rc_donations.service_layer.lines`), so it shows each movement once, with the same
read-time donor labels.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import asyncpg
from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from rc_donations.domain.lines import LineFilter, form_filter, search_refusal
from rc_donations.entrypoints.routes import NO_FILTER, Pol
from rc_donations.service_layer import lines
from rc_donations.service_layer.policy import Policy
from rc_shared import clock, http_cache
from rc_shared.errors import Invalid
from rc_shared.labels import CAMPAIGN_TYPES, GIFT_CHANNELS, count, public_state, vn_date, vnd
from rc_shared.runtime import connection

pages_router = APIRouter(prefix="/public", tags=["public pages"])

PAGE_SIZE = 50
_HTML = "text/html; charset=utf-8"
CHART_W, CHART_H = 640, 180

TARGETS = {
    "cash_vnd": "Tiền mặt",
    "in_kind_value_vnd": "Hiện vật (giá trị)",
    "blood_units": "Đơn vị máu",
    "beneficiaries": "Người/hộ được hỗ trợ",
}
METHODS = {
    "bank_transfer": "Chuyển khoản",
    "in_person": "Trực tiếp",
    "e_wallet": "Ví điện tử",
    "other": "Hình thức khác",
}


def vn_time(t: datetime | None) -> str:
    if t is None:
        return "–"
    return t.astimezone(clock.zone()).strftime("%H:%M %d/%m/%Y")


def signed_vnd(amount: int | None) -> str:
    """An amount as the page writes it: a negative one (a day whose reversals outweigh it) with the minus sign
    (U+2212) of the lines' reversals, "−500.000 ₫", not a hyphen (rc_shared.labels.vnd, the downloads' own)."""
    return "\u2212" + vnd(-amount) if amount is not None and amount < 0 else vnd(amount)


def link_campaign_pages(base_url: str) -> None:
    """Where the ledger page links to the reporting service's public campaign pages (RC_PUBLIC_PAGES_URL)."""
    _templates.globals["pages_url"] = base_url.rstrip("/")


def web_link(url: str | None) -> str | None:
    """A link the page may render: http(s) only (the campaigns API refuses others; checked again here)."""
    return url if url is not None and url.startswith(("https://", "http://")) else None


_templates = Environment(
    loader=PackageLoader("rc_donations.entrypoints", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.filters.update(
    vnd=signed_vnd,
    count=count,
    vn_date=vn_date,
    vn_time=vn_time,
    web_link=web_link,
    campaign_type=lambda v: CAMPAIGN_TYPES.get(v, v),
    campaign_state=lambda state, until, closed_on=None: public_state(state, until, clock.today(), closed_on),
    target_label=lambda v: TARGETS.get(v, v),
    method=lambda v: METHODS.get(v, v),
    channel=lambda v: GIFT_CHANNELS.get(v, v or "–"),
    movement=lambda v: lines.MOVEMENT_LABELS.get(v, v),
    kind=lambda v: lines.KIND_LABELS.get(v, v),
)
_templates.globals["pages_url"] = ""  # the campaign pages on this host, until the app says (link_campaign_pages)


def _typed(f: LineFilter) -> dict[str, str]:
    """The search form's fields as a valid filter shows them."""
    return {
        "q": f.q or "",
        "amount_min": "" if f.amount_min is None else str(f.amount_min),
        "amount_max": "" if f.amount_max is None else str(f.amount_max),
        "from": f.date_from.isoformat() if f.date_from else "",
        "to": f.date_to.isoformat() if f.date_to else "",
        "reference": f.reference or "",
        "direction": f.direction or "",
    }


async def _render(
    conn: asyncpg.Connection,
    policy: Policy,
    campaign_id: uuid.UUID,
    f: LineFilter,
    after: int | None,
    typed: Mapping[str, str | None],
    refused: tuple[str | None, str] | None,
) -> bytes:
    """The page: its header and blocks, the lines of ``f`` after ``after``; the search form showing
    ``typed``; ``refused``: the search field refused and the sentence that says why."""
    head = await lines.summary(conn, campaign_id)
    page = await lines.lines_page(conn, policy, campaign_id, f, after, PAGE_SIZE)
    return (
        _templates.get_template("ledger.html")
        .render(
            c=head,
            page=page,
            f=f,
            typed={k: v or "" for k, v in typed.items()},
            refused=refused,
            filtered=f != NO_FILTER,
            after=after,
            chart=chart(head["daily"]),
            next_query=_query(f, after=page["next_after"]) if page["next_after"] else None,
            first_query=_query(f),
            download_query=_query(f),
            anonymous_label=policy.anonymous_label,
        )
        .encode()
    )


def chart(daily: list[dict[str, Any]]) -> dict[str, Any]:
    """Bar geometry of cash received (above the axis) and distributed (below) per day, in a CHART_W ×
    CHART_H box; a day whose reversals outweigh what it recorded has no bar on that side (its label says
    the figure)."""
    if not daily:
        return {"bars": [], "width": CHART_W, "height": CHART_H, "axis": CHART_H / 2, "max": 0, "first": None,
                "last": None}  # fmt: skip
    top = max(max(d["cash_in_vnd"], d["cash_out_vnd"], 0) for d in daily) or 1
    axis = CHART_H / 2
    slot = CHART_W / len(daily)
    w = min(48.0, max(1.0, slot * 0.8))
    bars = []
    for i, d in enumerate(daily):
        h_in = (axis - 14) * max(d["cash_in_vnd"], 0) / top
        h_out = (axis - 14) * max(d["cash_out_vnd"], 0) / top
        x = i * slot + (slot - w) / 2
        bars.append({
            "x": round(x, 1), "w": round(w, 1),
            "in_y": round(axis - h_in, 1), "in_h": round(h_in, 1),
            "out_y": round(axis, 1), "out_h": round(h_out, 1),
            "label": f"{vn_date(d['on'])}: thu {signed_vnd(d['cash_in_vnd'])}, chi {signed_vnd(d['cash_out_vnd'])}",
        })  # fmt: skip
    return {
        "bars": bars, "width": CHART_W, "height": CHART_H, "axis": axis, "max": top,
        "first": daily[0]["on"], "last": daily[-1]["on"],  # the days the chart spans, said under it
    }  # fmt: skip


def _query(f: LineFilter, **extra: Any) -> str:
    """The filters (and ``extra``) as a query string for links."""
    params = {
        "q": f.q,
        "amount_min": f.amount_min,
        "amount_max": f.amount_max,
        "from": f.date_from.isoformat() if f.date_from else None,
        "to": f.date_to.isoformat() if f.date_to else None,
        "reference": f.reference,
        "direction": f.direction,
        **extra,
    }
    return urlencode({k: v for k, v in params.items() if v is not None})


# A page for people, not a programming interface: its search form sends every field as text (an empty
# field is no filter, a wrong one is named in the answer), and the browser tests are its contract. The
# same lines, filters and paging are the documented JSON API (GET /campaigns/{id}/public-ledger/lines).
@pages_router.get("/campaigns/{campaign_id}/ledger", response_class=HTMLResponse, include_in_schema=False)
@http_cache.cached_route
async def ledger_page(
    request: Request,
    policy: Pol,
    campaign_id: Annotated[uuid.UUID, Path(description="The campaign.")],
    q: Annotated[str | None, Query(max_length=200, description="A fragment of a named donor's name.")] = None,
    amount_min: Annotated[str | None, Query(max_length=30, description="Amount at least (VND).")] = None,
    amount_max: Annotated[str | None, Query(max_length=30, description="Amount at most (VND).")] = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10, description="On or after.")] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10, description="On or before.")] = None,
    reference: Annotated[str | None, Query(max_length=200, description="End of a reference.")] = None,
    direction: Annotated[str | None, Query(max_length=3, description="in or out.")] = None,
    after: Annotated[int | None, Query(ge=1, le=2**62, description="Continue after this line number.")] = None,
) -> Response:
    """The public ledger: header, Art. 14 blocks, chart, search form, lines page by page (ETag).

    The search form's fields arrive empty when not filled: an empty field is no filter."""
    typed = {
        "q": q, "amount_min": amount_min, "amount_max": amount_max, "from": date_from, "to": date_to,
        "reference": reference, "direction": direction,
    }  # fmt: skip
    try:
        f = form_filter(typed)
    except Invalid as exc:  # the page again, its lines unfiltered, the form as typed and what to correct
        async with connection(request) as conn:
            field = exc.details.get("field")
            body = await _render(conn, policy, campaign_id, NO_FILTER, None, typed, (field, search_refusal(field)))
        return HTMLResponse(body, status_code=422, headers={"Cache-Control": http_cache.NO_STORE})
    async with connection(request) as conn:

        async def render() -> bytes:
            return await _render(conn, policy, campaign_id, f, after, _typed(f), None)

        async def version(c: asyncpg.Connection) -> tuple[Any, ...]:
            return await lines.version(c, campaign_id)

        # header and lines in one snapshot, kept per version of the ledger under the normalised filters
        variant = f"{campaign_id}|{after}|{f!r}"
        return await http_cache.public_answers(request).answer(
            request, conn, "ledger.html", variant, version, render, _HTML
        )
