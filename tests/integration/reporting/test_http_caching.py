"""HTTP caching of the public campaign answers (the real app over a projection fed directly):
ETag from the projection's version, 304 on If-None-Match without computing the answer,
Cache-Control public with a configurable max-age; private, no-store for the answers needing a token."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from rc_reporting.entrypoints.app import build_app
from rc_reporting.service_layer import campaign_reports
from rc_reporting.settings import Settings
from rc_shared import http_cache
from rc_shared.events.campaigns import BeneficiaryVerified
from rc_shared.events.donations import DonationRecorded
from rc_shared.events.members import UnitRenamed
from tests.integration.reporting.campaign_helpers import Relief, cev, feed_campaigns, lev
from tests.integration.reporting.helpers import ev, feed
from tests.manual_clock import ManualClock

pytestmark = pytest.mark.integration

PUBLIC = ("/public/campaigns/{K}", "/reports/campaigns/{K}", "/public/campaigns", "/reports/campaigns")


@pytest.fixture
async def relief(pool: asyncpg.Pool) -> Relief:
    s = Relief()
    await feed(pool, s.tree.events())
    await feed_campaigns(pool, s.events())
    return s


def _app(pool: asyncpg.Pool, **settings: Any) -> FastAPI:
    app: FastAPI = build_app(Settings(**settings), relay=False, consumers=False)
    app.state.runtime.pool = pool  # no lifespan: no Kafka needed for the read API
    return app


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app(pool)), base_url="http://reporting") as c:
        yield c


def _gift(s: Relief, campaign: uuid.UUID, amount: int) -> Any:
    return lev(
        DonationRecorded(
            campaign_id=campaign,
            donation_id=uuid.uuid4(),
            kind="cash",
            amount_vnd=amount,
            donor_type="anonymous",
            unit_id=s.tree.C1,
            channel="cash",
            received_on=date(2025, 7, 30),
            receipt_no=50,
        )
    )


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """Counts the computations of a campaign report or list (the real functions still run)."""
    calls = {"n": 0}
    for name in ("campaign", "campaigns"):
        real = getattr(campaign_reports, name)

        async def counted(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            calls["n"] += 1
            return await _real(*args, **kwargs)

        monkeypatch.setattr(campaign_reports, name, counted)
    return lambda: calls["n"]


async def test_public_answers_carry_an_etag_and_cache_control_public(client: httpx.AsyncClient, relief: Relief) -> None:
    for path in PUBLIC:
        r = await client.get(path.format(K=relief.K))
        assert r.status_code == 200, (path, r.text)
        assert r.headers["cache-control"] == "public, max-age=5", path
        assert r.headers["etag"].startswith('W/"'), path
    html = await client.get(f"/public/campaigns/{relief.K}")
    assert html.headers["content-type"] == "text/html; charset=utf-8" and "Cứu trợ lũ lụt 2025" in html.text
    report = await client.get(f"/reports/campaigns/{relief.K}")
    assert report.headers["content-type"] == "application/json" and report.json()["cash_raised_vnd"] == 7_700_000
    # each answer its own tag: another campaign, another as_of, another representation
    tags = {
        (await client.get(p, params=q)).headers["etag"]
        for p, q in [
            (f"/reports/campaigns/{relief.K}", {}),
            (f"/reports/campaigns/{relief.K}", {"as_of": "2025-06-19"}),
            (f"/reports/campaigns/{relief.K2}", {}),
            (f"/public/campaigns/{relief.K}", {}),
        ]
    }
    assert len(tags) == 4


async def test_max_age_is_a_setting(pool: asyncpg.Pool, relief: Relief) -> None:
    app = _app(pool, public_max_age_s=30)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as c:
        r = await c.get(f"/public/campaigns/{relief.K}")
    assert r.headers["cache-control"] == "public, max-age=30"


async def test_matching_if_none_match_gets_304_without_computing_the_answer(
    client: httpx.AsyncClient, relief: Relief, spy: Callable[[], int]
) -> None:
    for path in PUBLIC:
        url = path.format(K=relief.K)
        first = await client.get(url)
        tag = first.headers["etag"]
        computed = spy()
        for header in (tag, tag.removeprefix("W/"), f'"other", {tag}', "*"):
            r = await client.get(url, headers={"If-None-Match": header})
            assert r.status_code == 304, (url, header)
            assert r.content == b""
            assert (r.headers["etag"], r.headers["cache-control"]) == (tag, "public, max-age=5")
        assert spy() == computed, url  # no 304 computed the answer
        other = await client.get(url, headers={"If-None-Match": '"something else"'})
        assert other.status_code == 200 and other.content == first.content
        assert spy() == computed, url  # and the same version is rendered once (kept in process)


def _clocked(pool: asyncpg.Pool, fresh_ms: int) -> tuple[httpx.AsyncClient, ManualClock]:
    """A client of the app whose public answers' clock moves only when the test says."""
    app = _app(pool, public_fresh_ms=fresh_ms)
    clock = ManualClock()
    http_cache.public_answers_of(app).clock = clock
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting"), clock


