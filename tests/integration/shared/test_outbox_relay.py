"""Transactional outbox and relay against real PostgreSQL and Kafka."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import asyncpg

from rc_shared.db import BACKBONE_MIGRATIONS, create_pool, migrate
from rc_shared.envelope import Envelope, headers_dict
from rc_shared.events.members import UNITS_TOPIC, UnitRenamed
from rc_shared.kafka import ensure_topics, key_partitioner, make_producer, started_producer
from rc_shared.outbox import OutboxRelay, RelayStalled, UnitOfWork, republish_since, write_events
from rc_shared.settings import ServiceSettings
from tests.integration.shared.helpers import eventually, read_topic


def _settings(infra: Any, dsn: str, namespace: str) -> ServiceSettings:
    return ServiceSettings(
        service_name="outbox-test",
        database_url=dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        kafka_namespace=namespace,
    )


@contextlib.asynccontextmanager
async def _relay_on(
    infra: Any, dsn: str, namespace: str, **relay: Any
) -> AsyncIterator[tuple[asyncpg.Pool, OutboxRelay, asyncpg.Connection]]:
    """A migrated database with its topic, a pool to write through, a relay (``relay``: its options)
    and the connection it publishes on; all closed after."""
    s = _settings(infra, dsn, namespace)
    await migrate(dsn, [])
    await ensure_topics(s, [namespace + UNITS_TOPIC])
    pool = await create_pool(dsn)
    producer = make_producer(s)
    await producer.start()
    conn = await asyncpg.connect(dsn)
    try:
        yield pool, OutboxRelay(dsn, producer, "outbox-test", namespace=namespace, **relay), conn
    finally:
        await conn.close()
        await producer.stop()
        await pool.close()


async def _write(pool: asyncpg.Pool, units: list[uuid.UUID], per_unit: int) -> None:
    for i in range(per_unit):
        async with UnitOfWork(pool, "/outbox-test") as uow:
            for u in units:
                uow.emit(UnitRenamed(unit_id=u, valid_from=date(2024, 1, 1), name=f"name-{i}"))
            await uow.commit()


async def test_relay_publishes_every_event_once_in_order_per_aggregate(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    s = _settings(infra, fresh_dsn, namespace)
    await migrate(fresh_dsn, [])
    await ensure_topics(s, [namespace + UNITS_TOPIC])
    pool = await create_pool(fresh_dsn)
    producer = make_producer(s)
    await producer.start()
    relay = OutboxRelay(fresh_dsn, producer, "outbox-test", batch_size=100, poll_interval_s=0.2, namespace=namespace)
    task = asyncio.create_task(relay.run())
    try:
        units = [uuid.uuid4() for _ in range(5)]
        await _write(pool, units, per_unit=60)  # 300 events, 60 transactions

        async def drained() -> bool:
            return await pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0

        await eventually(drained, what="outbox drained")
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=300)
        assert len(records) == 300
        ids = [headers_dict(r.headers)["ce_id"] for r in records]
        assert len(set(ids)) == 300
        by_key: dict[str, list[str]] = {}
        for r in records:
            assert r.key.decode() == headers_dict(r.headers)["ce_subject"]
            by_key.setdefault(r.key.decode(), []).append(r.value.decode())
        assert set(by_key) == {str(u) for u in units}
        for values in by_key.values():
            names = [v.split('"name":"')[1].split('"')[0] for v in values]
            assert names == [f"name-{i}" for i in range(60)], "per-aggregate order lost"
        partitions = list(range(s.kafka_topic_partitions))
        assert {r.partition for r in records} == {key_partitioner(r.key, partitions, partitions) for r in records}
        assert all(r.partition == key_partitioner(r.key, partitions, partitions) for r in records)
    finally:
        relay.stop()
        await task
        await producer.stop()
        await pool.close()


async def test_a_relay_batch_larger_than_a_producer_batch_goes_whole_and_in_order(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    """1,200 events of ~1 kB for two aggregates in one relay batch: several producer batches (256 kB)
    per partition, sent one after the other; every event once, each aggregate's in order."""
    units = [uuid.uuid4(), uuid.uuid4()]
    async with _relay_on(infra, fresh_dsn, namespace, batch_size=5000) as (pool, relay, conn):
        async with UnitOfWork(pool, "/outbox-test") as uow:
            uow.emit(*(UnitRenamed(unit_id=u, valid_from=date(2024, 1, 1), name=f"{i:04d}" + "x" * 1000)
                       for i in range(600) for u in units))  # fmt: skip
            await uow.commit()
        assert await relay.publish_batch(conn) == 1200
        assert await relay.publish_batch(conn) == 0
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=1200)
        by_key: dict[str, list[str]] = {}
        for r in records:
            by_key.setdefault(r.key.decode(), []).append(r.value.decode().split('"name":"')[1][:4])
        assert by_key == {str(u): [f"{i:04d}" for i in range(600)] for u in units}


