"""Raw baselines on the same broker and database: what the hardware and clients give without us.

- aiokafka: an idempotent producer (acks=all) sending N records shaped like our events (CloudEvents
  headers, ~400-byte JSON value), then a consumer reading them back;
- PostgreSQL: COPY of N donation-like rows into a table;
- a naive FastStream consumer: one subscriber applying one event per transaction (an INSERT and its
  commit, FastStream's default acknowledgement after each), what the pipeline's batching is against.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import date
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bench.pipeline import remove_topics_async
from rc_shared.envelope import Envelope
from rc_shared.events.donations import DonationRecorded
from rc_shared.kafka import start_consumer


def sample_envelopes(n: int) -> list[Envelope]:
    campaign = uuid.uuid4()
    unit = uuid.uuid4()
    return [
        Envelope(
            data=DonationRecorded(
                campaign_id=campaign,
                donation_id=uuid.uuid4(),
                kind="cash",
                amount_vnd=100_000 + i,
                donor_type="individual",
                unit_id=unit,
                channel="bank_transfer",
                received_on=date(2026, 11, 1),
                receipt_no=i + 1,
            ),
            source="/bench",
        )
        for i in range(n)
    ]


async def kafka_baseline(bootstrap: str, n: int) -> dict[str, Any]:
    topic = f"bench.raw.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    await admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    await admin.close()
    try:
        return {**await _produce_and_consume(bootstrap, topic, n), "topic": topic}
    finally:
        await remove_topics_async(bootstrap, [topic])


async def _produce_and_consume(bootstrap: str, topic: str, n: int) -> dict[str, Any]:
    envs = sample_envelopes(n)
    records = [(e.key(), e.value(), e.headers()) for e in envs]
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5, max_batch_size=256 * 1024
    )
    await producer.start()
    t0 = time.perf_counter()
    futures = [await producer.send(topic, value=v, key=k, headers=h) for k, v, h in records]
    await asyncio.gather(*futures)
    produce_s = time.perf_counter() - t0
    await producer.stop()
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
    )
    await start_consumer(consumer)
    got = 0
    t0 = time.perf_counter()
    while got < n:
        batch = await consumer.getmany(timeout_ms=1000, max_records=5000)
        got += sum(len(v) for v in batch.values())
    consume_s = time.perf_counter() - t0
    await consumer.stop()
    return {
        "records": n,
        "value_bytes": len(records[0][1]),
        "produce_s": round(produce_s, 3),
        "produce_per_s": round(n / produce_s),
        "consume_s": round(consume_s, 3),
        "consume_per_s": round(n / consume_s),
    }


async def postgres_copy_baseline(dsn: str, n: int) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "CREATE TEMP TABLE bench_copy (id uuid, campaign_id uuid, bank_reference text, received_on date,"
            " amount_vnd bigint, receipt_no int)"
        )
        campaign = uuid.uuid4()
        rows = [(uuid.uuid4(), campaign, f"FT{i:010d}", date(2026, 11, 1), 100_000 + i, i + 1) for i in range(n)]
        t0 = time.perf_counter()
        await conn.copy_records_to_table("bench_copy", records=rows)
        copy_s = time.perf_counter() - t0
        return {"rows": n, "copy_s": round(copy_s, 3), "copy_per_s": round(n / copy_s)}
    finally:
        await conn.close()


async def naive_consumer_baseline(bootstrap: str, admin_dsn: str, n: int) -> dict[str, Any]:
    """A FastStream subscriber doing one INSERT and commit per event, over ``n`` events already in
    the topic: events per second from its start until the last is committed."""
    topic = f"bench.naive.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    await admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    await admin.close()
    try:
        return await _naive_consumer(bootstrap, admin_dsn, topic, n)
    finally:
        await remove_topics_async(bootstrap, [topic])


async def _naive_consumer(bootstrap: str, admin_dsn: str, topic: str, n: int) -> dict[str, Any]:
    from faststream.kafka import KafkaBroker

    from tests.infra import create_database_async, drop_database_async

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5)
    await producer.start()
    envs = sample_envelopes(n)
    futures = [await producer.send(topic, value=e.value(), key=e.key(), headers=e.headers()) for e in envs]
    await asyncio.gather(*futures)
    await producer.stop()
    dsn = await create_database_async(admin_dsn, "bench_naive", durable=True)
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2)
    broker = KafkaBroker(bootstrap, logger=None)
    try:
        await pool.execute("CREATE TABLE naive (event_id uuid PRIMARY KEY, amount_vnd bigint)")

        first: list[float] = []

        @broker.subscriber(topic, group_id=topic, auto_offset_reset="earliest")
        async def apply(body: dict[str, Any]) -> None:
            if not first:  # timed from the first event: the group's join is not the consumer's work
                first.append(time.perf_counter())
            await pool.execute(
                "INSERT INTO naive VALUES ($1, $2) ON CONFLICT DO NOTHING",
                uuid.UUID(body["donation_id"]),
                int(body["amount_vnd"]),
            )

        await broker.start()
        while await pool.fetchval("SELECT count(*) FROM naive") < n:
            await asyncio.sleep(0.05)
        seconds = time.perf_counter() - first[0]
    finally:
        await broker.stop()
        await pool.close()
        await drop_database_async(admin_dsn, dsn)
    return {"events": n, "seconds": round(seconds, 3), "events_per_s": round(n / seconds)}


async def copy_baseline(admin_dsn: str, n: int) -> dict[str, Any]:
    """:func:`postgres_copy_baseline` in a database of its own, dropped afterwards."""
    from tests.infra import create_database_async, drop_database_async

    dsn = await create_database_async(admin_dsn, "bench_copy", durable=True)
    try:
        return await postgres_copy_baseline(dsn, n)
    finally:
        await drop_database_async(admin_dsn, dsn)
