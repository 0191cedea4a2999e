"""The dashboard's money, blood and inflow figures: from the reporting service's answers (pure), the inflow
chart's scaling, and the page a user gets (the services answered by an in-process mock)."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

import httpx

from rc_clients.campaigns.models import CampaignOut
from rc_clients.reporting.models import Bucket, CampaignList, UnitFundsReport
from rc_console import i18n
from rc_console.adapters.session import COOKIE
from rc_console.domain.model import User
from rc_console.entrypoints.app import build_app
from rc_console.service_layer import screens
from rc_console.settings import Settings
from tests.unit.console.test_console_i18n import CAMPAIGN_DOC, UNIT

TODAY = datetime.date(2026, 3, 15)
FIRST = TODAY - datetime.timedelta(days=29)
OTHER = uuid.uuid4()  # a second campaign under way (with a blood target)
DRAFT = uuid.uuid4()  # a draft: no series asked for it


def funds(*raised_distributed: tuple[int, int], blood: int = 0) -> dict[str, Any]:
    """A by-unit answer whose top units raised and distributed these amounts."""
    units: list[dict[str, Any]] = [
        {"unit_id": str(uuid.uuid4()), "code": f"U{i}", "name": f"Đơn vị {i}", "level": "province", "parent_id": None,
         "cash_raised_vnd": r, "in_kind_value_vnd": 0, "blood_units": blood, "donations": 1,
         "distributed_cash_vnd": d, "distributed_goods_vnd": 0, "credited_cash_vnd": 0, "credited_donations": 0,
         "children": []}
        for i, (r, d) in enumerate(raised_distributed)
    ]  # fmt: skip
    return {"as_of": TODAY.isoformat(), "period_from": "2026-01-01", "period_to": TODAY.isoformat(), "depth": 0,
            "campaign_id": None, "units": units}  # fmt: skip


def figures(*blood: tuple[uuid.UUID, int]) -> dict[str, Any]:
    """The public campaign list with these campaigns' blood units (and nothing else that matters here)."""
    rows = [
        {"campaign_id": str(c), "code": "C", "name": "C", "campaign_type": "blood_drive", "state": "launched",
         "organising_unit_id": str(UNIT), "receiving_from": None, "receiving_until": None, "cash_raised_vnd": 1_000,
         "in_kind_value_vnd": 0, "blood_units": units, "donations": 1, "donors": 1, "pledged_vnd": 0,
         "pledge_paid_vnd": 0, "distributed_cash_vnd": 0, "distributed_goods_vnd": 0, "balance_cash_vnd": 1_000,
         "beneficiaries_reached": 0}
        for c, units in blood
    ]  # fmt: skip
    return {"as_of": None, "state": None, "campaign_type": None, "campaigns": rows}


def campaign(cid: uuid.UUID, state: str, blood_target: int | None) -> dict[str, Any]:
    targets = {**CAMPAIGN_DOC["targets"], "blood_units": blood_target}
    return {**CAMPAIGN_DOC, "id": str(cid), "code": f"C-{cid.hex[:4]}", "state": state, "targets": targets}


def bucket(day: datetime.date, cash: int) -> dict[str, Any]:
    return {"period_start": day.isoformat(), "period_end": day.isoformat(), "cash_raised_vnd": cash,
            "in_kind_value_vnd": 0, "blood_units": 0, "donations": 1, "distributed_cash_vnd": 0,
            "distributed_goods_vnd": 0}  # fmt: skip


# --- the figures from the API answers


def test_the_money_figures_add_up_the_top_units_and_the_blood_of_the_campaigns_under_way() -> None:
    cid = uuid.UUID(CAMPAIGN_DOC["id"])
    under_way = [
        CampaignOut.from_dict(campaign(cid, "launched", 40)),
        CampaignOut.from_dict(campaign(OTHER, "launched", None)),
    ]
    m = screens.money(
        UnitFundsReport.from_dict(funds((300, 0))),
        UnitFundsReport.from_dict(funds((5_000, 1_200), (700, 100))),  # an organisation-wide user: two roots
        under_way,
        CampaignList.from_dict(figures((cid, 12), (OTHER, 3), (DRAFT, 99))),  # DRAFT is not under way
    )
    assert m == screens.Money(
        receipts_month=300, receipts_year=5_700, distributed_year=1_300, balance_year=4_400, blood_units=15,
        blood_target=40,
    )  # fmt: skip


