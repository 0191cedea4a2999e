"""Test databases are copies of a template migrated once per set of migrations (tests/infra.py), and
the migrations themselves still run from scratch: each service's migrations applied to an empty
database leave exactly what a copy of its template holds, and a changed migration names another
template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncpg
import pytest

from rc_shared.db import BACKBONE_MIGRATIONS, migrate, migration_files
from tests.infra import (
    create_database_async,
    drop_template_async,
    migrated_template_async,
    service_migrations,
    template_name,
)

# Every object a migration can leave, one text line each, and every table's row count.
_SCHEMA = """
SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default)
  FROM information_schema.columns WHERE table_schema = 'public'
UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
UNION ALL SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL SELECT 'function ' || pg_get_functiondef(oid)
  FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prokind IN ('f', 'p')
UNION ALL SELECT format('trigger %s %s', tgrelid::regclass, pg_get_triggerdef(oid))
  FROM pg_trigger WHERE NOT tgisinternal
UNION ALL SELECT format('view %s %s', viewname, definition) FROM pg_views WHERE schemaname = 'public'
UNION ALL SELECT format('matview %s %s', matviewname, definition) FROM pg_matviews WHERE schemaname = 'public'
UNION ALL SELECT format('extension %s %s', extname, extversion) FROM pg_extension
UNION ALL SELECT format('sequence %s %s', sequencename, last_value) FROM pg_sequences WHERE schemaname = 'public'
UNION ALL SELECT format('migration %s %s', version, checksum) FROM schema_migrations
"""


async def _schema(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        lines = [r[0] for r in await conn.fetch(_SCHEMA)]
        for (table,) in await conn.fetch("SELECT format('%I', tablename) FROM pg_tables WHERE schemaname = 'public'"):
            lines.append(f"rows {table} {await conn.fetchval(f'SELECT count(*) FROM {table}')}")
        return sorted(lines)
    finally:
        await conn.close()


@pytest.mark.parametrize("service", ["members", "campaigns", "donations", "reporting"])
async def test_a_service_s_migrations_from_scratch_leave_what_its_template_copy_holds(
    infra: Any, drop_later: list[str], service: str
) -> None:
    migrations = service_migrations(service)
    scratch = await create_database_async(infra.admin_dsn, f"scratch_{service}")
    copy = await create_database_async(infra.admin_dsn, f"copy_{service}", migrations=[migrations])
    drop_later += [scratch, copy]

    applied = await migrate(scratch, [migrations])
    assert applied == [v for v, _ in migration_files([BACKBONE_MIGRATIONS, migrations])]  # every one, now
    assert await migrate(copy, [migrations]) == []  # the copy is migrated already: nothing to apply
    scratch_schema = await _schema(scratch)
    assert sum(line.startswith("column ") for line in scratch_schema) > 10
    assert scratch_schema == await _schema(copy)


async def test_a_changed_added_or_edited_migration_names_another_template(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    migrations = tmp_path / "rc_example" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "0001_a.sql").write_text("CREATE TABLE a (id int PRIMARY KEY);")
    first = template_name([migrations])
    (migrations / "0002_b.sql").write_text("CREATE TABLE b (id int PRIMARY KEY);")
    added = template_name([migrations])
    (migrations / "0001_a.sql").write_text("CREATE TABLE a (id bigint PRIMARY KEY);")
    edited = template_name([migrations])
    assert len({first, added, edited}) == 3

    try:
        assert await migrated_template_async(infra.admin_dsn, [migrations]) == edited
        dsn = await create_database_async(infra.admin_dsn, "copy_example", migrations=[migrations])
        drop_later.append(dsn)
        conn = await asyncpg.connect(dsn)
        try:
            versions = [r[0] for r in await conn.fetch("SELECT version FROM schema_migrations ORDER BY version")]
            column = await conn.fetchval(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'id'"
            )
        finally:
            await conn.close()
        own = [v for v in versions if v.startswith("rc_example/")]
        assert own == ["rc_example/0001_a.sql", "rc_example/0002_b.sql"]
        assert column == "bigint"
    finally:
        await drop_template_async(infra.admin_dsn, edited)
