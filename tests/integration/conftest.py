"""Fixtures for tests against the real Kafka broker and PostgreSQL (see tests/infra.py)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.infra import create_database, drop_database


@pytest.fixture(scope="session", autouse=True)
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
    return f"t{uuid.uuid4().hex[:10]}."


@pytest.fixture
def fresh_dsn(infra: Any) -> Iterator[str]:
    """A new, empty database for one test."""
    dsn = create_database(infra.admin_dsn, "it")
    yield dsn
    drop_database(infra.admin_dsn, dsn)


@pytest.fixture
async def kafka_admin(infra: Any) -> AsyncIterator[Any]:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    yield admin
    await admin.close()
