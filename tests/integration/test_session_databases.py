"""A test session leaves no database behind (tests/infra.py): what it still holds at its end (the
end-to-end systems', which no fixture drops) is dropped then, and a later session on the same machine
drops what a session that died left, by the process id in the name; never another live session's,
never a database named otherwise."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path
from typing import Any

import asyncpg

from tests.infra import _loopback_host, create_database_async, sweep_dead_sessions_databases

REPO = Path(__file__).resolve().parents[2]


async def _admin(admin_dsn: str, *statements: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


def _existing(admin_dsn: str, names: list[str]) -> set[str]:
    async def ask() -> set[str]:
        conn = await asyncpg.connect(admin_dsn)
        try:
            rows = await conn.fetch("SELECT datname FROM pg_database WHERE datname = ANY($1::text[])", names)
        finally:
            await conn.close()
        return {r["datname"] for r in rows}

    return asyncio.run(ask())


async def test_a_database_s_name_carries_the_process_that_created_it(infra: Any, drop_later: list[str]) -> None:
    dsn = await create_database_async(infra.admin_dsn, "session_tag")
    drop_later.append(dsn)
    name = dsn.rsplit("/", 1)[1]
    assert (
        name.startswith(f"session_tag_pid{os.getpid()}_")
        and len(name) == len("session_tag_pid_") + len(str(os.getpid())) + 12
    )


def test_a_session_drops_the_databases_it_still_holds_at_its_end(infra: Any, tmp_path: Path) -> None:
    """A whole pytest session in a child process: one database dropped by its test, one left (as
    an end-to-end system's is); after the session neither exists."""
    names = tmp_path / "names.txt"
    (tmp_path / "test_child.py").write_text(
        textwrap.dedent(f"""
        from tests.infra import create_database, drop_database

        def test_leave_one(infra):
            kept = create_database(infra.admin_dsn, "child_kept")
            dropped = create_database(infra.admin_dsn, "child_dropped")
            drop_database(infra.admin_dsn, dropped)
            open({str(names)!r}, "w").write(kept.rsplit("/", 1)[1] + "\\n" + dropped.rsplit("/", 1)[1])
        """)
    )
    env = os.environ | {
        "RC_TEST_INFRA": "env",
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "DATABASE_URL": infra.admin_dsn,
    }
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stdout + child.stderr
    kept, dropped = names.read_text().split("\n")
    assert _existing(infra.admin_dsn, [kept, dropped]) == set()
    assert "1 of them dropped at the end" in child.stdout, child.stdout


def test_a_later_session_drops_only_dead_sessions_databases(infra: Any) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    suffix = uuid.uuid4().hex[:12]
    dead = f"sweep_dead_pid{finished.pid}_{suffix}"
    live = f"sweep_live_pid{os.getppid()}_{suffix}"  # the process that started this one
    mine = f"sweep_mine_pid{os.getpid()}_{suffix}"
    other = f"sweep_other_{suffix}"  # not a test session's name
    names = [dead, live, mine, other]
    asyncio.run(_admin(infra.admin_dsn, *(f'CREATE DATABASE "{n}"' for n in names)))
    try:
        swept = sweep_dead_sessions_databases(infra.admin_dsn)
        left = _existing(infra.admin_dsn, names)
        if _loopback_host(infra.admin_dsn):
            assert dead in swept and not {live, mine, other} & set(swept)
            assert left == {live, mine, other}
        else:  # a process id means nothing on another machine's server: nothing is swept
            assert swept == [] and left == set(names)
    finally:
        asyncio.run(_admin(infra.admin_dsn, *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names)))
