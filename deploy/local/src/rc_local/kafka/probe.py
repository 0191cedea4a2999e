"""Does a broker serve clients? One aiokafka connection (TLS, SASL/SCRAM login) and a Metadata request."""

from __future__ import annotations

import asyncio
import ssl
import struct
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aiokafka import errors as aiokafka_errors
from aiokafka.conn import create_conn
from aiokafka.protocol.metadata import MetadataRequest

from rc_local.kafka.common import HOST, SCRAM_MECHANISMS, KafkaAuthenticationError, KafkaError

_T = TypeVar("_T")

#: Errors a probe of a broker that is not (yet) serving clients raises.
PROBE_ERRORS: tuple[type[Exception], ...] = (OSError, KafkaError, struct.error, ValueError)

#: Broker error codes of a refused SASL login: unsupported mechanism, illegal state, bad credentials.
_SASL_ERROR_CODES = frozenset({33, 34, 58})


@dataclass(frozen=True)
class ClientSecurity:
    """How :func:`probe` talks to a listener: TLS and/or SASL/SCRAM (default: PLAINTEXT)."""

    sasl_mechanism: str | None = None
    """``SCRAM-SHA-512`` or ``SCRAM-SHA-256``; ``None``: no SASL."""
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: bool = False
    cafile: Path | None = None
    """PEM bundle that verifies the broker certificate (``None``: the system's CAs)."""

    @property
    def protocol(self) -> str:
        """The Kafka ``security.protocol`` this corresponds to."""
        if self.sasl_mechanism:
            return "SASL_SSL" if self.tls else "SASL_PLAINTEXT"
        return "SSL" if self.tls else "PLAINTEXT"

    def aiokafka_options(self) -> dict[str, Any]:
        """Keyword arguments of aiokafka's connections and clients for this security."""
        options: dict[str, Any] = {"security_protocol": self.protocol}
        if self.tls:
            options["ssl_context"] = ssl.create_default_context(cafile=str(self.cafile) if self.cafile else None)
        if self.sasl_mechanism:
            options["sasl_mechanism"] = self.sasl_mechanism
            options["sasl_plain_username"] = self.username or ""
            options["sasl_plain_password"] = self.password or ""
        return options


@dataclass(frozen=True)
class BrokerMetadata:
    """What a broker answered to a Metadata request."""

    cluster_id: str | None
    controller_id: int
    brokers: tuple[tuple[int, str, int], ...]
    """``(node_id, host, port)`` of every live broker."""


def _run(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` to completion from synchronous code, even when this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from async code (a test, a service): the loop is busy with us, so use another thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rc-kafka-probe") as pool:
        return pool.submit(asyncio.run, coro).result()


async def _metadata(host: str, port: int, request_timeout_ms: int, security: ClientSecurity) -> BrokerMetadata:
    conn = await create_conn(
        host,
        port,
        client_id="rc-local-probe",
        request_timeout_ms=request_timeout_ms,
        **security.aiokafka_options(),
    )
    try:
        # no topics (only brokers), and asking must not create any
        response = await conn.send(MetadataRequest([], allow_auto_topic_creation=False))
    finally:
        conn.close()
    brokers = tuple((int(b[0]), str(b[1]), int(b[2])) for b in response.brokers)
    return BrokerMetadata(getattr(response, "cluster_id", None), getattr(response, "controller_id", -1), brokers)


def probe(bootstrap: str, timeout: float = 3.0, *, security: ClientSecurity | None = None) -> BrokerMetadata:
    """Ask ``host:port`` for its metadata (brokers, cluster id, controller) through aiokafka.

    ``security`` adds TLS and/or a SASL/SCRAM login first (default: PLAINTEXT); ``timeout``
    bounds the connection and each request. Raises ``OSError`` (connection refused, timeout,
    closed, TLS failure), :class:`KafkaAuthenticationError` (credentials or mechanism refused) or
    :class:`KafkaError` (any other refusal).
    """
    security = security or ClientSecurity()
    if security.sasl_mechanism and security.sasl_mechanism not in SCRAM_MECHANISMS:
        raise KafkaError(
            f"unsupported SASL mechanism {security.sasl_mechanism!r}: use one of {', '.join(SCRAM_MECHANISMS)}"
        )
    host, _, port_s = bootstrap.rpartition(":")
    try:
        return _run(_metadata(host or HOST, int(port_s), int(timeout * 1000), security))
    except aiokafka_errors.KafkaConnectionError as exc:
        raise ConnectionError(str(exc)) from exc
    except aiokafka_errors.KafkaTimeoutError as exc:
        raise TimeoutError(str(exc)) from exc
    except aiokafka_errors.BrokerResponseError as exc:
        if exc.errno in _SASL_ERROR_CODES:
            raise KafkaAuthenticationError(f"SASL authentication failed (error code {exc.errno}): {exc}") from exc
        raise KafkaError(f"the broker at {bootstrap} answered error code {exc.errno}: {exc}") from exc
    except aiokafka_errors.KafkaError as exc:
        raise KafkaError(f"probing {bootstrap}: {exc}") from exc


def answers(bootstrap: str, timeout: float = 2.0, security: ClientSecurity | None = None) -> BrokerMetadata | None:
    """The broker's metadata when it serves clients with at least one broker registered, else ``None``."""
    try:
        meta = probe(bootstrap, timeout=timeout, security=security)
    except PROBE_ERRORS:
        return None
    return meta if meta.brokers else None
