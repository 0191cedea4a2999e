"""Shared pytest fixtures, and the order the suite runs in.

Infrastructure (Kafka + PostgreSQL) is chosen by ``tests/infra.py``: env vars, else testcontainers
when a Docker engine answers, else the local launcher (``rc_local.stack``). It is started lazily,
only when a test (or fixture) requests ``infra``, so unit tests never start Kafka.

Order: the fast, self-contained tests first (unit, contract, deploy), then the integration tests,
then the end-to-end tests; a broken unit fails the run in seconds. On xdist workers (the default,
tests/parallel.py) the unit and contract tests are still handed out first, then the longest
end-to-end scopes, then the rest in this order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import structlog
from structlog.dev import ConsoleRenderer, plain_traceback

from rc_shared import clock
from tests.infra import (
    CREATED,
    Endpoints,
    delete_session_topics,
    drop_session_databases,
    select_infrastructure,
    sweep_dead_sessions_databases,
)
from tests.tls import share_default_tls_context

# Within this many hours of the organisation's midnight, a run takes a zone where it is earlier.
MIDNIGHT_MARGIN_H = 3
EARLIER_ZONE = "Etc/GMT-3"  # UTC+3: four hours behind Viet Nam


def zone_for_a_run(now_utc: datetime, default: str = clock.DEFAULT_TIMEZONE) -> str | None:
    """The organisation's time zone for a test run starting at ``now_utc``: None (the default zone)
    unless its midnight is less than ``MIDNIGHT_MARGIN_H`` hours away, then ``EARLIER_ZONE``.
    Tests take "today" once (module constants, fixtures) while their services decide dates with the
    same clock, so a run must not cross that midnight: one started at 23:54 in Viet Nam had a gift
    dated "tomorrow" accepted, the services' today having moved on under it."""
    local = now_utc.astimezone(ZoneInfo(default))
    return EARLIER_ZONE if local.hour >= 24 - MIDNIGHT_MARGIN_H else None


# Decided once, before any test module is imported; every service process, in-process app and
# compose container of the run inherits RC_TIMEZONE (a zone set explicitly is kept).
if "RC_TIMEZONE" not in os.environ and (_zone := zone_for_a_run(datetime.now(ZoneInfo("UTC")))) is not None:
    os.environ["RC_TIMEZONE"] = _zone
clock.configure(os.environ.get("RC_TIMEZONE", clock.DEFAULT_TIMEZONE))
share_default_tls_context()  # tests/tls.py: one TLS context for the thousands of test clients
# Logs of in-process apps (no lifespan: rc_shared.logging.configure never ran) in structlog's console
# format, uncoloured and with plain tracebacks: its default renders each logged exception with rich and
# pygments (~5 % of a test worker's CPU in a whole run, for the 500s the tests provoke on purpose).
if isinstance((_processors := structlog.get_config()["processors"])[-1], ConsoleRenderer):
    structlog.configure(
        processors=[*_processors[:-1], ConsoleRenderer(colors=False, exception_formatter=plain_traceback)]
    )

pytest_plugins = ["tests.skip_policy", "tests.parallel", "tests.privacy"]

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


@pytest.fixture
def default_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For a test whose claim is about Viet Nam's time itself: the organisation's default zone,
    in the clock and for any settings built (no RC_TIMEZONE), whatever zone this run chose above;
    the run's zone is back afterwards."""
    run_zone = clock.zone().key
    monkeypatch.delenv("RC_TIMEZONE", raising=False)
    clock.configure(clock.DEFAULT_TIMEZONE)
    try:
        yield
    finally:
        clock.configure(run_zone)


@pytest.fixture(scope="session")
def infra() -> Iterator[Endpoints]:
    """Kafka bootstrap servers + PostgreSQL admin DSN for the whole session (see tests/infra.py).
    First the databases of sessions that died are dropped; at the end, the databases this process
    still holds (the end-to-end systems' among them) and its topics."""
    with ExitStack() as cleanup:
        endpoints = select_infrastructure(cleanup)
        SWEPT.extend(sweep_dead_sessions_databases(endpoints.admin_dsn))
        yield endpoints
        DROPPED_AT_END.append(drop_session_databases(endpoints.admin_dsn))
        delete_session_topics(endpoints.kafka_bootstrap)


SWEPT: list[str] = []  # databases of dead sessions dropped at the start
DROPPED_AT_END: list[int] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many databases this process created, and how many of them were copies of a migrated
    template (tests/infra.py); under xdist each worker creates its own and this process none."""
    if CREATED["empty"] or CREATED["from_template"]:
        terminalreporter.write_line(
            f"databases created: {CREATED['empty'] + CREATED['from_template']}"
            f" ({CREATED['from_template']} copies of a migrated template, {CREATED['empty']} empty)"
            + (f"; {DROPPED_AT_END[0]} of them dropped at the end" if DROPPED_AT_END else "")
        )
    if SWEPT:
        terminalreporter.write_line(f"databases of dead sessions dropped: {len(SWEPT)}")
