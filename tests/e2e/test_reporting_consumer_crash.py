"""The reporting consumer as a real process on a real broker: SIGKILL in the middle of a stream of
10,000 member events, redelivery of processed events, and a poison event.

The projections are idempotent by construction, so unchanged figures after a redelivery would not
show that deduplication works. The process is therefore instrumented (tests/e2e/sabotage.py,
``count-applications``): every handler call also inserts a row into a table without a unique key,
so an event applied twice shows twice. The same test runs against a process whose deduplication
is disabled (``no-dedup``) and must then fail its exactly-once check."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from rc_reporting.service_layer.projection import CONSUMER_NAME, members_consumer
from rc_shared.envelope import Envelope, Event
from rc_shared.events.members import (
    PEOPLE_TOPIC,
    MembershipStarted,
    MembershipStatusChanged,
    MemberTransferred,
    RoleAssigned,
    UnitCreated,
)
from tests.e2e.harness import auth, service_env
from tests.e2e.offsets import read_to_end, wait_caught_up
from tests.e2e.sabotage import APPLICATIONS_TABLE, PatchedProcess
from tests.infra import create_database, new_namespace, service_migrations
from tests.integration.shared.helpers import eventually

AS_OF = "2023-12-31"
START = date(2023, 1, 1)


class Stream:
    """10,000 member events with the figures they must produce, computed independently."""

    def __init__(self, seed: int = 7) -> None:
        rnd = random.Random(seed)
        self.province = uuid.uuid4()
        self.districts = [uuid.uuid4() for _ in range(3)]
        self.communes = {d: [uuid.uuid4() for _ in range(5)] for d in self.districts}
        self.parent = {c: d for d, cs in self.communes.items() for c in cs}
        all_communes = [c for cs in self.communes.values() for c in cs]
        events: list[Event] = [
            UnitCreated(
                unit_id=self.province, valid_from=START, code="P", name="Tỉnh", level="province", parent_id=None
            )
        ]
        for i, d in enumerate(self.districts):
            events.append(
                UnitCreated(
                    unit_id=d,
                    valid_from=START,
                    code=f"D{i}",
                    name=f"Huyện {i}",
                    level="district",
                    parent_id=self.province,
                )
            )
            for j, c in enumerate(self.communes[d]):
                events.append(
                    UnitCreated(
                        unit_id=c, valid_from=START, code=f"D{i}C{j}", name=f"Xã {i}.{j}", level="commune", parent_id=d
                    )
                )
        self.unit_of: dict[uuid.UUID, uuid.UUID] = {}
        self.active: set[uuid.UUID] = set()
        people = [uuid.uuid4() for _ in range(6000)]
        memberships = {p: uuid.uuid4() for p in people}
        for i, p in enumerate(people):
            unit = rnd.choice(all_communes)
            self.unit_of[p] = unit
            self.active.add(p)
            events.append(
                MembershipStarted(
                    person_id=p, membership_id=memberships[p], unit_id=unit, joined_on=START + timedelta(days=i % 200)
                )
            )
        self.volunteer_units: Counter[uuid.UUID] = Counter()
        for p in people[:2000]:
            self.volunteer_units[self.unit_of[p]] += 1
            events.append(
                RoleAssigned(
                    person_id=p, role_id=uuid.uuid4(), role="volunteer", unit_id=self.unit_of[p], start_on=START
                )
            )
        self.lapsed = people[2000:2981]
        for p in self.lapsed:
            self.active.discard(p)
            events.append(
                MembershipStatusChanged(
                    person_id=p,
                    membership_id=memberships[p],
                    unit_id=self.unit_of[p],
                    status="lapsed",
                    effective_on=date(2023, 8, 1),
                )
            )
        for p in people[3000:4000]:
            to = rnd.choice([c for c in all_communes if c != self.unit_of[p]])
            events.append(
                MemberTransferred(
                    person_id=p,
                    membership_id=memberships[p],
                    from_unit_id=self.unit_of[p],
                    to_unit_id=to,
                    effective_on=date(2023, 9, 1),
                )
            )
            self.unit_of[p] = to
        assert len(events) == 10_000
        self.envelopes = [Envelope(data=e, source="/members") for e in events]

    def members_in_district(self, d: uuid.UUID) -> int:
        return sum(1 for p in self.active if self.parent[self.unit_of[p]] == d)


async def _publish(producer: AIOKafkaProducer, namespace: str, envs: list[Envelope], pause: float) -> None:
    for k in range(0, len(envs), 250):
        futures = [
            await producer.send(namespace + e.topic, value=e.value(), key=e.key(), headers=e.headers())
            for e in envs[k : k + 250]
        ]
        await asyncio.gather(*futures)
        await asyncio.sleep(pause)


async def _status(client: httpx.AsyncClient) -> dict[str, Any]:
    try:
        r = await client.get("/reports/status")
        return r.json() if r.status_code == 200 else {}
    except httpx.HTTPError:
        return {}


@pytest.fixture(params=["real", "no-dedup"])
def reporting(request: pytest.FixtureRequest, infra: Any, tmp_path: Path) -> Any:
    """The reporting process, instrumented; ``no-dedup``: with its deduplication disabled."""
    namespace = new_namespace("crash")
    dsn = create_database(infra.admin_dsn, "e2e_reporting", migrations=[service_migrations("reporting")])
    asyncio.run(_execute(dsn, APPLICATIONS_TABLE))
    env = service_env("reporting", dsn, infra.kafka_bootstrap, namespace)
    env["RC_CONSUMER_MAX_RECORDS"] = "300"
    patches = ("count-applications",) if request.param == "real" else ("count-applications", "no-dedup")
    proc = PatchedProcess(
        name="reporting", env=env, args=["--no-relay"], log_path=tmp_path / "reporting.log", patches=patches
    )
    proc.start()
    yield proc, namespace, dsn, request.param == "no-dedup"
    proc.stop()


async def test_sigkill_mid_stream_then_redelivery_and_poison_leave_exact_figures(infra: Any, reporting: Any) -> None:
    proc, namespace, dsn, sabotaged = reporting
    stream = Stream()
    producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        async with httpx.AsyncClient(base_url=proc.url, timeout=10, headers=auth()) as client:
            sending = asyncio.create_task(_publish(producer, namespace, stream.envelopes, pause=0.05))

            async def mid_stream() -> bool:
                return int((await _status(client)).get("events_processed", 0)) >= 1500

            await eventually(mid_stream, timeout=60, what="the consumer to be mid-stream")
            proc.kill()  # SIGKILL: no graceful shutdown, an uncommitted batch in flight
            killed_at = await _count(dsn)
            await sending
            assert 0 < killed_at < 10_000, f"the kill did not land mid-stream ({killed_at} processed)"
            proc.start()

            async def all_processed() -> bool:
                return int((await _status(client)).get("events_processed", 0)) >= 10_000

            await eventually(all_processed, timeout=120, what="all 10,000 events processed after restart")
            await _assert_figures(client, stream)
            assert await _count(dsn) == 10_000
            # the batch in flight at the kill was rolled back with its effects: nothing applied twice
            # (without deduplication a batch committed just before the kill may show twice already:
            # the sabotaged variant is judged on the redelivery below, which always repeats events)
            if not sabotaged:
                await _assert_each_applied_once(dsn, {e.id for e in stream.envelopes})

            # Redelivery: 2,000 already-processed events arrive again (an operator replay, a producer retry).
            await _publish(producer, namespace, stream.envelopes[:2000], pause=0)
            # Poison: not a valid event; then a valid new one on the same partition as the poison.
            victim = stream.envelopes[100]
            await producer.send_and_wait(
                namespace + PEOPLE_TOPIC, value=b'{"person_id": 42}', key=victim.key(), headers=victim.headers()
            )
            later = Envelope(
                data=RoleAssigned(
                    person_id=victim.data.person_id,  # type: ignore[attr-defined]
                    role_id=uuid.uuid4(),
                    role="collaborator",
                    unit_id=stream.unit_of[victim.data.person_id],  # type: ignore[attr-defined]
                    start_on=START,
                ),
                source="/members",
            )
            await producer.send_and_wait(
                namespace + PEOPLE_TOPIC, value=later.value(), key=later.key(), headers=later.headers()
            )

            async def later_applied() -> bool:
                r = await client.get("/reports/membership", params={"as_of": AS_OF})
                return r.status_code == 200 and r.json()["units"][0]["collaborators"] == 1

            await eventually(later_applied, timeout=60, what="the event after the poison one")
            # every record (the 2,000 copies too) consumed and committed: nothing more can arrive
            topics = [namespace + t for t in members_consumer.topics]
            total = await wait_caught_up(infra.kafka_bootstrap, namespace + CONSUMER_NAME, topics, timeout=120)
            assert total == 10_000 + 2_000 + 2
            dlq = await read_to_end(infra.kafka_bootstrap, namespace + PEOPLE_TOPIC + ".dlq")
            assert [r.value for r in dlq] == [b'{"person_id": 42}']
            await _assert_figures(client, stream)  # redelivered events changed no figure...
            assert await _count(dsn) == 10_001
            expected = {e.id for e in stream.envelopes} | {later.id}
            if sabotaged:  # ...which would hold without deduplication too: the applications show it
                with pytest.raises(AssertionError, match="applied more than once"):
                    await _assert_each_applied_once(dsn, expected)
                return
            await _assert_each_applied_once(dsn, expected)  # ...and no event was applied twice
    finally:
        await producer.stop()


async def _assert_each_applied_once(dsn: str, expected: set[uuid.UUID]) -> None:
    """Every expected event applied exactly once by the members projection (non-idempotent count)."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT event_id, count(*) AS n FROM e2e_applications WHERE consumer = $1 GROUP BY event_id",
            CONSUMER_NAME,
        )
    finally:
        await conn.close()
    twice = {r["event_id"]: r["n"] for r in rows if r["n"] > 1}
    assert not twice, f"{len(twice)} event(s) applied more than once, e.g. {list(twice.items())[:3]}"
    assert {r["event_id"] for r in rows} == expected


async def _execute(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _assert_figures(client: httpx.AsyncClient, stream: Stream) -> None:
    r = await client.get("/reports/membership", params={"as_of": AS_OF, "period_from": "2023-01-01"})
    assert r.status_code == 200, r.text
    root = r.json()["units"][0]
    assert root["unit_id"] == str(stream.province)
    assert root["members"] == len(stream.active) == 6000 - 981
    assert root["volunteers"] == 2000
    assert root["members_joined"] == 6000
    assert root["members_lapsed"] == 981
    assert root["units_by_level"] == {"province": 1, "district": 3, "commune": 15}
    by_child = {c["unit_id"]: c for c in root["children"]}
    for d in stream.districts:
        assert by_child[str(d)]["members"] == stream.members_in_district(d)


async def _count(dsn: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM processed_events WHERE consumer = 'reporting.members'"))
    finally:
        await conn.close()
