"""The local infrastructure as one unit: Kafka (:mod:`rc_local.kafka`) + PostgreSQL
(:mod:`rc_local.postgres`), both without containers, state under :func:`state_dir`.

Environment:

* ``RC_STATE_DIR``: where jars, data, logs and pid files live (default ``<repo>/.local``).
* ``KAFKA_BOOTSTRAP_SERVERS``: use this broker; the local one is then neither started nor stopped.
* ``DATABASE_URL``: admin DSN of a PostgreSQL server to use instead of the local one (a role that
  may ``CREATE DATABASE``); the local server is then neither started nor stopped.
* ``RC_KAFKA_PORT`` / ``RC_KAFKA_CONTROLLER_PORT`` / ``RC_POSTGRES_PORT``: local ports
  (defaults 19092 / 19093 / 55432).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rc_local import kafka, postgres

__all__ = [
    "SERVICE_DATABASES",
    "Endpoints",
    "InfraStatus",
    "down_infra",
    "infra_status",
    "repo_root",
    "state_dir",
    "up_infra",
]

#: One database per service, created by :func:`up_infra`.
SERVICE_DATABASES: tuple[str, ...] = ("members", "campaigns", "donations", "reporting")


@dataclass(frozen=True)
class Endpoints:
    """Where the infrastructure answers."""

    kafka_bootstrap: str
    """``host:port[,host:port...]`` of the Kafka broker(s)."""
    admin_dsn: str
    """PostgreSQL DSN of a role allowed to create databases (``postgresql://...``)."""


@dataclass(frozen=True)
class InfraStatus:
    """Status of both pieces; ``*_external`` is set when an env var points elsewhere."""

    kafka: kafka.KafkaStatus
    postgres: postgres.PostgresStatus
    kafka_external: str | None
    """Value of ``KAFKA_BOOTSTRAP_SERVERS`` when set (the local broker is then not used)."""
    database_external: str | None
    """Value of ``DATABASE_URL`` when set (the local server is then not used)."""


def repo_root() -> Path:
    """The repository root: the nearest folder above this file holding the ``dev`` script.

    Falls back to the current directory (e.g. when installed outside a checkout).
    """
    for folder in Path(__file__).resolve().parents:
        if (folder / "dev").is_file() and (folder / "pyproject.toml").is_file():
            return folder
    return Path.cwd()


def state_dir() -> Path:
    """``$RC_STATE_DIR`` or ``<repo root>/.local`` (git-ignored), created if missing."""
    env = os.environ.get("RC_STATE_DIR")
    path = Path(env).expanduser() if env else repo_root() / ".local"
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


def _port(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _start_kafka(state: Path) -> str:
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        return external
    return kafka.start(
        state,
        _port("RC_KAFKA_PORT", kafka.DEFAULT_PORT),
        _port("RC_KAFKA_CONTROLLER_PORT", kafka.DEFAULT_CONTROLLER_PORT),
    )


def _start_postgres(state: Path) -> str:
    external = os.environ.get("DATABASE_URL")
    if external:
        return external
    return postgres.start(state, _port("RC_POSTGRES_PORT", postgres.DEFAULT_PORT))


def up_infra(databases: Sequence[str] = SERVICE_DATABASES) -> Endpoints:
    """Start (or reuse) Kafka and PostgreSQL and return their endpoints.

    A piece whose env var (``KAFKA_BOOTSTRAP_SERVERS`` / ``DATABASE_URL``) is set is not started;
    its env value is returned instead. Both start in parallel; idempotent. ``databases`` are
    created when missing (default: one per service; pass ``()`` to skip).
    """
    state = state_dir()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="rc-infra") as pool:
        kafka_future = pool.submit(_start_kafka, state)
        postgres_future = pool.submit(_start_postgres, state)
        admin_dsn = postgres_future.result()
        bootstrap = kafka_future.result()
    if databases:
        postgres.ensure_databases(admin_dsn, list(databases))
    return Endpoints(kafka_bootstrap=bootstrap, admin_dsn=admin_dsn)


def down_infra() -> dict[str, bool]:
    """Stop the local broker and server (data kept); pieces given by env vars are left alone.

    Returns ``{"kafka": stopped?, "postgres": stopped?}``.
    """
    state = state_dir()
    result = {"kafka": False, "postgres": False}
    if not os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        result["kafka"] = kafka.stop(state)
    if not os.environ.get("DATABASE_URL"):
        result["postgres"] = postgres.stop(state)
    return result


def infra_status() -> InfraStatus:
    """Status of the local broker and server, plus any env-var overrides in effect."""
    state = state_dir()
    return InfraStatus(
        kafka=kafka.status(state),
        postgres=postgres.status(state),
        kafka_external=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
        database_external=os.environ.get("DATABASE_URL") or None,
    )
