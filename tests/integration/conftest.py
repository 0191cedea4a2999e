"""Fixtures for tests against the real Kafka broker and PostgreSQL (see tests/infra.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.infra import create_database, drop_databases_async, new_namespace


@pytest.fixture(scope="package", autouse=True)  # not "session": it must not leak into later unit tests
def _auth_off_for_in_process_apps() -> Iterator[None]:
    """Integration tests drive one service's use cases in process; access control is tested on
    its own (tests/e2e/test_authorization.py, with real tokens against running services)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("RC_AUTH_ENABLED", "false")
    yield
    mp.undo()


@pytest.fixture
def namespace() -> str:
    """A topic/consumer-group prefix unique to one test: tests share the broker, not topics."""
    return new_namespace("t")


@pytest.fixture(scope="package")
async def drop_later(infra: Any) -> AsyncIterator[list[str]]:
    """Databases to drop after the integration tests, all at once: each ``DROP DATABASE`` waits for
    an immediate checkpoint (seconds on a busy server), and concurrent drops share one."""
    dsns: list[str] = []
    yield dsns
    await drop_databases_async(infra.admin_dsn, dsns)


@pytest.fixture
def fresh_dsn(infra: Any, drop_later: list[str]) -> str:
    """A new, empty database for one test (dropped after the integration tests)."""
    dsn = create_database(infra.admin_dsn, "it")
    drop_later.append(dsn)
    return dsn


@pytest.fixture
async def kafka_admin(infra: Any) -> AsyncIterator[Any]:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    yield admin
    await admin.close()
