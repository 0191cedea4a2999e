"""The end-to-end harness gives a short gauge interval only to the systems whose tests read the gauges
(``FAST_GAUGES``: the package-wide system of tests/e2e/conftest.py); an idle service measuring them every
second costs about a third more CPU than at its own 15 s; and it stops a system's processes together."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.harness import ServiceProcess, service_env, stop_all


def test_a_service_under_test_measures_its_gauges_at_the_service_s_own_interval() -> None:
    env = service_env("reporting", "postgresql://x@127.0.0.1/x", "127.0.0.1:9092", "ns.")
    assert "RC_METRICS_INTERVAL_S" not in env


# A process that, told to stop, says so and waits (10 s at most) until the other one was told too.
_WAITS_FOR_THE_OTHER = """
import pathlib, signal, sys, time
me, other = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def stop(*_):
    me.write_text("told to stop")
    deadline = time.monotonic() + 10
    while not other.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    me.with_suffix(".saw").write_text(str(other.exists()))
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
me.with_suffix(".ready").touch()
while True:
    time.sleep(1)
"""


def test_a_system_s_processes_are_stopped_together(tmp_path: Path) -> None:
    """``stop_all`` sends every SIGTERM before it waits for any process: each of these two waits, once
    told to stop, until the other was told too (stopped one after the other, the first gives up)."""
    a, b = tmp_path / "a", tmp_path / "b"
    procs = []
    for me, other in ((a, b), (b, a)):
        p = ServiceProcess(name=me.name, env={}, args=[], log_path=tmp_path / f"{me.name}.log")
        p.proc = subprocess.Popen(
            [sys.executable, "-c", _WAITS_FOR_THE_OTHER, str(me), str(other)], start_new_session=True
        )
        procs.append(p)
    while not all(me.with_suffix(".ready").exists() for me in (a, b)):
        assert all(p.proc is not None and p.proc.poll() is None for p in procs)
        time.sleep(0.01)
    stop_all(procs)
    assert [p.proc.returncode for p in procs if p.proc] == [0, 0]
    assert [me.with_suffix(".saw").read_text() for me in (a, b)] == ["True", "True"]
