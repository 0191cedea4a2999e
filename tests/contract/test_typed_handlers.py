"""``Consumer.on`` / ``on_many`` type the handler's envelope: mypy (strict) accepts a handler of the
registered event types without any narrowing, and refuses one that expects another event."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

SNIPPET = """
import asyncpg

from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
from rc_shared.events.members import UnitCreated, UnitDissolved, UnitMerged, UnitMoved

c = Consumer("typing")


@c.on(UnitCreated)
async def created(conn: asyncpg.Connection, env: Envelope[UnitCreated]) -> None:
    await conn.execute("SELECT $1, $2", env.data.code, env.id)


@c.on(UnitMerged, UnitDissolved)
async def ended(conn: asyncpg.Connection, env: Envelope[UnitMerged | UnitDissolved]) -> None:
    await conn.execute("SELECT $1", env.data.valid_from)


@c.on_many(UnitMoved)
async def moved(conn: asyncpg.Connection, envs: list[Envelope[UnitMoved]]) -> None:
    await conn.executemany("SELECT $1", [(e.data.parent_id,) for e in envs])


@c.on(UnitCreated)  # WRONG: the handler expects another event
async def mistaken(conn: asyncpg.Connection, env: Envelope[UnitMoved]) -> None:
    await conn.execute("SELECT $1", env.data.parent_id)


@c.on(UnitMerged, UnitDissolved)  # WRONG: only one of the two types
async def half(conn: asyncpg.Connection, env: Envelope[UnitMerged]) -> None:
    await conn.execute("SELECT $1", env.data.into_unit_id)
"""


def test_mypy_types_a_handler_by_its_registered_events(tmp_path: Path) -> None:
    src = tmp_path / "handlers_snippet.py"
    src.write_text(SNIPPET)
    r = subprocess.run(
        [str(BIN / "mypy"), "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(src)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = re.findall(r"handlers_snippet\.py:(\d+): error", r.stdout)
    wrong = [n for n, line in enumerate(SNIPPET.splitlines(), start=1) if "# WRONG" in line]
    assert len(wrong) == 2
    assert sorted({int(e) for e in errors}) == wrong, r.stdout
