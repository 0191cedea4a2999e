"""Fixtures: the campaigns app on a fresh PostgreSQL database and the real Kafka broker."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from rc_campaigns import MIGRATIONS
from rc_campaigns.entrypoints.app import build_app
from rc_campaigns.settings import Settings
from rc_shared import clock
from tests.infra import create_database_async
from tests.integration.campaigns.helpers import ORGANISER
from tests.integration.shared.helpers import learn_units, unit_created

SCENARIO_TODAY = date(2025, 1, 15)


@pytest.fixture(scope="package", autouse=True)
def _scenario_clock() -> Iterator[None]:
    """These scenarios take place in early 2025 (their dates say so): the organisation's clock stands
    on SCENARIO_TODAY, and a test moves it with ``clock.frozen`` when a step happens on a later day."""
    with clock.frozen(SCENARIO_TODAY):
        yield


def settings_for(infra: Any, dsn: str, namespace: str, **kw: Any) -> Settings:
    return Settings(
        database_url=dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        kafka_namespace=namespace,
        consumer_session_timeout_ms=6000,
        consumer_heartbeat_interval_ms=500,
        consumer_retry_backoff_s=0.2,
        outbox_poll_interval_s=0.2,
        log_json=False,
        log_level="WARNING",
        **kw,
    )


@contextlib.asynccontextmanager
async def running(settings: Settings, **roles: bool) -> AsyncIterator[httpx.AsyncClient]:
    """The app inside its lifespan (migrations, relay, consumers), with an HTTP client on it; the
    default organising unit of the tests (``ORGANISER``) is in its tree."""
    app = build_app(settings, **roles)
    async with app.router.lifespan_context(app):
        await learn_units(settings.database_url, "campaigns", [unit_created(ORGANISER)])
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://campaigns", timeout=60) as c:
            yield c


@pytest.fixture
async def producer(infra: Any) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


@pytest.fixture(scope="module")
async def module_dsn(infra: Any, drop_later: list[str]) -> str:
    dsn = await create_database_async(infra.admin_dsn, "campaigns", migrations=[MIGRATIONS])
    drop_later.append(dsn)
    return dsn


@pytest.fixture(scope="module")
async def client(infra: Any, module_dsn: str) -> AsyncIterator[httpx.AsyncClient]:
    """One app for a module's HTTP tests (relay and consumers off: outbox rows stay put)."""
    async with running(settings_for(infra, module_dsn, "unused."), relay=False, consumers=False) as c:
        yield c


@pytest.fixture(scope="module")
async def db(client: httpx.AsyncClient, module_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(module_dsn)
    yield conn
    await conn.close()
