"""Reports as of a date are scope-checked in the tree valid on that date (real tokens; the scope
projection fed by the ``reporting.scope-units`` consumer's own handlers, on real PostgreSQL).

The 1 July 2025 reform of :class:`Restructure`: D1 is dissolved and C1 moves under P. D1's user still
reads C1's figures as of 2025-06-01, and no longer as of 2025-07-01."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import asyncpg
import httpx
import pytest

from rc_reporting.entrypoints.app import build_app
from rc_reporting.settings import Settings
from rc_shared.auth import generate_keys, mint
from rc_shared.events.members import UnitCreated, UnitMoved
from rc_shared.scope import PgScopeResolver, units_consumer
from tests.integration.reporting.helpers import Restructure, ev, feed

pytestmark = pytest.mark.integration

BEFORE, AFTER = "2025-06-01", "2025-07-01"


@pytest.fixture
async def scenario(pool: asyncpg.Pool) -> Restructure:
    s = Restructure()
    await feed(pool, s.events())
    await feed(pool, s.unit_events(), consumer=units_consumer("reporting"))
    return s


@pytest.fixture
async def api(pool: asyncpg.Pool, tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, bytes]]:
    """The reporting app with access control on (no lifespan: its pool and scope resolver are the test's)."""
    private, public = generate_keys(tmp_path / "auth")
    settings = Settings(auth_enabled=True, auth_public_key_file=str(public), public_fresh_ms=0)  # see test_http_api
    app = build_app(settings, relay=False, consumers=False)
    app.state.runtime.pool = pool
    app.state.scope_resolver = PgScopeResolver(pool)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as c:
        yield c, private.read_bytes()


def bearer(private: bytes, unit_id: uuid.UUID) -> dict[str, str]:
    tok = mint(private, subject="it", role="viewer", unit_id=unit_id, issuer="rc-dev", audience="redcross-platform")
    return {"Authorization": f"Bearer {tok}"}


async def test_a_district_user_reads_its_former_commune_as_of_a_day_before_the_reform(
    api: tuple[httpx.AsyncClient, bytes], scenario: Restructure
) -> None:
    client, key = api
    s = scenario
    district, province, other = bearer(key, s.D1), bearer(key, s.P), bearer(key, s.D2)
    reads = {
        "unit": (f"/reports/membership/units/{s.C1}", {}),
        "membership": ("/reports/membership", {"unit_id": str(s.C1)}),
        "funds": ("/reports/campaigns/by-unit", {"unit_id": str(s.C1)}),
        "dashboard": ("/reports/campaigns/dashboard", {"unit_id": str(s.C1)}),
    }
    for name, (path, params) in reads.items():
        before = await client.get(path, params={**params, "as_of": BEFORE}, headers=district)
        assert before.status_code == 200, (name, before.text)
        after = await client.get(path, params={**params, "as_of": AFTER}, headers=district)
        assert after.status_code == 403, (name, after.text)
        for as_of in (BEFORE, AFTER):
            r = await client.get(path, params={**params, "as_of": as_of}, headers=province)
            assert r.status_code == 200, (name, as_of, r.text)
        stranger = await client.get(path, params={**params, "as_of": BEFORE}, headers=other)
        assert stranger.status_code == 403, (name, stranger.text)

    unit = (await client.get(f"/reports/membership/units/{s.C1}", params={"as_of": BEFORE}, headers=district)).json()
    # m1 (2023-03-01) and m5 (2023-01-01) are members of C1 on 2025-06-01
    assert (unit["unit"]["unit_id"], unit["unit"]["members"]) == (str(s.C1), 2)
    # without unit_id the report starts at the user's own scope root, as of that day
    own = await client.get("/reports/membership", params={"as_of": BEFORE}, headers=district)
    assert own.status_code == 200, own.text
    assert [u["unit_id"] for u in own.json()["units"]] == [str(s.D1)]
    board = await client.get("/reports/campaigns/dashboard", params={"as_of": BEFORE}, headers=district)
    assert board.status_code == 200 and board.json()["unit_id"] == str(s.D1), board.text


async def test_a_scoped_users_period_ends_by_as_of_so_a_former_commune_shows_nothing_after_it_left(
    api: tuple[httpx.AsyncClient, bytes], scenario: Restructure
) -> None:
    """Security review: D1's user asked as of the day before the reform, for a period reaching a year past it,
    and read C1's members joined and lapsed, hours and money after C1 left D1. A scoped user's period ends by
    as_of when a unit of its subtree that day has moved out of it by the period's end (403 naming period_to);
    the province's user, whose subtree lost only D1 (dissolved: no flows since), may ask it."""
    client, key = api
    s = scenario
    district, province = bearer(key, s.D1), bearer(key, s.P)
    past = {"as_of": BEFORE, "period_from": "2025-01-01", "period_to": "2026-06-30"}
    for path, params in (
        ("/reports/membership", {"unit_id": str(s.D1), "depth": "2"}),
        ("/reports/membership", {"depth": "2"}),  # (the user's own root)
        (f"/reports/membership/units/{s.C1}", {}),
        ("/reports/campaigns/by-unit", {"unit_id": str(s.D1)}),
    ):
        r = await client.get(path, params={**params, **past}, headers=district)
        assert r.status_code == 403, (path, r.text)
        problem = r.json()
        assert problem["field"] == "period_to" and "was outside it on 2025-07-01" in problem["message"], problem
        within = {**params, "as_of": BEFORE, "period_from": "2025-01-01", "period_to": BEFORE}
        assert (await client.get(path, params=within, headers=district)).status_code == 200, path
    r = await client.get("/reports/membership", params={"unit_id": str(s.D1), **past}, headers=province)
    assert r.status_code == 200, r.text


async def test_a_commune_that_left_and_came_back_within_the_period_is_refused_and_a_quiet_period_is_not(
    api: tuple[httpx.AsyncClient, bytes], scenario: Restructure, pool: asyncpg.Pool
) -> None:
    """Review of the first check (it compared the subtree on as_of with the one at the period's end only): a
    commune lent to another district for March and back by April is in the subtree on both days, yet its row
    would give its flows of March. Any day of the period outside the subtree refuses; a period in which
    nothing left is answered."""
    client, key = api
    s = scenario
    x, y = uuid.uuid4(), uuid.uuid4()
    d0 = date(2020, 1, 1)
    events = [
        ev(UnitCreated(unit_id=x, valid_from=d0, code="P.X", name="X", level="district", parent_id=s.P)),
        ev(UnitCreated(unit_id=y, valid_from=d0, code="P.X.Y", name="Y", level="grassroots", parent_id=x)),
        ev(UnitMoved(unit_id=y, valid_from=date(2025, 3, 1), parent_id=s.D2, level="grassroots")),
        ev(UnitMoved(unit_id=y, valid_from=date(2025, 4, 1), parent_id=x, level="grassroots")),
    ]
    await feed(pool, events)  # the reports' tree
    await feed(pool, events, consumer=units_consumer("reporting"))  # the scope's
    district = bearer(key, x)
    params = {"unit_id": str(x), "as_of": "2025-02-01", "period_from": "2025-01-01"}
    r = await client.get("/reports/membership", params={**params, "period_to": "2025-05-01"}, headers=district)
    assert r.status_code == 403 and "was outside it on 2025-03-01" in r.json()["message"], r.text
    r = await client.get("/reports/membership", params={**params, "period_to": "2025-02-20"}, headers=district)
    assert r.status_code == 200, r.text  # nothing left between as_of and the period's end
    r = await client.get("/reports/membership", params={**params, "as_of": "2025-05-01", "period_to": "2025-05-01"},
                         headers=district)  # fmt: skip
    assert r.status_code == 200, r.text
