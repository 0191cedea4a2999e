"""Fixtures of the reporting projection tests: a migrated fresh database and its pool."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import asyncpg
import pytest

from rc_reporting.entrypoints.app import MIGRATIONS
from rc_shared.db import create_pool, migrate
from tests.infra import create_database_async, drop_database_async

PoolFactory = Callable[[], Awaitable[asyncpg.Pool]]


@pytest.fixture
async def new_pool(infra: Any) -> AsyncIterator[PoolFactory]:
    """Makes pools on fresh, migrated reporting databases (dropped after the test)."""
    made: list[tuple[str, asyncpg.Pool]] = []

    async def make() -> asyncpg.Pool:
        dsn = await create_database_async(infra.admin_dsn, "it_reporting")
        await migrate(dsn, [MIGRATIONS])
        pool = await create_pool(dsn, 1, 4)
        made.append((dsn, pool))
        return pool

    yield make
    for dsn, pool in made:
        await pool.close()
        await drop_database_async(infra.admin_dsn, dsn)


@pytest.fixture
async def pool(new_pool: PoolFactory) -> asyncpg.Pool:
    return await new_pool()
