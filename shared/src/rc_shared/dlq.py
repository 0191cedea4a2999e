"""Inspect and replay dead-letter topics.

A replay republishes each dead-lettered record to its original topic (``dlq-original-topic``
header) with its original key, value and headers (the ``dlq-*`` headers removed). The replayer
reads the DLQ with its own consumer group and commits after each published batch, so a replay
that is run twice does not republish the same records; the consumers are idempotent anyway (the
event id is unchanged), so a record that was already applied is ignored, and one that fails
again goes back to the DLQ.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from rc_shared.envelope import headers_dict
from rc_shared.kafka import make_producer, security_options, start_consumer
from rc_shared.settings import ServiceSettings

REPLAY_GROUP = "dlq-replayer"


@dataclass
class DeadLetter:
    topic: str
    partition: int
    offset: int
    original_topic: str
    error_type: str
    error: str
    event_type: str | None
    event_id: str | None
    failed_at: str | None


async def _partitions(settings: ServiceSettings, topic: str) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers, **security_options(settings))
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return [TopicPartition(topic, p["partition"]) for d in described if d["error_code"] == 0 for p in d["partitions"]]


async def _read(settings: ServiceSettings, dlq_topic: str, group: str | None) -> tuple[AIOKafkaConsumer, list[Any]]:
    """Read the DLQ from the group's committed position (or the beginning) to its current end."""
    parts = await _partitions(settings, dlq_topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        **security_options(settings),
    )
    await start_consumer(consumer)
    if not parts:
        return consumer, []
    consumer.assign(parts)
    ends = await consumer.end_offsets(parts)
    if group is None:
        await consumer.seek_to_beginning(*parts)
    records: list[Any] = []

    async def behind() -> bool:
        return any([await consumer.position(tp) < ends[tp] for tp in parts])

    while await behind():
        batch = await consumer.getmany(*parts, timeout_ms=1000)
        for tp, recs in batch.items():
            records.extend(r for r in recs if r.offset < ends[tp])
    return consumer, records


def describe(record: Any) -> DeadLetter:
    h = headers_dict(record.headers)
    return DeadLetter(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        original_topic=h.get("dlq-original-topic", record.topic.removesuffix(".dlq")),
        error_type=h.get("dlq-error-type", ""),
        error=h.get("dlq-error", ""),
        event_type=h.get("ce_type"),
        event_id=h.get("ce_id"),
        failed_at=h.get("dlq-failed-at"),
    )


def check_topic(settings: ServiceSettings, topic: str) -> None:
    """``topic`` is an event topic of the catalogue, named as the commands take it (without the namespace
    and without ``.dlq``); else ValueError saying which are (a mistyped name read an empty table, or
    "replayed 0 record(s)", and a broker that creates topics on first use made a junk one)."""
    from rc_shared.catalogue import topics

    known = sorted(topics())
    if topic not in known:
        raise ValueError(
            f"unknown topic {topic!r}: give one of {', '.join(known)} (without the namespace "
            f"{settings.kafka_namespace!r} and without .dlq)"
        )


async def show(settings: ServiceSettings, topic: str) -> list[DeadLetter]:
    """Every record of ``<topic>.dlq`` (topic without namespace), oldest first."""
    check_topic(settings, topic)
    consumer, records = await _read(settings, settings.kafka_namespace + topic + ".dlq", None)
    await consumer.stop()
    return [describe(r) for r in records]


async def replay(settings: ServiceSettings, topic: str) -> int:
    """Republish the records of ``<topic>.dlq`` not yet replayed; return how many."""
    check_topic(settings, topic)
    group = settings.kafka_namespace + REPLAY_GROUP
    consumer, records = await _read(settings, settings.kafka_namespace + topic + ".dlq", group)
    producer = make_producer(settings)
    await producer.start()
    try:
        futures = []
        for r in records:
            h = headers_dict(r.headers)
            target = h.get("dlq-original-topic", r.topic.removesuffix(".dlq"))
            headers = [(k, v) for k, v in (r.headers or ()) if not k.startswith("dlq-")]
            futures.append(await producer.send(target, value=r.value, key=r.key, headers=headers))
        await asyncio.gather(*futures)
        if records:
            last: dict[TopicPartition, int] = {}
            for r in records:
                tp = TopicPartition(r.topic, r.partition)
                last[tp] = max(last.get(tp, -1), r.offset)
            await consumer.commit({tp: off + 1 for tp, off in last.items()})
    finally:
        await producer.stop()
        await consumer.stop()
    return len(records)
