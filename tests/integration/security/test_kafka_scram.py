"""Kafka SASL/SCRAM (and SASL_SSL) against a real broker that has SCRAM users.

The module starts its own single-node broker once, through ``rc_local.kafka.start(...,
scram_users=..., tls_port=...)``, in a temporary state dir on free ports, and stops it at the end.
That broker has no PLAINTEXT client listener: ``SASL_PLAINTEXT`` on one port and ``SASL_SSL`` (a
self-signed CA made by keytool) on another, with SCRAM-SHA-512 and SCRAM-SHA-256 users created when
its storage is formatted. PostgreSQL comes from the usual ``infra`` fixture.

The module runs whatever infrastructure the other tests use (environment variables,
testcontainers or the local launcher): its broker is always its own, so nothing here depends on
what else the machine has.
"""

from __future__ import annotations

import logging
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import structlog
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.conn import create_conn
from aiokafka.errors import KafkaConnectionError, SaslAuthenticationFailed

from rc_local import kafka
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope, headers_dict
from rc_shared.events.members import UNITS_TOPIC, UnitRenamed
from rc_shared.kafka import make_producer, security_options, start_consumer
from rc_shared.outbox import UnitOfWork
from rc_shared.runtime import Runtime
from rc_shared.settings import ServiceSettings
from tests.infra import free_ports
from tests.integration.shared.helpers import eventually

pytestmark = pytest.mark.integration

USERS = ("alice", "bob")
HOST = "127.0.0.1"
_PRINT_METHODS = tuple(n for n in dir(structlog.PrintLogger) if not n.startswith("_"))


@dataclass(frozen=True)
class ScramBroker:
    state: Path
    bootstrap: str
    """SASL_PLAINTEXT listener."""
    tls_bootstrap: str
    """SASL_SSL listener."""
    controller_port: int
    ca_file: Path
    passwords: dict[str, str]
    marks: tuple[str, ...]
    """The random part of every password: must never show up in a log."""

    def settings(
        self,
        *,
        protocol: str = "SASL_PLAINTEXT",
        mechanism: str = "SCRAM-SHA-512",
        user: str = "alice",
        password: str | None = None,
        cafile: Path | None = None,
        dsn: str = "postgresql://unused@127.0.0.1:1/unused",
        namespace: str = "",
    ) -> ServiceSettings:
        tls = protocol == "SASL_SSL"
        return ServiceSettings(
            service_name="scram-test",
            database_url=dsn,
            kafka_bootstrap_servers=self.tls_bootstrap if tls else self.bootstrap,
            kafka_security_protocol=protocol,
            kafka_sasl_mechanism=mechanism,
            kafka_sasl_username=user,
            kafka_sasl_password=self.passwords[user] if password is None else password,
            kafka_ssl_cafile=str(cafile or self.ca_file) if tls else None,
            kafka_namespace=namespace,
            consumer_session_timeout_ms=6000,
            consumer_heartbeat_interval_ms=500,
            consumer_retry_backoff_s=0.2,
            outbox_poll_interval_s=0.2,
            log_json=True,
            log_level="DEBUG",
        )


@pytest.fixture(scope="module")
def scram_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScramBroker]:
    """One SCRAM broker for the module: own state dir, free ports, stopped at the end."""
    marks = {user: secrets.token_hex(12) for user in USERS}
    # characters that need care in SCRAM (',' '='), JAAS ('"' '\\') and shells
    passwords = {user: f"{mark},=\"'\\ $x" for user, mark in marks.items()}
    started = time.monotonic()
    for attempt in range(3):
        # a free port can be taken by another process before the broker binds it: new ports, again
        state = tmp_path_factory.mktemp("kafka-scram")
        port, controller_port, tls_port = free_ports(3)
        try:
            bootstrap = kafka.start(state, port, controller_port, scram_users=passwords, tls_port=tls_port, timeout=120)
            break
        except kafka.KafkaError as exc:
            if attempt == 2 or "Address already in use" not in str(exc):
                raise
    print(f"SCRAM broker on {bootstrap} (TLS {tls_port}) started in {time.monotonic() - started:.1f}s")
    try:
        yield ScramBroker(
            state=state,
            bootstrap=bootstrap,
            tls_bootstrap=f"{HOST}:{tls_port}",
            controller_port=controller_port,
            ca_file=kafka.ca_file(state),
            passwords=passwords,
            marks=tuple(marks.values()),
        )
    finally:
        kafka.stop(state)


