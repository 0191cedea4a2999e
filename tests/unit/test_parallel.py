"""How the suite is spread over pytest-xdist workers (tests/parallel.py), and that the skip policy
still fails a parallel run."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.parallel import (
    LONGEST_FIRST,
    OWN_SYSTEM_MODULES,
    SYSTEM_MODULES,
    WORKERS_ENV,
    cpu_quota,
    first_scopes_first,
    scope_of,
    worker_count,
)
from tests.sample_runs import run_pytest

ROOT = Path(__file__).resolve().parents[2]


def test_a_module_or_a_class_is_one_scope() -> None:
    assert scope_of("tests/unit/test_x.py::test_a") == "tests/unit/test_x.py"
    assert scope_of("tests/unit/test_x.py::test_b[1-2]") == "tests/unit/test_x.py"
    assert scope_of("tests/unit/test_x.py::TestY::test_a") == "tests/unit/test_x.py::TestY"
    assert scope_of("tests/e2e/test_runbook.py::test_dlq") == "tests/e2e/test_runbook.py"


def test_the_modules_sharing_a_package_system_are_one_scope() -> None:
    system = {
        scope_of("tests/e2e/console/test_console_money.py::test_a"),
        scope_of("tests/e2e/test_campaign_flow.py::test_a"),
        scope_of("tests/e2e/test_zz_observability_and_privacy.py::test_b[log-phone]"),
        scope_of("tests/e2e/authz/test_members_authz.py::test_a"),
        scope_of("tests/e2e/authz/test_authz_sabotage.py::test_b"),
    }
    assert system == {"tests/e2e [system]"}
    assert set(SYSTEM_MODULES) == system
    # the crawler, under tests/e2e/console/, starts a system of its own: a scope of its own
    crawler = "tests/e2e/console/test_console_crawler.py"
    assert crawler in OWN_SYSTEM_MODULES and scope_of(f"{crawler}::test_every_form") == crawler


def test_unit_and_contract_then_the_longest_scopes_are_handed_out_first() -> None:
    suite = [
        "tests/unit/a.py",
        "tests/contract/c.py",
        "tests/unit/b.py::TestB",
        "tests/integration/i.py",
        "tests/e2e/test_runbook.py",
        "tests/e2e/x.py",
        "tests/e2e [system]",
    ]
    assert first_scopes_first(suite) == [
        "tests/unit/a.py",
        "tests/contract/c.py",
        "tests/unit/b.py::TestB",
        "tests/e2e [system]",
        "tests/e2e/test_runbook.py",
        "tests/integration/i.py",
        "tests/e2e/x.py",
    ]
    # every name there is a scope this suite has (a renamed module would silently lose its place)
    for scope in LONGEST_FIRST:
        assert scope in SYSTEM_MODULES or (ROOT / scope).is_file(), scope


@pytest.mark.parametrize(
    ("cores", "asked", "workers"), [(1, None, 0), (2, None, 2), (8, None, 4), (2, "0", 0), (2, "3", 3)]
)
def test_one_worker_per_core_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, cores: int, asked: str | None, workers: int
) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.setattr("tests.parallel.cpu_quota", lambda: None)
    if asked is None:
        monkeypatch.delenv(WORKERS_ENV, raising=False)
    else:
        monkeypatch.setenv(WORKERS_ENV, asked)
    assert worker_count() == workers


@pytest.mark.parametrize(
    ("cpu_max", "quota", "workers"),
    [("200000 100000\n", 2, 2), ("150000 100000\n", 2, 2), ("50000 100000\n", 1, 0), ("max 100000\n", None, 4),
     ("", None, 4), (None, None, 4)],
)  # fmt: skip
def test_a_cgroup_cpu_limit_bounds_the_workers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cpu_max: str | None, quota: int | None, workers: int
) -> None:
    """A container limited to a few CPUs of an eight-core host: its workers follow the limit."""
    path = tmp_path / "cpu.max"
    if cpu_max is not None:
        path.write_text(cpu_max)
    assert cpu_quota(path) == quota
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(8)))
    monkeypatch.setattr("tests.parallel.CPU_MAX", path)
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert worker_count() == workers


def test_a_worker_count_that_is_not_a_number_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_ENV, "two")
    with pytest.raises(pytest.UsageError, match="RC_TEST_WORKERS='two': a number of workers"):
        worker_count()


SAMPLE = """
import pytest

def test_runs():
    assert True

def test_skips_itself():
    pytest.skip("no broker here")
"""
SKIPPED_MODULE = """
import pytest

pytest.skip("not on this machine", allow_module_level=True)
"""


def _run_on_workers(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_pytest(tmp_path, files, "-p", "xdist.plugin", "-p", "tests.skip_policy", "-q", "-n", "2")


def test_an_unexpected_skip_on_a_worker_fails_the_run(tmp_path: Path) -> None:
    done = _run_on_workers(tmp_path, {"test_sample.py": SAMPLE, "test_skipped_module.py": SKIPPED_MODULE})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bringing up nodes" in done.stdout and "1 passed, 2 skipped" in done.stdout, done.stdout
    lines = sorted(line for line in done.stdout.splitlines() if line.startswith("UNEXPECTED skip: "))
    assert lines == [
        "UNEXPECTED skip: test_sample.py::test_skips_itself: no broker here",
        "UNEXPECTED skip: test_skipped_module.py: not on this machine",
    ], done.stdout
