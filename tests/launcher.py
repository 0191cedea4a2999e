"""Service processes forked from a process that imported the services once (a "zygote").

Starting a service as its console script (``rc-reporting serve``) costs a fresh interpreter about
1.0 to 1.6 CPU-s of imports (FastAPI, pydantic's models, FastStream, aiokafka, the routes) before it
does anything of its own, and the end-to-end tests start services some eighty times a run. The
zygote, started once per test process, imports every service's command line and app module, then
waits for requests on its stdin: for each it forks a child that becomes the service exactly as its
console script would (a new session, its own environment, stdout and stderr to the log, ``sys.argv``
and the script's entry point called), with nothing imported again.

The child is the test's process in every way the tests use: :class:`Forked` answers ``pid``,
``poll()``, ``wait(timeout)`` and ``returncode`` as ``subprocess.Popen`` does (the zygote reaps it;
a signal's death is ``-signum``), and signals go to its process group (``os.killpg``). A start whose
environment asks for another interpreter setup (any ``PYTHON*`` variable differs from the zygote's,
e.g. a ``PYTHONPATH`` putting other code first) or for a script the zygote does not know is a plain
``Popen``, as before; so is every start when ``RC_TEST_FORK=0``.

Run as ``python -m tests.launcher``: the zygote itself (one JSON request per line on stdin, one JSON
answer per line on stdout; it ends when its stdin closes).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import IO, Any

SERVICES = ("members", "campaigns", "donations", "reporting", "console")
FORK_ENV = "RC_TEST_FORK"


def _python_setup(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k.startswith("PYTHON")}


# ---------------------------------------------------------------------------------------------------
# the zygote (its own process)


def _preimport() -> dict[str, Callable[[], Any]]:
    """Import what every service's ``serve`` would, without building anything but the console's
    compiled templates: the command lines, the settings and app modules, uvicorn's server pieces.
    Returns the console scripts it can run."""
    scripts: dict[str, Callable[[], Any]] = {}
    wanted = {f"rc-{name}" for name in SERVICES}
    for ep in entry_points(group="console_scripts"):
        if ep.name in wanted:
            scripts[ep.name] = ep.load()
    for name in SERVICES:
        for module in (f"rc_{name}.settings", f"rc_{name}.entrypoints.app"):
            importlib.import_module(module)
    for module in (
        "uvicorn",
        "uvicorn.loops.auto",
        "uvicorn.loops.asyncio",
        "uvicorn.protocols.http.auto",
        "uvicorn.protocols.http.h11_impl",
        "uvicorn.protocols.http.httptools_impl",
        "uvicorn.protocols.websockets.auto",
        "uvicorn.lifespan.on",
    ):
        importlib.import_module(module)
    # the console's templates compiled once (most of a forked console's start). Its environment does not
    # auto-reload, so a forked console serves them as the zygote compiled them (as it runs the zygote's
    # modules): a template edited during a test run is seen by the next run
    importlib.import_module("rc_console.entrypoints.web").load_templates()
    return scripts


def _child(script: Callable[[], Any], name: str, argv: list[str], env: dict[str, str], log: str, cwd: str) -> None:
    """In the forked child: become ``name argv…`` as its console script would, then exit."""
    code: Any = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        with contextlib.suppress(OSError, AttributeError):  # its name in ps, top and process accounting
            ctypes.CDLL(None, use_errno=True).prctl(15, name.encode()[:15], 0, 0, 0)  # PR_SET_NAME
        devnull = os.open(os.devnull, os.O_RDONLY)
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(devnull)
        os.close(out)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = [name, *argv]
        sys.modules["__main__"].__package__ = None  # click names the program after argv[0], not -m's module
        try:
            script()
            code = 0
        except SystemExit as exc:
            code = exc.code
    except BaseException:  # the child's last word, in its log, as an interpreter would say it
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # exiting either way
                stream.flush()
        os._exit(code)


def zygote_main() -> None:
    exited: dict[int, int] = {}

    def reap(*_: Any) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            exited[pid] = os.waitstatus_to_exitcode(status)

    requests, answers = sys.stdin, sys.stdout
    try:
        scripts = _preimport()
        threads = threading.active_count()
        if threads != 1:
            raise RuntimeError(f"importing the services started {threads - 1} thread(s): forking is unsafe")
    except Exception as exc:  # told to the launcher, which then starts processes as before
        answers.write(json.dumps({"error": repr(exc)}) + "\n")
        answers.flush()
        return
    # what the imports built is the children's too: out of the collector's generations, so a child's
    # own collections (``serve`` collects and freezes what it built) do not walk it again
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGCHLD, reap)
    answers.write(json.dumps({"scripts": sorted(scripts)}) + "\n")
    answers.flush()
    for line in requests:
        req = json.loads(line)
        if req["op"] == "spawn":
            answers.flush()
            pid = os.fork()
            if pid == 0:
                _child(scripts[req["script"]], req["script"], req["argv"], req["env"], req["log"], req["cwd"])
            answer: dict[str, Any] = {"pid": pid}
        else:  # "status"
            reap()
            answer = {"returncode": exited.get(req["pid"])}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


# ---------------------------------------------------------------------------------------------------
# the test process's side


class Forked:
    """A child of the zygote, with the part of ``subprocess.Popen``'s interface the tests use."""

    def __init__(self, launcher: Launcher, pid: int) -> None:
        self._launcher = launcher
        self.pid = pid
        self.returncode: int | None = None
        self._pidfd: int | None = None
        with contextlib.suppress(ProcessLookupError):  # already ended and reaped
            self._pidfd = os.pidfd_open(pid)

    def _exited(self, timeout: float) -> bool:
        if self._pidfd is None:
            return True
        readable, _, _ = select.select([self._pidfd], [], [], timeout)
        return bool(readable)

    def poll(self) -> int | None:
        if self.returncode is None and self._exited(0):
            self.returncode = self._status()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not self._exited(timeout if timeout is not None else 1e9):
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout or 0)
            self.returncode = self._status()
        return self.returncode

    def _status(self) -> int:
        # the process ended (its pidfd said so); the zygote reaps it at once, give it a moment
        for _ in range(200):
            code = self._launcher.status(self.pid)
            if code is not None:
                if self._pidfd is not None:
                    os.close(self._pidfd)
                    self._pidfd = None
                return code
            time.sleep(0.005)
        raise RuntimeError(f"the zygote does not know how pid {self.pid} ended")


