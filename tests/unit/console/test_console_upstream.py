"""How the console calls the services: pooled keep-alive connections, concurrent calls, no per-call
module search, the admission bound, and the one answer it reuses (a user's membership report).

The services here are a small HTTP/1.1 server on a local socket (the console's real transport)."""

from __future__ import annotations

import asyncio
import datetime
import importlib.abc
import importlib.machinery
import json
import sys
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import httpx
import pytest

from rc_console.adapters import upstream
from rc_console.adapters.upstream import AnswerCache, ApiError, Upstreams
from rc_console.domain.model import User
from rc_console.entrypoints.app import build_app
from rc_console.service_layer import screens
from rc_console.settings import Settings
from rc_shared.auth import generate_keys
from rc_shared.tracing import current_correlation_id
from tests.unit.console.test_console_app import login_csrf

UNIT = uuid.UUID("00000000-0000-0000-0000-0000000000aa")
REPORT = {"as_of": "2023-03-31", "depth": 1, "period_from": "2023-01-01", "period_to": "2023-03-31", "units": []}


@dataclass
class FakeService:
    """Answers every GET with ``bodies[path]`` (JSON) after waiting on ``gate`` if set; counts what it saw."""

    bodies: dict[str, object]
    gate: asyncio.Event | None = None
    status: int = 200
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    waiting: int = 0
    requests: list[str] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)  # each request's line and headers, lower-cased
    url: str = ""
    arrived: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def held(self, n: int) -> None:
        """Until ``n`` requests are held at the gate (a guard against hanging, not a timing assertion)."""
        async with asyncio.timeout(60), self.arrived:
            await self.arrived.wait_for(lambda: self.waiting >= n)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                target = head.split(b" ", 2)[1].decode()
                self.requests.append(target)
                self.heads.append(head.decode().lower())
                if self.gate is not None:
                    async with self.arrived:
                        self.waiting += 1
                        self.arrived.notify_all()
                    await self.gate.wait()
                body = json.dumps(self.bodies[urlsplit(target).path]).encode()
                answer = f"HTTP/1.1 {self.status} X\r\ncontent-type: application/json\r\ncontent-length: {len(body)}"
                writer.write(answer.encode() + b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.open_now -= 1
            writer.close()


@pytest.fixture
async def service() -> AsyncIterator[FakeService]:
    fake = FakeService(
        bodies={
            "/health/live": {"status": "ok"},
            "/stats": {"as_of": "2023-03-31", "members": 7, "unit_id": None, "units": 3},
            "/campaigns": {"items": [], "count": 0, "limit": 100, "offset": 0},
            "/reports/campaigns": {"as_of": None, "state": None, "campaign_type": None, "campaigns": []},
            "/reports/membership": REPORT,
            "/reports/campaigns/by-unit": {**REPORT, "campaign_id": None},
            "/reports/campaigns/dashboard": {
                "as_of": "2023-03-31",
                "unit_id": None,
                "month_from": "2023-03-01",
                "year_from": "2023-01-01",
                "receipts_month_vnd": 0,
                "receipts_year_vnd": 0,
                "distributed_year_vnd": 0,
                "balance_year_vnd": 0,
                "blood_units": 0,
                "blood_target_units": None,
                "inflow": [],
                "campaigns": [],
            },
            "/reports/campaigns/by-period": {
                "campaign_id": None,
                "granularity": "day",
                "period_from": None,
                "period_to": None,
                "buckets": [],
            },
            f"/units/{UNIT}": {
                "as_of": "2023-03-31",
                "code": "P",
                "end_reason": None,
                "ended_on": None,
                "id": str(UNIT),
                "level": "province",
                "merged_into": None,
                "name": "Tỉnh",
                "parent_id": None,
                "path": [],
                "valid_from": "2020-01-01",
                "valid_to": None,
            },
            f"/units/{UNIT}/children": {"as_of": "2023-03-31", "count": 0, "items": []},
            "/units": {
                "as_of": "2023-03-31",
                "count": 1,
                "items": [
                    {
                        "id": str(UNIT),
                        "code": "P",
                        "level": "province",
                        "name": "Tỉnh",
                        "parent_code": None,
                        "parent_id": None,
                        "valid_from": "2020-01-01",
                        "valid_to": None,
                    }
                ],
                "limit": 10000,
                "offset": 0,
            },
        }
    )
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    fake.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    async with server:
        yield fake


def upstreams(fake: FakeService, **kwargs: object) -> Upstreams:
    names = ("members", "campaigns", "donations", "reporting")
    return Upstreams({n: fake.url for n in names}, 5, **kwargs)  # type: ignore[arg-type]


class Searches(importlib.abc.MetaPathFinder):
    """Records every module search (a module not yet imported, or not installed)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        self.names.append(fullname)
        return None


async def test_a_call_to_a_service_searches_no_module(service: FakeService) -> None:
    """httpcore asks ``import sniffio`` several times per request; without sniffio installed each ask is a
    failed import, a search through sys.path (about 0.2 ms: most of the console's CPU per page)."""
    up = upstreams(service)
    try:
        assert await up.live("members")  # the first call imports what it needs
        searches = Searches()
        sys.meta_path.insert(0, searches)
        try:
            for _ in range(3):
                assert await up.live("members")
        finally:
            sys.meta_path.remove(searches)
        assert searches.names == []
    finally:
        await up.close()


async def test_connections_are_kept_alive_and_shared_by_users(service: FakeService) -> None:
    up = upstreams(service)
    try:
        for token in ("alice", "bob", "alice"):
            await up.for_user(token).stats(None)
        assert service.connections == 1 and len(service.requests) == 3
    finally:
        await up.close()


async def test_a_page_calls_the_services_concurrently(service: FakeService) -> None:
    """The dashboard's calls are all in flight at once: members, campaigns, reporting (the subtree's figures)."""
    service.gate = asyncio.Event()
    up = upstreams(service)
    user = User(subject="u", role="viewer", unit_id=None, token="t")
    try:
        board = asyncio.create_task(screens.dashboard(up.for_user("t"), user, datetime.date(2023, 3, 31)))
        await service.held(3)  # hangs (then fails) if the calls were made one after another
        service.gate.set()
        assert (await board).members == 7
    finally:
        await up.close()


async def test_a_users_clients_are_reused_and_each_call_carries_its_pages_correlation_id(
    service: FakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's next page reuses their client of each service (building one costs a fifth of a millisecond);
    another token gets its own; only the last CLIENTS_KEPT are kept; the correlation id is each page's."""
    monkeypatch.setattr(upstream, "CLIENTS_KEPT", 3)
    up = upstreams(service)
    try:
        first = up.for_user("t1").members
        assert up.for_user("t1").members is first
        second = up.for_user("t2").members
        assert second is not first
        for page in ("page-1", "page-2"):
            token = current_correlation_id.set(page)
            try:
                await up.for_user("t1").stats(None)
            finally:
                current_correlation_id.reset(token)
        await up.for_user("t1").stats(None)  # no page: no id
        sent = [h for h in service.heads if h.startswith("get /stats")]
        assert [("x-correlation-id: page-1" in h, "x-correlation-id: page-2" in h) for h in sent] == [
            (True, False),
            (False, True),
            (False, False),
        ]
        assert all("authorization: bearer t1" in h for h in sent)
        for other in ("t3", "t4"):  # two more users: the client used longest ago (t2's) goes
            up.for_user(other).members  # noqa: B018
        assert up.for_user("t1").members is first and up.for_user("t2").members is not second
    finally:
        await up.close()


async def test_the_new_campaign_form_asks_for_the_users_scope_in_one_call(service: FakeService, tmp_path: Path) -> None:
    """The organising unit may be any unit of the user's scope (one listing of the members API: a scoped
    user's subtree), not only the user's unit and those directly under it."""
    private, _ = generate_keys(tmp_path)
    settings = Settings(
        dev_login_enabled=True,
        dev_login_private_key_file=str(private),
        **{f"{n}_url": service.url for n in ("members", "campaigns", "donations", "reporting")},  # type: ignore[arg-type]
    )
    app = build_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console") as c:
        page = await c.get("/login")
        data = {"role": "unit_manager", "unit_id": str(UNIT), "csrf": login_csrf(page.text), "next": "/"}
        assert (await c.post("/login", data=data)).status_code == 303
        service.gate = asyncio.Event()
        asked = len(service.requests)
        form = asyncio.create_task(c.get("/campaigns/new"))
        await service.held(1)
        service.gate.set()
        r = await form
        assert r.status_code == 200 and "Tỉnh" in r.text
        assert [urlsplit(t).path for t in service.requests[asked:]] == ["/units"]
    await app.state.upstreams.close()


async def test_calls_to_a_service_share_at_most_max_connections(service: FakeService) -> None:
    """Ten calls at once to one service: two connections (the bound), reused; every call answers."""
    service.gate = asyncio.Event()
    up = upstreams(service, max_connections=2)
    try:
        calls = [asyncio.create_task(up.for_user(f"user{i}").stats(None)) for i in range(10)]
        await service.held(2)
        service.gate.set()
        assert [s.members for s in await asyncio.gather(*calls)] == [7] * 10
        assert service.connections == 2 and service.most_open == 2 and len(service.requests) == 10
    finally:
        await up.close()


async def test_a_service_gets_eight_connections_by_default(service: FakeService) -> None:
    """Twenty pages' calls at once to one service: the console's default pool opens eight (httpcore looks at
    every pooled connection twice per call), the others wait for one of them; every call answers."""
    service.gate = asyncio.Event()
    up = upstreams(service, max_connections=Settings().upstream_max_connections)
    try:
        calls = [asyncio.create_task(up.for_user(f"user{i}").stats(None)) for i in range(20)]
        await service.held(8)
        service.gate.set()
        assert [s.members for s in await asyncio.gather(*calls)] == [7] * 20
        assert service.connections == 8 and service.most_open == 8 and len(service.requests) == 20
    finally:
        await up.close()


async def test_connections_opened_in_a_burst_stay_open_for_the_next(service: FakeService) -> None:
    """Thirty calls at once, twice: the second burst reuses the first's thirty connections (with fewer
    kept alive than opened, httpcore closed the idle ones as long as more than that were open)."""
    up = upstreams(service, max_connections=30)
    try:
        for burst in (1, 2):
            service.gate = asyncio.Event()
            service.waiting = 0
            calls = [asyncio.create_task(up.for_user("t").stats(None)) for _ in range(30)]
            await service.held(30)
            service.gate.set()
            assert [s.members for s in await asyncio.gather(*calls)] == [7] * 30
            assert service.connections == 30, burst
    finally:
        await up.close()


def test_the_admission_bound_is_the_consoles_own_setting() -> None:
    """The console has no database pool: its in-flight bound is not derived from one."""
    assert Settings().max_in_flight == 64
    assert Settings(db_pool_max=1).max_in_flight == Settings(db_pool_max=100).max_in_flight == 64
    assert Settings(http_max_in_flight=10).max_in_flight == 10


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_users_membership_report_is_reused_by_that_user_only_for_a_while(service: FakeService) -> None:
    clock = Clock()
    up = upstreams(service, report_cache_s=5, clock=clock)
    dates: dict[str, datetime.date | None] = {"as_of": datetime.date(2023, 3, 31), "period_from": None}
    try:
        alice, bob = up.for_user("alice"), up.for_user("bob")
        await alice.membership(None, dates)
        await alice.membership(None, dates)
        assert len(service.requests) == 1
        await bob.membership(None, dates)  # another user: their own answer (their scope)
        await alice.membership(UNIT, dates)  # another unit, other dates: another answer
        await alice.membership(None, {"as_of": datetime.date(2023, 4, 1)})
        assert len(service.requests) == 4
        clock.now += 5
        await alice.membership(None, dates)  # older than report_cache_s: asked again
        assert len(service.requests) == 5
        await up.for_user("alice").membership(None, dates)  # a later page of the same user
        assert len(service.requests) == 5
        # what else a page shows is asked every time
        await alice.stats(None)
        await alice.stats(None)
        assert len(service.requests) == 7
    finally:
        await up.close()


async def test_the_units_of_a_users_scope_are_reused_by_that_user_only_for_a_while(service: FakeService) -> None:
    """The unit pickers are on most forms: a user's units (the whole organisation's, for some) are asked once
    per units_cache_s, per user (each sees their own scope), and asked again after it."""
    clock = Clock()
    up = upstreams(service, units_cache_s=30, clock=clock)
    try:
        alice, bob = up.for_user("alice"), up.for_user("bob")
        assert [u.name for u in await alice.units_in_scope()] == ["Tỉnh"]
        await up.for_user("alice").units_in_scope()  # a later page of the same user
        assert [urlsplit(t).path for t in service.requests] == ["/units"]
        await bob.units_in_scope()
        assert len(service.requests) == 2
        clock.now += 30
        await alice.units_in_scope()
        assert len(service.requests) == 3
    finally:
        await up.close()


async def test_concurrent_askers_share_one_call_and_a_refusal_is_not_kept(service: FakeService) -> None:
    clock = Clock()
    up = upstreams(service, report_cache_s=5, clock=clock)
    dates: dict[str, datetime.date | None] = {}
    try:
        service.gate = asyncio.Event()
        many = [asyncio.create_task(up.for_user("alice").membership(None, dates)) for _ in range(5)]
        await service.held(1)
        service.gate.set()
        await asyncio.gather(*many)
        assert len(service.requests) == 1
        service.gate = None
        service.status = 403
        service.bodies["/reports/membership"] = {
            "type": "about:blank",
            "title": "Forbidden",
            "status": 403,
            "detail": "not in your scope",
            "error": "forbidden",
            "message": "not in your scope",
            "correlation_id": "c",
        }
        clock.now += 5
        for _ in range(2):
            with pytest.raises(ApiError):
                await up.for_user("alice").membership(None, dates)
        assert len(service.requests) == 3
    finally:
        await up.close()


async def test_a_cache_of_zero_seconds_keeps_nothing() -> None:
    cache: AnswerCache[int] = AnswerCache(0)
    calls = []

    async def fetch() -> int:
        calls.append(1)
        return len(calls)

    assert [await cache.get("k", fetch) for _ in range(3)] == [1, 2, 3] and len(cache) == 0


async def test_the_cache_keeps_at_most_its_entries() -> None:
    cache: AnswerCache[str] = AnswerCache(60, max_entries=2)

    async def fetch(v: str) -> str:
        return v

    for k in ("a", "b", "c"):
        await cache.get(k, lambda k=k: fetch(k))  # type: ignore[misc]
    assert len(cache) == 2
    assert await cache.get("a", lambda: fetch("again")) == "again"  # the oldest went first


async def test_the_campaign_reports_ask_the_reporting_service_with_the_forms_filters(service: FakeService) -> None:
    campaign = uuid.UUID(int=5)
    service.bodies["/reports/campaigns/by-unit"] = {
        "as_of": "2026-03-31", "period_from": "2026-01-01", "period_to": "2026-03-31", "depth": 1,
        "campaign_id": str(campaign), "units": [],
    }  # fmt: skip
    service.bodies["/reports/campaigns/by-period"] = {
        "campaign_id": str(campaign), "granularity": "day", "period_from": None, "period_to": None, "buckets": [],
    }  # fmt: skip
    up = upstreams(service)
    try:
        api = up.for_user("t")
        day = datetime.date(2026, 3, 31)
        funds = await api.funds_by_unit({"unit_id": UNIT, "as_of": day, "period_from": None, "campaign_id": campaign})
        assert funds.campaign_id == campaign
        series = await api.funds_by_period({"campaign_id": campaign, "granularity": "day", "period_to": None})
        assert series.granularity == "day"
        await api.table_file("/reports/campaigns/by-period", {"campaign_id": campaign, "period_from": None}, "csv")
    finally:
        await up.close()
    by_unit, by_period, file = (urlsplit(t) for t in service.requests[-3:])
    assert dict(p.split("=") for p in by_unit.query.split("&")) == {
        "unit_id": str(UNIT), "as_of": "2026-03-31", "campaign_id": str(campaign), "format": "json", "depth": "1",
    }  # fmt: skip
    assert "granularity=day" in by_period.query and "period_to" not in by_period.query
    assert (file.path, file.query) == ("/reports/campaigns/by-period", f"campaign_id={campaign}&format=csv")
