"""PostgreSQL access: pools and SQL migrations applied in order, once, under an advisory lock.

Statement timeouts: a pool or connection made with ``statement_timeout_s`` has PostgreSQL cancel
any statement running longer (asyncpg raises ``QueryCanceledError``), so no request can keep a
backend busy; ``local_statement_timeout`` sets another bound for one transaction (consumer
batches). Migrations run without one.

Pool waits: inside an API request (:func:`acquire_bound`, set by the request middleware) taking a
connection from the pool waits at most the request's bound, then raises :class:`PoolBusy` (503
with Retry-After) instead of queueing; consumers, the relay and the CLI wait as long as needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar

import asyncpg

from rc_shared import clock
from rc_shared.errors import Unavailable
from rc_shared.logging import get_logger

log = get_logger(__name__)

BACKBONE_MIGRATIONS = Path(str(resources.files("rc_shared") / "sql"))
_MIGRATION_LOCK = 0x52430001  # "RC" + 1


async def _init_connection(conn: asyncpg.Connection) -> None:
    for typ in ("json", "jsonb"):
        await conn.set_type_codec(typ, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def _keep_session(conn: asyncpg.Connection) -> None:
    """A released pool connection keeps its session: nothing here sets session state (settings are
    transaction-local, advisory locks transaction-scoped, the relay LISTENs on its own connection), and
    asyncpg rolls back an open transaction before this. So no RESET ALL round trip per request, and a
    request is never failed by a reset outlasting the acquire bound (asyncpg times the reset with it)."""


# The server probes an idle connection's client after 10 s and gives it up after 3 unanswered probes
# 5 s apart (or 30 s of unacknowledged data): a process whose machine vanished (a lost node, a network
# partition) no longer holds its session's locks for the kernel's default of ~2 hours or ~15 minutes of
# retransmissions. Those locks matter: the outbox relay's (exactly one active per service: the others
# take over once it is released) and the migrations'. Each is a setting any user may set per session.
KEEPALIVES = {
    "tcp_keepalives_idle": "10",
    "tcp_keepalives_interval": "5",
    "tcp_keepalives_count": "3",
    "tcp_user_timeout": "30000",
}


def server_settings(statement_timeout_s: float | None) -> dict[str, str]:
    """asyncpg ``server_settings`` of a connection: that statement timeout (None: the server's), the
    server-side TCP keepalives (:data:`KEEPALIVES`) and the organisation's time zone (``CURRENT_DATE`` is
    its day: a unit's name "as of today" changed at 07:00 in Viet Nam on a server in UTC)."""
    timeout = {} if statement_timeout_s is None else {"statement_timeout": _ms(statement_timeout_s)}
    return {**KEEPALIVES, "TimeZone": clock.zone().key, **timeout}


def _ms(seconds: float) -> str:
    return f"{max(1, round(seconds * 1000))}ms"


# The longest the current task may wait for a pool connection (None: as long as it takes).
_ACQUIRE_BOUND: ContextVar[float | None] = ContextVar("rc_acquire_bound", default=None)


def current_acquire_bound() -> float | None:
    """The bound of :func:`acquire_bound` in force here (None: outside a request, no bound); what else a
    request may wait for (a shared batch, see the donations' group commit) is bounded by it too."""
    return _ACQUIRE_BOUND.get()


class WaitSlots(Protocol):
    """The request admission's budget of requests that wait holding no pool connection."""

    def park(self) -> bool:
        """Move the current request from the in-flight bound to this budget (False: it is full)."""
        ...

    def unpark(self) -> None:
        """Move it back."""
        ...


_WAIT_SLOTS: ContextVar[WaitSlots | None] = ContextVar("rc_wait_slots", default=None)


@contextlib.contextmanager
def wait_slots(slots: WaitSlots | None) -> Iterator[None]:
    """Within this block (one admitted request, set by the request middleware) the request may park in
    ``slots`` while it waits without a connection (:func:`waiting_without_connection`)."""
    token = _WAIT_SLOTS.set(slots)
    try:
        yield
    finally:
        _WAIT_SLOTS.reset(token)


@contextlib.contextmanager
def waiting_without_connection() -> Iterator[None]:
    """Within this block the current request waits for work others share (a group commit's batch) and
    holds no pool connection: it gives back its place under the in-flight bound (sized for requests
    that hold or wait for a connection) and takes one of the budget of such waits instead
    (``RC_HTTP_MAX_WAITING``), and takes its place back after. With that budget full, outside a
    request, or nested: nothing changes."""
    slots = _WAIT_SLOTS.get()
    if slots is None or not slots.park():
        yield
        return
    token = _WAIT_SLOTS.set(None)  # parked once: a nested wait changes nothing
    try:
        yield
    finally:
        _WAIT_SLOTS.reset(token)
        slots.unpark()


class PoolBusy(Unavailable):
    """No pool connection became free within the request's bound."""


@contextlib.contextmanager
def acquire_bound(seconds: float | None) -> Iterator[None]:
    """Within this block (and the tasks it starts), a pool connection is waited for at most ``seconds``."""
    token = _ACQUIRE_BOUND.set(seconds)
    try:
        yield
    finally:
        _ACQUIRE_BOUND.reset(token)


class _BoundedAcquire:
    """asyncpg's acquire context (awaitable or ``async with``), turning a bound's timeout into PoolBusy."""

    __slots__ = ("_bound", "_ctx")

    def __init__(self, pool: asyncpg.Pool, timeout: float | None, bound: float | None) -> None:
        self._bound = bound
        self._ctx = asyncpg.Pool.acquire(pool, timeout=timeout if timeout is not None else bound)

    def _busy(self) -> PoolBusy:
        return PoolBusy(f"the service is busy: no database connection became free within {self._bound:g} s")

    async def _wait(self) -> Any:
        try:
            return await self._ctx
        except TimeoutError:
            if self._bound is None:
                raise
            raise self._busy() from None

    def __await__(self) -> Any:
        return self._wait().__await__()

    async def __aenter__(self) -> Any:
        try:
            return await self._ctx.__aenter__()
        except TimeoutError:
            if self._bound is None:
                raise
            raise self._busy() from None

    async def __aexit__(
        self, et: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._ctx.__aexit__(et, exc, tb)


class Pool(asyncpg.Pool):  # type: ignore[misc]
    """asyncpg's pool, whose ``acquire`` honours :func:`acquire_bound` (the one place requests wait)."""

    def acquire(self, *, timeout: float | None = None) -> Any:
        bound = _ACQUIRE_BOUND.get()
        return _BoundedAcquire(self, timeout, bound if timeout is None else None)


async def create_pool(
    dsn: str, min_size: int = 2, max_size: int = 10, statement_timeout_s: float | None = None
) -> asyncpg.Pool:
    """A pool whose statements are cancelled after ``statement_timeout_s`` (None: the server's setting),
    and whose connections are waited for at most :func:`acquire_bound` inside a request."""
    pool = Pool(  # asyncpg.create_pool's defaults, with our class
        dsn,
        min_size=min_size,
        max_size=max_size,
        max_queries=50000,
        max_inactive_connection_lifetime=300.0,
        init=_init_connection,
        reset=_keep_session,
        loop=None,
        connection_class=asyncpg.Connection,
        record_class=asyncpg.Record,
        server_settings=server_settings(statement_timeout_s),
    )
    await pool
    return pool


async def connect(dsn: str, statement_timeout_s: float | None = None) -> asyncpg.Connection:
    conn = await asyncpg.connect(dsn, server_settings=server_settings(statement_timeout_s))
    await _init_connection(conn)
    return conn


T = TypeVar("T")


async def all_new_or(
    conn: asyncpg.Connection, all_new: Callable[[], Awaitable[T]], otherwise: Callable[[], Awaitable[T]]
) -> T:
    """``all_new()`` in a savepoint, else ``otherwise()``: for a projection's batch of rows that are nearly
    always new (a consumer's events), ``all_new`` inserts them with a plain INSERT, which a row already
    there fails with a unique violation (nothing of it kept), and ``otherwise`` with the statement that
    handles such rows (``ON CONFLICT``). The plain INSERT spares PostgreSQL a speculative insertion (and
    an upsert's lookup of the rows before) per row: a third of a consumer's projection INSERT."""
    try:
        async with conn.transaction():
            return await all_new()
    except asyncpg.UniqueViolationError:
        return await otherwise()


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


# A migration waits at most this long for each lock it takes (a table a long transaction holds: a dump, a
# stream, a consumer's batch); meanwhile every write to that table would queue behind its waiting request, and
# the service answer 503s for as long. Refused, it is tried again after a pause, up to MIGRATION_LOCK_ATTEMPTS
# times (then the migration fails, and the deployment with it, saying which lock it could not get).
MIGRATION_LOCK_TIMEOUT_S = 5.0
MIGRATION_LOCK_ATTEMPTS = 8
MIGRATION_LOCK_PAUSE_S = 2.0  # doubled after each refusal, at most 30 s


async def _apply(conn: asyncpg.Connection, version: str, sql: str, checksum: str) -> None:
    """One migration file in one transaction, bounded in its lock waits (retried, see above)."""
    pause = MIGRATION_LOCK_PAUSE_S
    for attempt in range(1, MIGRATION_LOCK_ATTEMPTS + 1):
        try:
            async with conn.transaction():
                await conn.execute("SELECT set_config('lock_timeout', $1, true)", _ms(MIGRATION_LOCK_TIMEOUT_S))
                await conn.execute(sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", version, checksum
                )
            return
        except asyncpg.LockNotAvailableError as exc:
            if attempt == MIGRATION_LOCK_ATTEMPTS:
                raise
            log.warning("migration_lock_wait", version=version, attempt=attempt, error=str(exc), pause_s=pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 30.0)


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
            files = migration_files([BACKBONE_MIGRATIONS, *dirs])
            newer = sorted(set(done) - {v for v, _ in files})
            if newer:  # a rollback: this code runs on a schema a later release migrated (deploy.md, "Rollback")
                log.warning("database_schema_newer_than_code", unknown_versions=newer)
            for version, path in files:
                sql = path.read_text()
                checksum = hashlib.sha256(sql.encode()).hexdigest()
                if version in done:
                    if done[version] != checksum:
                        log.warning("migration_changed_after_apply", version=version)
                    continue
                await _apply(conn, version, sql, checksum)
                applied_now.append(version)
                log.info("migration_applied", version=version)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK)
    finally:
        await conn.close()
    return applied_now


def like_escaped(text: str) -> str:
    """``text`` as a literal part of a LIKE pattern: its backslashes, ``%`` and ``_`` escaped (the default
    escape character), so that a search for "50%" or "a_b" finds those characters, not any."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def insert_row(conn: asyncpg.Connection, table: str, **values: Any) -> None:
    """Insert one row into ``table``, each value into the column of its name.

    ``table`` and the names are the code's own identifiers (never input); the values are bound.
    """
    params = ", ".join(f"${i}" for i in range(1, len(values) + 1))
    await conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({params})", *values.values())
