"""The dashboard's money, blood and inflow figures: from the reporting service's answers (pure), the inflow
chart's scaling, and the page a user gets (the services answered by an in-process mock)."""

from __future__ import annotations

import datetime
import re
import uuid
from html import unescape
from typing import Any

import httpx

from rc_clients.reporting.models import Dashboard as DashboardFigures
from rc_clients.reporting.models import InflowDay
from rc_console import i18n
from rc_console.adapters.session import COOKIE
from rc_console.domain.model import User
from rc_console.entrypoints.app import build_app
from rc_console.service_layer import screens
from rc_console.settings import Settings
from tests.unit.console.test_console_i18n import CAMPAIGN_DOC, UNIT

TODAY = datetime.date(2026, 3, 15)
FIRST = TODAY - datetime.timedelta(days=29)
OTHER = uuid.uuid4()  # a closed campaign: not on the dashboard
DRAFT = uuid.uuid4()  # a draft: not on the dashboard


def figures(
    month: int, year: int, distributed: int, blood: int, target: int | None, *campaigns: tuple[uuid.UUID, int]
) -> dict[str, Any]:
    """The reporting service's dashboard answer for a subtree, with cash received TODAY and FIRST and these
    campaigns under way (their cash raised)."""
    days = [{"day": (FIRST + datetime.timedelta(days=i)).isoformat(), "cash_raised_vnd": 0} for i in range(30)]
    days[0]["cash_raised_vnd"], days[-1]["cash_raised_vnd"] = 200_000, month - 200_000
    return {"as_of": TODAY.isoformat(), "unit_id": str(UNIT), "month_from": "2026-03-01", "year_from": "2026-01-01",
            "receipts_month_vnd": month, "receipts_year_vnd": year, "distributed_year_vnd": distributed,
            "balance_year_vnd": year - distributed, "blood_units": blood, "blood_target_units": target,
            "inflow": days, "campaigns": [{"campaign_id": str(c), "cash_raised_vnd": r, "blood_units": 0}
                                          for c, r in campaigns]}  # fmt: skip


def campaign(cid: uuid.UUID, state: str, blood_target: int | None) -> dict[str, Any]:
    targets = {**CAMPAIGN_DOC["targets"], "blood_units": blood_target}
    return {**CAMPAIGN_DOC, "id": str(cid), "code": f"C-{cid.hex[:4]}", "state": state, "targets": targets}


def day(d: datetime.date, cash: int) -> InflowDay:
    return InflowDay.from_dict({"day": d.isoformat(), "cash_raised_vnd": cash})


# --- the figures from the API answer


def test_the_money_figures_are_the_reporting_services_of_the_subtree() -> None:
    m = screens.money(DashboardFigures.from_dict(figures(300, 5_700, 1_300, 15, 40)))
    assert m == screens.Money(
        receipts_month=300, receipts_year=5_700, distributed_year=1_300, net_year=4_400, blood_units=15,
        blood_target=40,
    )  # fmt: skip


def test_without_any_blood_target_the_target_is_none_not_zero() -> None:
    m = screens.money(DashboardFigures.from_dict(figures(0, 0, 0, 0, None)))
    assert m == screens.Money(0, 0, 0, 0, 0, None)


# --- the chart's scaling


def test_the_inflow_chart_scales_each_day_to_the_tallest_and_adds_up_a_day_given_twice() -> None:
    days = [day(TODAY, 400), day(FIRST, 1_000), day(FIRST, 1_000), day(FIRST + datetime.timedelta(days=1), 500),
            day(FIRST - datetime.timedelta(days=1), 9_999_999)]  # fmt: skip
    chart = screens.inflow(days, FIRST, TODAY)
    assert len(chart.bars) == 30 and [b.day for b in chart.bars[:2]] == [FIRST, FIRST + datetime.timedelta(days=1)]
    assert chart.peak == 2_000 and chart.total == 2_900  # FIRST given twice; the day before the chart left out
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
    reversed_only = screens.inflow([day(TODAY, -500)], FIRST, TODAY)  # a negative day
    assert reversed_only.total == -500 and reversed_only.bars[-1].height == 0


# --- the page


