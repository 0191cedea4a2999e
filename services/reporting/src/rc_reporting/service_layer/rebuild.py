"""Stop-the-world rebuild of the projection: empty it, then replay the topics from the beginning
through the same handlers (and the same idempotency ledger) as the live consumer.

Stop the reporting consumers first. Afterwards the live consumer group resumes from its own
committed offsets: events it had already consumed are found in ``processed_events`` and skipped,
later ones are applied as usual.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer, ConsumerRecord
from rc_shared.consumer import BatchProcessor

from rc_reporting.adapters import projection as repo
from rc_reporting.service_layer.projection import members_consumer


@dataclass
class RebuildResult:
    records: int = 0
    applied: int = 0
    duplicates: int = 0
    ignored: int = 0
    dead_lettered: int = 0
    batches: int = 0
    status: dict[str, Any] = field(default_factory=dict)


async def reset_projection(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await repo.reset(conn, members_consumer.name)


async def replay(
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    service: str,
    batches: AsyncIterable[list[ConsumerRecord[Any, Any]]],
    max_retries: int = 3,
    on_batch: Callable[[RebuildResult], None] | None = None,
) -> RebuildResult:
    """Apply every batch through the consumer's handlers, one transaction per batch."""
    processor = BatchProcessor(members_consumer, pool, producer, service, max_retries)
    out = RebuildResult()
    async for batch in batches:
        res = await processor.process(batch)
        out.records += len(batch)
        out.batches += 1
        out.applied += res.applied
        out.duplicates += res.duplicates
        out.ignored += res.ignored
        out.dead_lettered += res.dead_lettered
        if on_batch:
            on_batch(out)
    return out
