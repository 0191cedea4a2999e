"""Migrations against PostgreSQL: a rollback's code on a newer schema says so."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest
from structlog.testing import capture_logs

from rc_shared import db
from rc_shared.db import migrate

pytestmark = pytest.mark.integration


async def test_code_older_than_its_database_applies_nothing_and_warns_of_the_newer_versions(
    fresh_dsn: str, tmp_path: Path
) -> None:
    """``kubectl rollout undo`` runs the previous release's code on the schema the new one migrated:
    nothing is undone (migrations go forward only), and the log names the versions it does not know."""
    release = tmp_path / "svc" / "migrations"
    release.mkdir(parents=True)
    (release / "0001_a.sql").write_text("CREATE TABLE a (id int);")
    (release / "0002_b.sql").write_text("CREATE TABLE b (id int);")
    assert (await migrate(fresh_dsn, [release]))[-2:] == ["svc/0001_a.sql", "svc/0002_b.sql"]  # after the backbone
    (release / "0002_b.sql").unlink()  # the previous release's files
    with capture_logs() as logs:
        assert await migrate(fresh_dsn, [release]) == []
    [newer] = [e for e in logs if e["event"] == "database_schema_newer_than_code"]
    assert newer["unknown_versions"] == ["svc/0002_b.sql"] and newer["log_level"] == "warning"


async def test_a_migration_waits_for_a_lock_briefly_retries_then_fails_naming_it(
    fresh_dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration queued behind a long transaction's lock (a dump, a stream) made every write to the table
    queue behind it for as long: its lock waits are bounded and tried again; held too long, it fails."""
    release = tmp_path / "svc" / "migrations"
    release.mkdir(parents=True)
    (release / "0001_a.sql").write_text("CREATE TABLE a (id int);")
    await migrate(fresh_dsn, [release])
    (release / "0002_alter.sql").write_text("ALTER TABLE a ADD COLUMN b int;")
    monkeypatch.setattr(db, "MIGRATION_LOCK_TIMEOUT_S", 0.2)
    monkeypatch.setattr(db, "MIGRATION_LOCK_PAUSE_S", 0.1)
    monkeypatch.setattr(db, "MIGRATION_LOCK_ATTEMPTS", 3)
    holder = await asyncpg.connect(fresh_dsn)
    try:
        tx = holder.transaction()
        await tx.start()
        await holder.execute("SELECT * FROM a")  # a long reader: ACCESS SHARE until it ends
        with capture_logs() as logs, pytest.raises(asyncpg.LockNotAvailableError):
            await migrate(fresh_dsn, [release])
        assert [e["attempt"] for e in logs if e["event"] == "migration_lock_wait"] == [1, 2]

        async def release_soon() -> None:
            await asyncio.sleep(0.3)
            await tx.rollback()

        monkeypatch.setattr(db, "MIGRATION_LOCK_ATTEMPTS", 8)
        releasing = asyncio.create_task(release_soon())
        assert await migrate(fresh_dsn, [release]) == ["svc/0002_alter.sql"]  # once the reader is gone
        await releasing
    finally:
        await holder.close()
