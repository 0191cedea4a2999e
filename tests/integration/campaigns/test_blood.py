"""Blood drives over HTTP: sessions only for blood_drive campaigns, registrations by opaque id,
capacity and duplicates refused."""

from __future__ import annotations

import json
import uuid

import asyncpg
import httpx
import pytest

from tests.integration.campaigns.helpers import ORGANISER, create_campaign, launched_campaign, snapshot

pytestmark = pytest.mark.integration

SESSION = {"held_on": "2025-01-15", "place": "Nhà văn hoá phường 7", "capacity": 2}


async def _session(client: httpx.AsyncClient, **kw: object) -> dict[str, object]:
    c = await launched_campaign(client, campaign_type="blood_drive", targets={"blood_units": 2})
    r = await client.post(f"/campaigns/{c['id']}/blood-sessions", json={**SESSION, **kw})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_scheduling_a_session_emits_blood_session_scheduled(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    s = await _session(client)
    assert (s["capacity"], s["registered"], s["places_left"]) == (2, 0, 2)
    payload = json.loads(await db.fetchval("SELECT payload FROM outbox WHERE key = $1", s["id"]))
    assert payload["campaign_id"] == s["campaign_id"] and payload["held_on"] == "2025-01-15"
    listed = (await client.get(f"/campaigns/{s['campaign_id']}/blood-sessions")).json()
    assert [i["id"] for i in listed["items"]] == [s["id"]]


async def test_a_session_for_a_campaign_that_is_not_a_blood_drive_is_409(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    c = await create_campaign(client, campaign_type="emergency_relief")
    before = await snapshot(db)
    r = await client.post(f"/campaigns/{c['id']}/blood-sessions", json=SESSION)
    assert r.status_code == 409
    assert "has type emergency_relief: blood sessions belong to blood_drive campaigns" in r.json()["message"]
    assert await snapshot(db) == before


async def test_a_session_outside_the_campaign_period_is_422(client: httpx.AsyncClient) -> None:
    c = await create_campaign(client, campaign_type="blood_drive")
    r = await client.post(f"/campaigns/{c['id']}/blood-sessions", json={**SESSION, "held_on": "2025-06-01"})
    assert r.status_code == 422 and "outside the campaign's period" in r.json()["message"]


async def test_a_session_run_by_a_unit_the_tree_does_not_know_is_422_and_writes_nothing(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """A unit id mistyped (or of a unit not in the tree on the session's day) is refused, as a campaign's
    organiser is; the organiser, named, is taken."""
    c = await launched_campaign(client, campaign_type="blood_drive", targets={"blood_units": 2})
    before = await snapshot(db)
    unknown = str(uuid.uuid4())
    r = await client.post(f"/campaigns/{c['id']}/blood-sessions", json={**SESSION, "unit_id": unknown})
    assert r.status_code == 422 and r.json()["field"] == "unit_id", r.text
    assert await snapshot(db) == before
    r = await client.post(f"/campaigns/{c['id']}/blood-sessions", json={**SESSION, "unit_id": str(ORGANISER)})
    assert r.status_code == 201 and r.json()["unit_id"] == str(ORGANISER), r.text


async def test_registrations_are_refused_beyond_capacity_and_for_the_same_donor_twice(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    s = await _session(client)
    url = f"/blood-sessions/{s['id']}/registrations"
    member = str(uuid.uuid4())
    first = await client.post(url, json={"donor_ref": member, "blood_group": "O+"})
    assert first.status_code == 201, first.text
    assert first.json()["donor_id"] == member
    before = await snapshot(db)
    dup = await client.post(url, json={"donor_ref": member})
    assert dup.status_code == 409 and "already registered for this session" in dup.json()["message"]
    assert await snapshot(db) == before
    second = await client.post(url, json={"donor_ref": "NHTM-000123"})  # an external donor number
    assert second.status_code == 201
    before = await snapshot(db)
    full = await client.post(url, json={"donor_ref": str(uuid.uuid4())})
    assert full.status_code == 409 and full.json()["message"] == "the session is full: 2 of 2 places taken"
    assert await snapshot(db) == before
    events = [
        json.loads(r["payload"])
        for r in await db.fetch(
            "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'campaigns.blood.donor_registered.v1'", s["id"]
        )
    ]
    assert {e["donor_id"] for e in events} == {member, second.json()["donor_id"]}
    assert all("NHTM" not in json.dumps(e) for e in events)
    assert (await client.get(f"/blood-sessions/{s['id']}")).json()["places_left"] == 0


async def test_registration_after_the_drive_closed_is_409(client: httpx.AsyncClient) -> None:
    s = await _session(client, capacity=5)
    assert (
        await client.post(f"/campaigns/{s['campaign_id']}/close", json={"closed_on": "2025-02-01"})
    ).status_code == 200
    r = await client.post(f"/blood-sessions/{s['id']}/registrations", json={"donor_ref": "X-1"})
    assert r.status_code == 409 and "registrations are closed" in r.json()["message"]
