"""The campaign report endpoints of the reporting HTTP API (the real app over a projection fed directly)."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import asyncpg
import httpx
import pytest

from rc_reporting.entrypoints.app import build_app
from rc_reporting.settings import Settings
from rc_shared import clock
from rc_shared.envelope import Envelope
from rc_shared.events.campaigns import CampaignLaunched, Targets
from rc_shared.events.donations import DonationRecorded
from rc_shared.labels import vn_date
from tests.integration.reporting.campaign_helpers import REMAINDER, Relief, cev, feed_campaigns, lev
from tests.integration.reporting.helpers import feed

pytestmark = pytest.mark.integration


@pytest.fixture
async def relief(pool: asyncpg.Pool) -> Relief:
    s = Relief()
    await feed(pool, s.tree.events())
    await feed_campaigns(pool, s.events())
    return s


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    # public answers read again on every request: these tests project events straight into the tables
    # (not through a write this app answers), which a serving process sees within RC_PUBLIC_FRESH_MS
    app = build_app(Settings(public_fresh_ms=0), relay=False, consumers=False)
    app.state.runtime.pool = pool  # no lifespan: no Kafka needed for the read API
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as c:
        yield c


FIGURES = {
    "campaign_id", "code", "name", "campaign_type", "state", "organising_unit_id", "receiving_from",
    "receiving_until", "cash_raised_vnd", "in_kind_value_vnd", "blood_units", "donations", "donors", "pledged_vnd",
    "pledge_paid_vnd", "distributed_cash_vnd", "distributed_goods_vnd", "balance_cash_vnd", "balance_goods_vnd",
    "beneficiaries_reached",
}  # fmt: skip


async def test_campaign_report_json_shape_and_figures(client: httpx.AsyncClient, relief: Relief) -> None:
    r = await client.get(f"/reports/campaigns/{relief.K}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == FIGURES | {
        "as_of", "distribution_deadline", "participating_unit_ids", "parent_campaign_id", "beneficiaries_registered",
        "beneficiaries_verified", "people_reached", "targets", "targets_reached", "remainder_note",
    }  # fmt: skip
    assert {k: body[k] for k in ("as_of", "campaign_id", "state", "receiving_from", "organising_unit_id")} == {
        "as_of": None,
        "campaign_id": str(relief.K),
        "state": "settled",
        "receiving_from": "2025-05-01",
        "organising_unit_id": str(relief.tree.P),
    }
    assert (body["cash_raised_vnd"], body["balance_cash_vnd"], body["donors"]) == (7_700_000, 5_200_000, 5)
    assert body["targets"]["cash_vnd"] == {"target": 10_000_000, "value": 7_700_000, "percent": 77.0}
    assert [t["target"] for t in body["targets_reached"]] == ["in_kind_value_vnd"]

    earlier = (await client.get(f"/reports/campaigns/{relief.K}", params={"as_of": "2025-06-19"})).json()
    assert (earlier["as_of"], earlier["state"], earlier["cash_raised_vnd"]) == ("2025-06-19", "launched", 7_500_000)


async def test_campaign_list_json_shape_and_filters(client: httpx.AsyncClient, relief: Relief) -> None:
    r = await client.get("/reports/campaigns")
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"as_of", "state", "campaign_type", "campaigns"}
    assert all(set(c) == FIGURES for c in body["campaigns"])
    assert sorted(c["code"] for c in body["campaigns"]) == ["LL-2025-01", "TET-2025"]

    tet = (await client.get("/reports/campaigns", params={"type": "tet_nhan_ai"})).json()
    assert [c["code"] for c in tet["campaigns"]] == ["TET-2025"] and tet["campaign_type"] == "tet_nhan_ai"
    closed = (await client.get("/reports/campaigns", params={"as_of": "2025-07-01", "state": "closed"})).json()
    assert [c["code"] for c in closed["campaigns"]] == ["TET-2025"]


async def test_a_past_periods_by_unit_report_stands_as_at_its_end_unless_as_of_is_given(
    client: httpx.AsyncClient, relief: Relief
) -> None:
    """Without ``as_of``, a period's report holds for its last day (the tree then, reversals made up to
    then), as the six-month and annual reviews count it; the same period read today takes off the
    1,000,000 reversed on 20/06, after the period."""
    period = {"period_from": "2025-05-01", "period_to": "2025-06-19", "campaign_id": str(relief.K)}
    at_end = (await client.get("/reports/campaigns/by-unit", params=period)).json()
    today = (await client.get("/reports/campaigns/by-unit", params={**period, "as_of": "2026-01-01"})).json()
    assert (at_end["as_of"], today["as_of"]) == ("2025-06-19", "2026-01-01")
    assert at_end["units"][0]["cash_raised_vnd"] - today["units"][0]["cash_raised_vnd"] == 1_000_000
    members = await client.get("/reports/membership", params={"period_to": "2025-06-19"})
    assert members.status_code == 200 and members.json()["as_of"] == "2025-06-19", members.text
    file = await client.get("/reports/campaigns/by-unit", params={**period, "format": "csv"})
    assert 'filename="funds-by-unit-2025-05-01-2025-06-19.csv"' in file.headers["content-disposition"]


async def test_by_unit_json_shape_and_soft_credit_apart(client: httpx.AsyncClient, relief: Relief) -> None:
    r = await client.get(
        "/reports/campaigns/by-unit",
        params={"as_of": "2025-06-30", "period_from": "2025-05-01", "depth": "2", "campaign_id": str(relief.K)},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert {k: body[k] for k in ("as_of", "period_from", "period_to", "depth", "campaign_id")} == {
        "as_of": "2025-06-30",
        "period_from": "2025-05-01",
        "period_to": "2025-06-30",
        "depth": 2,
        "campaign_id": str(relief.K),
    }
    (p,) = body["units"]
    assert set(p) == {
        "unit_id", "code", "name", "level", "parent_id", "cash_raised_vnd", "in_kind_value_vnd", "blood_units",
        "donations", "distributed_cash_vnd", "distributed_goods_vnd", "credited_cash_vnd", "credited_donations",
        "children",
    }  # fmt: skip
    assert (p["cash_raised_vnd"], p["credited_cash_vnd"]) == (6_500_000, 2_000_000)
    assert [c["code"] for c in p["children"]] == ["P.D1", "P.D2"]

    gone = await client.get(
        "/reports/campaigns/by-unit", params={"as_of": "2025-07-01", "unit_id": str(relief.tree.D1)}
    )
    assert gone.status_code == 404 and gone.json()["error"] == "not_found"


async def test_by_period_json_shape(client: httpx.AsyncClient, relief: Relief) -> None:
    r = await client.get("/reports/campaigns/by-period", params={"campaign_id": str(relief.K), "granularity": "month"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {k: body[k] for k in ("campaign_id", "granularity", "period_from", "period_to")} == {
        "campaign_id": str(relief.K),
        "granularity": "month",
        "period_from": "2025-05-01",
        "period_to": "2025-08-20",
    }
    assert set(body["buckets"][0]) == {
        "period_start", "period_end", "cash_raised_vnd", "in_kind_value_vnd", "blood_units", "donations",
        "distributed_cash_vnd", "distributed_goods_vnd",
    }  # fmt: skip
    assert [b["cash_raised_vnd"] for b in body["buckets"]] == [5_000_000, 1_500_000, 1_200_000, 0]


async def test_unknown_campaign_is_404(client: httpx.AsyncClient, relief: Relief) -> None:
    for path, params in (
        (f"/reports/campaigns/{uuid.uuid4()}", {}),
        ("/reports/campaigns/by-period", {"campaign_id": str(uuid.uuid4())}),
    ):
        r = await client.get(path, params=params)
        assert r.status_code == 404, (path, r.text)
        assert r.json()["error"] == "not_found" and "unknown" in r.json()["message"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/reports/campaigns/not-a-uuid", {}, "campaign_id"),
        ("/reports/campaigns/00000000-0000-0000-0000-000000000001", {"as_of": "2025-02-30"}, "as_of"),
        ("/reports/campaigns", {"state": "open"}, "state"),
        ("/reports/campaigns", {"type": "party"}, "type"),
        ("/reports/campaigns", {"as_of": "today"}, "as_of"),
        ("/reports/campaigns/by-unit", {"depth": "11"}, "depth"),
        ("/reports/campaigns/by-unit", {"unit_id": "x"}, "unit_id"),
        ("/reports/campaigns/by-unit", {"campaign_id": "x"}, "campaign_id"),
        ("/reports/campaigns/by-unit", {"period_from": "2025-06-01", "period_to": "2025-05-01"}, "period_from"),
        ("/reports/campaigns/by-period", {"granularity": "week"}, "granularity"),
        ("/reports/campaigns/by-period", {"period_from": "2025-06-01", "period_to": "2025-05-01"}, "period_from"),
        ("/reports/campaigns/by-period", {"period_from": "2020-01-01", "period_to": "2025-12-31"}, "period_from"),
    ],
)
async def test_invalid_parameters_are_422_naming_the_field(
    client: httpx.AsyncClient, path: str, params: dict[str, str], field: str
) -> None:
    r = await client.get(path, params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    # a parameter is named with where it was (query.as_of, path.campaign_id), a rule across them without
    named = [e["field"] for e in body.get("errors", [])] or [body.get("field", "")]
    assert named and all(n.removeprefix("query.").removeprefix("path.") == field for n in named), body


async def test_status_keeps_the_members_fields_and_lists_both_consumers(
    client: httpx.AsyncClient, relief: Relief
) -> None:
    body = (await client.get("/reports/status")).json()
    n_members, n_campaigns = len(relief.tree.events()), len(relief.events())
    assert (body["consumer"], body["events_processed"], body["events_applied"]) == (
        "reporting.members",
        n_members,
        n_members,
    )
    assert set(body["consumers"]) == {"reporting.members", "reporting.campaigns"}
    c = body["consumers"]["reporting.campaigns"]
    assert (c["consumer"], c["events_processed"], c["events_applied"], c["events_dead_lettered"]) == (
        "reporting.campaigns",
        n_campaigns,
        n_campaigns,
        0,
    )
    assert c["rows"]["campaign_donations"] == 9 and c["rows"]["campaigns"] == 2
    assert body["consumers"]["reporting.members"]["rows"] == body["rows"]
    assert "campaign_donations" not in body["rows"]


async def test_openapi_documents_the_campaign_endpoints(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert {
        "/reports/campaigns",
        "/reports/campaigns/{campaign_id}",
        "/reports/campaigns/by-unit",
        "/reports/campaigns/by-period",
    } <= set(paths)


async def test_50000_donations_project_exactly_and_every_report_answers(
    client: httpx.AsyncClient, pool: asyncpg.Pool, relief: Relief
) -> None:
    units = [relief.tree.C1, relief.tree.C2, relief.tree.C3]
    events = [
        lev(
            DonationRecorded(
                campaign_id=relief.K,
                donation_id=uuid.uuid4(),
                kind="cash",
                amount_vnd=10_000 + i,
                donor_id=uuid.uuid4() if i % 3 else None,
                donor_type="individual" if i % 3 else "anonymous",
                unit_id=units[i % 3],
                credited_unit_id=units[(i + 1) % 3] if i % 10 == 0 else None,
                channel="bank_transfer",
                received_on=date(2025, 5, 1) + timedelta(days=i % 90),
                receipt_no=1000 + i,
            )
        )
        for i in range(50_000)
    ]
    res = await feed_campaigns(pool, events)  # batches of 500, as the live consumer
    assert res.applied == 50_000

    async with pool.acquire() as conn:
        await conn.execute("ANALYZE")
    expected_cash = relief.CASH_RAISED + sum(10_000 + i for i in range(50_000))
    for path, params in (
        (f"/reports/campaigns/{relief.K}", {}),
        ("/reports/campaigns", {}),
        ("/reports/campaigns/by-unit", {"as_of": "2025-12-31", "depth": "2"}),
        ("/reports/campaigns/by-period", {"campaign_id": str(relief.K), "granularity": "day"}),
    ):
        r = await client.get(path, params=params)
        assert r.status_code == 200, r.text
    report = (await client.get(f"/reports/campaigns/{relief.K}")).json()
    assert (report["cash_raised_vnd"], report["donations"]) == (expected_cash, 7 + 50_000)


async def test_public_pages_render_known_and_ledger_only_campaigns(
    client: httpx.AsyncClient, relief: Relief, pool: asyncpg.Pool
) -> None:
    # a campaign known so far only from a donation (its launch has not arrived): no name yet
    stranger = uuid.uuid4()
    gift = DonationRecorded(
        campaign_id=stranger,
        donation_id=uuid.uuid4(),
        kind="cash",
        amount_vnd=1_234_000,
        donor_type="anonymous",
        unit_id=uuid.uuid4(),
        channel="cash",
        received_on=date(2025, 5, 2),
        receipt_no=1,
    )
    await feed_campaigns(pool, [Envelope(data=gift, source="/donations")])
    listing = await client.get("/public/campaigns")
    assert listing.status_code == 200 and listing.headers["content-type"].startswith("text/html")
    assert f'href="/public/campaigns/{relief.K}"' in listing.text
    assert f'href="/public/campaigns/{stranger}"' in listing.text
    page = await client.get(f"/public/campaigns/{stranger}")
    assert page.status_code == 200
    assert "1.234.000 ₫" in page.text
    known = await client.get(f"/public/campaigns/{relief.K}")
    assert known.status_code == 200 and "<h1>" in known.text
    # Decree 93's items: who receives (the organising unit by its name today), the goods still held
    # (0.8 M received in kind, t2's 0.3 M of goods given) and the day the figures are given for
    organiser = await pool.fetchval(
        "SELECT name FROM rpt_unit_versions WHERE unit_id = $1 ORDER BY valid_from DESC LIMIT 1", relief.tree.P
    )
    assert organiser and f"<strong data-organiser>{organiser}</strong>" in known.text
    assert '<td class="n" data-figure="balance_goods_vnd">500.000 ₫</td>' in known.text
    assert f"<span data-as-of>{vn_date(clock.today())}</span>" in known.text
    report = (await client.get(f"/reports/campaigns/{relief.K}")).json()
    assert report["balance_goods_vnd"] == report["in_kind_value_vnd"] - report["distributed_goods_vnd"] == 500_000
    # where the remainder went, as the settlement says it (Decree 93); not before the settlement's day
    assert f"<p data-remainder>Xử lý số dư khi quyết toán: {REMAINDER}</p>" in known.text
    assert report["remainder_note"] == REMAINDER
    before = (await client.get(f"/reports/campaigns/{relief.K}", params={"as_of": "2025-08-24"})).json()
    assert before["remainder_note"] is None


async def test_public_pages_escape_a_campaign_name_with_markup(
    client: httpx.AsyncClient, relief: Relief, pool: asyncpg.Pool
) -> None:
    # a campaign name is free text typed by staff: on the public pages it is text, never markup
    hostile = "Lũ <script>alert('x')</script> & \"bão\" <b>3</b>"
    cid = uuid.uuid4()
    launch = CampaignLaunched(
        campaign_id=cid,
        code="XSS-<i>1</i>",
        name=hostile,
        campaign_type="emergency_relief",
        organising_unit_id=relief.tree.P,
        receiving_from=date(2025, 5, 1),
        receiving_until=date(2025, 7, 31),
        distribution_deadline=date(2025, 8, 20),
        targets=Targets(cash_vnd=1_000_000),
    )
    await feed_campaigns(pool, [cev(launch, date(2025, 4, 28))])
    listing = await client.get("/public/campaigns")
    page = await client.get(f"/public/campaigns/{cid}")
    for r in (listing, page):
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "&lt;script&gt;" in r.text
        assert "<script" not in r.text and "<b>" not in r.text and "<i>" not in r.text
    # escaped, not mangled: the browser shows exactly the name
    shown = re.findall(rf'<a href="/public/campaigns/{cid}">(.*?)</a>', listing.text)
    assert [html.unescape(x) for x in shown] == [hostile]
    shown = re.findall(r"<title>(.*?)</title>", page.text) + re.findall(r"<h1>(.*?)</h1>", page.text)
    assert [html.unescape(x) for x in shown] == [hostile, hostile]
