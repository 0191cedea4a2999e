"""Requests and the database: a read whose client leaves stops its query, a write runs to its end; every statement has a
timeout (API pool, consumer batches); a timed-out query answers 503, not 500."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any, cast

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from rc_shared import http
from rc_shared.consumer import BatchProcessor, Consumer
from rc_shared.db import acquire_bound, create_pool, migrate
from rc_shared.envelope import Envelope
from rc_shared.events.members import UnitCreated
from rc_shared.runtime import Runtime
from rc_shared.settings import ServiceSettings
from tests.integration.reporting.helpers import NoDeadLetters, record
from tests.integration.shared.helpers import eventually
from tests.served import serve

pytestmark = pytest.mark.integration


def _app(pool: asyncpg.Pool, cancelled: list[str], finished: list[str] | None = None) -> FastAPI:
    app = FastAPI()
    http.install(app, "db-test", 1_000_000)

    @app.post("/write")
    async def write(tag: str) -> dict[str, str]:
        """Waits for the advisory lock of ``tag`` (held by the test), then finishes."""
        async with pool.acquire() as conn:
            await conn.execute(f"SELECT pg_advisory_lock(hashtext($1)) /* {tag} */", tag)
            await conn.execute("SELECT pg_advisory_unlock(hashtext($1))", tag)
        (finished if finished is not None else []).append(tag)
        return {"written": tag}

    @app.get("/sleep")
    async def sleep(tag: str, seconds: float) -> dict[str, str]:
        try:
            async with pool.acquire() as conn:
                await conn.execute(f"SELECT pg_sleep($1) /* {tag} */", seconds)
        except asyncio.CancelledError:
            cancelled.append(tag)
            raise
        return {"slept": tag}

    return app


async def _active(dsn: str, tag: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        n: int = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
            f"%/* {tag} */%",
        )
        return n
    finally:
        await conn.close()


@pytest.fixture
async def unbounded_pool(fresh_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    """No statement timeout: only the client's disconnect can stop a query early."""
    pool = await create_pool(fresh_dsn, 1, 3)
    yield pool
    pool.terminate()  # a query left running (when the test fails) must not hold the teardown


async def test_a_read_whose_client_disconnects_stops_its_database_query(
    fresh_dsn: str, unbounded_pool: asyncpg.Pool
) -> None:
    cancelled: list[str] = []
    tag = f"t{uuid.uuid4().hex[:8]}"
    async with serve(_app(unbounded_pool, cancelled)) as url:
        port = int(url.rsplit(":", 1)[1])
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET /sleep?tag={tag}&seconds=600 HTTP/1.1\r\nHost: t\r\n\r\n".encode())
        await writer.drain()

        async def running() -> bool:
            return await _active(fresh_dsn, tag) == 1

        await eventually(running, what="the query runs in PostgreSQL")
        writer.close()  # the client goes away without waiting for the answer
        await writer.wait_closed()

        async def stopped() -> bool:
            return await _active(fresh_dsn, tag) == 0

        await eventually(stopped, what="the backend stops the query of a client that left")

        async def handler_cancelled() -> bool:  # (after releasing its connection, which follows the query's end)
            return bool(cancelled)

        await eventually(handler_cancelled, what="the handler to be cancelled")
        assert cancelled == [tag]
        async with httpx.AsyncClient(base_url=url) as client:  # the pool and the server still serve
            assert (await client.get("/sleep", params={"tag": "quick", "seconds": 0})).json() == {"slept": "quick"}


async def test_a_write_whose_client_disconnects_runs_to_its_end(fresh_dsn: str, unbounded_pool: asyncpg.Pool) -> None:
    cancelled: list[str] = []
    finished: list[str] = []
    tag = f"w{uuid.uuid4().hex[:8]}"
    holder = await asyncpg.connect(fresh_dsn)
    try:
        await holder.execute("SELECT pg_advisory_lock(hashtext($1))", tag)
        async with serve(_app(unbounded_pool, cancelled, finished)) as url:
            port = int(url.rsplit(":", 1)[1])
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"POST /write?tag={tag} HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n".encode())
            await writer.drain()

            async def waiting() -> bool:
                return await _active(fresh_dsn, tag) == 1

            await eventually(waiting, what="the write waits in PostgreSQL")
            writer.close()  # the client goes away without waiting for the answer
            await writer.wait_closed()
            await holder.execute("SELECT pg_advisory_unlock(hashtext($1))", tag)

            async def done() -> bool:
                return finished == [tag]

            await eventually(done, what="the write of a client that left finishes")
            assert cancelled == []
            async with httpx.AsyncClient(base_url=url) as client:  # the server still serves
                assert (await client.post("/write", params={"tag": "next"})).json() == {"written": "next"}
    finally:
        await holder.close()


