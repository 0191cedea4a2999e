"""The load bench reads each service's accept queue from the kernel (``bench.load.accept_queues``): the
connections set up and not yet accepted, which a service's own latency histograms never see."""

from __future__ import annotations

import socket
import time

from bench.load import accept_queues


def settled(ports: dict[str, int], expected: dict[str, int]) -> dict[str, int]:
    """The queues once they read ``expected`` (a client's last ACK reaches the listener just after its
    connect returns), or as they last read after 5 s."""
    deadline = time.monotonic() + 5
    while (now := accept_queues(ports)) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    return now


def test_it_counts_the_connections_a_listening_socket_has_not_accepted() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    other = socket.socket()
    other.bind(("127.0.0.1", 0))
    other.listen(16)
    port, quiet = listener.getsockname()[1], other.getsockname()[1]
    clients = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(3)]
    try:
        ports = {"busy": port, "quiet": quiet}
        assert settled(ports, {"busy": 3, "quiet": 0}) == {"busy": 3, "quiet": 0}
        accepted, _ = listener.accept()
        assert accept_queues(ports) == {"busy": 2, "quiet": 0}
        accepted.close()
    finally:
        for s in (*clients, listener, other):
            s.close()


def test_only_listening_sockets_count_and_ipv6_tables_are_read() -> None:
    """An established socket on the same port (its rx_queue: unread bytes) is not a queue of connections."""
    tcp = (
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 1\n"
        "   1: 0100007F:1F90 0100007F:C350 01 00000000:000000FF 00:00000000 00000000     0        0 2\n"
    )
    tcp6 = (
        "  sl  local_address                         remote_address                        st tx_queue rx_queue\n"
        "   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:0000000C\n"
    )
    assert accept_queues({"a": 8080, "b": 8081, "c": 8082}, (tcp, tcp6)) == {"a": 5, "b": 12, "c": 0}
