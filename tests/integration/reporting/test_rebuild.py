"""``rebuild``: empty the projections and replay their topics from the beginning (real Kafka): the
membership projection (members topics) and the campaign projection (campaigns and ledger topics)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from rc_reporting.adapters.replay import read_to_end
from rc_reporting.entrypoints.app import MIGRATIONS, build_app
from rc_reporting.service_layer.campaign_projection import campaigns_consumer
from rc_reporting.service_layer.rebuild import rebuild_all, replay, reset_projection
from rc_reporting.settings import Settings
from rc_shared.db import create_pool, migrate
from rc_shared.envelope import Envelope
from tests.infra import create_database_async, drop_database_async
from tests.integration.reporting.campaign_helpers import Relief, by_unit, campaign, feed_campaigns
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


async def campaign_snapshot(pool: asyncpg.Pool, s: Relief) -> list[Any]:
    return [
        *[await campaign(pool, s.K, d) for d in (None, date(2025, 6, 19), date(2025, 7, 22))],
        await campaign(pool, s.K2),
        await by_unit(pool, date(2025, 6, 30), depth=2, period_from=date(2025, 5, 1)),
        await by_unit(pool, date(2025, 12, 31), depth=2),
    ]


def endpoints(s: Relief) -> list[tuple[str, dict[str, str]]]:
    """Every report endpoint, with parameters that exercise dates, filters and the tree."""
    k, k2 = str(s.K), str(s.K2)
    return [
        ("/reports/membership", {"as_of": "2024-12-31", "depth": "3"}),
        ("/reports/membership", {"as_of": "2025-12-31", "depth": "3"}),
        (f"/reports/membership/units/{s.tree.D1}", {"as_of": "2025-06-30"}),
        (f"/reports/campaigns/{k}", {}),
        (f"/reports/campaigns/{k}", {"as_of": "2025-06-19"}),
        (f"/reports/campaigns/{k}", {"as_of": "2025-07-22"}),
        (f"/reports/campaigns/{k2}", {}),
        ("/reports/campaigns", {}),
        ("/reports/campaigns", {"as_of": "2025-07-01", "state": "closed"}),
        ("/reports/campaigns", {"type": "emergency_relief"}),
        ("/reports/campaigns/by-unit", {"as_of": "2025-06-30", "period_from": "2025-05-01", "depth": "2"}),
        ("/reports/campaigns/by-unit", {"as_of": "2025-12-31", "depth": "2"}),
        ("/reports/campaigns/by-unit", {"as_of": "2025-12-31", "depth": "1", "campaign_id": k}),
        ("/reports/campaigns/by-period", {"campaign_id": k, "granularity": "month"}),
        ("/reports/campaigns/by-period", {"campaign_id": k, "granularity": "day"}),
        ("/reports/campaigns/by-period", {"granularity": "month"}),
    ]


async def http_snapshot(client: httpx.AsyncClient, s: Relief) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, params in endpoints(s):
        r = await client.get(path, params=params)
        assert r.status_code == 200, (path, params, r.text)
        out[f"{path}?{sorted(params.items())}"] = r.json()
    status = (await client.get("/reports/status")).json()
    out["status"] = {
        name: {k: v for k, v in c.items() if k != "last_processed_at"} for name, c in status["consumers"].items()
    }
    return out


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


async def test_rebuild_replays_every_topic_into_fresh_tables_with_identical_report_json(
    infra: Any, pool: asyncpg.Pool, producer: AIOKafkaProducer, namespace: str
) -> None:
    s = Relief()
    member_events, campaign_events = s.tree.events(), s.events()
    # live: what the two consumer groups had done, each in its own arrival order
    await feed(pool, interleave(member_events, seed=5))
    await feed_campaigns(pool, interleave(campaign_events, seed=6), batch=4)
    # the broker: every topic, in another order across topics, some sends retried by the producer
    await publish(producer, namespace, list(reversed(campaign_events)) + campaign_events[:3] + member_events)

    # public answers read again on every request (RC_PUBLIC_FRESH_MS=0): this test changes the tables
    # behind the app's back (drift, then the rebuild), which a serving process sees only within that bound
    app = build_app(Settings(public_fresh_ms=0), relay=False, consumers=False)
    app.state.runtime.pool = pool
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as client:
        expected = await http_snapshot(client, s)
        async with pool.acquire() as conn:  # drift that a rebuild must wipe out, in both projections
            await conn.execute("UPDATE rpt_campaign_donations SET amount_vnd = amount_vnd + 1")
            await conn.execute("UPDATE rpt_campaign_cohorts SET cash_vnd = cash_vnd + 1, donors = donors + 1")
            await conn.execute("DELETE FROM rpt_campaign_unit_cohorts")
            await conn.execute("DELETE FROM rpt_campaign_targets_reached")
            await conn.execute("INSERT INTO rpt_campaigns (campaign_id, code) VALUES ($1, 'GHOST')", uuid.uuid4())
            await conn.execute("UPDATE rpt_membership_spans SET status = 'deceased'")
        assert await http_snapshot(client, s) != expected

        settings = Settings(kafka_bootstrap_servers=infra.kafka_bootstrap)
        results = await rebuild_all(
            pool, producer, "reporting-test", lambda topics: read_to_end(settings, topics, batch_size=7), namespace
        )

        assert set(results) == {"reporting.members", "reporting.campaigns"}
        m, c = results["reporting.members"], results["reporting.campaigns"]
        assert (m.records, m.applied, m.duplicates, m.dead_lettered) == (len(member_events), len(member_events), 0, 0)
        assert (c.records, c.applied, c.duplicates, c.dead_lettered) == (
            len(campaign_events) + 3,
            len(campaign_events),
            3,
            0,
        )
        assert await http_snapshot(client, s) == expected


def test_rebuild_command_rebuilds_both_projections_and_prints_the_counts(infra: Any, namespace: str) -> None:
    import asyncio

    s = Relief()
    member_events, campaign_events = s.tree.events(), s.events()
    n_members, n_campaigns = len(member_events), len(campaign_events)

    async def prepare() -> tuple[str, list[Any]]:
        dsn = await create_database_async(infra.admin_dsn, "it_reporting_cli")
        await migrate(dsn, [MIGRATIONS])
        pool = await create_pool(dsn, 1, 2)
        p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
        await p.start()
        try:
            await publish(p, namespace, member_events + campaign_events)
            await feed(pool, member_events)
            await feed_campaigns(pool, campaign_events)
            expected = [await snapshot(pool), await campaign_snapshot(pool, s)]
            async with pool.acquire() as conn:
                await conn.execute("DELETE FROM rpt_unit_versions")
                await conn.execute("DELETE FROM rpt_campaign_donations")
                await conn.execute("DELETE FROM rpt_campaign_cohorts")
        finally:
            await p.stop()
            await pool.close()
        return dsn, expected

    async def after(dsn: str) -> list[Any]:
        pool = await create_pool(dsn, 1, 2)
        try:
            return [await snapshot(pool), await campaign_snapshot(pool, s)]
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
        total = n_members + n_campaigns
        assert (out["records"], out["applied"], out["dead_lettered"]) == (total, total, 0)
        assert out["consumers"]["reporting.members"]["applied"] == n_members
        assert out["consumers"]["reporting.campaigns"]["applied"] == n_campaigns
        assert out["status"]["events_applied"] == n_members  # the top-level status is the members consumer's
        assert out["status"]["consumers"][campaigns_consumer.name]["events_applied"] == n_campaigns
        assert asyncio.run(after(dsn)) == expected
    finally:
        asyncio.run(drop_database_async(infra.admin_dsn, dsn))
