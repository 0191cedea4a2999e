"""The tests' topic reader: to the end offsets, not for a fixed time (tests/integration/shared/helpers.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from rc_shared.kafka import start_consumer
from tests.e2e.offsets import TopicReader, read_to_end
from tests.integration.shared.helpers import read_topic


@pytest.fixture
async def producer(infra: Any) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


async def _send(producer: AIOKafkaProducer, topic: str, *values: bytes) -> None:
    for i, v in enumerate(values):
        await producer.send_and_wait(topic, value=v, key=f"k{i % 3}".encode())


async def test_without_expect_every_record_up_to_the_end_offsets(
    infra: Any, producer: AIOKafkaProducer, namespace: str
) -> None:
    topic = namespace + "read.all"
    sent = [f"v{i}".encode() for i in range(25)]
    await _send(producer, topic, *sent)
    records = await read_topic(infra.kafka_bootstrap, topic)
    assert sorted(r.value for r in records) == sorted(sent)
    assert [(r.partition, r.offset) for r in records] == sorted((r.partition, r.offset) for r in records)


async def test_with_expect_records_beyond_it_already_there_come_back_too(
    infra: Any, producer: AIOKafkaProducer, namespace: str
) -> None:
    topic = namespace + "read.more"
    await _send(producer, topic, b"a", b"b", b"a-again")
    records = await read_topic(infra.kafka_bootstrap, topic, expect=2)
    assert sorted(r.value for r in records) == [b"a", b"a-again", b"b"]


async def test_with_expect_it_waits_for_records_produced_after_the_call(
    infra: Any, producer: AIOKafkaProducer, namespace: str
) -> None:
    topic = namespace + "read.later"
    reading = asyncio.create_task(read_topic(infra.kafka_bootstrap, topic, expect=2, timeout=60))
    await asyncio.sleep(0.5)  # the reader is polling a topic that does not exist yet
    assert not reading.done()
    await _send(producer, topic, b"x", b"y")
    assert sorted(r.value for r in await reading) == [b"x", b"y"]


async def test_a_topic_that_does_not_exist_has_no_records_and_is_not_created(
    infra: Any, namespace: str, kafka_admin: Any
) -> None:
    topic = namespace + "read.nothing.dlq"
    assert await read_topic(infra.kafka_bootstrap, topic, expect=0) == []
    assert await read_topic(infra.kafka_bootstrap, topic) == []
    assert topic not in await kafka_admin.list_topics()  # a DLQ check must not make the DLQ


async def test_the_incremental_reader_reads_each_record_once_and_only_up_to_the_end_offsets(
    infra: Any, producer: AIOKafkaProducer, namespace: str
) -> None:
    """tests/e2e/offsets.TopicReader: each call gives what was appended since the previous one, on every
    topic asked for (a topic asked for later is read from its beginning); together, what read_to_end reads."""
    first, second = namespace + "inc.one", namespace + "inc.two"
    await _send(producer, first, b"a", b"b", b"c", b"d")
    reader = TopicReader(infra.kafka_bootstrap)
    assert sorted(r.value for r in await reader.read_new([first])) == [b"a", b"b", b"c", b"d"]
    assert await reader.read_new([first]) == []
    await _send(producer, first, b"e", b"f")
    await _send(producer, second, b"x")
    again = await reader.read_new([first, second])
    assert sorted((r.topic, r.value) for r in again) == [(first, b"e"), (first, b"f"), (second, b"x")]
    assert await reader.read_new([first, second]) == []
    everything = await read_to_end(infra.kafka_bootstrap, first)
    assert sorted(r.value for r in everything) == [b"a", b"b", b"c", b"d", b"e", b"f"]


async def test_a_reader_started_with_start_consumer_may_stop_at_once(infra: Any) -> None:
    """aiokafka 0.14: a group-less consumer stopped right after ``start()`` raises ``CancelledError``
    to its caller (a TopicReader that found nothing new failed a test that way); after
    :func:`rc_shared.kafka.start_consumer` it stops cleanly. The first half shows the defect is still
    there: when an aiokafka release fixes it, it fails, and the helper can go."""
    plain = AIOKafkaConsumer(bootstrap_servers=infra.kafka_bootstrap, enable_auto_commit=False)
    await plain.start()
    with pytest.raises(asyncio.CancelledError):
        await plain.stop()
    await plain._client.close()  # what the failed stop() left open
    for _ in range(3):
        consumer = AIOKafkaConsumer(bootstrap_servers=infra.kafka_bootstrap, enable_auto_commit=False)
        await start_consumer(consumer)
        await consumer.stop()
