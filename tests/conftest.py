"""Shared pytest fixtures.

Infrastructure (Kafka + PostgreSQL) is chosen by ``tests/infra.py``: env vars, else testcontainers
when a Docker engine answers, else the local launcher (``rc_local.stack``). It is started lazily,
only when a test (or fixture) requests ``infra``, so unit tests never start Kafka.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.infra import Endpoints, select_infrastructure

pytest_plugins = ["tests.skip_policy"]


@pytest.fixture(scope="session")
def infra() -> Iterator[Endpoints]:
    """Kafka bootstrap servers + PostgreSQL admin DSN for the whole session (see tests/infra.py)."""
    with ExitStack() as cleanup:
        yield select_infrastructure(cleanup)
