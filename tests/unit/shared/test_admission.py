"""Admission control: a process handles a bounded number of requests at once and holds a bounded
number of body bytes; above either the extra requests get 503 with Retry-After at once (never a
queue) while the admitted ones complete, and health and metrics still answer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from fastapi import APIRouter, FastAPI, Request
from prometheus_client import REGISTRY

from rc_shared import db, http
from rc_shared.runtime import Runtime, create_app
from rc_shared.settings import ServiceSettings


class Gate:
    """A slow endpoint's gate: the first ``expected`` requests wait inside it until it opens
    (``full`` is set when they are all inside); any further request passes at once, so a request
    that should have been refused shows as a 200, not as a hung test."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.inside = 0
        self.full = asyncio.Event()
        self.open = asyncio.Event()

    async def hold(self) -> None:
        self.inside += 1
        if self.inside > self.expected:
            return
        if self.inside == self.expected:
            self.full.set()
        await self.open.wait()


def _service_app(name: str, gate: Gate, max_in_flight: int) -> FastAPI:
    """The runtime's app (its settings, health and metrics routes) with a slow route."""
    settings = ServiceSettings(service_name=name, http_max_in_flight=max_in_flight, auth_enabled=False)
    router = APIRouter()

    @router.get("/slow")
    async def slow() -> dict[str, str]:
        await gate.hold()
        return {"done": "yes"}

    @router.post("/slow-write")
    async def slow_write() -> dict[str, str]:
        await gate.hold()
        return {"done": "yes"}

    return create_app(Runtime(settings, migrations=Path(".")), [router], title=name, description="", version="1.0.0")


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_requests_above_the_in_flight_bound_get_503_at_once_while_the_admitted_complete() -> None:
    gate = Gate(expected=3)
    app = _service_app("admission-test", gate, max_in_flight=3)
    refused_before = _metric("rc_http_refused_total", service="admission-test", reason="in_flight")
    async with _client(app) as c:
        admitted = [asyncio.create_task(c.get("/slow")) for _ in range(2)]
        admitted.append(asyncio.create_task(c.post("/slow-write", json={})))
        await gate.full.wait()  # three requests are inside the slow routes, none can finish

        extra = await asyncio.gather(
            c.get("/slow", headers={"x-correlation-id": "busy-1"}), c.post("/slow-write", json={})
        )
        assert not gate.open.is_set()  # answered while the admitted ones still run: not queued behind them
        for r in extra:
            assert r.status_code == 503, r.text
            assert r.headers["Retry-After"] == "1"
            assert r.json()["error"] == "overloaded"
            assert "3 requests in flight" in r.json()["message"]
        assert extra[0].headers["x-correlation-id"] == "busy-1"
        assert "correlation id busy-1" in extra[0].json()["message"]
        assert gate.inside == 3  # the refused requests never reached the route

        # health, readiness's route and metrics still answer; the gauge shows the three in flight
        assert (await c.get("/health/live")).json() == {"status": "ok"}
        scrape = await c.get("/metrics")
        assert scrape.status_code == 200
        assert 'rc_http_requests_in_flight{service="admission-test"} 3.0' in scrape.text
        assert _metric("rc_http_refused_total", service="admission-test", reason="in_flight") == refused_before + 2

        gate.open.set()
        done = await asyncio.gather(*admitted)
        assert [r.status_code for r in done] == [200, 200, 200]
        assert [r.json() for r in done] == [{"done": "yes"}] * 3
        # the slots are given back: the next requests are admitted again
        assert (await c.get("/slow")).status_code == 200
        assert _metric("rc_http_requests_in_flight", service="admission-test") == 0


async def test_the_default_in_flight_bound_follows_the_database_pool() -> None:
    assert ServiceSettings(db_pool_max=7).max_in_flight == 28
    assert ServiceSettings(db_pool_max=7, http_max_in_flight=5).max_in_flight == 5