async def test_a_query_over_the_statement_timeout_answers_503_with_the_correlation_id(fresh_dsn: str) -> None:
    pool = await create_pool(fresh_dsn, 1, 2, statement_timeout_s=0.2)
    try:
        async with (
            serve(_app(pool, [])) as url,
            httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=1)) as client,
        ):
            r = await client.get("/sleep", params={"tag": "long", "seconds": 30}, headers={"x-correlation-id": "c-7"})
            assert r.status_code == 503, r.text
            assert r.json()["error"] == "query_timeout" and "statement timeout" in r.json()["message"]
            assert r.headers["x-correlation-id"] == "c-7"
            assert (await client.get("/sleep", params={"tag": "short", "seconds": 0})).status_code == 200
    finally:
        await pool.close()


async def test_the_runtime_pool_and_consumer_batches_have_statement_timeouts(
    infra: Any, fresh_dsn: str, namespace: str, tmp_path: Path
) -> None:
    settings = ServiceSettings(
        database_url=fresh_dsn,
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        kafka_namespace=namespace,
        db_statement_timeout_s=1.5,
        db_batch_statement_timeout_s=45,
        log_json=False,
    )
    assert ServiceSettings().db_statement_timeout_s <= 30  # the default bounds every API statement
    runtime = Runtime(settings, migrations=tmp_path, run_relay=False, run_consumers=False)
    await runtime.start()
    try:
        async with runtime.db().acquire() as conn:
            assert await conn.fetchval("SHOW statement_timeout") == "1500ms"

        seen: list[str] = []
        consumer = Consumer("timeout-test")

        @consumer.on(UnitCreated)
        async def on_unit(conn: asyncpg.Connection, _: Envelope[UnitCreated]) -> None:
            seen.append(await conn.fetchval("SHOW statement_timeout"))

        processor = BatchProcessor(
            consumer,
            runtime.db(),
            cast(Any, NoDeadLetters()),
            "timeout-test",
            statement_timeout_s=settings.db_batch_statement_timeout_s,
        )
        event = UnitCreated(
            unit_id=uuid.uuid4(), valid_from=date(2025, 1, 1), code="U", name="U", level="province", parent_id=None
        )
        res = await processor.process(cast(Any, [record(Envelope(data=event, source="/members"))]))
        assert res.applied == 1 and seen == ["45s"]
        async with runtime.db().acquire() as conn:  # the batch's bound ended with its transaction
            assert await conn.fetchval("SHOW statement_timeout") == "1500ms"
    finally:
        await runtime.stop()


async def test_a_request_that_cannot_get_a_pool_connection_soon_gets_503_with_retry_after(fresh_dsn: str) -> None:
    """A pool of one held by a slow request: the next request is refused, not queued behind it."""
    pool = await create_pool(fresh_dsn, 1, 1)
    held, release = asyncio.Event(), asyncio.Event()
    app = FastAPI()
    http.install(app, "pool-bound-test", 1_000_000, pool_acquire_timeout_s=0.2)

    @app.post("/hold")
    async def hold() -> dict[str, int]:
        async with pool.acquire() as conn:
            held.set()
            await release.wait()
            return {"one": await conn.fetchval("SELECT 1")}

    @app.get("/read")
    async def read() -> dict[str, int]:
        async with pool.acquire() as conn:
            return {"one": await conn.fetchval("SELECT 1")}

    try:
        async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
            holder = asyncio.create_task(client.post("/hold"))
            await held.wait()
            reader = asyncio.create_task(client.get("/read", headers={"x-correlation-id": "pool-1"}))
            # a guard against a hang, not a measure: queued behind the holder, it would never answer
            await asyncio.wait({reader}, timeout=60)
            queued = not reader.done()
            release.set()
            assert not queued, "the request queued for the held connection instead of being refused"
            r = await reader
            assert r.status_code == 503, r.text
            assert r.headers["Retry-After"] == "1" and r.headers["x-correlation-id"] == "pool-1"
            body = r.json()
            assert body["error"] == "overloaded"
            assert "no database connection became free within 0.2 s" in body["message"]
            assert "correlation id pool-1" in body["message"]

            assert (await holder).json() == {"one": 1}  # the slow request completes
            assert (await client.get("/read")).json() == {"one": 1}  # and its connection serves the next
        # outside a request (consumers, relay, CLI) the pool waits as before: no bound applies
        async with pool.acquire() as conn:
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        await pool.close()


