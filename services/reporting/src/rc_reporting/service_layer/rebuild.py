"""Stop-the-world rebuild of the projections: empty them, then replay their topics from the
beginning through the same handlers (and the same idempotency ledger) as the live consumers.

Each projection is one consumer group (``reporting.members``, ``reporting.campaigns``) with its own
tables and topics. Stop the reporting consumers first. Afterwards the live consumer groups resume
from their own committed offsets: events already consumed are found in ``processed_events`` and
skipped, later ones are applied as usual.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer, ConsumerRecord

from rc_reporting.adapters import projection as repo
from rc_reporting.service_layer.projection import members_consumer
from rc_reporting.service_layer.projections import PROJECTIONS, Projection
from rc_shared.consumer import BatchProcessor, Consumer

Batches = AsyncIterable[list[ConsumerRecord[Any, Any]]]


@dataclass
class RebuildResult:
    records: int = 0
    applied: int = 0
    duplicates: int = 0
    ignored: int = 0
    dead_lettered: int = 0
    batches: int = 0
    status: dict[str, Any] = field(default_factory=dict)

    def add(self, other: RebuildResult) -> None:
        self.records += other.records
        self.applied += other.applied
        self.duplicates += other.duplicates
        self.ignored += other.ignored
        self.dead_lettered += other.dead_lettered
        self.batches += other.batches

    def counts(self) -> dict[str, int]:
        return {
            "records": self.records,
            "batches": self.batches,
            "applied": self.applied,
            "duplicates": self.duplicates,
            "ignored": self.ignored,
            "dead_lettered": self.dead_lettered,
        }


async def reset_projection(pool: asyncpg.Pool, projections: Sequence[Projection] = PROJECTIONS) -> None:
    """Empty the projections' tables and their consumers' processed-event ledgers, in one transaction."""
    async with pool.acquire() as conn, conn.transaction():
        for p in projections:
            await repo.reset(conn, p.consumer.name, p.tables)


async def replay(
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    service: str,
    batches: Batches,
    max_retries: int = 3,
    on_batch: Callable[[RebuildResult], None] | None = None,
    consumer: Consumer = members_consumer,
) -> RebuildResult:
    """Apply every batch through ``consumer``'s handlers, one transaction per batch."""
    processor = BatchProcessor(consumer, pool, producer, service, max_retries)
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


async def rebuild_all(
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    service: str,
    read: Callable[[list[str]], Batches],
    namespace: str = "",
    max_retries: int = 3,
    on_batch: Callable[[str, RebuildResult], None] | None = None,
    projections: Sequence[Projection] = PROJECTIONS,
) -> dict[str, RebuildResult]:
    """Empty every projection, then replay each consumer's topics (``namespace`` prefixed) through it.

    ``read(topics)`` yields the batches of records of ``topics`` from the beginning up to the end
    offsets at the time of the call (``adapters.replay.read_to_end``).
    """
    await reset_projection(pool, projections)
    results: dict[str, RebuildResult] = {}
    for p in projections:
        name = p.name

        def progress(r: RebuildResult, name: str = name) -> None:
            if on_batch:
                on_batch(name, r)

        results[name] = await replay(
            pool,
            producer,
            service,
            read([namespace + t for t in p.consumer.topics]),
            max_retries,
            progress,
            consumer=p.consumer,
        )
    return results