def test_without_any_blood_target_the_target_is_none_not_zero() -> None:
    under_way = [CampaignOut.from_dict(campaign(OTHER, "launched", None))]
    empty = UnitFundsReport.from_dict(funds())
    m = screens.money(empty, empty, under_way, CampaignList.from_dict(figures()))
    assert m == screens.Money(0, 0, 0, 0, 0, None)


# --- the chart's scaling


def test_the_inflow_chart_scales_each_day_to_the_tallest_and_adds_up_series() -> None:
    buckets = [Bucket.from_dict(b) for b in (bucket(TODAY, 400), bucket(FIRST, 1_000), bucket(FIRST, 1_000),
                                             bucket(FIRST + datetime.timedelta(days=1), 500),
                                             bucket(FIRST - datetime.timedelta(days=1), 9_999_999))]  # fmt: skip
    chart = screens.inflow(buckets, FIRST, TODAY)
    assert len(chart.bars) == 30 and [b.day for b in chart.bars[:2]] == [FIRST, FIRST + datetime.timedelta(days=1)]
    assert chart.peak == 2_000 and chart.total == 2_900  # two series on FIRST; the day before the chart left out
    first, second, last = chart.bars[0], chart.bars[1], chart.bars[-1]
    assert (first.value, first.height, first.y) == (2_000, screens.Inflow.HEIGHT, 0)
    assert (second.value, second.height, second.y) == (500, screens.Inflow.HEIGHT / 4, screens.Inflow.HEIGHT * 3 / 4)
    assert (last.value, last.height) == (400, screens.Inflow.HEIGHT / 5)
    assert all(b.value == 0 and b.height == 0 and b.y == screens.Inflow.HEIGHT for b in chart.bars[2:-1])
    step = screens.Inflow.WIDTH / 30
    assert [b.x for b in chart.bars] == [round(i * step + step * 0.1, 2) for i in range(30)]
    assert last.x + last.width <= screens.Inflow.WIDTH and all(b.width == round(step * 0.8, 2) for b in chart.bars)


def test_an_empty_or_negative_inflow_draws_no_bar() -> None:
    empty = screens.inflow([], FIRST, TODAY)
    assert (empty.peak, empty.total, len(empty.bars)) == (0, 0, 30)
    assert all(b.height == 0 and b.y == screens.Inflow.HEIGHT for b in empty.bars)
    reversed_only = screens.inflow([Bucket.from_dict(bucket(TODAY, -500))], FIRST, TODAY)  # a reversal, no gift
    assert reversed_only.total == -500 and reversed_only.bars[-1].height == 0


# --- the page


