"""The reporting tests' database fixture (conftest.py): a reused database is as a fresh migration
leaves it, and one whose schema a test changed is dropped rather than reused."""

from __future__ import annotations

from typing import Any

import asyncpg

from rc_reporting.entrypoints.app import MIGRATIONS
from rc_shared.db import BACKBONE_MIGRATIONS, migration_files
from tests.infra import drop_databases_async
from tests.integration.reporting.conftest import Databases

OUTBOX_ROW = (
    "INSERT INTO outbox (event_id, topic, key, event_type, headers, payload)"
    " VALUES (gen_random_uuid(), 't', 'k', 'e', '{}', '{}') RETURNING id"
)


async def _rows_per_table(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        tables = await conn.fetch(
            "SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname = 'public'"
        )
        return {r["t"]: int(await conn.fetchval(f"SELECT count(*) FROM {r['t']}")) for r in tables}
    finally:
        await conn.close()


async def test_a_database_given_back_comes_back_empty_with_its_migrations(infra: Any) -> None:
    dbs = Databases(infra.admin_dsn)
    try:
        dsn = await dbs.take()
        conn = await asyncpg.connect(dsn)
        try:
            for _ in range(2):
                await conn.fetchval(OUTBOX_ROW)
            await conn.execute("INSERT INTO processed_events (consumer, event_id) VALUES ('c', gen_random_uuid())")
        finally:
            await conn.close()
        used = await _rows_per_table(dsn)
        assert (used["public.outbox_queue"], used["public.processed_events"]) == (2, 1)
        await dbs.give_back(dsn)

        assert await dbs.take() == dsn
        rows = await _rows_per_table(dsn)
        migrations = len(migration_files([BACKBONE_MIGRATIONS, MIGRATIONS]))
        assert rows.pop("public.schema_migrations") == migrations
        assert rows and set(rows.values()) == {0}, rows
        conn = await asyncpg.connect(dsn)
        try:  # the outbox's id sequence starts again, as in a fresh database
            assert await conn.fetchval(OUTBOX_ROW) == 1
        finally:
            await conn.close()
    finally:
        await drop_databases_async(infra.admin_dsn, dbs.all)


async def test_a_database_whose_schema_a_test_changed_is_dropped_not_reused(infra: Any) -> None:
    dbs = Databases(infra.admin_dsn)
    dsn = await dbs.take()
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("CREATE TABLE leftover (i int)")
    finally:
        await conn.close()
    await dbs.give_back(dsn)
    assert dbs.free == [] and dbs.all == []
    admin = await asyncpg.connect(infra.admin_dsn)
    try:
        assert await admin.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", dsn.rsplit("/", 1)[1]) == 0
    finally:
        await admin.close()
