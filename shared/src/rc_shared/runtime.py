"""A service process: database pool, migrations, outbox relay, consumers and the HTTP app.

Each service builds a ``Runtime`` with its settings, migrations folder and consumers, and calls
``create_app``. Health: ``/health/live`` answers while the process runs; ``/health/ready`` checks
the database and the Kafka broker. ``/metrics`` serves Prometheus metrics. The three stay
answerable when the API is at its in-flight bound (they have their own budget); a pool with no
free connection is reported ``busy`` and still ready (the requests get 503 and Retry-After; taking
the replica out of rotation would only move its load onto the others).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import asyncpg
from aiokafka import AIOKafkaProducer
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from faststream.kafka import KafkaBroker
from faststream.security import SASLPlaintext, SASLScram256, SASLScram512
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import Field

from rc_shared import api, clock, http
from rc_shared.auth import ScopeResolver, TokenVerifier, authenticate
from rc_shared.consumer import BatchProcessor, Consumer, subscribe
from rc_shared.db import PoolBusy, create_pool, migrate
from rc_shared.kafka import ensure_topics, make_producer, started_producer
from rc_shared.lag import KafkaGauges
from rc_shared.logging import configure, get_logger
from rc_shared.outbox import OutboxRelay, UnitOfWork, measure_backlog
from rc_shared.scope import PgScopeResolver
from rc_shared.settings import ServiceSettings

log = get_logger(__name__)

STOP_TIMEOUT_S = 10.0
"""How long each part of a stopping runtime (its tasks, consumers, producer, pool) may take."""
STOP_DEADLINE_S = 40.0
"""How long all of them may take together: with the preStop pause (5 s) and uvicorn's own (10 s), under the
pods' terminationGracePeriodSeconds (60 s), so that a stop with Kafka gone is still a clean exit, not a kill."""
STOP_FLOOR_S = 0.5
"""The least time a part gets past the deadline: each is still asked to stop (a pool is then terminated)."""


class _StopClock:
    """The time left to each part of a stop: :data:`STOP_TIMEOUT_S`, no more than what the deadline leaves."""

    def __init__(self) -> None:
        self.deadline = asyncio.get_running_loop().time() + STOP_DEADLINE_S

    def left(self) -> float:
        remaining = self.deadline - asyncio.get_running_loop().time()
        return max(STOP_FLOOR_S, min(STOP_TIMEOUT_S, remaining))


async def _bounded(what: str, stopping: Any, seconds: float) -> bool:
    """Await ``stopping`` for at most ``seconds``; past it, log and go on stopping the rest (False)."""
    try:
        await asyncio.wait_for(stopping, seconds)
        return True
    except TimeoutError:
        log.warning("stop_timed_out", part=what, timeout_s=seconds)
        return False


