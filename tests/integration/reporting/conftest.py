"""Fixtures of the reporting projection tests: a migrated, empty reporting database and its pool.

Each test gets a database as a fresh migration leaves it. The databases are reused: after a test,
every table but ``schema_migrations`` is emptied (``TRUNCATE ... RESTART IDENTITY``, which also
resets the outbox's id sequence) and the database goes back to the package's free list. They are
dropped together after the package: a ``DROP DATABASE`` waits for an immediate checkpoint,
seconds on a busy server, so one per test was most of these tests' time (concurrent drops share
one checkpoint).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import asyncpg
import pytest

from rc_reporting.entrypoints.app import MIGRATIONS
from rc_shared.db import create_pool
from tests.infra import create_database_async, drop_database_async, drop_databases_async

PoolFactory = Callable[[], Awaitable[asyncpg.Pool]]


_TABLES = (
    "SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables"
    " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
)


class Databases:
    """Migrated reporting databases: ``take()`` an empty one, ``give_back()`` it after the test."""

    def __init__(self, admin_dsn: str) -> None:
        self.admin_dsn = admin_dsn
        self.migrated: list[str] | None = None  # the tables a fresh migration leaves
        self.all: list[str] = []
        self.free: list[str] = []

    async def take(self) -> str:
        if self.free:
            return self.free.pop()
        dsn = await create_database_async(self.admin_dsn, "it_reporting", migrations=[MIGRATIONS])
        self.all.append(dsn)
        if self.migrated is None:
            conn = await asyncpg.connect(dsn)
            try:
                self.migrated = [r["name"] for r in await conn.fetch(_TABLES)]
            finally:
                await conn.close()
        return dsn

    async def give_back(self, dsn: str) -> None:
        """Empty every table but ``schema_migrations`` and free the database; one whose tables
        are no longer those of the migration (a test changed the schema) is dropped instead."""
        conn = await asyncpg.connect(dsn)
        try:
            tables = [r["name"] for r in await conn.fetch(_TABLES)]
            if tables == self.migrated:
                data = [t for t in tables if t != "public.schema_migrations"]
                await conn.execute(f"TRUNCATE {', '.join(data)} RESTART IDENTITY CASCADE")
        finally:
            await conn.close()
        if tables == self.migrated:
            self.free.append(dsn)
        else:
            self.all.remove(dsn)
            await drop_database_async(self.admin_dsn, dsn)


@pytest.fixture(scope="package")
async def reporting_databases(infra: Any) -> AsyncIterator[Databases]:
    dbs = Databases(infra.admin_dsn)
    yield dbs
    await drop_databases_async(infra.admin_dsn, dbs.all)


@pytest.fixture
async def new_pool(reporting_databases: Databases) -> AsyncIterator[PoolFactory]:
    """Makes pools on empty, migrated reporting databases (emptied again after the test)."""
    made: list[tuple[str, asyncpg.Pool]] = []

    async def make() -> asyncpg.Pool:
        dsn = await reporting_databases.take()
        pool = await create_pool(dsn, 1, 4)
        made.append((dsn, pool))
        return pool

    yield make
    for dsn, pool in made:
        await pool.close()
        await reporting_databases.give_back(dsn)


@pytest.fixture
async def pool(new_pool: PoolFactory) -> asyncpg.Pool:
    return await new_pool()