async def test_health_and_metrics_have_their_own_small_budget() -> None:
    gate = Gate(expected=http.HEALTH_IN_FLIGHT)
    app = FastAPI()
    http.install(app, "health-budget-test", 1000, max_in_flight=1)

    @app.get("/health/ready")
    async def ready() -> dict[str, str]:
        await gate.hold()
        return {"status": "ok"}

    @app.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    async with _client(app) as c:
        probes = [asyncio.create_task(c.get("/health/ready")) for _ in range(http.HEALTH_IN_FLIGHT)]
        await gate.full.wait()  # more probes than the API's bound of 1: they do not count against it
        over = await c.get("/health/live")
        assert over.status_code == 503 and over.headers["Retry-After"] == "1"
        gate.open.set()
        assert [r.status_code for r in await asyncio.gather(*probes)] == [200] * http.HEALTH_IN_FLIGHT
        assert (await c.get("/health/live")).status_code == 200


async def test_request_bodies_held_at_once_are_bounded_in_bytes() -> None:
    gate = Gate(expected=1)
    app = FastAPI()
    http.install(app, "body-budget-test", 1000, body_bytes_in_flight=1500)

    @app.post("/hold")
    async def hold(request: Request) -> dict[str, int]:
        size = len(await request.body())
        await gate.hold()
        return {"bytes": size}

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    async with _client(app) as c:
        held = asyncio.create_task(c.post("/hold", content=b"h" * 1000))
        await gate.full.wait()  # 1000 of the 1500 bytes are held
        refused = await c.post("/echo", content=b"x" * 600)
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"] == "1" and refused.json()["error"] == "overloaded"
        assert (await c.post("/echo", content=b"y" * 500)).json() == {"bytes": 500}  # what fits still passes
        gate.open.set()
        assert (await held).json() == {"bytes": 1000}
        assert (await c.post("/echo", content=b"z" * 1000)).json() == {"bytes": 1000}  # all given back


async def test_requests_waiting_without_a_connection_leave_the_in_flight_bound_for_their_own_budget() -> None:
    gate = Gate(expected=5)
    app = FastAPI()
    http.install(app, "waiting-budget-test", 1000, max_in_flight=2, max_waiting=3)

    @app.post("/batched")
    async def batched() -> dict[str, str]:
        # as a group commit's item waits for its batch (nested: parked once)
        with db.waiting_without_connection(), db.waiting_without_connection():
            await gate.hold()
        return {"done": "yes"}

    def gauges() -> tuple[float, float]:
        return (
            _metric("rc_http_requests_in_flight", service="waiting-budget-test"),
            _metric("rc_http_requests_waiting", service="waiting-budget-test"),
        )

    async with _client(app) as c:
        held = [asyncio.create_task(c.post("/batched", json={})) for _ in range(5)]
        await gate.full.wait()  # five requests wait, above the in-flight bound of 2: three parked, two in flight
        assert gauges() == (2, 3)
        refused = await c.post("/batched", json={})  # both bounds are full
        assert refused.status_code == 503 and "2 requests in flight" in refused.json()["message"]
        gate.open.set()
        assert [r.status_code for r in await asyncio.gather(*held)] == [200] * 5
        assert gauges() == (0, 0)  # every slot given back
    with db.waiting_without_connection():  # outside a request: nothing to park
        pass


async def test_by_default_a_request_waiting_without_a_connection_stays_in_flight() -> None:
    gate = Gate(expected=1)
    app = FastAPI()
    http.install(app, "no-waiting-budget-test", 1000, max_in_flight=1)

    @app.post("/batched")
    async def batched() -> dict[str, str]:
        with db.waiting_without_connection():
            await gate.hold()
        return {"done": "yes"}

    async with _client(app) as c:
        held = asyncio.create_task(c.post("/batched", json={}))
        await gate.full.wait()
        assert (await c.post("/batched", json={})).status_code == 503
        gate.open.set()
        assert (await held).status_code == 200