async def test_a_relay_batch_works_out_each_keys_partition_once(
    infra: Any, fresh_dsn: str, namespace: str, monkeypatch: Any
) -> None:
    """A batch's rows share a few keys (a bulk import: one campaign's): each (topic, key)'s partition is
    worked out once per batch, and every record still goes to the partition the producer's own
    partitioner gives its key, each aggregate's in order."""
    from rc_shared import outbox

    units = [uuid.uuid4(), uuid.uuid4(), uuid.uuid4()]
    asked: list[bytes] = []

    def partition(key: bytes | None, every: list[int], available: list[int]) -> int:
        assert key is not None
        asked.append(key)
        return key_partitioner(key, every, available)

    monkeypatch.setattr(outbox, "key_partitioner", partition)
    async with _relay_on(infra, fresh_dsn, namespace, batch_size=5000) as (pool, relay, conn):
        await _write(pool, units, per_unit=40)
        assert await relay.publish_batch(conn) == 120
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=120)
        every = sorted(await relay.producer.partitions_for(namespace + UNITS_TOPIC))
    assert sorted(asked) == sorted(str(u).encode() for u in units)
    by_key: dict[bytes, list[str]] = {}
    for r in records:
        assert r.partition == key_partitioner(r.key, every, every)
        by_key.setdefault(r.key, []).append(r.value.decode().split('"name":"')[1].split('"')[0])
    assert by_key == {str(u).encode(): [f"name-{i}" for i in range(40)] for u in units}


async def test_rolled_back_unit_of_work_writes_and_publishes_nothing(infra: Any, fresh_dsn: str) -> None:
    await migrate(fresh_dsn, [])
    pool = await create_pool(fresh_dsn)
    try:
        async with pool.acquire() as conn:
            await conn.execute("CREATE TABLE thing (id int)")
        async with UnitOfWork(pool, "/t") as uow:
            await uow.conn.execute("INSERT INTO thing VALUES (1)")
            uow.emit(UnitRenamed(unit_id=uuid.uuid4(), valid_from=date(2024, 1, 1), name="x"))
            # no commit: an error in a use case leaves the block like this
        assert await pool.fetchval("SELECT count(*) FROM thing") == 0
        assert await pool.fetchval("SELECT count(*) FROM outbox") == 0
    finally:
        await pool.close()


