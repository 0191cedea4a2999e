"""Fixtures: the members app on a fresh PostgreSQL database and the real Kafka broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest

from rc_members import MIGRATIONS
from rc_members.entrypoints.app import build_app
from rc_members.settings import Settings
from rc_shared.auth import generate_keys
from tests.infra import create_database_async


@pytest.fixture(scope="module")
async def members_dsn(infra: Any, drop_later: list[str]) -> str:
    dsn = await create_database_async(infra.admin_dsn, "members", migrations=[MIGRATIONS])
    drop_later.append(dsn)
    return dsn


@pytest.fixture(scope="module")
async def client(infra: Any, members_dsn: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the members app (inside its lifespan; the relay off so outbox rows stay put)."""
    settings = Settings(
        database_url=members_dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        log_json=False,
        log_level="WARNING",
    )
    app = build_app(settings, relay=False, consumers=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://members", timeout=120) as c:
            yield c


@pytest.fixture(scope="module")
async def db(client: httpx.AsyncClient, members_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(members_dsn)
    yield conn
    await conn.close()


@pytest.fixture(scope="module")
async def authed(
    infra: Any, members_dsn: str, client: httpx.AsyncClient, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[httpx.AsyncClient, bytes]]:
    """A second app on the same database with access control on; and the private key of its tokens
    (:func:`tests.integration.members.helpers.bearer` signs them)."""
    private, public = generate_keys(tmp_path_factory.mktemp("auth"))
    settings = Settings(
        database_url=members_dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        log_json=False,
        log_level="WARNING",
        auth_enabled=True,
        auth_public_key_file=str(public),
    )
    app = build_app(settings, relay=False, consumers=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://members", timeout=120) as c:
            yield c, private.read_bytes()
