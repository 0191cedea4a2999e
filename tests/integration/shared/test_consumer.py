"""Idempotent consumption, dead-lettering and offset commits against a real broker and database."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer

from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope, headers_dict
from rc_shared.events.members import UNITS_TOPIC, UnitRenamed
from rc_shared.runtime import Runtime
from rc_shared.settings import ServiceSettings
from tests.integration.shared.helpers import committed_offsets, eventually, read_topic

sink = Consumer("sink")
flaky_failures: dict[str, Any] = {"left": 0, "error": ConnectionError("database went away")}
boom = {"fixed": False}


@sink.on(UnitRenamed)
async def _apply(conn: asyncpg.Connection, env: Envelope[UnitRenamed]) -> None:
    if env.data.name == "boom" and not boom["fixed"]:
        raise ValueError("handler refuses 'boom'")
    if env.data.name == "flaky" and flaky_failures["left"] > 0:
        flaky_failures["left"] -= 1
        raise flaky_failures["error"]
    await conn.execute(
        "INSERT INTO sink (event_id, unit_id, name) VALUES ($1, $2, $3)", env.id, env.data.unit_id, env.data.name
    )


@pytest.fixture
def migrations(tmp_path: Path) -> Path:
    (tmp_path / "0001_sink.sql").write_text(
        "CREATE TABLE sink (event_id uuid, unit_id uuid, name text, at timestamptz DEFAULT clock_timestamp());"
    )
    return tmp_path


@pytest.fixture
async def producer(infra: Any) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


def _runtime(infra: Any, dsn: str, namespace: str, migrations: Path) -> Runtime:
    settings = ServiceSettings(
        service_name="sink-test",
        database_url=dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        kafka_namespace=namespace,
        consumer_session_timeout_ms=6000,
        consumer_heartbeat_interval_ms=500,
        consumer_retry_backoff_s=0.2,
        consumer_max_retries=2,
        log_json=True,
    )
    return Runtime(settings, migrations, consumers=[sink], run_api=False, run_relay=False)


async def _send(producer: AIOKafkaProducer, topic: str, env: Envelope) -> None:
    await producer.send_and_wait(topic, value=env.value(), key=env.key(), headers=env.headers())


def _renamed(unit: uuid.UUID, name: str) -> Envelope:
    return Envelope(data=UnitRenamed(unit_id=unit, valid_from=date(2024, 1, 1), name=name), source="/test")


async def _count(dsn: str, sql: str = "SELECT count(*) FROM sink") -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(await conn.fetchval(sql))
    finally:
        await conn.close()


async def test_redelivered_events_are_ignored(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()
    events = [_renamed(unit, f"n{i}") for i in range(20)]
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:
        for e in events:
            await _send(producer, topic, e)
        for e in events[:5]:  # an at-least-once producer sent these twice
            await _send(producer, topic, e)

        async def done() -> bool:
            return await _count(fresh_dsn, "SELECT count(*) FROM processed_events") == 20

        await eventually(done, what="20 distinct events processed")
    finally:
        await rt.stop()
    # the same events delivered again later (e.g. replayed by an operator) change nothing
    for e in events:
        await _send(producer, topic, e)
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:

        async def consumed_all() -> bool:
            offs = await committed_offsets(infra.kafka_bootstrap, namespace + "sink", topic)
            return sum(o or 0 for o in offs.values()) == 45

        await eventually(consumed_all, what="offsets past the redelivered events")
    finally:
        await rt.stop()
    assert await _count(fresh_dsn) == 20
    assert await _count(fresh_dsn, "SELECT count(DISTINCT event_id) FROM sink") == 20


async def test_poison_events_go_to_the_dlq_and_the_partition_moves_on(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()  # one key: one partition, so a blocked partition would block e3
    e1, boomed, e3 = _renamed(unit, "first"), _renamed(unit, "boom"), _renamed(unit, "third")
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:
        await _send(producer, topic, e1)
        await producer.send_and_wait(topic, value=b"{not json", key=str(unit).encode(), headers=e1.headers()[:1])
        await _send(producer, topic, boomed)
        await _send(producer, topic, e3)

        async def third_applied() -> bool:
            return await _count(fresh_dsn, "SELECT count(*) FROM sink WHERE name = 'third'") == 1

        await eventually(third_applied, what="the event after the poison ones")
    finally:
        await rt.stop()
    names = [r["name"] for r in await _rows(fresh_dsn, "SELECT name FROM sink ORDER BY at")]
    assert names == ["first", "third"]
    dlq = await read_topic(infra.kafka_bootstrap, topic + ".dlq", expect=2)
    assert len(dlq) == 2
    errors = sorted(headers_dict(r.headers)["dlq-error-type"] for r in dlq)
    assert errors == ["EnvelopeError", "ValueError"]
    for r in dlq:
        h = headers_dict(r.headers)
        assert h["dlq-original-topic"] == topic
        assert h["dlq-consumer"] == "sink"
        assert h["dlq-error"]
    assert {r.value for r in dlq} == {b"{not json", boomed.value()}
    offs = await committed_offsets(infra.kafka_bootstrap, namespace + "sink", topic)
    assert sum(o or 0 for o in offs.values()) == 4
    assert await _count(fresh_dsn, "SELECT count(*) FROM processed_events WHERE outcome = 'dead_lettered'") == 1


@pytest.mark.parametrize(
    "error",
    [
        ConnectionError("database went away"),
        asyncpg.DeadlockDetectedError("deadlock detected"),
        asyncpg.DiskFullError("could not extend file: No space left on device"),
    ],
    ids=["connection", "deadlock", "disk-full"],
)
async def test_an_infrastructure_error_rewinds_the_batch_and_nothing_is_lost_or_doubled(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer, error: Exception
) -> None:
    """A failure of the database or the network, not of the event (``consumer_max_retries`` is 2, the
    event fails three times, once more than a bad event is retried before it is dead-lettered): the
    batch is tried again later, never dead-lettered."""
    topic = namespace + UNITS_TOPIC
    flaky_failures["left"] = 3
    flaky_failures["error"] = error
    units = [uuid.uuid4() for _ in range(3)]
    events = [_renamed(u, f"e{i}") for i in range(10) for u in units]
    events.insert(7, _renamed(units[0], "flaky"))
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:
        for e in events:
            await _send(producer, topic, e)

        async def all_applied() -> bool:
            return await _count(fresh_dsn) == len(events)

        await eventually(all_applied, what="every event applied after the transient failures")
    finally:
        await rt.stop()
    assert flaky_failures["left"] == 0
    assert await _count(fresh_dsn, "SELECT count(DISTINCT event_id) FROM sink") == len(events)
    dlq = await read_topic(infra.kafka_bootstrap, topic + ".dlq", expect=0, timeout=1)
    assert dlq == []


async def _rows(dsn: str, sql: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


async def test_lag_and_dlq_gauges_measure_the_real_group(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    from prometheus_client import REGISTRY

    from rc_shared.lag import KafkaGauges

    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:
        await _send(producer, topic, _renamed(unit, "a"))
        await _send(producer, topic, _renamed(unit, "boom"))

        async def done() -> bool:
            return await _count(fresh_dsn, "SELECT count(*) FROM processed_events") == 2

        await eventually(done, what="two events processed")
    finally:
        await rt.stop()
    for i in range(5):  # nobody consumes these: lag 5
        await _send(producer, topic, _renamed(unit, f"later{i}"))
    gauges = KafkaGauges(rt.settings, {"sink": [UNITS_TOPIC]})
    totals = await gauges.measure()
    assert totals == {namespace + "sink": 5}
    assert REGISTRY.get_sample_value("rc_dlq_messages", {"service": "sink-test", "topic": topic + ".dlq"}) == 1


async def test_dlq_replay_after_the_fix_applies_the_event_once(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    """Runbook: a handler bug sends events to the DLQ; after the fix, a replay applies them."""
    from rc_shared import dlq

    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()
    flaky_failures["left"] = 0
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:
        bad = _renamed(unit, "boom")
        await _send(producer, topic, bad)
        await _send(producer, topic, _renamed(unit, "fine"))

        async def fine() -> bool:
            return await _count(fresh_dsn, "SELECT count(*) FROM sink WHERE name = 'fine'") == 1

        await eventually(fine, what="the event after the failing one")
        shown = await dlq.show(rt.settings, UNITS_TOPIC)
        assert [(d.event_id, d.error_type) for d in shown] == [(str(bad.id), "ValueError")]
        boom["fixed"] = True  # the bug fix is deployed
        assert await dlq.replay(rt.settings, UNITS_TOPIC) == 1
        assert await dlq.replay(rt.settings, UNITS_TOPIC) == 0, "a second replay must not republish"

        async def replayed() -> bool:
            return await _count(fresh_dsn, "SELECT count(*) FROM sink WHERE name = 'boom'") == 1

        await eventually(replayed, what="the replayed event applied")
    finally:
        boom["fixed"] = False
        await rt.stop()


bulk = Consumer("bulk")


@bulk.on_many(UnitRenamed)
async def _apply_many(conn: asyncpg.Connection, envs: list[Envelope[UnitRenamed]]) -> None:
    """A set-based handler: a run of events in one statement; any 'boom' in the run fails it."""
    if any(e.data.name == "boom" for e in envs):
        raise ValueError("handler refuses 'boom'")
    await conn.executemany(
        "INSERT INTO sink (event_id, unit_id, name) VALUES ($1, $2, $3)",
        [(e.id, e.data.unit_id, e.data.name) for e in envs],
    )


def _bulk_runtime(infra: Any, dsn: str, namespace: str, migrations: Path) -> Runtime:
    rt = _runtime(infra, dsn, namespace, migrations)
    rt.consumers = [bulk]
    return rt


async def test_a_poison_event_in_the_middle_of_a_batch_is_dead_lettered_and_the_others_applied_once(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    """The batch's one-statement path fails on the poison event: the batch is rolled back and applied
    event by event, so the events around it are applied exactly once and it alone goes to the DLQ."""
    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()  # one key, one partition: the events arrive as one batch, in order
    events = [_renamed(unit, f"e{i}") for i in range(20)]
    poison = _renamed(unit, "boom")
    events.insert(10, poison)
    for e in events:  # all in the topic before the consumer starts
        await _send(producer, topic, e)
    rt = _bulk_runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:

        async def consumed_all() -> bool:
            offs = await committed_offsets(infra.kafka_bootstrap, namespace + "bulk", topic)
            return sum(o or 0 for o in offs.values()) == len(events)

        await eventually(consumed_all, what="offsets past every event of the batch")
    finally:
        await rt.stop()
    rows = await _rows(fresh_dsn, "SELECT event_id, name FROM sink ORDER BY at")
    assert [r["name"] for r in rows] == [f"e{i}" for i in range(20)]
    assert sorted(r["event_id"] for r in rows) == sorted(e.id for e in events if e is not poison)
    dlq = await read_topic(infra.kafka_bootstrap, topic + ".dlq", expect=1)
    assert [r.value for r in dlq] == [poison.value()]
    outcomes = await _rows(fresh_dsn, "SELECT outcome, count(*) AS n FROM processed_events GROUP BY outcome")
    assert {r["outcome"]: r["n"] for r in outcomes} == {"applied": 20, "dead_lettered": 1}


async def test_a_batch_committed_to_the_database_whose_offsets_were_not_committed_is_not_counted_twice(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    """A process killed between the batch's database commit and its offset commit: the next one gets
    the same records again and applies none of them a second time."""
    from rc_shared.consumer import BatchProcessor
    from rc_shared.db import migrate

    topic = namespace + UNITS_TOPIC
    units = [uuid.uuid4() for _ in range(3)]
    events = [_renamed(u, f"e{i}") for i in range(10) for u in units]
    for e in events:
        await _send(producer, topic, e)
    records = await read_topic(infra.kafka_bootstrap, topic, expect=len(events))
    await migrate(fresh_dsn, [migrations])
    pool = await asyncpg.create_pool(fresh_dsn, min_size=1, max_size=2)
    try:  # the batch applied and committed in the database; then the process dies: no offset commit
        res = await BatchProcessor(bulk, pool, producer, "sink-test").process(records)
        assert res.applied == len(events)
    finally:
        await pool.close()
    offsets = await committed_offsets(infra.kafka_bootstrap, namespace + "bulk", topic)
    assert offsets and all(o is None for o in offsets.values())
    rt = _bulk_runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:

        async def consumed_all() -> bool:
            offs = await committed_offsets(infra.kafka_bootstrap, namespace + "bulk", topic)
            return sum(o or 0 for o in offs.values()) == len(events)

        await eventually(consumed_all, what="the redelivered batch consumed")
    finally:
        await rt.stop()
    assert await _count(fresh_dsn) == len(events)
    assert await _count(fresh_dsn, "SELECT count(DISTINCT event_id) FROM sink") == len(events)


async def test_a_batch_of_new_events_and_events_applied_before_applies_only_the_new_ones(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    """A relay resending after a crash: events already applied come back in new records, in one batch
    with new events. The new ones are applied once, the others counted as duplicates (the batch's plain
    claim fails on them and the batch is claimed again, skipping them)."""
    from rc_shared.consumer import BatchProcessor
    from rc_shared.db import migrate

    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()
    first = [_renamed(unit, f"a{i}") for i in range(10)]
    later = [_renamed(unit, f"b{i}") for i in range(10)]
    mixed = [*later[:5], *first[3:8], *later[5:]]  # the resent five among the new ones
    for e in [*first, *mixed]:
        await _send(producer, topic, e)
    records = await read_topic(infra.kafka_bootstrap, topic, expect=len(first) + len(mixed))
    await migrate(fresh_dsn, [migrations])
    pool = await asyncpg.create_pool(fresh_dsn, min_size=1, max_size=2)
    try:
        processor = BatchProcessor(bulk, pool, producer, "sink-test")
        res = await processor.process(records[: len(first)])
        assert (res.applied, res.duplicates) == (10, 0)
        res = await processor.process(records[len(first) :])
        assert (res.applied, res.duplicates, res.dead_lettered) == (10, 5, 0)
        res = await processor.process(records[len(first) :])  # all of them again
        assert (res.applied, res.duplicates) == (0, 15)
    finally:
        await pool.close()
    assert await _count(fresh_dsn) == 20
    assert await _count(fresh_dsn, "SELECT count(DISTINCT event_id) FROM sink") == 20
    assert await _count(fresh_dsn, "SELECT count(*) FROM processed_events WHERE consumer = 'bulk'") == 20


async def test_the_headers_the_parser_decoded_are_the_ones_applied_and_must_match_the_records(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    """The subscriber hands the processor each record's headers as FastStream's parser decoded them:
    the envelopes are read from those (not decoded from the records a second time)."""
    import dataclasses

    from rc_shared.consumer import BatchProcessor
    from rc_shared.db import migrate

    topic = namespace + UNITS_TOPIC
    events = [_renamed(uuid.uuid4(), f"h{i}") for i in range(5)]
    for e in events:
        await _send(producer, topic, e)
    records = await read_topic(infra.kafka_bootstrap, topic, expect=len(events))
    texts = [headers_dict(r.headers) for r in records]
    bare = [dataclasses.replace(r, headers=()) for r in records]  # only the decoded headers say what they are
    await migrate(fresh_dsn, [migrations])
    pool = await asyncpg.create_pool(fresh_dsn, min_size=1, max_size=2)
    try:
        processor = BatchProcessor(bulk, pool, producer, "sink-test")
        with pytest.raises(ValueError, match="4 records' headers for 5 records"):
            await processor.process(bare, texts[:-1])
        res = await processor.process(bare, texts)
        assert (res.applied, res.dead_lettered) == (len(events), 0)
    finally:
        await pool.close()
    rows = await _rows(fresh_dsn, "SELECT event_id FROM sink")
    assert sorted(r["event_id"] for r in rows) == sorted(e.id for e in events)


async def test_a_record_with_headers_that_are_not_utf8_is_dead_lettered_and_its_batch_applied(
    infra: Any, fresh_dsn: str, namespace: str, migrations: Path, producer: AIOKafkaProducer
) -> None:
    """FastStream's parser decodes every header of a batch as UTF-8: one record with a header value that
    is not (an outside producer's binary trace header, a null value) raised before the batch reached the
    processor, and the batch vanished (the next batch's acknowledgement committed past it, nothing
    dead-lettered). Now an event with an unreadable extra header, or a null one, is applied like any
    other, and an event whose type header is unreadable is dead-lettered; the partition moves on."""
    topic = namespace + UNITS_TOPIC
    unit = uuid.uuid4()  # one key, one partition: one batch, in order
    good = [_renamed(unit, f"g{i}") for i in range(10)]
    binary, nulled, bad_type = _renamed(unit, "binary"), _renamed(unit, "nulled"), _renamed(unit, "bad type")
    for e in good[:5]:
        await _send(producer, topic, e)
    await producer.send_and_wait(
        topic, value=binary.value(), key=binary.key(), headers=[*binary.headers(), ("x-trace", b"\xff\xfe\x00")]
    )
    with_null: list[Any] = [*nulled.headers(), ("x-none", None)]  # Kafka allows a header without a value
    await producer.send_and_wait(topic, value=nulled.value(), key=nulled.key(), headers=with_null)
    typed = [(k, b"\xffUnitRenamed" if k == "ce_type" else v) for k, v in bad_type.headers()]
    await producer.send_and_wait(topic, value=bad_type.value(), key=bad_type.key(), headers=typed)
    for e in good[5:]:
        await _send(producer, topic, e)
    rt = _runtime(infra, fresh_dsn, namespace, migrations)
    await rt.start()
    try:

        async def consumed_all() -> bool:
            offs = await committed_offsets(infra.kafka_bootstrap, namespace + "sink", topic)
            return sum(o or 0 for o in offs.values()) == 13

        await eventually(consumed_all, what="offsets past every record")
    finally:
        await rt.stop()
    names = [r["name"] for r in await _rows(fresh_dsn, "SELECT name FROM sink ORDER BY at")]
    assert names == [*(f"g{i}" for i in range(5)), "binary", "nulled", *(f"g{i}" for i in range(5, 10))]
    dlq = await read_topic(infra.kafka_bootstrap, topic + ".dlq", expect=1)
    assert [r.value for r in dlq] == [bad_type.value()]
    assert headers_dict(dlq[0].headers)["dlq-error-type"] == "EnvelopeError"
    assert headers_dict(dlq[0].headers)["ce_type"] == "\ufffdUnitRenamed"
