"""The reporting HTTP API (the real app, its pool pointed at a projection fed directly)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date

import asyncpg
import httpx
import pytest

from rc_reporting.entrypoints.app import build_app
from rc_reporting.settings import Settings
from tests.integration.reporting.helpers import Restructure, feed

pytestmark = pytest.mark.integration


@pytest.fixture
async def scenario(pool: asyncpg.Pool) -> Restructure:
    s = Restructure()
    await feed(pool, s.events())
    return s


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    # public answers read again on every request: these tests project events straight into the tables
    # (not through a write this app answers), which a serving process sees within RC_PUBLIC_FRESH_MS
    app = build_app(Settings(public_fresh_ms=0), relay=False, consumers=False)
    app.state.runtime.pool = pool  # no lifespan: no Kafka needed for the read API
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as c:
        yield c


async def test_membership_report_json_shape_and_figures(client: httpx.AsyncClient, scenario: Restructure) -> None:
    r = await client.get("/reports/membership", params={"as_of": "2025-12-31"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {k: body[k] for k in ("as_of", "period_from", "period_to", "depth")} == {
        "as_of": "2025-12-31",
        "period_from": "2025-01-01",
        "period_to": "2025-12-31",
        "depth": 1,
    }
    (top,) = body["units"]
    assert set(top) == {
        "unit_id", "code", "name", "level", "parent_id", "units_by_level", "members", "volunteers", "youth",
        "collaborators", "roles", "members_joined", "members_lapsed", "volunteer_hours", "fees", "children",
    }  # fmt: skip
    assert top["unit_id"] == str(scenario.P) and top["parent_id"] is None
    assert (top["members"], top["members_joined"], top["members_lapsed"], top["volunteer_hours"]) == (3, 1, 2, 7.5)
    assert top["fees"] == {"paid": 0, "unpaid": 3, "exempted": 0}
    assert [c["code"] for c in top["children"]] == ["C1", "C2", "C3"]
    assert top["children"][0]["parent_id"] == str(scenario.P)


async def test_unit_report_for_one_unit_and_404_when_it_does_not_exist_on_as_of(
    client: httpx.AsyncClient, scenario: Restructure
) -> None:
    ok = await client.get(f"/reports/membership/units/{scenario.D1}", params={"as_of": "2025-06-30"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["unit"]["members"] == 2 and ok.json()["unit"]["children"] == []

    gone = await client.get(f"/reports/membership/units/{scenario.D1}", params={"as_of": "2025-07-01"})
    assert gone.status_code == 404
    assert gone.json()["error"] == "not_found" and "2025-07-01" in gone.json()["message"]
    unknown = await client.get("/reports/membership", params={"as_of": "2025-07-01", "unit_id": str(uuid.uuid4())})
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "2025-13-01"}, "as_of"),
        ({"as_of": "yesterday"}, "as_of"),
        ({"as_of": "2025-12-31", "unit_id": "not-a-uuid"}, "unit_id"),
        ({"as_of": "2025-12-31", "depth": "11"}, "depth"),
        ({"as_of": "2025-12-31", "depth": "-1"}, "depth"),
        ({"as_of": "2025-12-31", "period_from": "2025-06-01", "period_to": "2025-05-01"}, "period_from"),
        ({"as_of": "2025-03-01", "period_from": "2025-06-01"}, "period_from"),
    ],
)
async def test_invalid_query_parameters_are_422_naming_the_field(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    r = await client.get("/reports/membership", params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    # a parameter is named with where it was (query.as_of, path.campaign_id), a rule across them without
    named = [e["field"] for e in body.get("errors", [])] or [body.get("field", "")]
    assert named and all(n.removeprefix("query.").removeprefix("path.") == field for n in named), body


async def test_status_counts_the_events_applied(client: httpx.AsyncClient, scenario: Restructure) -> None:
    r = await client.get("/reports/status")
    assert r.status_code == 200
    body = r.json()
    n = len(scenario.events())
    assert (body["events_processed"], body["events_applied"], body["events_dead_lettered"]) == (n, n, 0)
    assert body["consumer"] == "reporting.members"
    assert body["rows"]["unit_versions"] == 6 + 4  # six units; three moved communes and the renamed province
    assert body["rows"]["volunteer_hours"] == 3


async def test_openapi_documents_the_report_endpoints(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert {"/reports/membership", "/reports/membership/units/{unit_id}", "/reports/status"} <= set(paths)


async def test_report_over_600_units_and_15000_people_rolls_up_exactly(
    client: httpx.AsyncClient, pool: asyncpg.Pool
) -> None:
    # bulk-load a realistic tree directly: 1 province, 7 districts, 70 grassroots units, 522 branches
    async with pool.acquire() as conn:
        await conn.execute(
            """
            CREATE TEMP TABLE u AS
            SELECT gen_random_uuid() AS id, g AS n FROM generate_series(0, 599) g;
            INSERT INTO rpt_unit_versions (unit_id, valid_from, code, name, level, parent_id)
            SELECT u.id, date '2020-01-01', 'U' || lpad(u.n::text, 3, '0'), 'unit ' || u.n,
                   CASE WHEN u.n = 0 THEN 'province' WHEN u.n <= 7 THEN 'district'
                        WHEN u.n <= 77 THEN 'grassroots' ELSE 'branch' END,
                   (SELECT p.id FROM u p WHERE p.n = CASE WHEN u.n = 0 THEN -1 WHEN u.n <= 7 THEN 0
                        WHEN u.n <= 77 THEN 1 + (u.n - 8) % 7 ELSE 8 + (u.n - 78) % 70 END)
            FROM u;
            INSERT INTO rpt_membership_spans (membership_id, valid_from, person_id, unit_id, status)
            SELECT gen_random_uuid(), date '2020-01-01' + (g % 2000), gen_random_uuid(),
                   (SELECT id FROM u WHERE n = 78 + g % 522), CASE WHEN g % 10 = 0 THEN 'lapsed' ELSE 'active' END
            FROM generate_series(1, 15000) g;
            INSERT INTO rpt_membership_changes (event_id, membership_id, person_id, kind, unit_id, effective_on)
            SELECT gen_random_uuid(), membership_id, person_id, 'joined', unit_id, valid_from FROM rpt_membership_spans;
            INSERT INTO rpt_role_spans (role_id, person_id, role, unit_id, start_on)
            SELECT gen_random_uuid(), person_id, 'volunteer', unit_id, valid_from FROM rpt_membership_spans
            WHERE random() < 0.2;
            ANALYZE;
            """
        )
    r = await client.get("/reports/membership", params={"as_of": date(2026, 1, 1).isoformat(), "depth": "2"})
    assert r.status_code == 200
    (top,) = r.json()["units"]
    assert top["units_by_level"] == {"branch": 522, "district": 7, "grassroots": 70, "province": 1}
    assert top["members"] == 13500
    assert sum(c["members"] for c in top["children"]) == 13500
