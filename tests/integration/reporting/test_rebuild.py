"""``rebuild``: empty the projection and replay the members topics from the beginning (real Kafka)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from rc_reporting.adapters.replay import read_to_end
from rc_reporting.entrypoints.app import MIGRATIONS
from rc_reporting.service_layer.rebuild import replay, reset_projection
from rc_reporting.settings import Settings
from rc_shared.db import create_pool, migrate
from rc_shared.envelope import Envelope

from tests.infra import create_database_async, drop_database_async
from tests.integration.reporting.helpers import Restructure, feed, interleave, report

pytestmark = pytest.mark.integration


@pytest.fixture
async def producer(infra: Any) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


async def publish(producer: AIOKafkaProducer, namespace: str, envelopes: list[Envelope]) -> None:
    for e in envelopes:
        await producer.send_and_wait(namespace + e.topic, value=e.value(), key=e.key(), headers=e.headers())


async def snapshot(pool: asyncpg.Pool) -> list[Any]:
    return [await report(pool, d, depth=3) for d in (date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31))]


async def test_rebuild_replays_the_topics_into_an_identical_projection(
    infra: Any, pool: asyncpg.Pool, producer: AIOKafkaProducer, namespace: str
) -> None:
    s = Restructure()
    events = interleave(s.events(), seed=3)
    await publish(producer, namespace, events + events[:4])  # the producer retried four sends
    await feed(pool, events)  # what the live consumer had done
    expected = await snapshot(pool)
    async with pool.acquire() as conn:  # drift that a rebuild must wipe out
        await conn.execute("UPDATE rpt_membership_spans SET status = 'deceased'")
    assert await snapshot(pool) != expected

    settings = Settings(kafka_bootstrap_servers=infra.kafka_bootstrap)
    await reset_projection(pool)
    result = await replay(
        pool,
        producer,
        "reporting-test",
        read_to_end(settings, [namespace + "members.units", namespace + "members.people"], batch_size=5),
    )

    assert (result.records, result.applied, result.duplicates, result.dead_lettered) == (
        len(events) + 4,
        len(events),
        4,
        0,
    )
    assert await snapshot(pool) == expected


def test_rebuild_command_prints_the_counts_and_restores_the_projection(infra: Any, namespace: str) -> None:
    import asyncio

    s = Restructure()
    events = s.events()

    async def prepare() -> tuple[str, list[Any]]:
        dsn = await create_database_async(infra.admin_dsn, "it_reporting_cli")
        await migrate(dsn, [MIGRATIONS])
        pool = await create_pool(dsn, 1, 2)
        p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
        await p.start()
        try:
            await publish(p, namespace, events)
            await feed(pool, events)
            expected = await snapshot(pool)
            async with pool.acquire() as conn:
                await conn.execute("DELETE FROM rpt_unit_versions")
        finally:
            await p.stop()
            await pool.close()
        return dsn, expected

    async def after(dsn: str) -> list[Any]:
        pool = await create_pool(dsn, 1, 2)
        try:
            return await snapshot(pool)
        finally:
            await pool.close()

    dsn, expected = asyncio.run(prepare())
    try:
        env = {
            **os.environ,
            "RC_DATABASE_URL": dsn,
            "RC_KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
            "RC_KAFKA_NAMESPACE": namespace,
            "RC_LOG_JSON": "false",
        }
        refused = subprocess.run(
            [sys.executable, "-m", "rc_reporting.entrypoints.cli", "rebuild"], env=env, capture_output=True, text=True
        )
        assert refused.returncode == 2 and "--yes" in refused.stderr
        done = subprocess.run(
            [sys.executable, "-m", "rc_reporting.entrypoints.cli", "rebuild", "--yes", "--quiet"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        out = json.loads(done.stdout[done.stdout.index("{\n") :])
        assert (out["records"], out["applied"], out["dead_lettered"]) == (len(events), len(events), 0)
        assert out["status"]["events_applied"] == len(events)
        assert asyncio.run(after(dsn)) == expected
    finally:
        asyncio.run(drop_database_async(infra.admin_dsn, dsn))
