"""A pytest plugin: every skip must be explicitly allowed, or the run fails.

A test that skips itself because of the machine it runs on (a Docker engine answering, an
environment variable set) silently drops what it proves. This plugin lists every skipped test at
the end of the run and turns the run into a failure when one of them is not in :data:`ALLOWED`
(node id prefix -> why that skip is legitimate). Registered in ``tests/conftest.py``, so
``./dev test`` and CI (``bash .ci/run``) fail on an unexpected skip.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

# Node id prefix -> why skipping it is acceptable. Empty: no test may skip.
ALLOWED: dict[str, str] = {}


@dataclass(frozen=True)
class Skip:
    nodeid: str
    reason: str


def unexpected(skips: list[Skip], allowed: dict[str, str]) -> list[Skip]:
    """The skips whose node id starts with none of the allowed prefixes."""
    return [s for s in skips if not any(s.nodeid.startswith(prefix) for prefix in allowed)]


def _reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


class SkipPolicy:
    def __init__(self, allowed: dict[str, str]) -> None:
        self.allowed = allowed
        self.skips: list[Skip] = []

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped:  # an expected failure too: a proof that did not run to its end (xfail)
            why = f"xfail: {report.wasxfail}" if hasattr(report, "wasxfail") else _reason(report)
            self.skips.append(Skip(report.nodeid, why))

    @pytest.hookimpl
    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.skipped:  # a whole module skipped at collection (pytest.skip(allow_module_level=True))
            self.skips.append(Skip(report.nodeid, _reason(report)))

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        bad = unexpected(self.skips, self.allowed)
        if not self.skips:
            return
        terminalreporter.section("skip policy")
        for s in self.skips:
            verdict = "UNEXPECTED" if s in bad else "allowed"
            terminalreporter.line(f"{verdict} skip: {s.nodeid}: {s.reason}")
        if bad:
            terminalreporter.line(
                f"{len(bad)} skip(s) not allowed by tests/skip_policy.py ALLOWED: the run fails", red=True
            )

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        otherwise_green = exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED)
        if otherwise_green and unexpected(self.skips, self.allowed):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(SkipPolicy(ALLOWED), "rc-skip-policy")
