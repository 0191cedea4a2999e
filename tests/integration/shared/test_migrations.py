"""Migrations against PostgreSQL: a rollback's code on a newer schema says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from structlog.testing import capture_logs

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
