"""Fixtures: the donations app (API, relay, consumers) on a fresh database and the real Kafka broker.

Campaign and beneficiary events are published to the namespaced campaigns topics, as the campaigns
service would; the app's consumers open ledgers and record verified beneficiaries from them.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI

from rc_donations import MIGRATIONS
from rc_donations.entrypoints.app import build_app
from rc_donations.service_layer.policy import Policy
from rc_donations.settings import Settings
from rc_shared.db import connect
from rc_shared.envelope import Envelope, Event
from rc_shared.events.campaigns import (
    BeneficiaryVerified,
    CampaignCancelled,
    CampaignClosed,
    CampaignLaunched,
    CampaignSettled,
    Targets,
)
from tests.infra import create_database_async, free_port, new_namespace
from tests.integration.shared.helpers import unit_created


def migration_function(migration: str, name: str) -> str:
    """The function ``name`` as ``migration`` (a file of rc_donations' migrations) created it, as a
    ``CREATE OR REPLACE`` statement: a test puts an older version back to compare with or to upgrade from."""
    sql = (MIGRATIONS / migration).read_text()
    m = re.search(rf"CREATE FUNCTION {name}\(.*?\$\$;", sql, re.S)
    assert m is not None, f"{name} is not created in {migration}"
    return m.group(0).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


TODAY = Policy().today()


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture(scope="module")
def dn_namespace() -> str:
    return new_namespace("t")


@pytest.fixture(scope="module")
async def dn_dsn(infra: Any, drop_later: list[str]) -> str:
    dsn = await create_database_async(infra.admin_dsn, "donations", migrations=[MIGRATIONS])
    drop_later.append(dsn)
    return dsn


def make_settings(infra: Any, dsn: str, namespace: str, **extra: Any) -> Settings:
    """The tests' settings; ``extra`` adds to them or replaces them."""
    defaults: dict[str, Any] = dict(
        database_url=dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        kafka_namespace=namespace,
        consumer_session_timeout_ms=6000,
        consumer_heartbeat_interval_ms=500,
        outbox_poll_interval_s=0.2,
        db_pool_max=20,
        # these tests prove correctness under contention (dozens of requests on one ledger row), not
        # admission control (tests/unit/shared/test_admission.py): a slow machine must not turn a
        # wait for a pool connection into a 503
        db_pool_acquire_timeout_s=60,
        http_max_in_flight=1000,  # a burst of 180 concurrent gifts is admitted whole (batching is the point)
        # nor the write quota (tests/integration/shared, tests/e2e): a test that posts until a close reaches
        # the ledger sends as many as the machine allows in that time, more than 600 a minute when it is fast
        write_rate_per_minute=100_000,
        # nor the bound on a statement batch's wait for the batch before it: a test sends that one after it
        # saw the later one wait, and a slow machine must not turn the wait into a 503
        statement_turn_wait_s=60,
        log_json=False,
        log_level="WARNING",
    )
    return Settings(**(defaults | extra))


@pytest.fixture(scope="module")
def dn_app(infra: Any, dn_dsn: str, dn_namespace: str) -> FastAPI:
    """The donations app ``client`` talks to."""
    return build_app(make_settings(infra, dn_dsn, dn_namespace))


@pytest.fixture(scope="module")
async def client(dn_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    app = dn_app
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
        async with httpx.AsyncClient(transport=transport, base_url="http://donations", timeout=120) as c:
            yield c


@pytest.fixture(scope="module")
async def db(client: httpx.AsyncClient, dn_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(dn_dsn)
    yield conn
    await conn.close()


@pytest.fixture(scope="module")
async def producer(infra: Any) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


@dataclass
class Campaigns:
    """Plays the campaigns service: publishes its events and waits until the donations service saw them."""

    producer: AIOKafkaProducer
    namespace: str
    client: httpx.AsyncClient
    db: asyncpg.Connection

    async def publish(self, event: Event) -> Envelope:
        env = Envelope(data=event, source="/campaigns")
        await self.producer.send_and_wait(
            self.namespace + event.topic, value=env.value(), key=env.key(), headers=env.headers()
        )
        return env

    async def launch(
        self,
        *,
        receiving_from: date | None = None,
        receiving_until: date | None = None,
        distribution_deadline: date | None = None,
        participating: list[uuid.UUID] | None = None,
        cash_target: int | None = None,
        campaign_id: uuid.UUID | None = None,
    ) -> tuple[uuid.UUID, uuid.UUID]:
        """Launch a campaign; returns (campaign id, organising unit id) once its ledger is open."""
        campaign_id, unit = campaign_id or uuid.uuid4(), uuid.uuid4()
        start = receiving_from or TODAY - timedelta(days=30)
        until = receiving_until or TODAY + timedelta(days=30)
        await self.publish(
            CampaignLaunched(
                campaign_id=campaign_id,
                code=f"C{campaign_id.hex[:6].upper()}",
                name="Tết Nhân ái 2027",
                campaign_type="tet_nhan_ai",
                organising_unit_id=unit,
                participating_unit_ids=participating or [],
                receiving_from=start,
                receiving_until=until,
                distribution_deadline=distribution_deadline or until + timedelta(days=20),
                targets=Targets(cash_vnd=cash_target),
            )
        )

        async def opened() -> bool:
            return (await self.client.get(f"/campaigns/{campaign_id}/ledger")).status_code == 200

        await eventually(opened, what=f"ledger of {campaign_id} opened")
        return campaign_id, unit

    async def _status(self, campaign_id: uuid.UUID, status: str) -> None:
        async def reached() -> bool:
            return bool(
                await self.db.fetchval("SELECT status = $2 FROM ledgers WHERE campaign_id = $1", campaign_id, status)
            )

        await eventually(reached, what=f"ledger {campaign_id} {status}")

    async def close(self, campaign_id: uuid.UUID, on: date = TODAY, deadline: date | None = None) -> None:
        await self.publish(CampaignClosed(campaign_id=campaign_id, closed_on=on, distribution_deadline=deadline))
        await self._status(campaign_id, "closed")

    async def cancel(self, campaign_id: uuid.UUID, on: date = TODAY) -> None:
        await self.publish(CampaignCancelled(campaign_id=campaign_id, cancelled_on=on, reason="test"))
        await self._status(campaign_id, "cancelled")

    async def settle(self, campaign_id: uuid.UUID, on: date = TODAY, remainder_note: str = "") -> None:
        await self.publish(CampaignSettled(campaign_id=campaign_id, settled_on=on, remainder_note=remainder_note))
        await self._status(campaign_id, "settled")

    async def unit(self, unit_id: uuid.UUID | None = None, valid_from: date = date(2020, 1, 1)) -> uuid.UUID:
        """Plays the members service too: a new unit, once the donations service's tree has learnt it."""
        unit_id = unit_id or uuid.uuid4()
        env = unit_created(unit_id, valid_from)
        await self.producer.send_and_wait(
            self.namespace + env.topic, value=env.value(), key=env.key(), headers=env.headers()
        )

        async def learnt() -> bool:
            return bool(await self.db.fetchval("SELECT count(*) FROM scope_unit_versions WHERE unit_id = $1", unit_id))

        await eventually(learnt, what=f"unit {unit_id} in the tree")
        return unit_id

    async def verified_beneficiary(self, verified_on: date | None = None) -> uuid.UUID:
        b = uuid.uuid4()
        await self.publish(
            BeneficiaryVerified(
                beneficiary_id=b, unit_id=uuid.uuid4(), verified_on=verified_on or TODAY - timedelta(days=20)
            )
        )

        async def known() -> bool:
            return bool(await self.db.fetchval("SELECT verified_on IS NOT NULL FROM beneficiaries WHERE id = $1", b))

        await eventually(known, what=f"beneficiary {b} verified")
        return b


@pytest.fixture(scope="module")
async def campaigns(
    producer: AIOKafkaProducer, dn_namespace: str, client: httpx.AsyncClient, db: asyncpg.Connection
) -> Campaigns:
    return Campaigns(producer, dn_namespace, client, db)


@contextlib.asynccontextmanager
async def served(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` with a real uvicorn server on a free port (in this event loop); yields its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            if task.done() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture(scope="module")
async def second_instance(infra: Any, dn_dsn: str, dn_namespace: str, client: httpx.AsyncClient) -> AsyncIterator[str]:
    """Another replica of the service (API only) on the same database, behind a real HTTP server."""
    app = build_app(make_settings(infra, dn_dsn, dn_namespace), relay=False, consumers=False)
    async with served(app) as url:
        yield url


@pytest.fixture
async def ledger(infra: Any, drop_later: list[str]) -> AsyncIterator[tuple[asyncpg.Connection, uuid.UUID]]:
    """A fresh migrated donations database holding one open ledger: a connection to it and the ledger's id."""
    dsn = await create_database_async(infra.admin_dsn, "donations", migrations=[MIGRATIONS])
    drop_later.append(dsn)
    conn = await connect(dsn)
    cid = uuid.uuid4()
    await conn.execute(
        "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
        " receiving_until) VALUES ($1, 'LEDGER', 'x', 'emergency_relief', $2, $3, $3)",
        cid,
        uuid.uuid4(),
        TODAY - timedelta(days=1),
    )
    try:
        yield conn, cid
    finally:
        await conn.close()
