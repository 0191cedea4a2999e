"""Service processes forked from the zygote (tests/launcher.py) behave as the console scripts started
as processes of their own: the same output and exit status, a session of their own, the environment
they were given, and Popen's answers for how they ended."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests import launcher
from tests.infra import free_port


def _run(script: str, argv: list[str], log: Path, fork: bool, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv(launcher.FORK_ENV, "1" if fork else "0")
    proc = launcher.start(script, argv, dict(os.environ), log)
    assert isinstance(proc, launcher.Forked) is fork
    return proc.wait(60)


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["--help"], 0), (["no-such-command"], 2), (["serve", "--port", "not-a-number"], 2)],
    ids=["help", "unknown-command", "bad-option"],
)
def test_a_forked_script_says_and_exits_as_the_script_itself(
    argv: list[str], code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forked, own = tmp_path / "forked.log", tmp_path / "own.log"
    assert _run("rc-members", argv, forked, True, monkeypatch) == code
    assert _run("rc-members", argv, own, False, monkeypatch) == code
    assert forked.read_text() == own.read_text()
    assert "rc-members" in forked.read_text()  # named after its script, not the zygote's module


def test_a_forked_service_runs_in_its_own_session_with_its_environment_and_ends_as_popen_says(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {**os.environ, "RC_HTTP_PORT": str(port), "RC_SESSION_SECRET": "s" * 40}  # the port it answers on
    proc = launcher.start("rc-console", ["serve"], env, tmp_path / "console.log")
    assert isinstance(proc, launcher.Forked)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "console.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health/live", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the forked console never answered"
            time.sleep(0.05)
        assert os.getsid(proc.pid) == proc.pid  # killpg(pid) reaches it and only it
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(0.05)
        assert proc.poll() is None and proc.returncode is None
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait(10) == -signal.SIGKILL
    assert proc.poll() == -signal.SIGKILL


def test_a_start_asking_for_another_python_setup_is_a_process_of_its_own(tmp_path: Path) -> None:
    """A ``PYTHONPATH`` (sabotage's patched code first) or any other ``PYTHON*`` variable the zygote was
    not started with: the zygote's imports are not that code's, so the script starts afresh."""
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = launcher.start("rc-members", ["--help"], env, tmp_path / "own.log")
    assert isinstance(proc, subprocess.Popen)
    assert proc.wait(60) == 0


def test_the_benchmarks_measure_services_started_as_their_console_scripts() -> None:
    """A forked child carries every service's modules (its RSS counts them) and the zygote's frozen
    objects: ``./dev bench …`` turns the zygote off, so what it measures is what runs deployed."""
    dev = (Path(__file__).resolve().parents[2] / "dev").read_text()
    bench = dev.split("\n  bench)\n", 1)[1].split("\n    ;;\n", 1)[0]
    assert f"export {launcher.FORK_ENV}=0" in bench
    assert bench.index(f"export {launcher.FORK_ENV}=0") < bench.index("exec ")