async def test_only_one_relay_replica_is_active_and_a_standby_takes_over(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    s = _settings(infra, fresh_dsn, namespace)
    await migrate(fresh_dsn, [])
    await ensure_topics(s, [namespace + UNITS_TOPIC])
    pool = await create_pool(fresh_dsn)
    producer = make_producer(s)
    await producer.start()
    relays = [
        OutboxRelay(fresh_dsn, producer, "outbox-test", poll_interval_s=0.2, namespace=namespace) for _ in range(2)
    ]
    tasks = [asyncio.create_task(r.run()) for r in relays]
    try:

        async def one_active() -> bool:
            return sum(r.active for r in relays) == 1

        await eventually(one_active, what="one active relay")
        await asyncio.sleep(1.0)
        assert sum(r.active for r in relays) == 1, "two relays active at once"
        active = next(i for i, r in enumerate(relays) if r.active)
        relays[active].stop()
        await tasks[active]
        standby = relays[1 - active]

        async def took_over() -> bool:
            return standby.active

        await eventually(took_over, what="standby relay taking over")
        unit = uuid.uuid4()
        await _write(pool, [unit], per_unit=10)

        async def drained() -> bool:
            return await pool.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0

        await eventually(drained, what="standby publishing")
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=10)
        assert len(records) == 10
    finally:
        for r in relays:
            r.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        await producer.stop()
        await pool.close()


async def test_a_commit_with_events_notifies_the_relay_and_one_without_does_not(fresh_dsn: str) -> None:
    await migrate(fresh_dsn, [])
    pool = await create_pool(fresh_dsn)
    listener = await asyncpg.connect(fresh_dsn)
    heard: asyncio.Queue[str] = asyncio.Queue()
    await listener.add_listener("outbox", lambda *args: heard.put_nowait(args[2]))
    try:
        async with UnitOfWork(pool, "/outbox-test") as uow:
            await uow.commit()  # nothing emitted: no row, no notification
        await _write(pool, [uuid.uuid4(), uuid.uuid4()], per_unit=1)
        assert await asyncio.wait_for(heard.get(), 30) == "outbox"
        await listener.execute("SELECT 1")  # notifications arrive before the answer to a later query
        assert heard.empty()  # one notification for the transaction's two rows
        assert await pool.fetchval("SELECT count(*) FROM outbox") == 2
    finally:
        await listener.close()
        await pool.close()


async def test_a_published_batch_leaves_the_queue_is_kept_and_a_republish_sends_it_again(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    """Publishing moves the rows from ``outbox_queue`` to ``outbox_published`` (the ``outbox`` view
    shows them published); ``republish_since`` puts them back with their ids and the relay sends
    the same events again; rows published before ``since`` stay where they are."""
    async with _relay_on(infra, fresh_dsn, namespace) as (pool, relay, conn):
        await _write(pool, [uuid.uuid4()], per_unit=2)
        assert await relay.publish_batch(conn) == 2
        between = await conn.fetchval("SELECT clock_timestamp()")
        await _write(pool, [uuid.uuid4()], per_unit=3)
        assert await relay.publish_batch(conn) == 3
        assert await relay.publish_batch(conn) == 0
        assert await conn.fetchval("SELECT count(*) FROM outbox_queue") == 0
        published = await conn.fetch("SELECT id, event_id, published_at FROM outbox ORDER BY id")
        assert len(published) == 5 and all(r["published_at"] is not None for r in published)
        assert await conn.fetchval("SELECT count(*) FROM outbox_published") == 5

        result = await republish_since(conn, between, retention_h=24)
        assert result.rows == 3 and result.complete
        queued = await conn.fetch("SELECT id, event_id FROM outbox_queue ORDER BY id")
        assert [tuple(r) for r in queued] == [(r["id"], r["event_id"]) for r in published[2:]]
        assert await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 3
        assert await relay.publish_batch(conn) == 3
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=8)
        ids = [headers_dict(r.headers)["ce_id"] for r in records]
        assert sorted(ids) == sorted([str(r["event_id"]) for r in published] + [str(r["event_id"]) for r in queued])
        assert await conn.fetchval("SELECT count(*) FROM outbox_published") == 5
        # the headers go out as the envelope writes them, in its order (stored as that text, not as jsonb)
        written = Envelope(
            data=UnitRenamed(unit_id=uuid.uuid4(), valid_from=date(2024, 1, 1), name="x"),
            source="/outbox-test",
            traceparent="00-" + "1" * 32 + "-" + "2" * 16 + "-01",
            correlation_id="c",
        ).header_map()
        for r in records:
            keys = [k for k, _ in r.headers]
            assert keys == [k for k in written if k in keys] and {"ce_id", "ce_time", "ce_subject"} <= set(keys)


