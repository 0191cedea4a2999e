"""Small helpers for the backbone's integration tests."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition

from rc_shared.envelope import Envelope
from rc_shared.events.members import UnitCreated
from rc_shared.scope import units_consumer


async def read_topic(bootstrap: str, topic: str, expect: int, timeout: float = 30.0) -> list[Any]:
    """Read ``topic`` from the beginning until ``expect`` records arrived (or time ran out)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    out: list[Any] = []
    try:
        deadline = time.monotonic() + timeout
        while len(out) < expect and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                out.extend(records)
        # and a little more, to see records that should not be there
        batch = await consumer.getmany(timeout_ms=500)
        for records in batch.values():
            out.extend(records)
    finally:
        await consumer.stop()
    return out


async def committed_offsets(bootstrap: str, group: str, topic: str) -> dict[int, int | None]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        if not parts:
            await consumer._client.force_metadata_update()
            parts = consumer.partitions_for_topic(topic) or set()
        return {p: await consumer.committed(TopicPartition(topic, p)) for p in sorted(parts)}
    finally:
        await consumer.stop()


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def unit_created(
    unit_id: uuid.UUID, valid_from: date = date(2020, 1, 1), parent_id: uuid.UUID | None = None
) -> Envelope:
    """The members service's event of a new unit: it enters the tree of every service consuming ``members.units``."""
    code = f"U{unit_id.hex[:8].upper()}"
    event = UnitCreated(
        unit_id=unit_id, valid_from=valid_from, code=code, name=code, level="commune", parent_id=parent_id
    )
    return Envelope(data=event, source="/members")


async def learn_units(dsn: str, service: str, envelopes: Iterable[Envelope]) -> None:
    """Apply ``members.units`` events to ``service``'s tree with the handlers of its own units consumer
    (for an app run without consumers; a test of the consumer itself sends them through Kafka)."""
    consumer = units_consumer(service)
    conn = await asyncpg.connect(dsn)
    try:
        for env in envelopes:
            async with conn.transaction():
                await consumer.handlers[env.type](conn, env)
    finally:
        await conn.close()
