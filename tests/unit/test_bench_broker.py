"""The benchmarks measure the broker they use: the process listening on its bootstrap port, not the
first Kafka process of the machine (in CI the container tier's broker runs beside the main suite's)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from bench.pipeline import broker_pid

LISTEN = (
    "import socket, sys; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen();"
    " print(s.getsockname()[1], flush=True); sys.stdin.read()"
)


def test_the_broker_is_the_process_listening_on_the_bootstrap_port() -> None:
    other = subprocess.Popen([sys.executable, "-c", LISTEN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None
        other_port = int(other.stdout.readline())
        with socket.socket() as own:
            own.bind(("127.0.0.1", 0))
            own.listen()
            port = own.getsockname()[1]
            assert broker_pid(f"127.0.0.1:{port}") == os.getpid()
            assert broker_pid(f"localhost:{other_port},127.0.0.1:{port}") == other.pid  # the first server's
        assert broker_pid(f"127.0.0.1:{port}") is None  # nobody listens there any more
    finally:
        other.kill()
        other.wait()
