"""Small helpers for the backbone's integration tests."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition

from rc_shared.envelope import Envelope
from rc_shared.events.members import UnitCreated
from rc_shared.kafka import start_consumer
from rc_shared.scope import units_consumer


async def read_topic(bootstrap: str, topic: str, expect: int | None = None, timeout: float = 30.0) -> list[Any]:
    """Every record of ``topic`` from the beginning up to its end offsets, in partition order.

    With ``expect``, wait (up to ``timeout`` seconds) until at least that many records are there,
    then read to the end offsets of that moment: records beyond ``expect`` that are already in the
    topic come back too, so a test that asserts an exact count sees a duplicate. Without it, the
    records up to the end offsets as they are now (at once, no waiting). A topic that does not
    exist (yet) has no records; it is not created by reading it.
    """
    deadline = time.monotonic() + timeout
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
    )
    await start_consumer(consumer)
    out: list[Any] = []
    try:
        partitions: set[int] = set()
        while True:
            partitions = (await consumer._client.fetch_all_metadata()).partitions_for_topic(topic) or set()
            if partitions or not expect or time.monotonic() >= deadline:
                break
            await asyncio.sleep(0.1)
        if not partitions:
            return out
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)

        async def read_to_end() -> None:
            ends = await consumer.end_offsets(tps)
            while time.monotonic() < deadline:
                behind = [tp for tp in tps if await consumer.position(tp) < ends[tp]]
                if not behind:
                    return
                batch = await consumer.getmany(*behind, timeout_ms=200)
                for records in batch.values():
                    out.extend(records)

        await read_to_end()
        while expect is not None and len(out) < expect and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            await read_to_end()
        if expect is not None and len(out) >= expect:
            await read_to_end()  # what arrived meanwhile: records that should not be there show
    finally:
        await consumer.stop()
    return sorted(out, key=lambda r: (r.partition, r.offset))


async def committed_offsets(bootstrap: str, group: str, topic: str) -> dict[int, int | None]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await start_consumer(consumer)
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


class Capture:
    """An asyncpg connection that keeps the last statement fetched (and answers it)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.sql = ""
        self.args: tuple[Any, ...] = ()

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        self.sql, self.args = sql, args
        rows: list[asyncpg.Record] = await self.conn.fetch(sql, *args)
        return rows


def _literal(value: Any) -> str:
    """A parameter's value written as an SQL literal (to execute a prepared statement by hand)."""
    if value is None:
        return "NULL"
    if isinstance(value, list | tuple):
        return "'{" + ",".join(str(v) for v in value) + "}'"
    return "'" + str(value).replace("'", "''") + "'"


async def rows_read(
    conn: asyncpg.Connection, sql: str, args: tuple[Any, ...], mode: str, relation: str
) -> tuple[int, str]:
    """The rows of ``relation`` the statement reads (returned or filtered out, every loop), executed as a
    prepared statement under ``plan_cache_mode = mode``; and the plan, to show."""
    types = [t.name for t in (await conn.prepare(sql)).get_parameters()]
    literals = ", ".join(_literal(a) + "::" + t for a, t in zip(args, types, strict=True))
    name = f"s_{uuid.uuid4().hex}"
    await conn.execute(f"SET plan_cache_mode = {mode}")
    try:
        await conn.execute(f"PREPARE {name} ({', '.join(types)}) AS {sql}")
        (plan,) = json.loads(await conn.fetchval(f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE {name} ({literals})"))
        await conn.execute(f"DEALLOCATE {name}")
    finally:
        await conn.execute("RESET plan_cache_mode")

    shown: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> int:
        own = 0
        removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
        if node.get("Relation Name") == relation:
            own = round((node["Actual Rows"] + removed) * node["Actual Loops"])
        shown.append(
            f"{'  ' * depth}{node['Node Type']} {node.get('Index Name', node.get('Relation Name', ''))}"
            f" rows={node['Actual Rows']} removed={removed} loops={node['Actual Loops']}"
        )
        return own + sum(walk(n, depth + 1) for n in node.get("Plans", []))

    return walk(plan["Plan"], 0), "\n".join(shown)
