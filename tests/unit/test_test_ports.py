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


class _AnyPortBinds:
    """A socket whose every bind succeeds: which ports free_port hands out, whatever the machine has open."""

    def __enter__(self) -> _AnyPortBinds:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def bind(self, address: tuple[str, int]) -> None:
        return None


def test_a_port_is_never_handed_out_twice_in_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # a system's four services draw their ports before any binds: a port drawn twice failed a start
    monkeypatch.setattr(infra.socket, "socket", _AnyPortBinds)
    monkeypatch.setattr(infra, "SERVER_PORTS", range(21_000, 21_040))
    monkeypatch.setattr(infra, "_worker_slice", lambda start, stop: range(start, stop))
    monkeypatch.setattr(infra, "_GIVEN", set())
    ports = [free_port() for _ in range(40)]
    assert sorted(ports) == list(range(21_000, 21_040))
    with pytest.raises(RuntimeError, match="no free port in 21000-21039"):
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
