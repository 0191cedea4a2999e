"""Reading topics from the beginning up to the end offsets captured at start (for ``rebuild``).

No consumer group: partitions are assigned manually and nothing is committed, so the live
consumer group's offsets are untouched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from rc_shared.kafka import security_options, start_consumer
from rc_shared.settings import ServiceSettings


async def read_to_end(
    settings: ServiceSettings, topics: Sequence[str], batch_size: int = 500, timeout_ms: int = 1000
) -> AsyncIterator[list[ConsumerRecord[Any, Any]]]:
    """Yield batches of every record of ``topics`` present when the call starts."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-rebuild",
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        **security_options(settings),
    )
    await start_consumer(consumer)
    try:
        # aiokafka has no public "partitions of any topic" call for a group-less consumer
        cluster = await consumer._client.fetch_all_metadata()
        partitions: list[TopicPartition] = []
        for topic in topics:  # a topic never written to has nothing to replay
            for p in sorted(cluster.partitions_for_topic(topic) or ()):
                partitions.append(TopicPartition(topic, p))
        if not partitions:
            return
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        remaining = {tp for tp in partitions if ends[tp] > await consumer.position(tp)}
        while remaining:
            fetched = await consumer.getmany(*remaining, timeout_ms=timeout_ms, max_records=batch_size)
            batch: list[ConsumerRecord[Any, Any]] = []
            for tp, records in fetched.items():
                batch.extend(r for r in records if r.offset < ends[tp])
            for tp in list(remaining):
                if await consumer.position(tp) >= ends[tp]:
                    remaining.discard(tp)
            if batch:
                yield batch
    finally:
        await consumer.stop()