async def test_readiness_reports_a_busy_pool_and_stays_ready(fresh_dsn: str, tmp_path: Path) -> None:
    settings = ServiceSettings(database_url=fresh_dsn, db_pool_min=1, db_pool_max=1, log_json=False)
    runtime = Runtime(settings, migrations=tmp_path, run_relay=False, run_consumers=False)
    await migrate(fresh_dsn, [tmp_path])  # the outbox table readiness measures
    runtime.pool = await create_pool(fresh_dsn, 1, 1)
    try:
        async with runtime.pool.acquire():
            with acquire_bound(0.1):
                checks = await runtime.readiness()
        assert checks["database"] == "busy"
        with acquire_bound(0.1):
            assert (await runtime.readiness())["database"] == "ok"
    finally:
        await runtime.pool.close()


async def test_releasing_a_pool_connection_sends_nothing_to_the_database(fresh_dsn: str) -> None:
    """A request's connection goes back to the pool without a RESET ALL round trip (asyncpg's default
    bounded it by the acquire timeout: a slow server turned a served request into a 500); an open
    transaction is still rolled back."""
    pool = await create_pool(fresh_dsn, 1, 1)
    try:
        async with pool.acquire() as conn:
            raw = conn._con  # the connection under the pool's proxy, kept across acquisitions
            sent: list[str] = []
            raw.add_query_logger(lambda record: sent.append(record.query))
            await conn.fetchval("SELECT 1")
        async with pool.acquire() as conn:
            assert conn._con is raw
            tx = conn.transaction()
            await tx.start()
            await conn.execute("CREATE TEMP TABLE left_open (x int)")
        async with pool.acquire() as conn:
            assert await conn.fetchval("SELECT to_regclass('pg_temp.left_open') IS NULL")
        assert sent == [
            "SELECT 1",
            "BEGIN;",
            "CREATE TEMP TABLE left_open (x int)",
            "ROLLBACK",
            "SELECT to_regclass('pg_temp.left_open') IS NULL",
        ]
    finally:
        await pool.close()


async def test_every_connection_has_the_server_give_up_a_vanished_client_within_seconds(fresh_dsn: str) -> None:
    """A pool's connections and a lone one (the relay's and the migrations', which hold session locks)
    carry the TCP keepalives that let PostgreSQL release a lost process's locks in ~30 s, not hours."""
    from rc_shared.db import KEEPALIVES, connect

    pool = await create_pool(fresh_dsn, min_size=1, max_size=1, statement_timeout_s=5)
    lone = await connect(fresh_dsn)
    try:
        async with pool.acquire() as pooled:
            for conn in (lone, pooled):
                shown = {k: await conn.fetchval(f"SHOW {k}") for k in KEEPALIVES}
                # (as the server shows them: 0 where it does not apply, a Unix socket's connection)
                assert shown == {"tcp_keepalives_idle": "10", "tcp_keepalives_interval": "5",
                                 "tcp_keepalives_count": "3", "tcp_user_timeout": "30000"}  # fmt: skip
            assert await pooled.fetchval("SHOW statement_timeout") == "5s"
    finally:
        await lone.close()
        await pool.close()


async def test_every_connection_keeps_the_organisations_day(fresh_dsn: str) -> None:
    """Relief officer's review: a unit's name "as of today" came from the server's CURRENT_DATE, in UTC, so from
    00:00 to 07:00 in Viet Nam on the day of a rename or merger the pages showed the old name. Every
    connection's time zone is the organisation's."""
    from rc_shared import clock
    from rc_shared.db import connect

    pool = await create_pool(fresh_dsn, min_size=1, max_size=1)
    lone = await connect(fresh_dsn)
    try:
        async with pool.acquire() as pooled:
            for conn in (lone, pooled):
                # the run's organisation zone: Viet Nam's, or, within three hours of its midnight, a zone where it
                # is earlier (tests/conftest.py; this test failed from 21:00 to 24:00 in Viet Nam)
                assert await conn.fetchval("SHOW TimeZone") == clock.zone().key
                assert clock.zone().key in ("Asia/Ho_Chi_Minh", "Etc/GMT-3")
                # 23:30 UTC on 30 June is already 1 July in Viet Nam (and at UTC+3), not in UTC
                day = await conn.fetchval("SELECT ('2025-06-30 23:30:00+00'::timestamptz)::date")
                assert day.isoformat() == "2025-07-01"
    finally:
        await lone.close()
        await pool.close()
