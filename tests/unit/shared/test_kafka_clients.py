"""How the Kafka clients are configured: keys go to the partition Kafka's default partitioner picks,
and a consumer's fetch of partitions with nothing new is held briefly (a backlog is not stalled)."""

from __future__ import annotations

import uuid

import asyncpg
from aiokafka.partitioner import DefaultPartitioner
from faststream.kafka import KafkaBroker

from rc_shared.consumer import BatchProcessor, Consumer, subscribe
from rc_shared.envelope import Envelope
from rc_shared.events.members import UnitRenamed
from rc_shared.kafka import key_partitioner
from rc_shared.settings import ServiceSettings


def test_a_key_goes_to_the_partition_kafkas_default_partitioner_picks() -> None:
    default = DefaultPartitioner()
    for n in (1, 3, 7, 12):
        parts = list(range(n))
        for _ in range(300):
            key = str(uuid.uuid4()).encode()
            assert key_partitioner(key, parts, parts) == default(key, parts, parts)
            assert key_partitioner(key, parts, parts) == default(key, parts, parts)  # remembered: same answer


def test_a_record_without_a_key_goes_to_an_available_partition() -> None:
    assert key_partitioner(None, [0, 1, 2], [2]) == 2


def test_a_consumer_fetch_of_partitions_with_nothing_new_is_held_only_briefly() -> None:
    """aiokafka sends one fetch per broker for every partition it may fetch; while a partition's
    records wait to be processed it fetches the others, and that partition (a hot campaign's backlog)
    is fetched again only once the broker answers. Kafka's default wait of 500 ms came after every
    fetched MB of a bulk import; the subscriber uses the configured bound."""
    settings = ServiceSettings(service_name="t")
    assert settings.consumer_fetch_max_wait_ms <= 100
    sink = Consumer("sink")

    @sink.on(UnitRenamed)
    async def _apply(conn: asyncpg.Connection, env: Envelope[UnitRenamed]) -> None:
        return None

    broker = KafkaBroker("127.0.0.1:9")
    processor = BatchProcessor(sink, None, None, "t")  # never started: no pool, no producer
    subscribe(broker, processor, fetch_max_wait_ms=settings.consumer_fetch_max_wait_ms)
    (sub,) = broker.subscribers
    args = getattr(sub, "_connection_args")  # noqa: B009  # what FastStream gives AIOKafkaConsumer
    assert args["fetch_max_wait_ms"] == settings.consumer_fetch_max_wait_ms
    assert getattr(sub, "batch_timeout_ms") == settings.consumer_fetch_max_wait_ms  # noqa: B009


def test_a_consumer_lets_the_broker_gather_a_steady_streams_events_into_one_batch() -> None:
    """A hot campaign's donations arrive a few at a time; answered at once, each fetch held one or two
    events, each its own transaction in campaigns and reporting. The services' default asks the broker
    to gather some kilobytes first (within the fetch wait bound), and the subscriber passes it on."""
    settings = ServiceSettings(service_name="t")
    assert settings.consumer_fetch_min_bytes >= 16384
    assert settings.consumer_fetch_max_wait_ms <= 100  # what a quiet topic's event may wait for it
    sink = Consumer("sink")

    @sink.on(UnitRenamed)
    async def _apply(conn: asyncpg.Connection, env: Envelope[UnitRenamed]) -> None:
        return None

    for min_bytes in (1, settings.consumer_fetch_min_bytes):
        broker = KafkaBroker("127.0.0.1:9")
        subscribe(broker, BatchProcessor(sink, None, None, "t"), fetch_min_bytes=min_bytes)
        (sub,) = broker.subscribers
        assert getattr(sub, "_connection_args")["fetch_min_bytes"] == min_bytes  # noqa: B009