@pytest.fixture
def log_lines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line structlog prints during the test.

    Patched on ``PrintLogger`` itself: module-level loggers cache the stream they were first bound
    to (``cache_logger_on_first_use``), so replacing ``sys.stderr`` would miss them.
    """
    lines: list[str] = []
    for name in _PRINT_METHODS:
        original = getattr(structlog.PrintLogger, name)

        def capture(self: Any, message: Any = "", _original: Any = original) -> Any:
            lines.append(str(message))
            return _original(self, message)

        monkeypatch.setattr(structlog.PrintLogger, name, capture)
    return lines


def _assert_not_logged(secrets_: tuple[str, ...], lines: list[str], caplog: pytest.LogCaptureFixture) -> None:
    texts = list(lines)
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.__dict__))
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
    blob = "\n".join(texts)
    for secret in secrets_:
        assert secret not in blob, "a SASL password shows up in the logs"


def _host_port(bootstrap: str) -> tuple[str, int]:
    host, _, port = bootstrap.rpartition(":")
    return host, int(port)


sink = Consumer("scram-sink")


@sink.on(UnitRenamed)
async def _apply(conn: asyncpg.Connection, env: Envelope[UnitRenamed]) -> None:
    await conn.execute("INSERT INTO scram_sink (event_id, name) VALUES ($1, $2)", env.id, env.data.name)


@pytest.fixture
def migrations(tmp_path: Path) -> Path:
    (tmp_path / "0001_scram_sink.sql").write_text("CREATE TABLE scram_sink (event_id uuid PRIMARY KEY, name text);")
    return tmp_path


async def _fetchval(dsn: str, sql: str, *args: Any) -> Any:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


@pytest.fixture
async def alice_admin(scram_broker: ScramBroker) -> AsyncIterator[AIOKafkaAdminClient]:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=scram_broker.bootstrap, **security_options(scram_broker.settings(user="alice"))
    )
    await admin.start()
    yield admin
    await admin.close()


# --------------------------------------------------------------------------------------------
# (a) the right credentials: topics, outbox relay and consumer over SASL


@pytest.mark.parametrize(
    ("protocol", "mechanism", "user"),
    [("SASL_PLAINTEXT", "SCRAM-SHA-512", "alice"), ("SASL_SSL", "SCRAM-SHA-256", "bob")],
    ids=["sasl_plaintext-scram_sha_512", "sasl_ssl-scram_sha_256"],
)
async def test_runtime_creates_topics_relays_the_outbox_and_consumes_over_scram(
    scram_broker: ScramBroker,
    fresh_dsn: str,
    namespace: str,
    migrations: Path,
    alice_admin: AIOKafkaAdminClient,
    log_lines: list[str],
    caplog: pytest.LogCaptureFixture,
    protocol: str,
    mechanism: str,
    user: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = scram_broker.settings(
        protocol=protocol, mechanism=mechanism, user=user, dsn=fresh_dsn, namespace=namespace
    )
    topic = namespace + UNITS_TOPIC
    rt = Runtime(settings, migrations, consumers=[sink], topics=[UNITS_TOPIC], run_api=False)
    await rt.start()
    try:
        assert {topic, topic + ".dlq"} <= set(await alice_admin.list_topics()), "ensure_topics over SASL"
        async with UnitOfWork(rt.db(), "/scram-test") as uow:
            uow.emit(UnitRenamed(unit_id=uuid.uuid4(), valid_from=date(2024, 1, 1), name=f"via {protocol}"))
            await uow.commit()
            event_id = uow.events[0].id

        async def consumed() -> bool:
            n = await _fetchval(fresh_dsn, "SELECT count(*) FROM scram_sink WHERE event_id = $1", event_id)
            return bool(n == 1)

        await eventually(consumed, what=f"the event relayed and consumed over {protocol}/{mechanism}")
        checks = await rt.readiness()
        assert checks["kafka"] == "ok", checks
    finally:
        await rt.stop()

    assert await _fetchval(fresh_dsn, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
    outcome = await _fetchval(
        fresh_dsn, "SELECT outcome FROM processed_events WHERE consumer = 'scram-sink' AND event_id = $1", event_id
    )
    assert outcome == "applied"
    assert await _fetchval(fresh_dsn, "SELECT name FROM scram_sink") == f"via {protocol}"

    # the record really is on the broker: read it back as the other user and mechanism
    other = scram_broker.settings(user="alice" if user == "bob" else "bob", mechanism="SCRAM-SHA-256")
    reader = AIOKafkaConsumer(
        topic,
        bootstrap_servers=scram_broker.bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **security_options(other),
    )
    await start_consumer(reader)
    try:
        batches = await reader.getmany(timeout_ms=10000)
    finally:
        await reader.stop()
    records = [r for rs in batches.values() for r in rs]
    assert [headers_dict(r.headers)["ce_id"] for r in records] == [str(event_id)]

    # 3. no password in what the runtime logged (structlog lines and stdlib records)
    assert any("service_started" in line for line in log_lines), "the structlog capture saw nothing"
    _assert_not_logged(scram_broker.marks, log_lines, caplog)


# --------------------------------------------------------------------------------------------
# (b) wrong credentials are refused


async def test_a_wrong_password_is_refused(
    scram_broker: ScramBroker, log_lines: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    wrong = "wrong-" + secrets.token_hex(8)
    host, port = _host_port(scram_broker.bootstrap)

    # the SASL exchange itself: the broker answers SaslAuthenticate with SASL_AUTHENTICATION_FAILED
    for user in ("alice", "mallory"):  # a wrong password and an unknown user look the same
        with pytest.raises(SaslAuthenticationFailed, match="invalid credentials with SASL mechanism SCRAM-SHA-512"):
            await create_conn(
                host,
                port,
                security_protocol="SASL_PLAINTEXT",
                sasl_mechanism="SCRAM-SHA-512",
                sasl_plain_username=user,
                sasl_plain_password=wrong,
            )

    # what a service sees: the producer's start fails (aiokafka wraps the cause, and logs it)
    producer = make_producer(scram_broker.settings(user="alice", password=wrong))
    with pytest.raises(KafkaConnectionError, match="Unable to bootstrap"):
        await producer.start()
    await producer.stop()
    causes = [r.getMessage() for r in caplog.records if r.name.startswith("aiokafka")]
    assert any("SaslAuthenticationFailed" in m and "invalid credentials" in m for m in causes), causes

    # the right password of one mechanism does not open the other user's account either
    with pytest.raises(kafka.KafkaAuthenticationError, match="error code 58"):
        kafka.probe(
            scram_broker.bootstrap,
            security=kafka.ClientSecurity("SCRAM-SHA-256", "alice", scram_broker.passwords["bob"]),
        )
    _assert_not_logged((wrong, *scram_broker.marks), log_lines, caplog)


# --------------------------------------------------------------------------------------------
# (c) no SASL, no service


async def test_a_plaintext_client_cannot_produce_to_the_sasl_listener(
    scram_broker: ScramBroker, alice_admin: AIOKafkaAdminClient
) -> None:
    topic = f"plaintext-{uuid.uuid4().hex[:12]}"
    plaintext = ServiceSettings(kafka_bootstrap_servers=scram_broker.bootstrap, kafka_security_protocol="PLAINTEXT")
    producer = make_producer(plaintext)
    with pytest.raises(KafkaConnectionError, match="Unable to bootstrap"):
        await producer.start()
        await producer.send_and_wait(topic, b"must not arrive")
    await producer.stop()

    # on the wire: a Metadata request before the SASL handshake makes the broker hang up
    with pytest.raises(ConnectionError):
        kafka.probe(scram_broker.bootstrap)
    assert topic not in await alice_admin.list_topics()  # auto.create.topics.enable is on: nothing got that far

    log = scram_broker.state / "kafka" / "logs" / "server.log"

    async def broker_logged_it() -> bool:
        return "Unexpected Kafka request of type METADATA during SASL handshake" in log.read_text()

    await eventually(broker_logged_it, timeout=10, what="the broker's reason in server.log")


# --------------------------------------------------------------------------------------------
# TLS and the launcher itself


async def test_the_tls_listener_is_trusted_only_through_the_local_ca(
    scram_broker: ScramBroker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    system_cas = scram_broker.settings(protocol="SASL_SSL", user="bob")
    system_cas = system_cas.model_copy(update={"kafka_ssl_cafile": None})  # the system CAs only
    producer = make_producer(system_cas)
    with pytest.raises(KafkaConnectionError, match="Unable to bootstrap"):
        await producer.start()
    await producer.stop()
    causes = [r.getMessage() for r in caplog.records if r.name.startswith("aiokafka")]
    assert any("CERTIFICATE_VERIFY_FAILED" in m for m in causes), causes

    meta = kafka.probe(
        scram_broker.tls_bootstrap,
        security=kafka.ClientSecurity(
            "SCRAM-SHA-512", "alice", scram_broker.passwords["alice"], True, scram_broker.ca_file
        ),
    )
    assert meta.brokers == ((1, HOST, _host_port(scram_broker.tls_bootstrap)[1]),)


def test_the_launcher_reports_and_guards_the_scram_broker(scram_broker: ScramBroker) -> None:
    st = kafka.status(scram_broker.state)
    assert (st.running, st.answering, st.security_protocol) == (True, True, "SASL_PLAINTEXT")
    assert (st.bootstrap, st.tls_bootstrap, st.ca_file) == (
        scram_broker.bootstrap,
        scram_broker.tls_bootstrap,
        scram_broker.ca_file,
    )
    port, controller = _host_port(scram_broker.bootstrap)[1], scram_broker.controller_port
    tls_port = _host_port(scram_broker.tls_bootstrap)[1]
    # idempotent with the same users; refused with a user the formatted storage does not hold
    again = kafka.start(
        scram_broker.state, port, controller, scram_users=scram_broker.passwords, tls_port=tls_port, timeout=30
    )
    assert again == scram_broker.bootstrap
    with pytest.raises(kafka.KafkaError, match="carol"):
        kafka.start(scram_broker.state, port, controller, scram_users={"carol": "x"}, tls_port=tls_port)
    with pytest.raises(kafka.KafkaError, match="already runs"):
        kafka.start(scram_broker.state, port, controller)  # PLAINTEXT asked, SASL running

    # secrets stay out of the broker's logs and out of other users' reach
    kdir = scram_broker.state / "kafka"
    logs = "\n".join(p.read_text(errors="replace") for p in (kdir / "logs").iterdir() if p.is_file())
    for mark in scram_broker.marks:
        assert mark not in logs
    for private in (kdir / "security.json", kdir / "config" / "server.properties", kdir / "tls" / "broker.p12"):
        assert private.stat().st_mode & 0o077 == 0, private
