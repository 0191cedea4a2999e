"""Runs the services as real processes (their own console scripts) for end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from rc_shared.auth import generate_keys, mint
from rc_shared.envelope import Envelope
from rc_shared.scope import UNKNOWN_UNIT
from tests import launcher
from tests.infra import free_port
from tests.integration.shared.helpers import eventually, unit_created

BIN = Path(sys.executable).parent
_KEYS: tuple[Path, Path] | None = None
ISSUER, AUDIENCE = "rc-dev", "redcross-platform"


def auth_keys() -> tuple[Path, Path]:
    """A signing key pair for this test session (private, public)."""
    global _KEYS
    if _KEYS is None:
        _KEYS = generate_keys(Path(tempfile.mkdtemp(prefix="rc-auth-")))
    return _KEYS


def token(role: str = "admin", unit_id: uuid.UUID | str | None = None, subject: str = "e2e-tester") -> str:
    return mint(
        auth_keys()[0].read_bytes(),
        subject=subject,
        role=role,
        unit_id=unit_id,
        issuer=ISSUER,
        audience=AUDIENCE,
    )


def auth(role: str = "admin", unit_id: uuid.UUID | str | None = None) -> dict[str, str]:
    """Authorization header for a user with ``role`` scoped to ``unit_id`` (None: whole organisation)."""
    return {"Authorization": f"Bearer {token(role, unit_id)}"}


@dataclass
class ServiceProcess:
    """One service process; ``kill()`` is a SIGKILL, ``start()`` starts it again on the same port."""

    name: str
    env: dict[str, str]
    args: list[str]
    log_path: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | launcher.Forked | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: bool = True, timeout: float = 60.0) -> None:
        # Static group membership, one id per process kept across its restarts: a process SIGKILLed
        # and started again takes its partitions back at once, without waiting out the session timeout.
        static = {"RC_CONSUMER_GROUP_INSTANCE_ID": f"{self.name}-{self.port}"}
        env = {**os.environ, **static, **self.env, "RC_HTTP_PORT": str(self.port)}
        self.proc = launcher.start(f"rc-{self.name}", ["serve", *self.args], env, self.log_path)
        if wait:
            self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                r = httpx.get(f"{self.url}/health/ready", timeout=2)
                if r.status_code == 200:
                    return
                last = r.text
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout}s ({last}):\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no final commit."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def terminate(self) -> None:
        """SIGTERM, not waited for (:meth:`stop` waits)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)

    def stop(self) -> None:
        """SIGTERM, then wait up to 20 s for the process to end (a SIGKILL after)."""
        stop_all([self])

    def tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def stop_all(processes: Iterable[ServiceProcess]) -> None:
    """Stop the processes together: each is sent SIGTERM at once, then waited for (up to 20 s, a
    SIGKILL after). One at a time, a system's stops added up (about 1.5 s each, mostly waiting for the
    consumers to leave their groups)."""
    procs = list(processes)
    for p in procs:
        p.terminate()
    for p in procs:
        if p.proc and p.proc.poll() is None:
            try:
                p.proc.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()


FAST_GAUGES = {"RC_METRICS_INTERVAL_S": "1"}  # for a test that waits for the lag gauges to reach 0


def service_env(name: str, database_url: str, kafka: str, namespace: str) -> dict[str, str]:
    """Environment for one service under test: its own database, a private topic namespace,
    short consumer-group timeouts so joins and rebalances take about a second. The lag and DLQ
    gauges keep the service's 15 s interval: only a test that reads them asks for a shorter one
    (``FAST_GAUGES``), as each measurement costs every idle process CPU."""
    return {
        "RC_SERVICE_NAME": name,
        "RC_DATABASE_URL": database_url,
        "RC_KAFKA_BOOTSTRAP_SERVERS": kafka,
        "RC_KAFKA_NAMESPACE": namespace,
        "RC_CONSUMER_SESSION_TIMEOUT_MS": "6000",
        "RC_CONSUMER_HEARTBEAT_INTERVAL_MS": "500",
        "RC_OUTBOX_POLL_INTERVAL_S": "0.2",
        "RC_CONSUMER_RETRY_BACKOFF_S": "0.5",
        "RC_LOG_JSON": "true",
        "RC_AUTH_ENABLED": "true",
        "RC_WRITE_RATE_PER_MINUTE": "6000",
        "RC_AUTH_PUBLIC_KEY_FILE": str(auth_keys()[1]),
        "RC_AUTH_ISSUER": ISSUER,
        "RC_AUTH_AUDIENCE": AUDIENCE,
    }


async def new_unit(members: httpx.AsyncClient, level: str = "province", valid_from: str = "2020-01-01") -> str:
    """A new unit created through the members API; the other services learn it from ``members.units``."""
    code = f"U-{uuid.uuid4().hex[:8]}"
    r = await members.post("/units", json={"code": code, "name": code, "level": level, "valid_from": valid_from})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def post_once_units_known(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> httpx.Response:
    """POST ``body``, and again while the answer is the 422 of a unit the service's tree does not know
    yet (a unit just created in members reaches the other services asynchronously, through Kafka).
    Such a 422 changes nothing; any other answer is returned as it is."""
    answers: list[httpx.Response] = []

    async def answered() -> bool:
        r = await client.post(path, json=body)
        answers.append(r)
        return not (r.status_code == 422 and r.json().get("reason") == UNKNOWN_UNIT)

    await eventually(answered, timeout=60, what=f"POST {path}: its units to reach the service's tree")
    return answers[-1]


async def create_campaign_without_members(
    client: httpx.AsyncClient, url: str, kafka: str, namespace: str, body: dict[str, Any]
) -> httpx.Response:
    """POST ``body`` to ``url`` (a campaigns service's ``/campaigns``) organised by a new unit, where no
    members service runs: the unit's ``members.units`` event is published as members would publish
    it, and the campaign is created once the service's tree knows the unit."""
    organiser = uuid.uuid4()
    await publish(kafka, namespace, [unit_created(organiser)])
    return await post_once_units_known(client, url, {**body, "organising_unit_id": str(organiser)})


async def publish(bootstrap: str, namespace: str, envelopes: list[Envelope]) -> None:
    """Publish events as their owning service would (e.g. members.units where no members service runs)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for env in envelopes:
            await producer.send_and_wait(namespace + env.topic, value=env.value(), key=env.key(), headers=env.headers())
    finally:
        await producer.stop()
