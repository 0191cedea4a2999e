"""A pytest plugin: the suite on several pytest-xdist workers when ``RC_TEST_WORKERS`` asks for them.

``-n auto`` (in ``pyproject.toml``) asks :func:`pytest_xdist_auto_num_workers` how many workers:
``RC_TEST_WORKERS`` (default ``0``: no workers, everything in this process, as ``./dev test`` and
CI run). Workers overlap the suite's waits (consumer groups joining, services starting), but each
collects the suite and builds its own package fixtures: on the shared 2-core machine, where the
suite is mostly CPU-bound, the same 325 tests at the same load took 188 s and 93 CPU-s in one
process, 185 s and 127 CPU-s on three workers, so one process stays the default
there; a machine with idle cores may set it.

Tests are handed out by scope (:class:`ScopeScheduling`): a module (or a class) stays on one worker,
so its module fixtures are built once, and the tests sharing a package-scoped system stay together
(:func:`scope_of`). Each worker is its own session: its own ``infra`` connection, databases, topic
namespaces (:func:`tests.infra.new_namespace`) and ports (:func:`tests.infra.free_port`).
"""

from __future__ import annotations

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


def scope_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its package-scoped system's scope, else its module or class."""
    path = nodeid.split("::", 1)[0]
    for scope, prefixes in SYSTEM_MODULES.items():
        if path.startswith(prefixes):
            return scope
    return nodeid.rsplit("::", 1)[0]


class ScopeScheduling(LoadScopeScheduling):  # type: ignore[misc]  (xdist is untyped)
    """xdist's ``loadscope`` with :func:`scope_of` as the scope, and the scopes handed out in the
    suite's order (tests/conftest.py ``ORDER``) rather than largest first."""

    def __init__(self, config: pytest.Config, log: Any = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)


def worker_count() -> int:
    """How many workers ``-n auto`` means: ``RC_TEST_WORKERS``, else 0 (see the module docstring)."""
    return int(os.environ.get(WORKERS_ENV, "").strip() or 0)


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
