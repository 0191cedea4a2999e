"""The end-of-run privacy search (tests/privacy.py) fails a run whose logs hold the privacy test's
personal data or a secret, including logs written by processes on other xdist workers."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from tests.privacy import forms, normalised, whole_word_leaks
from tests.sample_runs import run_pytest

PYTEST = ("-p", "xdist.plugin", "-p", "tests.privacy")
SAMPLE = """
def test_{n}_writes_a_service_log(tmp_path):
    (tmp_path / "service.log").write_text({line!r})
"""


def _run(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    files = {f"test_log_{n}.py": SAMPLE.format(n=n, line=line) for n, line in enumerate(lines)}
    # (its temporary directory named as a sabotaged one: what it leaks on purpose is not this run's)
    return run_pytest(tmp_path, files, *PYTEST, "-q", "-n", "2", f"--basetemp={tmp_path / 'sabotaged-run'}")


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


def test_the_database_values_are_found_in_a_log_in_every_written_form() -> None:
    """The e2e scan's second search: every personal value the services' databases hold (a donor's birth
    date among them), looked for as whole words in every form it may be written."""
    everyone = forms(["Trần Thị Nhàhảo", "0912345678", date(1979, 5, 6)])
    for line, found in [
        ('{"event": "donor", "born": "1979-05-06"}', "1979-05-06"),
        ('{"event": "donor", "born": "06/05/1979"}', "06/05/1979"),
        ('{"event": "donor", "born": "6/5/1979"}', "6/5/1979"),
        ('{"event": "donor", "born": "06.05.1979"}', "06.05.1979"),
        ('{"event": "donor", "phone": "+84912345678"}', "84912345678"),
        ('{"event": "donor", "name": "Tr\\u1ea7n Th\\u1ecb Nh\\u00e0h\\u1ea3o"}', "Trần Thị Nhàhảo"),
    ]:
        assert found in whole_word_leaks(normalised(line), everyone), line
    assert whole_word_leaks(normalised('{"event": "donor", "id": "19790506"}'), everyone) == []
