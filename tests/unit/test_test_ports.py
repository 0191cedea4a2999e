"""Servers the tests start listen on ports no outgoing connection can hold (see tests.infra.free_port)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests import infra
from tests.infra import free_port, free_ports


def _ephemeral() -> range:
    low, high = (int(x) for x in Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    return range(low, high + 1)


def test_a_free_port_is_outside_the_kernels_ephemeral_range_and_bindable() -> None:
    ephemeral = _ephemeral()
    for _ in range(200):
        port = free_port()
        assert port not in ephemeral
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_free_ports_are_distinct() -> None:
    ports = free_ports(20)
    assert len(set(ports)) == 20 and not set(ports) & set(_ephemeral())


def test_a_port_is_never_handed_out_twice_in_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # a system's four services draw their ports before any binds: a port drawn twice failed a start.
    # 40 ports of this process's own slice (under xdist another worker's servers use another slice)
    mine = infra._worker_slice(infra.SERVER_PORTS.start, infra.SERVER_PORTS.stop)
    few = range(mine.stop - 40, mine.stop)
    monkeypatch.setattr(infra, "SERVER_PORTS", few)
    monkeypatch.setattr(infra, "_worker_slice", lambda start, stop: range(start, stop))
    monkeypatch.setattr(infra, "_GIVEN", set())
    ports = [free_port() for _ in range(40)]
    assert sorted(ports) == list(few)
    with pytest.raises(RuntimeError, match=f"no free port in {few.start}-{few.stop - 1}"):
        free_port()


@pytest.mark.parametrize(
    ("worker", "count", "expected"),
    [
        ("gw0", "2", range(20_000, 26_000)),
        ("gw1", "2", range(26_000, 32_000)),
        ("gw2", "3", range(28_000, 32_000)),
        ("", "", range(20_000, 32_000)),  # no workers: all of it
        ("gw0", "1", range(20_000, 32_000)),
    ],
)
def test_each_xdist_worker_draws_from_its_own_slice(
    monkeypatch: pytest.MonkeyPatch, worker: str, count: str, expected: range
) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", count)
    assert infra._worker_slice(20_000, 32_000) == expected
