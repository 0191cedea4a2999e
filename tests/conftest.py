"""Shared pytest fixtures, and the order the suite runs in.

Infrastructure (Kafka + PostgreSQL) is chosen by ``tests/infra.py``: env vars, else testcontainers
when a Docker engine answers, else the local launcher (``rc_local.stack``). It is started lazily,
only when a test (or fixture) requests ``infra``, so unit tests never start Kafka.

Order: the fast, self-contained tests first (unit, contract, deploy), then the integration tests,
then the end-to-end tests; a broken unit fails the run in seconds, and the end-to-end systems
(service processes) are up only while the end-to-end tests run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.infra import Endpoints, select_infrastructure

pytest_plugins = ["tests.skip_policy"]

TESTS = Path(__file__).parent
ORDER = ("unit", "contract", "deploy", "integration", "e2e")  # a directory not listed runs before integration


def _rank(item: pytest.Item) -> float:
    try:
        top = item.path.relative_to(TESTS).parts[0]
    except ValueError:  # a test outside tests/ (a path given on the command line)
        top = ""
    return ORDER.index(top) if top in ORDER else ORDER.index("integration") - 0.5


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the suite's parts in ``ORDER``; within a part, pytest's own order (stable sort)."""
    items.sort(key=_rank)


@pytest.fixture(scope="session")
def infra() -> Iterator[Endpoints]:
    """Kafka bootstrap servers + PostgreSQL admin DSN for the whole session (see tests/infra.py)."""
    with ExitStack() as cleanup:
        yield select_infrastructure(cleanup)
