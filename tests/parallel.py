"""A pytest plugin: the suite on pytest-xdist workers, one per core by default (``RC_TEST_WORKERS``).

``-n auto`` (in ``pyproject.toml``) asks :func:`pytest_xdist_auto_num_workers` how many workers:
``RC_TEST_WORKERS`` when set (``0``: no workers, everything in this process), else one per usable
core when there are at least two (at most :data:`MAX_DEFAULT_WORKERS`), else none. Workers overlap
the suite's waits (consumer groups joining, services starting, the browser): on the 2-core machine
on 2026-12-01 the whole suite (1,374 tests) took 403 s wall and 499 CPU-s in pytest and its
processes on two workers, where one process had taken 623-659 s and ~541 CPU-s (2026-11-30). Each
worker collects the suite and builds its own package fixtures, so more workers than cores only add
CPU.

Tests are handed out by scope (:class:`ScopeScheduling`): a module (or a class) stays on one worker,
so its module fixtures are built once, and the tests sharing a package-scoped system stay together
(:func:`scope_of`). Each worker is its own session: its own ``infra`` connection, databases, topic
namespaces (:func:`tests.infra.new_namespace`) and ports (:func:`tests.infra.free_port`).
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

WORKERS_ENV = "RC_TEST_WORKERS"
# The package-scoped system (tests/e2e/conftest.py ``system``; the authorization tables run on it
# too): the modules using it form one scope, so one worker starts it once.
SYSTEM_FIXTURES = {"system": "tests/e2e [system]"}
SYSTEM_MODULES = {
    "tests/e2e [system]": (
        "tests/e2e/authz/",
        "tests/e2e/console/",
        "tests/e2e/test_campaign_flow.py",
        "tests/e2e/test_generated_client_flow.py",
        "tests/e2e/test_membership_flow.py",
        "tests/e2e/test_public_ledger_browser.py",
        "tests/e2e/test_zz_observability_and_privacy.py",
    ),
}


# Modules under those prefixes that start a system of their own (a module ``system`` fixture): their
# own scope, so they can run on another worker beside the package's system.
OWN_SYSTEM_MODULES = ("tests/e2e/console/test_console_crawler.py",)

# The longest scopes (tens of seconds to minutes each), handed out right after the unit and contract
# tests (a broken rule still fails the run within its first minute), longest first: one of them
# starting last would leave the other workers idle at the end of the run (on two workers the shared
# system's scope, ~4 minutes, began last and ran alone for its last minutes). The others keep the
# suite's order.
LONGEST_FIRST = (
    "tests/e2e [system]",
    "tests/e2e/console/test_console_crawler.py",
    "tests/e2e/test_runbook.py",
    "tests/e2e/test_api_contract.py",
    "tests/e2e/test_load_bench.py",
    "tests/e2e/test_reporting_consumer_crash.py",
    "tests/e2e/test_statement_import_crash.py",
    "tests/e2e/test_donations_crash.py",
)


def scope_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its package-scoped system's scope, else its module or class."""
    path = nodeid.split("::", 1)[0]
    for scope, prefixes in SYSTEM_MODULES.items():
        if path.startswith(prefixes) and path not in OWN_SYSTEM_MODULES:
            return scope
    return nodeid.rsplit("::", 1)[0]


FAST_FIRST = ("tests/unit/", "tests/contract/")  # self-contained and quick: before everything


def first_scopes_first(scopes: list[str]) -> list[str]:
    """``scopes`` (in the suite's order): the unit and contract tests', then those of
    :data:`LONGEST_FIRST` in its order, then the rest (a stable sort: each group keeps the suite's order)."""
    rank = {scope: n for n, scope in enumerate(LONGEST_FIRST)}

    def key(scope: str) -> tuple[int, int]:
        if scope.startswith(FAST_FIRST):
            return (0, 0)
        return (1, rank[scope]) if scope in rank else (2, 0)

    return sorted(scopes, key=key)


class ScopeScheduling(LoadScopeScheduling):  # type: ignore[misc]  (xdist is untyped)
    """xdist's ``loadscope`` with :func:`scope_of` as the scope, and the scopes handed out as
    :func:`first_scopes_first` orders them (unit and contract tests, the longest scopes, then the suite's
    order, tests/conftest.py ``ORDER``) rather than xdist's largest (most tests) first."""

    def __init__(self, config: pytest.Config, log: Any = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)

    def _assign_work_unit(self, node: Any) -> None:
        if not getattr(self, "_ordered", False):  # once, before the first unit is handed out
            self._ordered = True
            for scope in reversed(first_scopes_first(list(self.workqueue))):
                self.workqueue.move_to_end(scope, last=False)
        super()._assign_work_unit(node)


MAX_DEFAULT_WORKERS = 4


def worker_count() -> int:
    """How many workers ``-n auto`` means: ``RC_TEST_WORKERS``, else one per usable core from two
    cores up, at most :data:`MAX_DEFAULT_WORKERS` (see the module docstring)."""
    asked = os.environ.get(WORKERS_ENV, "").strip()
    if asked:
        if not asked.isdigit():
            raise pytest.UsageError(f"{WORKERS_ENV}={asked!r}: a number of workers (0: none, one process)")
        return int(asked)
    affinity = getattr(os, "sched_getaffinity", None)  # (Linux; elsewhere the machine's count)
    cores = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    cores = min(cores, cpu_quota() or cores)
    return min(cores, MAX_DEFAULT_WORKERS) if cores >= 2 else 0


CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def cpu_quota(cpu_max: Path | None = None) -> int | None:
    """The CPUs a cgroup v2 limit at ``cpu_max`` allows, rounded up (1.5 CPUs: two workers overlap their
    waits): a container limited to two CPUs on a larger host sees all the host's cores in its affinity,
    and its own cgroup (a cgroup namespace, Docker's default) at the mount's root. None: no limit, or no
    cgroup v2 there (a limit set on a parent cgroup of a process outside a container is not read)."""
    try:
        fields = (cpu_max or CPU_MAX).read_text().split()  # "<quota> <period>" in µs, or "max <period>": no limit
    except OSError:
        return None
    if len(fields) != 2 or not fields[0].isdigit() or not fields[1].isdigit() or int(fields[1]) == 0:
        return None
    return max(1, math.ceil(int(fields[0]) / int(fields[1])))


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    return worker_count()


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadScopeScheduling | None:
    """``--dist loadscope`` (the setting in ``pyproject.toml``) with :func:`scope_of`; another
    ``--dist`` given on the command line is xdist's own."""
    return ScopeScheduling(config, log) if config.getvalue("dist") == "loadscope" else None


def session_temp_root(factory: pytest.TempPathFactory) -> Path:
    """The base temporary directory of the whole run: under xdist, the parent of this worker's
    (``.../pytest-N/popen-gwK``), so a test sees what every worker's processes wrote."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
