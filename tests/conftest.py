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

from tests.infra import Endpoints, delete_session_topics, select_infrastructure

pytest_plugins = ["tests.skip_policy", "tests.parallel"]

TESTS = Path(__file__).parent
# a directory not listed runs before integration
ORDER = ("unit", "contract", "deploy", "integration", "e2e", "containers")
CONTAINERS = TESTS / "containers"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--containers",
        action="store_true",
        default=False,
        help="also collect tests/containers, the container tier (a Docker engine and built images; "
        "see tests/containers/conftest.py). Without it, ./dev test is the main suite only.",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """tests/containers is collected only with ``--containers``."""
    inside = collection_path == CONTAINERS or CONTAINERS in collection_path.parents
    if inside and not config.getoption("--containers"):
        return True
    return None


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
        endpoints = select_infrastructure(cleanup)
        yield endpoints
        delete_session_topics(endpoints.kafka_bootstrap)
