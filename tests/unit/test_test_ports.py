"""Servers the tests start listen on ports no outgoing connection can hold (see tests.infra.free_port)."""

from __future__ import annotations

import socket
from pathlib import Path

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
