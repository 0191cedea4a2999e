"""PostgreSQL access: pools and SQL migrations applied in order, once, under an advisory lock.

Statement timeouts: a pool or connection made with ``statement_timeout_s`` has PostgreSQL cancel
any statement running longer (asyncpg raises ``QueryCanceledError``), so no request can keep a
backend busy; ``local_statement_timeout`` sets another bound for one transaction (consumer
batches). Migrations run without one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import asyncpg

from rc_shared.logging import get_logger

log = get_logger(__name__)

BACKBONE_MIGRATIONS = Path(str(resources.files("rc_shared") / "sql"))
_MIGRATION_LOCK = 0x52430001  # "RC" + 1


async def _init_connection(conn: asyncpg.Connection) -> None:
    for typ in ("json", "jsonb"):
        await conn.set_type_codec(typ, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


def server_settings(statement_timeout_s: float | None) -> dict[str, str]:
    """asyncpg ``server_settings`` of a connection with that statement timeout (None: the server's)."""
    return {} if statement_timeout_s is None else {"statement_timeout": _ms(statement_timeout_s)}


def _ms(seconds: float) -> str:
    return f"{max(1, round(seconds * 1000))}ms"


async def create_pool(
    dsn: str, min_size: int = 2, max_size: int = 10, statement_timeout_s: float | None = None
) -> asyncpg.Pool:
    """A pool whose statements are cancelled after ``statement_timeout_s`` (None: the server's setting)."""
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        server_settings=server_settings(statement_timeout_s),
    )
    assert pool is not None
    return pool


async def connect(dsn: str, statement_timeout_s: float | None = None) -> asyncpg.Connection:
    conn = await asyncpg.connect(dsn, server_settings=server_settings(statement_timeout_s))
    await _init_connection(conn)
    return conn


async def local_statement_timeout(conn: asyncpg.Connection, seconds: float) -> None:
    """Bound the statements of the current transaction by ``seconds`` instead of the connection's."""
    await conn.execute("SELECT set_config('statement_timeout', $1, true)", _ms(seconds))


def migration_files(dirs: Sequence[Path]) -> list[tuple[str, Path]]:
    """(version, file) pairs: the backbone's first, then each directory's *.sql in name order."""
    out: list[tuple[str, Path]] = []
    for d in dirs:
        for f in sorted(Path(d).glob("*.sql")):
            out.append((f"{Path(d).parent.name}/{f.name}", f))
    return out


async def migrate(dsn: str, dirs: Sequence[Path]) -> list[str]:
    """Apply pending migrations (backbone first); return the versions applied now."""
    applied_now: list[str] = []
    conn = await connect(dsn)
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK)
        try:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version text PRIMARY KEY, checksum text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done: dict[str, str] = {
                r["version"]: r["checksum"] for r in await conn.fetch("SELECT version, checksum FROM schema_migrations")
            }
            for version, path in migration_files([BACKBONE_MIGRATIONS, *dirs]):
                sql = path.read_text()
                checksum = hashlib.sha256(sql.encode()).hexdigest()
                if version in done:
                    if done[version] != checksum:
                        log.warning("migration_changed_after_apply", version=version)
                    continue
                async with conn.transaction():
                    await conn.execute(sql)
                    await conn.execute(
                        "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", version, checksum
                    )
                applied_now.append(version)
                log.info("migration_applied", version=version)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK)
    finally:
        await conn.close()
    return applied_now
