"""``rc_shared.cli.serve_http`` (every service's and the console's ``serve``) ends as ``uvicorn.run`` did:
non-zero when its server could not start, so that a supervisor (systemd, Kubernetes, ``./dev up``)
sees the failure; after a graceful stop, 0 for a Ctrl+C and the SIGTERM it stopped on (uvicorn raises
it again once stopped: 143 in a shell, what Docker and Kubernetes expect of a process they stopped)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from rc_shared.cli import serve_http


def settings(port: int) -> Any:
    return SimpleNamespace(http_host="127.0.0.1", http_port=port, log_level="CRITICAL", http_keep_alive_s=75)


def test_a_server_whose_run_ended_before_it_started_exits_with_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever ends uvicorn's run before its server started (its own startup exits first for the cases
    below): the process must not end as if it had served."""
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *_: None)
    with pytest.raises(SystemExit) as exited:
        serve_http(FastAPI(), settings(0))
    assert exited.value.code == 3


def test_a_port_already_taken_exits_non_zero() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(SystemExit) as exited:
            serve_http(FastAPI(), settings(taken.getsockname()[1]))
        assert exited.value.code not in (0, None)
    finally:
        taken.close()


def test_an_app_whose_startup_fails_exits_with_3() -> None:
    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        raise RuntimeError("the database is unreachable")
        yield  # (unreachable: a generator)

    with pytest.raises(SystemExit) as exited:
        serve_http(FastAPI(lifespan=lifespan), settings(0))
    assert exited.value.code == 3


SERVE = """
import sys
from types import SimpleNamespace
import typer
from fastapi import FastAPI
from rc_shared.cli import serve_http

def main() -> None:
    app = FastAPI()

    @app.on_event("startup")
    async def started() -> None:
        print("started", flush=True)

    serve_http(app, SimpleNamespace(http_host="127.0.0.1", http_port=0, log_level="CRITICAL", http_keep_alive_s=75))

typer.run(main)
"""


@pytest.mark.parametrize(("sig", "end"), [(signal.SIGINT, 0), (signal.SIGTERM, -signal.SIGTERM)])
def test_a_graceful_stop_ends_as_uvicorn_run_did(sig: signal.Signals, end: int) -> None:
    """Run as a command line (typer turns a KeyboardInterrupt into exit 130): uvicorn re-raises the SIGINT
    it stopped on, which ``serve_http`` takes as the end it asked for."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "started\n", proc.stderr
        proc.send_signal(sig)
        assert proc.wait(30) == end, proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
        proc.wait()
