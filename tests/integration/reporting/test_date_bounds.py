"""Extreme dates on the reports: outside 1900-01-01..2100-12-31 a 422 naming the field, at the bounds
a 200 with the figures of that day; never a 500, never a query that runs for minutes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from rc_reporting.entrypoints.app import build_app
from rc_reporting.settings import Settings
from tests.integration.reporting.campaign_helpers import Relief, feed_campaigns
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


def _named(body: dict[str, object], field: str) -> bool:
    errors = body.get("errors") or []
    assert isinstance(errors, list)
    return any(field in str(e.get("field", "")) for e in errors)


@pytest.mark.parametrize(
    ("path", "params", "field", "bound"),
    [
        ("/reports/campaigns/by-period", {"period_from": "0001-01-01"}, "period_from", "1900-01-01"),
        ("/reports/campaigns/by-period", {"period_to": "9999-12-31"}, "period_to", "2100-12-31"),
        ("/reports/membership", {"as_of": "9999-12-31"}, "as_of", "2100-12-31"),
        ("/reports/membership", {"as_of": "0001-01-01"}, "as_of", "1900-01-01"),
        ("/reports/membership", {"as_of": "2025-12-31", "period_from": "1899-12-31"}, "period_from", "1900-01-01"),
        ("/reports/membership/units/{P}", {"as_of": "9999-12-31"}, "as_of", "2100-12-31"),
        ("/reports/membership/units/{P}", {"as_of": "0001-01-01"}, "as_of", "1900-01-01"),
        ("/reports/campaigns/by-unit", {"as_of": "9999-12-31"}, "as_of", "2100-12-31"),
        ("/reports/campaigns/by-unit", {"as_of": "2025-12-31", "period_to": "2101-01-01"}, "period_to", "2100-12-31"),
        ("/reports/campaigns", {"as_of": "0001-01-01"}, "as_of", "1900-01-01"),
        ("/reports/campaigns/{K}", {"as_of": "9999-12-31"}, "as_of", "2100-12-31"),
    ],
)
async def test_a_date_outside_the_bounds_is_a_422_naming_the_field_and_the_bound(
    client: httpx.AsyncClient, relief: Relief, path: str, params: dict[str, str], field: str, bound: str
) -> None:
    r = await client.get(path.format(P=relief.tree.P, K=relief.K), params=params)
    assert r.status_code == 422, r.text
    assert _named(r.json(), field), r.json()
    assert bound in r.text


@pytest.mark.parametrize("value", ["0", "1700000000", "2025-06-01T00:00", "20250601", "1/6/2025"])
@pytest.mark.parametrize("path", ["/reports/campaigns", "/reports/membership", "/reports/campaigns/by-unit"])
async def test_only_yyyy_mm_dd_is_a_date(client: httpx.AsyncClient, relief: Relief, path: str, value: str) -> None:
    """``as_of=0`` was read as a Unix timestamp (1970-01-01): a typo silently gave another report."""
    r = await client.get(path, params={"as_of": value})
    assert r.status_code == 422, r.text
    assert _named(r.json(), "as_of"), r.json()
    assert "YYYY-MM-DD" in r.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/reports/membership", {"as_of": "2100-12-31"}),
        ("/reports/membership", {"as_of": "1900-01-01"}),
        ("/reports/membership", {"as_of": "2100-12-31", "period_from": "1900-01-01"}),
        ("/reports/membership/units/{P}", {"as_of": "2100-12-31", "period_from": "1900-01-01"}),
        ("/reports/campaigns/by-unit", {"as_of": "2100-12-31", "period_from": "1900-01-01"}),
        ("/reports/campaigns/by-unit", {"as_of": "1900-01-01"}),
        ("/reports/campaigns/by-period", {"period_from": "1900-01-01", "period_to": "1900-01-31"}),
        ("/reports/campaigns/by-period", {"period_from": "2100-12-01", "period_to": "2100-12-31"}),
        ("/reports/campaigns", {"as_of": "2100-12-31"}),
        ("/reports/campaigns/{K}", {"as_of": "1900-01-01"}),
    ],
)
async def test_dates_at_the_bounds_answer_200(
    client: httpx.AsyncClient, relief: Relief, path: str, params: dict[str, str]
) -> None:
    r = await client.get(path.format(P=relief.tree.P, K=relief.K), params=params)
    assert r.status_code == 200, r.text


async def test_figures_at_the_bounds_are_those_of_the_data(client: httpx.AsyncClient, relief: Relief) -> None:
    early = (await client.get("/reports/membership", params={"as_of": "1900-01-01"})).json()
    assert early["units"] == []  # no unit existed yet
    late = (await client.get(f"/reports/membership/units/{relief.tree.P}", params={"as_of": "2100-12-31"})).json()
    now = (await client.get(f"/reports/membership/units/{relief.tree.P}", params={"as_of": "2030-12-31"})).json()
    assert late["unit"]["members"] == now["unit"]["members"]  # nothing changes after the last fact
    days = (
        await client.get(
            "/reports/campaigns/by-period", params={"period_from": "2100-12-01", "period_to": "2100-12-31"}
        )
    ).json()
    assert len(days["buckets"]) == 31 and all(b["cash_raised_vnd"] == 0 for b in days["buckets"])
    # the longest period of a series is still refused by its bucket count, quickly
    r = await client.get("/reports/campaigns/by-period", params={"period_from": "1900-01-01"})
    assert r.status_code == 422 and "buckets" in r.json()["message"]


async def test_the_bounds_are_in_the_openapi_schema(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/openapi.json")).json()
    params = doc["paths"]["/reports/campaigns/by-period"]["get"]["parameters"]
    (period_from,) = [p for p in params if p["name"] == "period_from"]
    (day,) = [s for s in period_from["schema"]["anyOf"] if s.get("format") == "date"]
    assert (day["formatMinimum"], day["formatMaximum"]) == ("1900-01-01", "2100-12-31")
