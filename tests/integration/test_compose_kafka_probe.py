"""The compose file's Kafka healthcheck, its command as Docker runs it, against a real broker.

The probe (deploy/compose.yaml, service ``kafka``) sends one ApiVersions request from bash and is
healthy only on an answer with its correlation id and error code 0. Here it runs against the test
broker (healthy), against a port nobody listens on, and against a listener that accepts connections
but never answers, as a starting broker does before it serves requests (both unhealthy). It runs with
this machine's bash and tools; inside the images it runs in the container tier's compose flow
(tests/containers/test_compose_flow.py: the services start only once the broker is healthy).
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.infra import Endpoints, free_port

pytestmark = pytest.mark.integration

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "deploy" / "compose.yaml"


def probe_for(port: int, host: str = "127.0.0.1") -> list[str]:
    """The healthcheck's command as Docker runs it: compose's ``$$`` is a ``$``; the address ours."""
    test: list[str] = yaml.safe_load(COMPOSE_FILE.read_text())["services"]["kafka"]["healthcheck"]["test"]
    assert test[0] == "CMD", test
    return [arg.replace("$$", "$").replace("127.0.0.1/9092", f"{host}/{port}") for arg in test[1:]]


def run(port: int, host: str = "127.0.0.1") -> subprocess.CompletedProcess[str]:
    return subprocess.run(probe_for(port, host), capture_output=True, text=True, timeout=30)


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield int(s.getsockname()[1])


def test_the_probe_is_healthy_on_a_broker_that_answers(infra: Endpoints) -> None:
    host, _, port = infra.kafka_bootstrap.split(",")[0].rpartition(":")
    answer = run(int(port), host)
    assert answer.returncode == 0, answer


def test_the_probe_is_unhealthy_with_nobody_listening() -> None:
    answer = run(free_port())
    assert answer.returncode != 0, answer


def test_the_probe_is_unhealthy_on_a_listener_that_does_not_answer(silent_listener: int) -> None:
    answer = run(silent_listener)
    assert answer.returncode != 0, answer
