"""The launcher's broker probe (aiokafka underneath) keeps a synchronous API that any caller can use.

``status()`` and ``start()`` are synchronous, and async code calls them (the e2e and SCRAM tests,
``tests/infra.py`` through ``rc_local.stack``): the probe must work with or without an event loop
running in the calling thread, and its errors keep their meaning (``OSError`` when nothing
answers). No broker here: a port that is bound but not listening refuses every connection.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator

import pytest

from rc_local import kafka
from rc_local.kafka.probe import answers


@pytest.fixture
def refusing_port() -> Iterator[int]:
    """A loopback port held by this test and not listening: connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def test_nothing_listening_is_a_connection_error(refusing_port: int) -> None:
    with pytest.raises(ConnectionRefusedError):
        kafka.probe(f"127.0.0.1:{refusing_port}", timeout=2)
    assert answers(f"127.0.0.1:{refusing_port}") is None


async def test_the_probe_runs_where_an_event_loop_already_runs(refusing_port: int) -> None:
    # Not "asyncio.run() cannot be called from a running event loop": the same answer as without a loop.
    with pytest.raises(ConnectionRefusedError):
        kafka.probe(f"127.0.0.1:{refusing_port}", timeout=2)
    assert answers(f"127.0.0.1:{refusing_port}") is None


def test_a_mechanism_the_launcher_never_enables_is_refused_before_connecting(refusing_port: int) -> None:
    security = kafka.ClientSecurity("PLAIN", "alice", "secret")
    with pytest.raises(kafka.KafkaError, match="unsupported SASL mechanism 'PLAIN'"):
        kafka.probe(f"127.0.0.1:{refusing_port}", security=security)


@pytest.mark.parametrize(
    ("security", "protocol"),
    [
        (kafka.ClientSecurity(), "PLAINTEXT"),
        (kafka.ClientSecurity(tls=True), "SSL"),
        (kafka.ClientSecurity("SCRAM-SHA-256", "bob", "pw"), "SASL_PLAINTEXT"),
        (kafka.ClientSecurity("SCRAM-SHA-512", "alice", "pw", tls=True), "SASL_SSL"),
    ],
)
def test_client_security_becomes_aiokafka_options(security: kafka.ClientSecurity, protocol: str) -> None:
    options = security.aiokafka_options()
    assert options["security_protocol"] == protocol
    assert ("ssl_context" in options) == security.tls
    if security.tls:  # the broker's certificate and name are checked
        assert options["ssl_context"].verify_mode == ssl.CERT_REQUIRED
        assert options["ssl_context"].check_hostname
    if security.sasl_mechanism:
        assert (options["sasl_mechanism"], options["sasl_plain_username"], options["sasl_plain_password"]) == (
            security.sasl_mechanism,
            security.username,
            security.password,
        )
    else:
        assert "sasl_mechanism" not in options
