"""The skip policy (tests/skip_policy.py): a skip (or an expected failure: xfail) that is not explicitly
allowed fails the run."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.sample_runs import run_pytest
from tests.skip_policy import ALLOWED, Skip, unexpected

SAMPLE = """
import pytest

def test_runs():
    assert True

@pytest.mark.skipif(True, reason="a Docker engine answers")
def test_machine_dependent():
    pass

def test_skips_itself():
    pytest.skip("no broker here")

@pytest.mark.xfail(reason="known bug", strict=True)
def test_known_bug():
    assert False
"""


def _run(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    return run_pytest(tmp_path, {"test_sample.py": source}, "-p", "tests.skip_policy", "-q", "test_sample.py")


def test_an_unexpected_skip_is_listed_and_fails_an_otherwise_green_run(tmp_path: Path) -> None:
    done = _run(tmp_path, SAMPLE)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed, 2 skipped, 1 xfailed" in done.stdout, done.stdout
    lines = [line for line in done.stdout.splitlines() if line.startswith("UNEXPECTED skip: ")]
    assert lines == [
        "UNEXPECTED skip: test_sample.py::test_machine_dependent: a Docker engine answers",
        "UNEXPECTED skip: test_sample.py::test_skips_itself: no broker here",
        "UNEXPECTED skip: test_sample.py::test_known_bug: xfail: known bug",  # (on this machine or any)
    ], done.stdout
    assert "3 skip(s) not allowed" in done.stdout


def test_a_module_skipped_at_collection_fails_the_run(tmp_path: Path) -> None:
    done = _run(tmp_path, 'import pytest\npytest.skip("not here", allow_module_level=True)\n')
    assert done.returncode == 1, done.stdout + done.stderr
    assert "UNEXPECTED skip: test_sample.py: not here" in done.stdout, done.stdout


def test_a_run_without_skips_passes(tmp_path: Path) -> None:
    done = _run(tmp_path, "def test_runs():\n    assert True\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "skip policy" not in done.stdout


def test_allowed_prefixes_are_exempt_and_nothing_else() -> None:
    skips = [Skip("tests/a.py::test_x", "r"), Skip("tests/b.py::test_y", "r"), Skip("tests/ab.py::test_z", "r")]
    assert unexpected(skips, {"tests/a.py::": "why"}) == skips[1:]
    assert unexpected(skips, {}) == skips


def test_the_project_allows_no_skip_today() -> None:
    assert ALLOWED == {}