@dataclass
class Runtime:
    """Everything one service process runs. Flags choose the roles of this process."""

    settings: ServiceSettings
    migrations: Path
    consumers: Sequence[Consumer] = ()
    topics: Sequence[str] = ()
    run_api: bool = True
    run_relay: bool = True
    run_consumers: bool = True
    pool: asyncpg.Pool | None = None
    producer: AIOKafkaProducer | None = None
    broker: KafkaBroker | None = None
    relay: OutboxRelay | None = None
    gauges: KafkaGauges | None = None
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # One clock: every process of every service decides "today" in the organisation's zone.
        clock.configure(self.settings.timezone)

    @property
    def source(self) -> str:
        return f"/{self.settings.service_name}"

    def db(self) -> asyncpg.Pool:
        if self.pool is None:
            raise RuntimeError("runtime not started")
        return self.pool

    async def start(self) -> None:
        s = self.settings
        configure(s.service_name, s.log_level, s.log_json)
        await migrate(s.database_url, [self.migrations])
        self.pool = await create_pool(s.database_url, s.db_pool_min, s.db_pool_max, s.db_statement_timeout_s)
        await ensure_topics(
            s, [s.kafka_namespace + t for t in (*self.topics, *(t for c in self.consumers for t in c.topics))]
        )
        self.producer = make_producer(s)
        await self.producer.start()
        if self.run_relay:
            # the relay's own producer, so that renewing it (after stalls) leaves the DLQ's alone
            self.relay = OutboxRelay(
                s.database_url,
                await started_producer(s),
                s.service_name,
                batch_size=s.outbox_batch_size,
                poll_interval_s=s.outbox_poll_interval_s,
                retention_h=s.outbox_retention_h,
                namespace=s.kafka_namespace,
                statement_timeout_s=s.db_batch_statement_timeout_s,
                renew_producer=functools.partial(started_producer, s),
            )
            self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
        if self.run_consumers and self.consumers:
            self.broker = KafkaBroker(
                s.kafka_bootstrap_servers,
                client_id=f"{s.service_name}-consumer",
                security=_faststream_security(s),
                logger=None,
            )
            for c in self.consumers:
                subscribe(
                    self.broker,
                    BatchProcessor(
                        c,
                        self.pool,
                        self.producer,
                        s.service_name,
                        s.consumer_max_retries,
                        statement_timeout_s=s.db_batch_statement_timeout_s,
                    ),
                    max_records=s.consumer_max_records,
                    fetch_max_wait_ms=s.consumer_fetch_max_wait_ms,
                    fetch_min_bytes=s.consumer_fetch_min_bytes,
                    session_timeout_ms=s.consumer_session_timeout_ms,
                    heartbeat_interval_ms=s.consumer_heartbeat_interval_ms,
                    retry_backoff_s=s.consumer_retry_backoff_s,
                    namespace=s.kafka_namespace,
                    group_instance_id=s.consumer_group_instance_id,
                )
            await self.broker.start()
            self.gauges = KafkaGauges(s, {c.name: c.topics for c in self.consumers})
            self._tasks.append(asyncio.create_task(self.gauges.run(s.metrics_interval_s), name="kafka-gauges"))
        log.info("service_started", api=self.run_api, relay=self.run_relay, consumers=self.run_consumers)

    async def stop(self) -> None:
        clock = _StopClock()  # every part bounded, and all of them together (STOP_DEADLINE_S)
        if self.relay:
            self.relay.stop()  # it finishes the batch in flight (sent and marked), then returns
            relay_tasks = [t for t in self._tasks if t.get_name() == "outbox-relay"]
            if relay_tasks:
                await asyncio.wait(relay_tasks, timeout=clock.left())
        for t in self._tasks:
            t.cancel()
        if self._tasks:
            timeout = clock.left()
            _, stuck = await asyncio.wait(self._tasks, timeout=timeout)
            for t in stuck:  # a task that ignores its cancellation must not hold the process up
                log.warning("task_did_not_stop", task=t.get_name(), timeout_s=timeout)
        self._tasks.clear()
        # aiokafka's consumer can wait without end for a group coordinator it cannot reach, its
        # producer for a broker that does not answer: each gets a bounded time to stop cleanly
        if self.broker:
            await _bounded("consumers", self.broker.stop(), clock.left())
        if self.relay:
            await _bounded("relay producer", self.relay.producer.stop(), clock.left())
        if self.producer:
            await _bounded("producer", self.producer.stop(), clock.left())
        if self.pool and not await _bounded("database pool", self.pool.close(), clock.left()):
            self.pool.terminate()  # a connection never released: close them all at once

    async def readiness(self) -> dict[str, Any]:
        checks: dict[str, Any] = {}
        try:
            async with self.db().acquire() as conn:
                await conn.fetchval("SELECT 1")
                n, _age = await measure_backlog(conn, self.settings.service_name)
            checks["database"] = "ok"
            checks["outbox_backlog"] = n
        except PoolBusy:
            checks["database"] = "busy"
        except Exception as exc:
            checks["database"] = f"error: {exc!r}"
        try:
            assert self.producer is not None
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), timeout=3)
            checks["kafka"] = "ok"
        except Exception as exc:
            checks["kafka"] = f"error: {exc!r}"
        if self.relay is not None:
            checks["outbox_relay"] = "active" if self.relay.active else "standby"
        return checks


def _faststream_security(s: ServiceSettings) -> Any:
    import ssl

    if not s.kafka_security_protocol.startswith("SASL"):
        if s.kafka_security_protocol == "SSL":
            from faststream.security import BaseSecurity

            return BaseSecurity(ssl_context=ssl.create_default_context(cafile=s.kafka_ssl_cafile))
        return None
    ctx = ssl.create_default_context(cafile=s.kafka_ssl_cafile) if s.kafka_security_protocol == "SASL_SSL" else None
    cls = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}[
        s.kafka_sasl_mechanism or "SCRAM-SHA-512"
    ]
    return cls(
        username=s.kafka_sasl_username or "",
        password=s.kafka_sasl_password.get_secret_value() if s.kafka_sasl_password else "",
        ssl_context=ctx,
    )


class LiveOut(api.Out):
    status: str


class ReadyOut(api.Out):
    status: str = Field(
        description="ok; degraded (200: the broker does not answer, and events wait in the outbox); or"
        " unavailable (503: the database does not answer)."
    )
    checks: dict[str, Any] = Field(description="database, kafka (ok or the error), outbox_backlog, outbox_relay.")