@pytest.mark.parametrize("fresh_ms", [0, 500])
async def test_etag_changes_when_an_event_is_projected_and_not_otherwise(
    pool: asyncpg.Pool, relief: Relief, fresh_ms: int
) -> None:
    """Every public answer follows the projection, at most the fast path's bound (fresh_ms) later."""
    client, clock = _clocked(pool, fresh_ms)

    async def tags() -> dict[str, str]:
        out = {}
        for path in (*PUBLIC, f"/public/campaigns/{relief.K2}"):
            r = await client.get(path.format(K=relief.K))
            assert r.status_code == 200
            out[path] = r.headers["etag"]
        return out

    async def project(events: list[Any]) -> Any:
        applied = await feed_campaigns(pool, events)
        clock.advance(fresh_ms / 1000 + 0.001)  # the bound has passed
        return applied

    gift = _gift(relief, relief.K, 1_000_000)
    before = await tags()
    assert await tags() == before  # nothing projected: same tags

    await project([gift])
    after = await tags()
    again = await project([gift])  # a redelivery applies nothing
    assert again.duplicates == 1 and await tags() == after
    changed = {p for p in before if before[p] != after[p]}
    assert changed == set(PUBLIC)  # K and the lists; K2's page is untouched
    url = f"/reports/campaigns/{relief.K}"
    fresh = await client.get(url, headers={"If-None-Match": before["/reports/campaigns/{K}"]})
    assert fresh.status_code == 200 and fresh.json()["cash_raised_vnd"] == 7_700_000 + 1_000_000

    # a fact without a campaign id that still changes K's figures (a verification of its beneficiary)
    verify = BeneficiaryVerified(beneficiary_id=relief.b["b3"], unit_id=relief.tree.C2, verified_on=date(2025, 7, 31))
    await project([cev(verify)])
    verified = await client.get(url)
    assert verified.headers["etag"] != after["/reports/campaigns/{K}"]
    assert verified.json()["beneficiaries_verified"] == 3
    await client.aclose()


@pytest.mark.parametrize("fresh_ms", [0, 500])
async def test_the_campaign_page_follows_a_rename_of_its_organising_unit(
    pool: asyncpg.Pool, relief: Relief, fresh_ms: int
) -> None:
    """ "Organised by" is the unit's name today: a rename (or a merge) of the organiser, no event of the
    campaign, changes the page and its ETag (the page kept the old name until the campaign's next event)."""
    client, clock = _clocked(pool, fresh_ms)
    path = f"/public/campaigns/{relief.K}"
    before = await client.get(path)
    assert "Cà Mau" in before.text and "Tỉnh hội Cà Mau" not in before.text
    await feed(pool, [ev(UnitRenamed(unit_id=relief.tree.P, valid_from=date(2026, 1, 1), name="Tỉnh hội Cà Mau"))])
    clock.advance(fresh_ms / 1000 + 0.001)
    after = await client.get(path)
    again = await client.get(path, headers={"If-None-Match": after.headers["etag"]})
    assert after.headers["etag"] != before.headers["etag"] and "Tỉnh hội Cà Mau" in after.text
    assert again.status_code == 304
    await client.aclose()