async def test_republishing_every_row_kept_takes_rows_older_than_the_window_too(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    """After a recovery longer than the retention window (the relays stopped: nothing deleted), the rows kept
    are older than ``now - retention``: a republish within the window takes none of them, one of every row
    kept (``retention_h=None``, ``outbox republish --all-kept``) takes them all."""
    async with _relay_on(infra, fresh_dsn, namespace) as (pool, relay, conn):
        await _write(pool, [uuid.uuid4()], per_unit=3)
        assert await relay.publish_batch(conn) == 3
        await conn.execute("UPDATE outbox_published SET published_at = published_at - interval '48 hours'")
        ever = datetime(2000, 1, 1, tzinfo=UTC)
        within = await republish_since(conn, ever, retention_h=24)
        assert within.rows == 0 and not within.complete
        kept = await republish_since(conn, ever, retention_h=None)
        assert kept.rows == 3 and await conn.fetchval("SELECT count(*) FROM outbox_queue") == 3


async def test_a_transaction_that_commits_after_a_later_one_is_still_published(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    """Ids are drawn at insert, so a transaction can commit after one with higher ids was published:
    its rows are still in the queue for the next batch; every event goes out once."""
    async with _relay_on(infra, fresh_dsn, namespace) as (pool, relay, conn):
        async with UnitOfWork(pool, "/outbox-test") as slow:
            slow.emit(UnitRenamed(unit_id=uuid.uuid4(), valid_from=date(2024, 1, 1), name="slow"))
            await write_events(slow.conn, slow.events)  # its row has the lower id, not yet committed
            slow.events = []
            await _write(pool, [uuid.uuid4()], per_unit=2)
            assert await relay.publish_batch(conn) == 2
            await slow.commit()
        assert await relay.publish_batch(conn) == 1
        assert await relay.publish_batch(conn) == 0
        ids = await conn.fetch("SELECT id FROM outbox_published ORDER BY published_at, id")
        assert [r["id"] for r in ids] == [2, 3, 1]
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=3)
        assert sorted(r.value.decode().split('"name":"')[1].split('"')[0] for r in records) == [
            "name-0",
            "name-1",
            "slow",
        ]


async def test_the_queue_migration_keeps_published_rows_for_republishing_and_queues_the_rest(
    fresh_dsn: str,
) -> None:
    """An outbox of the first schema (one table, ``published_at`` marked in place) after migration
    0003: its published rows are kept in ``outbox_published``, the others wait in the queue, and an
    ``INSERT INTO outbox`` (SQL functions of the services write so) still queues a row."""
    conn = await asyncpg.connect(fresh_dsn)
    try:
        for f in sorted(BACKBONE_MIGRATIONS.glob("*.sql"))[:2]:
            await conn.execute(f.read_text())
        insert = (
            "INSERT INTO outbox (event_id, topic, key, event_type, headers, payload, published_at)"
            " VALUES (gen_random_uuid(), 't', 'k', 'e', '{}', $1, $2)"
        )
        await conn.execute(insert, "sent", datetime.now(UTC))
        await conn.execute(insert, "waiting", None)
        await conn.execute((BACKBONE_MIGRATIONS / "0003_outbox_queue.sql").read_text())
        assert await conn.fetchval("SELECT payload FROM outbox_published") == "sent"
        assert [r["payload"] for r in await conn.fetch("SELECT payload FROM outbox_queue")] == ["waiting"]
        new_id = await conn.fetchval(
            "INSERT INTO outbox (event_id, topic, key, event_type, headers, payload)"
            " VALUES (gen_random_uuid(), 't', 'k', 'e', '{}', 'new') RETURNING id"
        )
        assert new_id == 3
        assert [tuple(r) for r in await conn.fetch("SELECT id, payload FROM outbox_queue ORDER BY id")] == [
            (2, "waiting"),
            (3, "new"),
        ]
        assert await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 2
    finally:
        await conn.close()


async def test_the_previous_relays_statements_on_the_outbox_view_still_do_what_they_meant(fresh_dsn: str) -> None:
    """While a rolling upgrade replaces them, processes of the previous version mark rows published,
    republish and clean up with UPDATE and DELETE on ``outbox``: the view moves and deletes the rows."""
    await migrate(fresh_dsn, [])
    conn = await asyncpg.connect(fresh_dsn)
    try:
        for payload in ("a", "b", "c"):
            await conn.execute(
                "INSERT INTO outbox (event_id, topic, key, event_type, headers, payload)"
                " VALUES (gen_random_uuid(), 't', 'k', 'e', '{}', $1)",
                payload,
            )
        old_relay = "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])"
        assert await conn.execute(old_relay, [1, 2]) == "UPDATE 2"
        assert [r["id"] for r in await conn.fetch("SELECT id FROM outbox_queue")] == [3]
        assert [r["id"] for r in await conn.fetch("SELECT id FROM outbox_published ORDER BY id")] == [1, 2]
        old_republish = "UPDATE outbox SET published_at = NULL WHERE published_at >= $1"
        assert await conn.execute(old_republish, datetime(2000, 1, 1, tzinfo=UTC)) == "UPDATE 2"
        assert [r["id"] for r in await conn.fetch("SELECT id FROM outbox_queue ORDER BY id")] == [1, 2, 3]
        await conn.execute(old_relay, [1])
        old_cleanup = "DELETE FROM outbox WHERE published_at < now() + interval '1 hour'"
        assert await conn.execute(old_cleanup) == "DELETE 1"
        rows = await conn.fetch("SELECT id, payload, published_at FROM outbox ORDER BY id")
        assert [(r["id"], r["payload"], r["published_at"]) for r in rows] == [(2, "b", None), (3, "c", None)]
        assert await conn.fetchval("SELECT count(*) FROM outbox_published") == 0
    finally:
        await conn.close()


class _SilentBroker:
    """A producer whose broker takes every batch and never acknowledges any (a connection that died
    in a way the client does not notice)."""

    def __init__(self) -> None:
        self.batches = 0
        self.stopped = False

    async def stop(self) -> None:
        self.stopped = True

    async def partitions_for(self, topic: str) -> set[int]:
        return {0, 1, 2}

    def create_batch(self) -> Any:
        class Batch:
            def append(self, **record: Any) -> object:
                return object()

        return Batch()

    async def send_batch(self, batch: Any, topic: str, partition: int) -> asyncio.Future[Any]:
        self.batches += 1
        return asyncio.get_running_loop().create_future()  # never done


async def test_a_batch_the_broker_never_acknowledges_stays_queued_and_the_relay_does_not_hang(
    fresh_dsn: str,
) -> None:
    """Past ``ack_timeout_s`` the batch counts as not sent: ``RelayStalled``, its rows still queued
    (sent again on the next try), and the relay's loop goes on to try again instead of waiting for
    ever (the outbox would stop draining, and the process's shutdown would wait with it)."""
    await migrate(fresh_dsn, [])
    pool = await create_pool(fresh_dsn)
    silent = _SilentBroker()
    relay = OutboxRelay(fresh_dsn, silent, "outbox-test", ack_timeout_s=0.5, poll_interval_s=0.1)  # type: ignore[arg-type]
    conn = await asyncpg.connect(fresh_dsn)
    try:
        await _write(pool, [uuid.uuid4()], per_unit=3)
        try:
            await asyncio.wait_for(relay.publish_batch(conn), 30)
        except RelayStalled as exc:
            assert "not all of 3 outbox rows within 0.5 s" in str(exc)
        else:
            raise AssertionError("a batch nobody acknowledged was marked published")
        assert await conn.fetchval("SELECT count(*) FROM outbox_queue") == 3
        assert await conn.fetchval("SELECT count(*) FROM outbox_published") == 0
        running = asyncio.create_task(relay.run())
        await eventually(lambda: _at_least(silent, 3), what="the relay trying the batch again")
        relay.stop()
        await asyncio.wait_for(running, 30)  # it stops: no wait without end on the lost batch
        assert await conn.fetchval("SELECT count(*) FROM outbox_queue") == 3
    finally:
        await conn.close()
        await pool.close()


async def _at_least(silent: _SilentBroker, n: int) -> bool:
    return silent.batches >= n


async def test_after_repeated_stalls_the_relay_sends_through_a_new_producer(
    infra: Any, fresh_dsn: str, namespace: str
) -> None:
    """The client itself may be what hangs: after ``stalls_before_renewal`` unacknowledged batches in a
    row the relay makes a new producer, stops the old one, and the queued rows go out, each once.
    Without a renewal the rows would stay queued for good (the silent producer never acknowledges)."""
    s = _settings(infra, fresh_dsn, namespace)
    await migrate(fresh_dsn, [])
    await ensure_topics(s, [namespace + UNITS_TOPIC])
    pool = await create_pool(fresh_dsn)
    silent = _SilentBroker()
    made: list[Any] = []

    async def renew() -> Any:
        made.append(await started_producer(s))
        return made[-1]

    relay = OutboxRelay(
        fresh_dsn,
        silent,  # type: ignore[arg-type]
        "outbox-test",
        namespace=namespace,
        ack_timeout_s=0.3,
        poll_interval_s=0.1,
        renew_producer=renew,
        stalls_before_renewal=2,
    )
    task = asyncio.create_task(relay.run())
    try:
        await _write(pool, [uuid.uuid4()], per_unit=5)

        async def drained() -> bool:
            return await pool.fetchval("SELECT count(*) FROM outbox_queue") == 0

        await eventually(drained, what="the queued rows sent through the renewed producer")
        assert silent.batches >= 2 and silent.stopped
        assert relay.renewals == 1 and len(made) == 1 and relay.producer is made[0]
        records = await read_topic(infra.kafka_bootstrap, namespace + UNITS_TOPIC, expect=5)
        assert len({headers_dict(r.headers)["ce_id"] for r in records}) == len(records) == 5
    finally:
        relay.stop()
        await asyncio.wait_for(task, 30)
        for p in made:
            await p.stop()
        await pool.close()


async def test_the_backlog_is_read_through_the_key_counted_up_to_a_cap_with_the_oldest_rows_age(
    fresh_dsn: str, monkeypatch: Any
) -> None:
    """Readiness and every scrape read the backlog: counted whole, a queue grown by a broker outage made the
    probe time out (every pod unready). It is counted up to a cap, the age read from the lowest id."""
    from rc_shared import outbox

    await migrate(fresh_dsn, [])
    pool = await create_pool(fresh_dsn)
    try:
        async with pool.acquire() as conn:
            assert await outbox.measure_backlog(conn, "t") == (0, 0.0)
        await _write(pool, [uuid.uuid4()], per_unit=7)
        await pool.execute(
            "UPDATE outbox_queue SET created_at = now() - interval '1 hour'"
            " WHERE id = (SELECT min(id) FROM outbox_queue)"
        )
        monkeypatch.setattr(outbox, "BACKLOG_COUNT_CAP", 5)
        async with pool.acquire() as conn:
            n, age = await outbox.measure_backlog(conn, "t")
        assert n == 5 and 3590 < age < 3700  # at most the cap; the oldest row's age
        monkeypatch.setattr(outbox, "BACKLOG_COUNT_CAP", 100)
        async with pool.acquire() as conn:
            assert (await outbox.measure_backlog(conn, "t"))[0] == 7
    finally:
        await pool.close()
