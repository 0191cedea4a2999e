"""The services' HTTP server accepts every waiting connection when its event loop gets to them, not one
per turn of a busy loop (``rc_shared.cli.http_config``: asyncio's loop, not uvloop's).

A real uvicorn server, built from the services' own configuration, runs in a thread. Its loop is kept
busy the way an overload keeps it: every turn runs a 5 ms task. While the loop is blocked (until the
test says so), 100 new connections arrive, each with a request; the test counts the loop's turns
between the first and the last of them being answered. Counting turns, not time: the figure does not
depend on the machine's speed.
A loop that accepts one connection per turn (libuv's, under uvloop; here asyncio's own loop patched to
do the same, ``one_accept_per_turn``) answers the last one ~100 turns after the first; the services'
loop within a few.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import uvicorn

from rc_shared.cli import http_config

N = 100
BUSY_TURN_S = 0.005


class BusyApp:
    """``/block`` blocks the loop until the test has connected and sent every ``/ping`` (``arrived``),
    then keeps every later turn of the loop busy (``BUSY_TURN_S``) until ``N`` ``/ping`` were answered;
    each ``/ping`` is answered with the number of turns counted so far."""

    def __init__(self) -> None:
        self.turns = 0
        self.pings = 0
        self.blocking = threading.Event()
        self.arrived = threading.Event()

    def _turn(self) -> None:
        time.sleep(BUSY_TURN_S)  # the point: a busy loop
        self.turns += 1
        if self.pings < N:
            asyncio.get_running_loop().call_soon(self._turn)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        if scope["path"] == "/block":
            self.blocking.set()
            self.arrived.wait(30)  # the loop blocked while the connections arrive
            asyncio.get_running_loop().call_soon(self._turn)
            body = b"-1"
        else:
            self.pings += 1
            body = str(self.turns).encode()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"%d" % len(body))]})
        await send({"type": "http.response.body", "body": body})


def _request(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nhost: t\r\n\r\n".encode()


def _answer(sock: socket.socket) -> int:
    data = b""
    while b"\r\n\r\n" not in data or not data.split(b"\r\n\r\n", 1)[1]:
        chunk = sock.recv(4096)
        assert chunk, "the server closed the connection without an answer"
        data += chunk
    return int(data.split(b"\r\n\r\n", 1)[1])


def turns_between_first_and_last(config: uvicorn.Config) -> int:
    """Serve ``BusyApp`` with ``config``; connect ``N`` clients while its loop is blocked; the number of
    busy turns of the loop between the first and the last of their answers."""
    app = BusyApp()
    config.app = app
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        blocker = socket.create_connection(("127.0.0.1", port), timeout=30)
        blocker.sendall(_request("/block"))
        assert app.blocking.wait(10)
        clients = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(N)]
        for c in clients:
            c.sendall(_request("/ping"))
        app.arrived.set()
        assert _answer(blocker) == -1
        turns = [_answer(c) for c in clients]
        for c in [blocker, *clients]:
            c.close()
        return max(turns) - min(turns)
    finally:
        server.should_exit = True
        thread.join(15)


def services_config() -> uvicorn.Config:
    settings: Any = SimpleNamespace(http_host="127.0.0.1", http_port=0, log_level="CRITICAL", http_keep_alive_s=75)
    config = http_config(None, settings)
    config.lifespan = "off"
    return config


@pytest.fixture
def one_accept_per_turn(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """asyncio's loop made to accept one connection per readiness of the listening socket, as libuv does."""
    from asyncio import selector_events

    original = selector_events.BaseSelectorEventLoop._accept_connection  # type: ignore[attr-defined]

    def once(self: Any, protocol_factory: Any, sock: Any, sslcontext: Any = None, server: Any = None,
             backlog: int = 100, *args: Any, **kwargs: Any) -> None:  # fmt: skip
        original(self, protocol_factory, sock, sslcontext, server, 1, *args, **kwargs)

    monkeypatch.setattr(selector_events.BaseSelectorEventLoop, "_accept_connection", once)
    yield


def test_the_services_server_accepts_the_waiting_connections_at_once() -> None:
    config = services_config()
    assert config.loop == "asyncio"
    spread = turns_between_first_and_last(config)
    assert spread <= 10, f"the last of {N} waiting connections was answered {spread} busy turns after the first"


def test_a_loop_that_accepts_one_connection_per_turn_fails_the_check(one_accept_per_turn: None) -> None:
    spread = turns_between_first_and_last(services_config())
    assert spread >= N // 2, f"one accept per turn, yet only {spread} turns between the first and last answer"
