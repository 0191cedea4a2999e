"""Exact reads of Kafka for end-to-end assertions: read a topic up to its end offsets (no fixed wait,
no early stop at an expected count) and wait until a consumer group has committed every record."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from rc_shared.consumer import Consumer
from rc_shared.kafka import start_consumer
from tests.integration.shared.helpers import eventually


async def _partitions(consumer: AIOKafkaConsumer, topics: list[str]) -> list[TopicPartition]:
    def known() -> list[TopicPartition]:
        return [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]

    parts = known()
    if len({tp.topic for tp in parts}) < len(set(topics)):
        await consumer._client.force_metadata_update()
        parts = known()
    missing = set(topics) - {tp.topic for tp in parts}
    assert not missing, f"no such topic(s): {sorted(missing)}"
    return parts


async def end_offsets(bootstrap: str, topics: list[str]) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await start_consumer(consumer)
    try:
        return dict(await consumer.end_offsets(await _partitions(consumer, topics)))
    finally:
        await consumer.stop()


async def record_count(bootstrap: str, topics: list[str]) -> int:
    """Records on ``topics`` (sum of end offsets: nothing is ever deleted in a test)."""
    return sum((await end_offsets(bootstrap, topics)).values())


async def read_to_end(bootstrap: str, topic: str) -> list[Any]:
    """Every record of ``topic`` from the beginning up to the end offsets seen when the call starts."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    await start_consumer(consumer)
    try:
        parts = await _partitions(consumer, [topic])
        ends = await consumer.end_offsets(parts)
        todo = {tp for tp in parts if ends[tp] > 0}
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        out: list[Any] = []
        while todo:
            batch = await consumer.getmany(*todo, timeout_ms=1000)
            for tp, records in batch.items():
                out.extend(r for r in records if r.offset < ends[tp])
                if await consumer.position(tp) >= ends[tp]:
                    todo.discard(tp)
        return sorted(out, key=lambda r: (r.partition, r.offset))
    finally:
        await consumer.stop()


class TopicReader:
    """Reads topics as :func:`read_to_end` does, each call only what was appended since the previous one:
    a wait for records to arrive on topics that already hold many reads each record once.
    ``reader = TopicReader(bootstrap); await reader.read_new(topics)``."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.read: dict[TopicPartition, int] = {}  # per partition: the records before this offset were read

    async def read_new(self, topics: list[str]) -> list[Any]:
        """The records of ``topics`` not read yet, up to the end offsets seen when the call starts."""
        consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False, group_id=None)
        await start_consumer(consumer)
        try:
            parts = await _partitions(consumer, topics)
            ends = await consumer.end_offsets(parts)
            todo = {tp for tp in parts if ends[tp] > self.read.get(tp, 0)}
            out: list[Any] = []
            if not todo:
                return out
            consumer.assign(sorted(todo))
            for tp in todo:
                consumer.seek(tp, self.read.get(tp, 0))
            left = set(todo)
            while left:
                batch = await consumer.getmany(*left, timeout_ms=1000)
                for tp, records in batch.items():
                    out.extend(r for r in records if self.read.get(tp, 0) <= r.offset < ends[tp])
                    if await consumer.position(tp) >= ends[tp]:
                        left.discard(tp)
            self.read.update({tp: ends[tp] for tp in todo})
            return sorted(out, key=lambda r: (r.topic, r.partition, r.offset))
        finally:
            await consumer.stop()


async def committed(bootstrap: str, group: str, topics: list[str]) -> dict[TopicPartition, int]:
    """The group's committed offset per partition (0 where it committed nothing)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await start_consumer(consumer)
    try:
        return {tp: (await consumer.committed(tp)) or 0 for tp in await _partitions(consumer, topics)}
    finally:
        await consumer.stop()


async def wait_caught_up(bootstrap: str, group: str, topics: list[str], timeout: float = 60.0) -> int:
    """Wait until ``group`` has committed every record of ``topics`` (committed == end offsets on every
    partition); return the number of records. After this nothing can be redelivered to the group."""
    ends: dict[TopicPartition, int] = {}

    async def caught_up() -> bool:
        nonlocal ends
        ends = await end_offsets(bootstrap, topics)
        return await committed(bootstrap, group, topics) == ends

    await eventually(caught_up, timeout=timeout, what=f"group {group} to commit every record of {topics}")
    return sum(ends.values())


async def wait_consumers_caught_up(env: dict[str, str], *consumers: Consumer, timeout: float = 120.0) -> None:
    """Wait until each of ``consumers`` (a service's consumer groups, under the namespace and on the broker
    of a service's environment ``env``) has committed every record of its topics: a copy of an event that
    a killed relay published again has then been applied, or found a duplicate, before a figure is read."""
    bootstrap, namespace = env["RC_KAFKA_BOOTSTRAP_SERVERS"], env["RC_KAFKA_NAMESPACE"]
    for c in consumers:
        await wait_caught_up(bootstrap, namespace + c.name, [namespace + t for t in c.topics], timeout=timeout)