async def test_the_fast_path_gives_the_routes_answer_until_its_bound_then_the_projected_one(
    pool: asyncpg.Pool, relief: Relief
) -> None:
    """Within the bound (public_fresh_ms) a public answer is given again without reading the version
    (the same bytes and headers, a 304 too); past it, the answer of what was projected since."""
    client, clock = _clocked(pool, 500)
    routed, _ = _clocked(pool, 0)
    asked = {"x-correlation-id": "cid-fast"}
    for path in PUBLIC:
        url = path.format(K=relief.K)
        first = await client.get(url, headers=asked)
        again = await client.get(url, headers=asked)
        by_routes = await routed.get(url, headers=asked)
        for r in (again, by_routes):
            assert (r.status_code, r.content) == (200, first.content), url
            drop = {"traceparent"}
            assert [h for h in r.headers.multi_items() if h[0] not in drop] == [
                h for h in first.headers.multi_items() if h[0] not in drop
            ], url
        not_modified = await client.get(url, headers={**asked, "If-None-Match": first.headers["etag"]})
        routes_304 = await routed.get(url, headers={**asked, "If-None-Match": first.headers["etag"]})
        assert not_modified.status_code == routes_304.status_code == 304
        assert [h for h in not_modified.headers.multi_items() if h[0] != "traceparent"] == [
            h for h in routes_304.headers.multi_items() if h[0] != "traceparent"
        ]
    before = {p: (await client.get(p.format(K=relief.K))).content for p in PUBLIC}
    await feed_campaigns(pool, [_gift(relief, relief.K, 2_000_000)])
    assert (await routed.get(f"/reports/campaigns/{relief.K}")).json()["cash_raised_vnd"] == 7_700_000 + 2_000_000
    clock.advance(0.5)  # at the bound: what was read then
    assert {p: (await client.get(p.format(K=relief.K))).content for p in PUBLIC} == before
    clock.advance(0.001)  # past it
    assert (await client.get(f"/reports/campaigns/{relief.K}")).json()["cash_raised_vnd"] == 7_700_000 + 2_000_000
    after = {p: (await client.get(p.format(K=relief.K))).content for p in PUBLIC}
    assert all(after[p] != before[p] for p in PUBLIC)
    assert (await client.get(f"/reports/campaigns/{uuid.uuid4()}")).status_code == 404  # unknown: the routes
    await client.aclose()
    await routed.aclose()


async def test_unknown_campaign_is_still_404(client: httpx.AsyncClient, relief: Relief) -> None:
    for path in ("/public/campaigns/{K}", "/reports/campaigns/{K}"):
        r = await client.get(path.format(K=uuid.uuid4()), headers={"If-None-Match": "*"})
        assert r.status_code == 404 and "etag" not in r.headers


async def test_answers_needing_a_token_are_private_no_store(client: httpx.AsyncClient, relief: Relief) -> None:
    for path, params in [
        ("/reports/campaigns/by-unit", {"as_of": "2025-12-31"}),
        ("/reports/campaigns/dashboard", {"as_of": "2025-12-31"}),
        ("/reports/campaigns/by-period", {"campaign_id": str(relief.K)}),
        ("/reports/membership", {"as_of": "2025-12-31"}),
    ]:
        r = await client.get(path, params=params)
        assert r.status_code == 200, (path, r.text)
        assert r.headers["cache-control"] == "private, no-store" and "etag" not in r.headers, path
