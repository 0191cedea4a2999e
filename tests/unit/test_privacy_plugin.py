"""The end-of-run privacy search (tests/privacy.py) fails a run whose logs hold the privacy test's
personal data or a secret, including logs written by processes on other xdist workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTEST = [sys.executable, "-m", "pytest", "-p", "xdist.plugin", "-p", "tests.privacy"]
SAMPLE = """
def test_{n}_writes_a_service_log(tmp_path):
    (tmp_path / "service.log").write_text({line!r})
"""


def _run(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    for n, line in enumerate(lines):
        (tmp_path / f"test_log_{n}.py").write_text(SAMPLE.format(n=n, line=line))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run(
        # (its temporary directory named as a sabotaged one: what it leaks on purpose is not this run's)
        [*PYTEST, "-p", "no:cacheprovider", "-q", "-n", "2", f"--basetemp={tmp_path / 'sabotaged-run'}"],
        cwd=tmp_path,
        # only the plugins named here: the installed ones (schemathesis, playwright...) cost seconds to import
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


CLEAN = ['{"event": "started"}', '{"event": "request", "path": "/units"}']
LEAKS = {
    '{"event": "auth", "authorization": "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig"}': "'Bearer ey'",
    '{"event": "person", "phone": "0987654321"}': "'0987654321'",
    '{"event": "person", "born": "03/02/1980"}': "'03/02/1980'",
    '{"event": "person", "name": "Ph\\u1ea1m Th\\u1ecb Ri\\u00eangt\\u01b0"}': "'Phạm Thị Riêngtư'",  # JSON-escaped
}


def test_a_clean_run_passes(tmp_path: Path) -> None:
    done = _run(tmp_path, CLEAN)
    out = done.stdout + done.stderr
    assert done.returncode == 0 and "2 passed" in out and "privacy: the logs of the run" not in out, out


def test_each_leak_in_any_workers_log_fails_the_run_at_its_end(tmp_path: Path) -> None:
    done = _run(tmp_path, [*CLEAN, *LEAKS])
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "6 passed" in out and "privacy: the logs of the run" in out, out
    listed = [line for line in out.splitlines() if "service.log: " in line]
    for n, caught in enumerate(LEAKS.values(), start=len(CLEAN)):
        assert any(f"test_{n}_writes_a_service_log0/service.log: {caught}" in line for line in listed), (n, out)
    assert not [line for line in listed if "test_0_" in line or "test_1_" in line], out