class Launcher:
    """The test process's zygote: started at the first :func:`start`, ended with the test process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._env = dict(os.environ)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.launcher"],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = json.loads(self._readline())
        self.scripts: set[str] = set(hello.get("scripts", ()))
        self.error: str | None = hello.get("error")
        atexit.register(self.close)

    def _readline(self) -> str:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the zygote ended (exit {self._proc.wait()})")
        return line

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            stdin: IO[str] | None = self._proc.stdin
            assert stdin is not None
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
            answer: dict[str, Any] = json.loads(self._readline())
            return answer

    def can_start(self, script: str, env: dict[str, str]) -> bool:
        return self.error is None and script in self.scripts and _python_setup(env) == _python_setup(self._env)

    def spawn(self, script: str, argv: list[str], env: dict[str, str], log: Path, cwd: Path) -> Forked:
        answer = self._ask(
            {"op": "spawn", "script": script, "argv": argv, "env": env, "log": str(log), "cwd": str(cwd)}
        )
        return Forked(self, int(answer["pid"]))

    def status(self, pid: int) -> int | None:
        code = self._ask({"op": "status", "pid": pid})["returncode"]
        return None if code is None else int(code)

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(10)


_LAUNCHER: Launcher | None = None
_LAUNCHER_LOCK = threading.Lock()


def launcher() -> Launcher:
    global _LAUNCHER
    with _LAUNCHER_LOCK:
        if _LAUNCHER is None:
            _LAUNCHER = Launcher()
        return _LAUNCHER


def start(script: str, argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes] | Forked:
    """``script argv…`` (a console script of the venv) in a new session, stdout and stderr appended to
    ``log``: forked from the zygote when it can be, else started as a process of its own."""
    if os.environ.get(FORK_ENV, "1") != "0":
        zygote = launcher()
        if zygote.can_start(script, env):
            return zygote.spawn(script, argv, env, log, Path.cwd())
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / script), *argv],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


if __name__ == "__main__":
    zygote_main()