class Services:
    """The members, campaigns and reporting APIs' answers the dashboard needs; records the by-period asks."""

    def __init__(self) -> None:
        self.series_asked: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, request.url.params
        cid = uuid.UUID(CAMPAIGN_DOC["id"])
        if path == "/stats":
            return httpx.Response(200, json={"as_of": TODAY.isoformat(), "members": 7, "unit_id": None, "units": 3})
        if path == "/campaigns":
            items = [campaign(cid, "launched", 40), campaign(OTHER, "closed", 10), campaign(DRAFT, "draft", None)]
            return httpx.Response(200, json={"count": 3, "items": items, "limit": 100, "offset": 0})
        if path == "/reports/campaigns":
            return httpx.Response(200, json=figures((cid, 12), (OTHER, 5)))
        if path == "/reports/campaigns/by-unit":
            month = params["period_from"] == TODAY.replace(day=1).isoformat()
            assert params["period_to"] == TODAY.isoformat() and params["depth"] == "0"
            return httpx.Response(200, json=funds((1_500_000, 0) if month else (8_000_000, 2_500_000)))
        if path == "/reports/campaigns/by-period":
            assert (params["period_from"], params["period_to"]) == (FIRST.isoformat(), TODAY.isoformat())
            self.series_asked.append(params.get("campaign_id"))
            if params.get("campaign_id") == str(OTHER):
                detail = "campaign is unknown: none of its events has been projected"  # the reporting service's 404
                problem = {"type": "/problems/not_found", "title": "Not found", "status": 404, "detail": detail,
                           "error": "not_found", "message": detail, "correlation_id": "c"}  # fmt: skip
                return httpx.Response(404, json=problem)
            body = {"campaign_id": params.get("campaign_id"), "granularity": "day", "period_from": FIRST.isoformat(),
                    "period_to": TODAY.isoformat(), "buckets": [bucket(TODAY, 1_500_000)]}  # fmt: skip
            return httpx.Response(200, json=body)
        return httpx.Response(404, json={"error": "not_found", "detail": f"{request.method} {path}"})


def signed_in(services: Services, unit_id: uuid.UUID | None) -> httpx.AsyncClient:
    app = build_app(Settings(session_secret="s" * 32))
    for name in ("members", "campaigns", "reporting"):
        app.state.upstreams._transports[name] = httpx.MockTransport(services)
    session = app.state.sessions.new(User(subject="dash-test", role="viewer", unit_id=unit_id, token="t"))
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console")
    c.cookies.set(COOKIE, app.state.sessions.dump(session))
    return c


def figure(page: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', page)
    assert found, name
    return found.group(1)


async def test_the_dashboard_shows_the_money_blood_and_an_accessible_chart(monkeypatch: Any) -> None:
    monkeypatch.setattr("rc_console.entrypoints.pages.clock.today", lambda: TODAY)
    services = Services()
    async with signed_in(services, UNIT) as c:
        vi = await c.get("/")
        assert vi.status_code == 200, vi.text
        assert figure(vi.text, "receipts-month") == "1.500.000 ₫"
        assert figure(vi.text, "receipts-year") == "8.000.000 ₫"
        assert figure(vi.text, "distributed") == "2.500.000 ₫"
        assert figure(vi.text, "balance") == "5.500.000 ₫"
        assert figure(vi.text, "blood") == "12 / 40"  # the campaign under way only (the closed one is not)
        # a unit's user: the days of each campaign of their scope that takes gifts, one call each (not the draft)
        assert sorted(services.series_asked, key=str) == sorted([CAMPAIGN_DOC["id"], str(OTHER)])
        svg = vi.text[vi.text.index("<svg") : vi.text.index("</svg>")]
        assert 'role="img"' in svg and 'aria-labelledby="inflow-title inflow-desc"' in svg
        assert '<title id="inflow-title">Tiền nhận theo ngày</title>' in svg
        assert "tổng 1.500.000 ₫, ngày cao nhất 1.500.000 ₫" in svg
        assert svg.count("<rect") == 30
        assert f'<rect x="{screens.inflow([], FIRST, TODAY).bars[-1].x}" y="0.0" width=' in svg  # today: full height
        table = vi.text[vi.text.index('<table class="visually-hidden">') :]
        assert f"<td>{TODAY.isoformat()}</td><td>1.500.000 ₫</td>" in table
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get("/")
        for text in ("received this month", "balance (received less distributed, this year)",
                     "blood units / target of the campaigns under way", "Cash received per day (last 30 days)",
                     "₫1,500,000 in all, highest day ₫1,500,000."):  # fmt: skip
            assert text in en.text, text


async def test_an_organisation_wide_user_gets_every_campaigns_days_in_one_call(monkeypatch: Any) -> None:
    monkeypatch.setattr("rc_console.entrypoints.pages.clock.today", lambda: TODAY)
    services = Services()
    async with signed_in(services, None) as c:
        r = await c.get("/")
    assert r.status_code == 200 and services.series_asked == [None]