class Services:
    """The members, campaigns and reporting APIs' answers the dashboard needs; records every reporting call."""

    def __init__(self) -> None:
        self.reporting: list[tuple[str, dict[str, str]]] = []
        self.campaigns: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, dict(request.url.params)
        cid = uuid.UUID(CAMPAIGN_DOC["id"])
        if path.startswith("/reports"):
            self.reporting.append((path, params))
        if path == "/stats":
            return httpx.Response(
                200,
                json={"as_of": TODAY.isoformat(), "members": 11_603, "volunteers": 2_193, "unit_id": None, "units": 3},
            )
        if path == "/campaigns":  # the campaigns API's state filter
            items = [campaign(cid, "launched", 40), campaign(OTHER, "closed", 10), campaign(DRAFT, "draft", None)]
            items = [c for c in items if params.get("state") in (None, c["state"])]
            self.campaigns.append(params)
            return httpx.Response(200, json={"count": len(items), "items": items, "limit": 100, "offset": 0})
        if path == "/reports/campaigns/dashboard":
            return httpx.Response(200, json=figures(1_500_000, 8_000_000, 2_500_000, 12, 40, (cid, 3_000_000)))
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
        # received less distributed this year, said so: not a balance (in January of a Tết campaign it is
        # negative, last year's gifts handed out), the campaigns' balances are on their pages
        assert figure(vi.text, "net-year") == "5.500.000 ₫"
        assert 'data-figure="balance"' not in vi.text and "số dư (nhận trừ phân phối" not in vi.text
        tile = vi.text[vi.text.index('data-figure="net-year"') :]
        tile = unescape(re.sub(r"\s+", " ", tile[: tile.index("</div>")]))
        assert "thu trừ chi trong năm" in tile
        assert "Không phải số dư: âm khi chi tiền nhận từ năm trước. Số dư ở trang từng cuộc vận động." in tile
        assert figure(vi.text, "blood") == "12 / 40"
        assert figure(vi.text, "members") == "11.603"  # grouped, as every other count of the console
        # one reporting call for the whole dashboard: the figures of the user's subtree, not of each campaign
        assert services.reporting == [
            ("/reports/campaigns/dashboard", {"unit_id": str(UNIT), "as_of": TODAY.isoformat(), "days": "30"})
        ]
        assert "3.000.000" in vi.text  # the campaign under way with its progress (not the closed one, nor the draft)
        assert vi.text.count('<li class="card">') == 1
        # only those under way asked for: a page of 100 would miss them behind a hundred ended campaigns
        assert services.campaigns == [{"limit": "100", "offset": "0", "state": "launched"}]
        svg = vi.text[vi.text.index("<svg") : vi.text.index("</svg>")]
        assert 'role="img"' in svg and 'aria-labelledby="inflow-title inflow-desc"' in svg
        assert '<title id="inflow-title">Tiền nhận theo ngày</title>' in svg
        assert "tổng 1.500.000 ₫, ngày cao nhất 1.300.000 ₫" in svg
        assert svg.count("<rect") == 30
        assert f'<rect x="{screens.inflow([], FIRST, TODAY).bars[-1].x}" y="0.0" width=' in svg  # today: full height
        table = vi.text[vi.text.index('<div class="visually-hidden"><table>') :]
        assert f"<td>{TODAY:%d/%m/%Y}</td><td>1.300.000 ₫</td>" in table  # dates as Vietnamese write them
        assert f"<td>{FIRST:%d/%m/%Y}</td><td>200.000 ₫</td>" in table
        assert f"Từ {FIRST:%d/%m/%Y} đến {TODAY:%d/%m/%Y}: tổng 1.500.000 ₫" in svg
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get("/")
        for text in ("received this month", "received less distributed this year", "Not a balance:",
                     "blood units / target of the campaigns under way", "Cash received per day (last 30 days)",
                     "₫1,500,000 in all, highest day ₫1,300,000."):  # fmt: skip
            assert text in en.text, text


async def test_an_organisation_wide_user_asks_for_every_roots_figures(monkeypatch: Any) -> None:
    monkeypatch.setattr("rc_console.entrypoints.pages.clock.today", lambda: TODAY)
    services = Services()
    async with signed_in(services, None) as c:
        r = await c.get("/")
    assert r.status_code == 200 and services.reporting == [
        ("/reports/campaigns/dashboard", {"as_of": TODAY.isoformat(), "days": "30"})
    ]
