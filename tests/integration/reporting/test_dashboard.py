"""The dashboard's figures of a subtree in one answer (GET /reports/campaigns/dashboard), on the real app over
a projection fed directly: the money each subtree received and distributed (through the tree of each flow's
day), never the rest of a campaign it takes part in; the blood of the campaigns under way; the inflow."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from rc_reporting.entrypoints.app import build_app
from rc_reporting.settings import Settings
from tests.integration.reporting.campaign_helpers import Relief, feed_campaigns
from tests.integration.reporting.helpers import feed

pytestmark = pytest.mark.integration

AS_OF = date(2025, 7, 26)  # K under way (closed 2025-08-01), K2 closed; D1 and D2 dissolved on 2025-07-01


@pytest.fixture
async def relief(pool: asyncpg.Pool) -> Relief:
    s = Relief()
    await feed(pool, s.tree.events())
    await feed_campaigns(pool, s.events())
    return s


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(Settings(public_fresh_ms=0), relay=False, consumers=False)
    app.state.runtime.pool = pool
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as c:
        yield c


async def dashboard(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    r = await client.get("/reports/campaigns/dashboard", params={k: str(v) for k, v in params.items()})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def money(body: dict[str, Any]) -> tuple[int, ...]:
    keys = ("receipts_month_vnd", "receipts_year_vnd", "distributed_year_vnd", "balance_year_vnd", "blood_units")
    return tuple(body[k] for k in keys)


def inflow(body: dict[str, Any]) -> dict[str, int]:
    """The days with money (every day of the period is listed, in order)."""
    days = [d["day"] for d in body["inflow"]]
    assert days == sorted(days) and len(days) == len(set(days))
    return {d["day"]: d["cash_raised_vnd"] for d in body["inflow"] if d["cash_raised_vnd"]}


async def test_the_province_gets_its_whole_subtree_in_one_answer(client: httpx.AsyncClient, relief: Relief) -> None:
    body = await dashboard(client, as_of=AS_OF, unit_id=relief.tree.P)
    assert {k: body[k] for k in ("as_of", "unit_id", "month_from", "year_from")} == {
        "as_of": "2025-07-26",
        "unit_id": str(relief.tree.P),
        "month_from": "2025-07-01",
        "year_from": "2025-01-01",
    }
    # July: d6 + d7; the year: d1, d2, d3 (received by D1, since dissolved: the tree of its day), d6, d7 and K2's
    # gift, not d4 (reversed); distributed: t1 and t3, not t4 (reversed); blood: d8, for K (under way)
    assert money(body) == (1_200_000, 8_100_000, 2_500_000, 5_600_000, 2)
    assert body["blood_target_units"] is None  # K tracks no blood
    assert len(body["inflow"]) == 30 and body["inflow"][0]["day"] == (AS_OF - timedelta(days=29)).isoformat()
    assert inflow(body) == {"2025-07-10": 500_000, "2025-07-25": 700_000}
    assert body["campaigns"] == [{"campaign_id": str(relief.K), "cash_raised_vnd": 7_700_000, "blood_units": 2}]
    assert await dashboard(client, as_of=AS_OF) == {**body, "unit_id": None}  # organisation-wide: every root


async def test_a_commune_gets_only_its_own_money_not_the_campaign_organised_above(
    client: httpx.AsyncClient, relief: Relief
) -> None:
    c1 = await dashboard(client, as_of=AS_OF, unit_id=relief.tree.C1, days=20)
    # d1, d6, d7 and K2's gift were received by C1; d2 only credits it (received by C3); t1 was C1's
    assert money(c1) == (1_200_000, 4_600_000, 1_000_000, 3_600_000, 0)
    assert len(c1["inflow"]) == 20 and inflow(c1) == {"2025-07-10": 500_000, "2025-07-25": 700_000}
    assert c1["campaigns"] == [] and c1["blood_target_units"] is None  # K: organised by P, C1 not participating

    c2 = await dashboard(client, as_of=AS_OF, unit_id=relief.tree.C2)
    assert money(c2) == (0, 0, 0, 0, 0) and inflow(c2) == {}  # d4 and t4 reversed; d5 is goods

    # D2 before its dissolution: C3's gifts, the blood of K (under way, D2 participating)
    d2 = await dashboard(client, as_of="2025-06-30", unit_id=relief.tree.D2)
    assert money(d2) == (0, 2_000_000, 0, 2_000_000, 2)
    assert inflow(d2) == {}  # d8 is blood: no cash on any day of June
    assert [c["campaign_id"] for c in d2["campaigns"]] == [str(relief.K)]


async def test_a_campaign_is_under_way_only_from_the_day_it_was_launched(
    client: httpx.AsyncClient, relief: Relief
) -> None:
    # K launched on 2025-04-28 (its receiving window opens on 2025-05-01), K2 on 2025-04-30
    before = await dashboard(client, as_of="2025-04-27", unit_id=relief.tree.P)
    assert before["campaigns"] == [] and before["blood_target_units"] is None
    assert [
        c["campaign_id"] for c in (await dashboard(client, as_of="2025-04-28", unit_id=relief.tree.P))["campaigns"]
    ] == [str(relief.K)]
    both = await dashboard(client, as_of="2025-04-30", unit_id=relief.tree.P)
    assert sorted(c["campaign_id"] for c in both["campaigns"]) == sorted([str(relief.K), str(relief.K2)])


async def test_as_of_a_day_before_a_reversal_counts_the_gift(client: httpx.AsyncClient, relief: Relief) -> None:
    june = await dashboard(client, as_of="2025-06-19", unit_id=relief.tree.C2)
    assert (june["receipts_month_vnd"], inflow(june)) == (1_000_000, {"2025-06-15": 1_000_000})


async def test_an_unknown_unit_or_bad_days_are_refused_naming_them(client: httpx.AsyncClient, relief: Relief) -> None:
    gone = await client.get(
        "/reports/campaigns/dashboard", params={"as_of": AS_OF.isoformat(), "unit_id": str(relief.tree.D1)}
    )
    assert gone.status_code == 404 and gone.json()["error"] == "not_found", gone.text
    assert "does not exist on 2025-07-26" in gone.json()["detail"]
    for days in ("0", "367", "x"):
        r = await client.get("/reports/campaigns/dashboard", params={"days": days})
        assert r.status_code == 422 and "days" in r.text, (days, r.text)


async def test_a_campaign_is_under_way_on_its_close_day_and_not_after(
    client: httpx.AsyncClient, relief: Relief
) -> None:
    """K closed on 2025-08-01: the ledger still takes gifts received that day, so the dashboard lists it (and
    its blood) among the campaigns under way that day, and no more from the next."""
    close_day = await dashboard(client, as_of="2025-08-01", unit_id=relief.tree.P)
    assert str(relief.K) in [c["campaign_id"] for c in close_day["campaigns"]]
    after = await dashboard(client, as_of="2025-08-02", unit_id=relief.tree.P)
    assert str(relief.K) not in [c["campaign_id"] for c in after["campaigns"]]
