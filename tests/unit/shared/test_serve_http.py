"""``rc_shared.cli.serve_http`` (every service's and the console's ``serve``) exits non-zero when its
server cannot start, as ``uvicorn.run`` did: a supervisor (systemd, Kubernetes, ``./dev up``) must see
the failure, not a clean exit."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI

from rc_shared.cli import serve_http


def settings(port: int) -> Any:
    return SimpleNamespace(http_host="127.0.0.1", http_port=port, log_level="CRITICAL", http_keep_alive_s=75)


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