def create_app(
    runtime: Runtime,
    routers: Sequence[APIRouter],
    *,
    title: str,
    description: str,
    version: str,
    on_started: Callable[[Runtime], Any] | None = None,
    public_routers: Sequence[APIRouter] = (),
    scope_resolver: Callable[[Runtime], ScopeResolver] | None = None,
) -> FastAPI:
    """The service's FastAPI app. ``routers`` need a bearer token; ``public_routers`` do not. ``version``
    is the API's (semantic: docs/openapi/CHANGELOG.md says what each version changed).

    ``scope_resolver`` builds, once the database pool exists, what decides whether a unit lies in
    a user's subtree (default: the shared ``scope_unit_versions`` projection).
    """

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        app.state.scope_resolver = (scope_resolver or (lambda rt: PgScopeResolver(rt.db())))(runtime)
        if on_started:
            await on_started(runtime)
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan)
    app.state.runtime = runtime
    s = runtime.settings
    if s.auth_enabled:
        app.state.token_verifier = TokenVerifier(
            public_key_pem=Path(s.auth_public_key_file).read_bytes() if s.auth_public_key_file else None,
            jwks_url=s.auth_jwks_url,
            issuer=s.auth_issuer,
            audience=s.auth_audience,
        )
    http.install(
        app,
        s.service_name,
        s.max_request_bytes,
        s.write_rate_per_minute,
        write_quotas=s.write_quota_clients,
        max_in_flight=s.max_in_flight,
        body_bytes_in_flight=s.http_max_body_bytes_in_flight,
        pool_acquire_timeout_s=s.db_pool_acquire_timeout_s,
        max_waiting=s.http_max_waiting,
    )

    @app.get("/health/live", tags=["health"], response_model=LiveOut, responses=api.errors(413, 422))
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/health/ready",
        tags=["health"],
        response_model=ReadyOut,
        responses={
            **api.errors(413, 422),
            503: {"model": ReadyOut, "description": "The database does not answer."},
        },
    )
    async def ready() -> JSONResponse:
        """Ready while the database answers. A broker that does not answer leaves the service ready
        (``degraded``): its writes keep their events in the outbox until the broker is back, and its
        reads need no broker; taking every replica of every service out of its Service for a broker
        outage would turn the outage into the whole platform's, the public pages and the console's."""
        checks = await runtime.readiness()
        if checks.get("database") not in ("ok", "busy"):
            return JSONResponse({"status": "unavailable", "checks": checks}, status_code=503)
        return JSONResponse({"status": "ok" if checks.get("kafka") == "ok" else "degraded", "checks": checks})

    @app.get("/metrics", tags=["health"], include_in_schema=False)
    async def metrics() -> Response:
        if runtime.pool is not None:
            with contextlib.suppress(Exception):
                async with runtime.pool.acquire() as conn:
                    await measure_backlog(conn, runtime.settings.service_name)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    for r in routers:
        api.declare_common_errors(r.routes, authenticated=True)
        app.include_router(r, dependencies=[Depends(authenticate)])
    for r in public_routers:
        api.declare_common_errors(r.routes, authenticated=False)
        app.include_router(r)
    api.document_errors(app)
    api.document_links(app)
    return app


class Roles(TypedDict, total=False):
    """What one process of a service runs (each on unless turned off): ``build_app(settings, **roles)``."""

    api: bool
    relay: bool
    consumers: bool


def service_app(
    settings: ServiceSettings,
    migrations: Path,
    roles: Roles,
    *,
    title: str,
    description: str,
    version: str,
    routers: Sequence[APIRouter],
    public_routers: Sequence[APIRouter] = (),
    consumers: Sequence[Consumer] = (),
    topics: Sequence[str] = (),
    scope_resolver: Callable[[Runtime], ScopeResolver] | None = None,
) -> FastAPI:
    """A service's process as one app: its :class:`Runtime` in the given ``roles`` and
    :func:`create_app` on it (without the API role no router is served; health and metrics are).
    The runtime is ``app.state.runtime``."""
    api = roles.get("api", True)
    runtime = Runtime(
        settings,
        migrations,
        consumers=consumers,
        topics=topics,
        run_api=api,
        run_relay=roles.get("relay", True),
        run_consumers=roles.get("consumers", True),
    )
    return create_app(
        runtime,
        routers if api else [],
        public_routers=public_routers if api else [],
        title=title,
        description=description,
        version=version,
        scope_resolver=scope_resolver,
    )


def runtime_of(request: Request) -> Runtime:
    """The service process's runtime, from a request."""
    return request.app.state.runtime  # type: ignore[no-any-return]


def _plain(tx: UnitOfWork) -> UnitOfWork:
    return tx


unit_of_work = api.unit_of_work_of(_plain)
"""A unit of work on the service's database (state and outbox events commit together)."""

connection = api.open_connection
"""A pooled connection for reads and checks outside a unit of work."""
