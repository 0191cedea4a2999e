"""The campaign lifecycle over HTTP: transitions, their events in the outbox, 409s, overdue list."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from rc_shared import clock
from rc_shared.envelope import Envelope, headers_dict
from rc_shared.events.members import UnitDissolved
from tests.integration.campaigns.conftest import running, settings_for
from tests.integration.campaigns.helpers import campaign_body, create_campaign, launched_campaign, snapshot
from tests.integration.shared.helpers import eventually, learn_units, read_topic, unit_created

pytestmark = pytest.mark.integration


async def _outbox(db: asyncpg.Connection, campaign_id: str) -> list[tuple[str, dict[str, Any]]]:
    rows = await db.fetch("SELECT event_type, payload FROM outbox WHERE key = $1 ORDER BY id", campaign_id)
    return [(r["event_type"], json.loads(r["payload"])) for r in rows]


async def test_create_gives_a_draft_with_progress_and_allowed_actions(client: httpx.AsyncClient) -> None:
    c = await create_campaign(client)
    assert c["state"] == "draft"
    assert c["allowed_actions"] == ["launch", "cancel"]
    assert c["progress"]["cash_vnd"] == {"raised": 0, "target": 1_000_000, "percent": 0.0, "target_reached_at": None}
    assert c["progress"]["blood_units"]["percent"] is None
    got = await client.get(f"/campaigns/{c['id']}")
    assert got.status_code == 200 and got.json() == c


async def test_full_lifecycle_writes_one_event_per_transition_to_the_outbox(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    c = await create_campaign(client)
    assert await _outbox(db, c["id"]) == []  # a draft is not published
    steps = [
        ("launch", {"launched_on": "2025-01-01"}, "launched"),
        ("close", {"closed_on": "2025-03-20"}, "closed"),
        ("settle", {"settled_on": "2025-04-05"}, "settled"),
    ]
    for action, body, state in steps:
        with clock.frozen(date.fromisoformat(next(iter(body.values())))):  # each step on its own day
            r = await client.post(f"/campaigns/{c['id']}/{action}", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["state"] == state
    final = (await client.get(f"/campaigns/{c['id']}")).json()
    assert (final["launched_on"], final["closed_on"], final["settled_on"]) == ("2025-01-01", "2025-03-20", "2025-04-05")
    assert final["distribution_deadline"] == "2025-04-09"  # closed_on + 20 days
    assert final["allowed_actions"] == []
    events = await _outbox(db, c["id"])
    assert [t for t, _ in events] == [
        "campaigns.campaign.launched.v1",
        "campaigns.campaign.closed.v1",
        "campaigns.campaign.settled.v1",
    ]
    launched = events[0][1]
    assert launched["code"] == c["code"] and launched["name"] == c["name"]
    assert launched["participating_unit_ids"] == c["participating_unit_ids"]
    assert launched["targets"] == {
        "cash_vnd": 1_000_000,
        "in_kind_value_vnd": 500_000,
        "blood_units": 0,
        "beneficiaries": None,
    }
    assert launched["distribution_deadline"] == "2025-04-20"  # receiving_until + 20 days
    assert events[1][1]["closed_on"] == "2025-03-20" and events[2][1]["settled_on"] == "2025-04-05"


@pytest.mark.parametrize(
    ("path", "state", "action", "allowed"),
    [
        ([], "draft", "close", ["launch", "cancel"]),
        ([], "draft", "settle", ["launch", "cancel"]),
        (["launch"], "launched", "launch", ["close", "cancel"]),
        (["launch"], "launched", "settle", ["close", "cancel"]),
        (["launch", "close"], "closed", "launch", ["settle"]),
        (["launch", "close"], "closed", "close", ["settle"]),
        (["launch", "close"], "closed", "cancel", ["settle"]),
        (["launch", "close", "settle"], "settled", "settle", []),
        (["launch", "close", "settle"], "settled", "cancel", []),
        (["cancel"], "cancelled", "launch", []),
        (["cancel"], "cancelled", "cancel", []),
    ],
)
async def test_illegal_transition_is_409_naming_state_and_allowed_and_changes_nothing(
    client: httpx.AsyncClient, db: asyncpg.Connection, path: list[str], state: str, action: str, allowed: list[str]
) -> None:
    c = await create_campaign(client)
    for step in path:
        r = await client.post(f"/campaigns/{c['id']}/{step}", json={})
        assert r.status_code == 200, r.text
    before = await snapshot(db)
    r = await client.post(f"/campaigns/{c['id']}/{action}", json={})
    assert r.status_code == 409
    body = r.json()
    assert body["error"] == "conflict"
    assert body["message"].startswith(f"cannot {action} a {state} campaign; allowed from {state}: ")
    assert body["allowed"] == allowed
    assert await snapshot(db) == before


async def test_settling_a_launched_campaign_answers_the_documented_409(client: httpx.AsyncClient) -> None:
    c = await launched_campaign(client)
    r = await client.post(f"/campaigns/{c['id']}/settle")
    assert r.status_code == 409
    assert r.json()["message"] == "cannot settle a launched campaign; allowed from launched: close, cancel"
    assert r.json()["allowed"] == ["close", "cancel"]


async def test_a_period_longer_than_90_days_is_refused_at_creation_at_correction_and_at_launch(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """Relief officer's review: a draft of 92 days was made, and only its launch was refused, with a message
    the console could not place; it is now refused when made or corrected, naming receiving_until."""
    said = "the receiving period is 91 days (2025-01-01 to 2025-04-01); Decree 93/2021 allows at most 90 days"
    before = await snapshot(db)
    r = await client.post("/campaigns", json=campaign_body(receiving_from="2025-01-01", receiving_until="2025-04-01"))
    assert r.status_code == 422, r.text
    assert (r.json()["field"], r.json()["message"], r.json()["max_days"]) == ("receiving_until", said, 90)
    assert await snapshot(db) == before
    c = await create_campaign(client, receiving_from="2025-01-01", receiving_until="2025-03-31")  # 90 days
    before = await snapshot(db)
    r = await client.patch(f"/campaigns/{c['id']}", json={"receiving_until": "2025-04-01"})
    assert r.status_code == 422 and r.json()["message"] == said, r.text
    assert await snapshot(db) == before
    # a draft made before the rule (campaigns 1.7.0) with such a period: its launch refuses it, and stays a draft
    await db.execute("UPDATE campaigns SET receiving_until = '2025-04-01' WHERE id = $1", uuid.UUID(c["id"]))
    before = await snapshot(db)
    r = await client.post(f"/campaigns/{c['id']}/launch")
    assert r.status_code == 422 and r.json()["message"] == said, r.text
    assert await snapshot(db) == before
    fixed = await client.patch(f"/campaigns/{c['id']}", json={"receiving_until": "2025-03-31"})
    assert fixed.status_code == 200
    assert (await client.post(f"/campaigns/{c['id']}/launch")).status_code == 200


async def test_patch_changes_a_draft_and_merges_targets(client: httpx.AsyncClient) -> None:
    c = await create_campaign(client)
    r = await client.patch(f"/campaigns/{c['id']}", json={"name": "Tết 2026", "targets": {"blood_units": 50}})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["name"] == "Tết 2026"
    assert got["targets"] == {
        "cash_vnd": 1_000_000,
        "in_kind_value_vnd": 500_000,
        "blood_units": 50,
        "beneficiaries": None,
    }


async def test_patch_after_launch_is_409_and_changes_nothing(client: httpx.AsyncClient, db: asyncpg.Connection) -> None:
    c = await launched_campaign(client)
    before = await snapshot(db)
    r = await client.patch(f"/campaigns/{c['id']}", json={"name": "changed"})
    assert r.status_code == 409
    assert r.json()["message"] == "only a draft campaign can be edited; this campaign is launched"
    assert await snapshot(db) == before


async def test_parent_campaign_links_and_cycles_are_refused(client: httpx.AsyncClient) -> None:
    parent = await create_campaign(client)
    child = await create_campaign(client, parent_campaign_id=parent["id"])
    assert child["parent_campaign_id"] == parent["id"]
    r = await client.patch(f"/campaigns/{parent['id']}", json={"parent_campaign_id": child["id"]})
    assert r.status_code == 422
    assert "cannot be its parent" in r.json()["message"]
    listed = (await client.get("/campaigns", params={"parent_campaign_id": parent["id"]})).json()
    assert [i["id"] for i in listed["items"]] == [child["id"]]


async def test_list_filters_by_state_type_and_unit(client: httpx.AsyncClient, module_dsn: str) -> None:
    unit = str(uuid.uuid4())
    await learn_units(module_dsn, "campaigns", [unit_created(uuid.UUID(unit))])
    a = await create_campaign(client, organising_unit_id=unit, campaign_type="blood_drive")
    b = await launched_campaign(client, participating_unit_ids=[unit], campaign_type="emergency_relief")
    await create_campaign(client)  # another unit

    async def ids(**params: str) -> set[str]:
        r = await client.get("/campaigns", params={"unit_id": unit, **params})
        assert r.status_code == 200, r.text
        return {i["id"] for i in r.json()["items"]}

    assert await ids() == {a["id"], b["id"]}
    assert await ids(state="launched") == {b["id"]}
    assert await ids(type="blood_drive") == {a["id"]}
    assert await ids(state="closed") == set()


async def test_list_finds_a_fragment_of_the_code_or_name_without_diacritics(
    client: httpx.AsyncClient, module_dsn: str
) -> None:
    unit = str(uuid.uuid4())
    await learn_units(module_dsn, "campaigns", [unit_created(uuid.UUID(unit))])
    tet = await create_campaign(client, organising_unit_id=unit, name="Tết Nhân ái Đầm Dơi", code="TNA-2026")
    flood = await create_campaign(client, organising_unit_id=unit, name="Hỗ trợ lũ 100% hộ", code="LU_2026")

    async def ids(q: str) -> set[str]:
        r = await client.get("/campaigns", params={"unit_id": unit, "q": q})
        assert r.status_code == 200, r.text
        return {i["id"] for i in r.json()["items"]}

    assert await ids("tet nhan ai") == {tet["id"]}
    assert await ids("  DAM   doi ") == {tet["id"]}  # đ is d, case and blanks ignored
    assert await ids("tna-20") == {tet["id"]}  # the code
    assert await ids("2026") == {tet["id"], flood["id"]}
    assert await ids("100%") == {flood["id"]}  # % and _ are themselves, not wildcards
    assert await ids("u_2") == {flood["id"]}
    assert await ids("0%") == {flood["id"]}
    assert await ids("1_0") == set()
    for bad in ("", "x" * 101, "---", "a\x01b"):
        r = await client.get("/campaigns", params={"q": bad})
        assert r.status_code == 422, (bad, r.text)
        problem = r.json()
        assert problem.get("field") == "q" or [e["field"] for e in problem["errors"]] == ["query.q"], problem


async def test_overdue_lists_launched_past_period_and_closed_past_distribution_deadline(
    client: httpx.AsyncClient, module_dsn: str
) -> None:
    unit = str(uuid.uuid4())
    await learn_units(module_dsn, "campaigns", [unit_created(uuid.UUID(unit))])
    open_late = await launched_campaign(client, organising_unit_id=unit, receiving_until="2025-02-28")
    closed = await launched_campaign(client, organising_unit_id=unit)
    with clock.frozen(date(2025, 3, 1)):
        r = await client.post(f"/campaigns/{closed['id']}/close", json={"closed_on": "2025-03-01"})
        assert r.status_code == 200, r.text
    settled = await launched_campaign(client, organising_unit_id=unit)
    for action, on in (("close", {"closed_on": "2025-02-01"}), ("settle", {"settled_on": "2025-02-05"})):
        with clock.frozen(date.fromisoformat(next(iter(on.values())))):
            assert (await client.post(f"/campaigns/{settled['id']}/{action}", json=on)).status_code == 200

    async def overdue(as_of: str) -> dict[str, dict[str, Any]]:
        r = await client.get("/campaigns/overdue", params={"as_of": as_of})
        assert r.status_code == 200, r.text
        return {i["id"]: i for i in r.json()["items"]}

    on_deadline = await overdue("2025-03-21")  # closed_on + 20: still in time
    assert open_late["id"] in on_deadline and closed["id"] not in on_deadline
    assert on_deadline[open_late["id"]]["reason"] == "receiving_period_ended"
    assert on_deadline[open_late["id"]]["days_overdue"] == 21
    late = await overdue("2025-03-22")
    assert late[closed["id"]]["reason"] == "distribution_deadline_passed"
    assert late[closed["id"]]["due_on"] == "2025-03-21"
    assert late[closed["id"]]["action_needed"] == "settle"
    assert settled["id"] not in late
    assert open_late["id"] not in await overdue("2025-02-28")


async def test_launch_is_published_by_the_relay_to_the_campaigns_topic(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    async with running(settings_for(infra, fresh_dsn, namespace)) as c:
        campaign = await launched_campaign(c)
        records = await read_topic(infra.kafka_bootstrap, namespace + "campaigns.campaigns", expect=1)
    assert len(records) == 1
    rec = records[0]
    headers = headers_dict(rec.headers)
    assert headers["ce_type"] == "campaigns.campaign.launched.v1"
    assert headers["ce_source"] == "/campaigns"
    assert rec.key == campaign["id"].encode()
    payload = json.loads(rec.value)
    assert payload["campaign_id"] == campaign["id"] and payload["code"] == campaign["code"]
    conn = await asyncpg.connect(fresh_dsn)
    try:
        row = await conn.fetchrow("SELECT event_id, published_at FROM outbox")
    finally:
        await conn.close()
    assert row["published_at"] is not None and str(row["event_id"]) == headers["ce_id"]


async def test_operational_dates_outside_their_windows_are_422_naming_the_field_and_range(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """The scenario clock stands on 2025-01-15; default windows: launch 90 back / 30 ahead, close from
    today to 30 ahead, settle 90 back / 0 ahead."""
    draft = await create_campaign(client)
    launched = await launched_campaign(client)
    closed = await launched_campaign(client)
    assert (await client.post(f"/campaigns/{closed['id']}/close", json={})).status_code == 200
    before = await snapshot(db)
    cases = [
        (draft, "launch", {"launched_on": "1900-01-01"}, "launched_on", "2024-10-17 to 2025-02-14"),
        (draft, "launch", {"launched_on": "2025-02-15"}, "launched_on", "2024-10-17 to 2025-02-14"),
        (launched, "close", {"closed_on": "2025-02-15"}, "closed_on", "2025-01-15 to 2025-02-14"),
        (launched, "close", {"closed_on": "2025-01-14"}, "closed_on", "is before today (2025-01-15)"),
        (closed, "settle", {"settled_on": "2100-12-31"}, "settled_on", "2024-10-17 to 2025-01-15"),
        (closed, "settle", {"settled_on": "2025-01-16"}, "settled_on", "2024-10-17 to 2025-01-15"),
    ]
    for campaign, action, body, field, says in cases:
        r = await client.post(f"/campaigns/{campaign['id']}/{action}", json=body)
        assert r.status_code == 422, (action, body, r.text)
        assert r.json()["field"] == field and says in r.json()["message"], r.text
    assert await snapshot(db) == before


async def test_the_windows_come_from_settings(infra: Any, fresh_dsn: str) -> None:
    settings = settings_for(infra, fresh_dsn, "unused.", launch_days_back=0, launch_days_ahead=0, settle_days_ahead=3)
    async with running(settings, relay=False, consumers=False) as c:
        draft = await create_campaign(c)
        r = await c.post(f"/campaigns/{draft['id']}/launch", json={"launched_on": "2025-01-14"})
        assert r.status_code == 422 and "2025-01-15 to 2025-01-15" in r.json()["message"], r.text
        assert (await c.post(f"/campaigns/{draft['id']}/launch", json={})).status_code == 200
        assert (await c.post(f"/campaigns/{draft['id']}/close", json={})).status_code == 200
        r = await c.post(f"/campaigns/{draft['id']}/settle", json={"settled_on": "2025-01-18"})
        assert r.status_code == 200 and r.json()["settled_on"] == "2025-01-18", r.text


async def test_the_organising_unit_must_be_in_the_tree_learnt_from_members_units(
    infra: Any, fresh_dsn: str, namespace: str, producer: AIOKafkaProducer
) -> None:
    """An organising unit the tree does not know (yet), or not valid during the receiving period, is a
    422 naming organising_unit_id that changes nothing; once its members.units event has arrived
    through Kafka, the same request creates the campaign. (Organisation-wide admin: access control off.)"""
    new, ended = uuid.uuid4(), uuid.uuid4()
    units = [
        unit_created(new),
        unit_created(ended),
        Envelope(UnitDissolved(unit_id=ended, valid_from=date(2024, 12, 1)), source="/members"),
    ]
    async with running(settings_for(infra, fresh_dsn, namespace)) as c:
        body = campaign_body(organising_unit_id=str(new))
        conn = await asyncpg.connect(fresh_dsn)
        try:
            before = await snapshot(conn)
            unknown = await c.post("/campaigns", json=body)
            assert unknown.status_code == 422, unknown.text
            assert unknown.json()["field"] == "organising_unit_id"
            assert f"unit {new} is not in the organisation tree" in unknown.json()["message"]
            assert await snapshot(conn) == before
            for env in units:
                await producer.send_and_wait(
                    namespace + env.topic, value=env.value(), key=env.key(), headers=env.headers()
                )

            async def learnt() -> bool:
                return (
                    int(await conn.fetchval("SELECT count(*) FROM scope_unit_versions WHERE valid_to IS NOT NULL")) == 1
                )

            await eventually(learnt, what="the units consumer to learn the units")
            created = await c.post("/campaigns", json=body)
            assert created.status_code == 201, created.text
            # dissolved on 2024-12-01: not in the tree during a 2025 receiving period (nor as the new organiser)
            gone = await c.post("/campaigns", json=campaign_body(organising_unit_id=str(ended)))
            assert gone.status_code == 422, gone.text
            assert gone.json()["field"] == "organising_unit_id"
            assert "between 2025-01-01 and 2025-03-31" in gone.json()["message"]
            moved = await c.patch(f"/campaigns/{created.json()['id']}", json={"organising_unit_id": str(ended)})
            assert moved.status_code == 422 and moved.json()["field"] == "organising_unit_id", moved.text
            # a 2024 period: the unit was in the tree then
            old = await c.post(
                "/campaigns",
                json=campaign_body(
                    organising_unit_id=str(ended), receiving_from="2024-10-03", receiving_until="2024-12-31"
                ),
            )
            assert old.status_code == 201, old.text
            late = await c.patch(f"/campaigns/{old.json()['id']}", json={"receiving_from": "2024-12-01"})
            assert late.status_code == 422 and late.json()["field"] == "organising_unit_id", late.text
        finally:
            await conn.close()
