"""The public answers' fast path (rc_shared.http_cache.FastPath): a GET the routes answered from a
version read less than ``fresh_ms`` ago is answered again without the routes, with the same status,
bytes and headers (a 304 too); a version changed elsewhere shows once that bound has passed, a write
answered by the process at once; anything the routes did not answer that way goes to the routes.

The database is a fake here (a version in memory); tests/integration/{donations,reporting} run the
same path on PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response

from rc_shared import clock as rc_clock
from rc_shared import http_cache
from rc_shared.runtime import Runtime, create_app
from rc_shared.settings import ServiceSettings
from tests.manual_clock import ManualClock

FRESH_MS = 500


class Data:
    """What the fake database holds: a version, the text it renders, and how often each was read."""

    def __init__(self) -> None:
        self.version = 1
        self.text = "Nguyễn Văn An"
        self.version_reads = 0
        self.renders = 0
        self.routed = 0  # requests the route itself answered
        self.on_route: Callable[[], None] | None = None
        self.during_render: Callable[[], Awaitable[None]] | None = None
        self.down = False


class FakeConnection:
    """Just what PublicAnswers.answer uses of a connection: a read-only transaction."""

    @contextlib.asynccontextmanager
    async def transaction(self, **_: Any) -> AsyncIterator[None]:
        yield


async def shape(size: str = "s") -> str:
    """A dependency's query parameter: the route's too."""
    return size


Size = Annotated[str, Depends(shape)]


def _app(
    data: Data, fresh_ms: int = FRESH_MS, stale_ms: int = 0, wait_ms: int = http_cache.WAIT_MS
) -> tuple[FastAPI, ManualClock]:
    settings = ServiceSettings(service_name="fastpath", auth_enabled=False)
    router = APIRouter()

    async def version_of(_: Any) -> int:
        data.version_reads += 1
        return data.version

    @router.get("/public/things/{thing}")
    @http_cache.cached_route
    async def thing(request: Request, thing: str, size: Size, lang: str = "vi") -> Response:
        data.routed += 1
        if data.on_route is not None:
            data.on_route()
        if thing == "gone":
            raise HTTPException(404, "no such thing")

        async def render() -> bytes:
            data.renders += 1
            text = data.text
            if data.during_render is not None:
                await data.during_render()
            return f"<p>{thing}: {text}</p>".encode() + (
                b"" if (lang, size) == ("vi", "s") else f"{lang}{size}".encode()
            )

        return await http_cache.public_answers(request).answer(
            request, FakeConnection(), "thing.html", f"{thing}|{lang}|{size}", version_of, render,
            "text/html; charset=utf-8",
        )  # fmt: skip

    @router.get("/public/other")
    async def other() -> dict[str, str]:
        return {"text": data.text}

    @router.put("/things/text")
    async def change(text: dict[str, str]) -> dict[str, str]:
        data.text, data.version = text["text"], data.version + 1
        return text

    app = create_app(
        Runtime(settings, migrations=Path(".")), [], public_routers=[router], title="t", description="", version="1.0.0"
    )
    answers = http_cache.install(app, "rc-shared", 1024 * 1024, 0, fresh_ms, stale_ms, wait_ms)
    clock = ManualClock()
    answers.clock = clock
    if fresh_ms:
        assert answers.connect is not None  # the pool's (none here: the fake database's)

        @contextlib.asynccontextmanager
        async def connect() -> AsyncIterator[Any]:
            if data.down:
                raise OSError("the database does not answer")
            yield FakeConnection()

        answers.connect = connect
    return app, clock


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


PARENT = "00-0123456789abcdef0123456789abcdef-0123456789abcdef-01"
ASKED = {"x-correlation-id": "cid-1", "traceparent": PARENT}


def _same(a: httpx.Response, b: httpx.Response) -> None:
    """The same answer: status, bytes, every header (the traceparent: a span of the same trace)."""
    assert (a.status_code, a.content) == (b.status_code, b.content)
    assert [(k, v) for k, v in a.headers.multi_items() if k != "traceparent"] == [
        (k, v) for k, v in b.headers.multi_items() if k != "traceparent"
    ]
    assert a.headers["traceparent"][:36] == b.headers["traceparent"][:36] == PARENT[:36]
    assert a.headers["x-correlation-id"] == "cid-1"


async def test_the_fast_path_answers_the_same_bytes_and_headers_as_the_routes_without_reading_the_version() -> None:
    data = Data()
    app, _ = _app(data)
    async with _client(app) as c:
        routed = await c.get("/public/things/a", headers=ASKED)
        assert routed.status_code == 200 and data.version_reads == 1  # a miss: the version read, then rendered
        fast = await c.get("/public/things/a", headers=ASKED)
        _same(routed, fast)
        assert data.version_reads == 1 and data.renders == 1  # no version read, no render
        assert set(fast.headers) >= {"etag", "cache-control", "content-type", "content-length", "x-correlation-id"}
        new_id = await c.get("/public/things/a")  # no correlation id given: a new one, as the routes give
        assert new_id.headers["x-correlation-id"] not in ("", "cid-1") and new_id.content == routed.content


async def test_a_304_on_if_none_match_is_the_routes_own() -> None:
    data = Data()
    app, _ = _app(data)
    async with _client(app) as c:
        tag = (await c.get("/public/things/a")).headers["etag"]
        routed_app, _ = _app(data, fresh_ms=0)  # the same answer from the routes alone
        async with _client(routed_app) as routes:
            expected = await routes.get("/public/things/a", headers={**ASKED, "If-None-Match": tag})
        reads = data.version_reads
        for header in (tag, f'"other", {tag}', "*"):
            fast = await c.get("/public/things/a", headers={**ASKED, "If-None-Match": header})
            assert fast.status_code == 304 and fast.content == b""
            _same(expected, fast)
        assert data.version_reads == reads
        other = await c.get("/public/things/a", headers={**ASKED, "If-None-Match": '"other"'})
        assert other.status_code == 200 and data.version_reads == reads


async def test_a_change_made_elsewhere_shows_once_the_bound_has_passed() -> None:
    data = Data()
    app, clock = _app(data)
    async with _client(app) as c:
        before = await c.get("/public/things/a")
        data.text, data.version = "Nhà hảo tâm ẩn danh", 2  # committed by another replica, a projection ...
        clock.advance(FRESH_MS / 1000)  # at the bound: still the answer read then
        assert (await c.get("/public/things/a")).content == before.content
        clock.advance(0.001)  # past it: the routes read the version again
        after = await c.get("/public/things/a")
        assert (
            after.content == "<p>a: Nhà hảo tâm ẩn danh</p>".encode()
            and after.headers["etag"] != before.headers["etag"]
        )
        reads = data.version_reads
        assert (await c.get("/public/things/a")).content == after.content and data.version_reads == reads  # fast again


async def test_an_answer_of_yesterday_is_not_given_or_revalidated_after_midnight() -> None:
    """A page says what holds today (a campaign past its receiving period is no longer receiving): the
    same version of the data makes another answer, another ETag, the next day in the organisation's zone."""
    data = Data()
    app, clock = _app(data)
    async with _client(app) as c:
        with rc_clock.frozen(datetime(2026, 12, 1, 23, 59, tzinfo=rc_clock.zone())):
            before = await c.get("/public/things/a")
            assert before.status_code == 200 and data.renders == 1
            assert (
                await c.get("/public/things/a", headers={"If-None-Match": before.headers["etag"]})
            ).status_code == 304
        clock.advance(FRESH_MS / 1000 + 0.001)
        with rc_clock.frozen(datetime(2026, 12, 2, 0, 1, tzinfo=rc_clock.zone())):
            after = await c.get("/public/things/a", headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
        assert data.renders == 2 and data.version == 1  # rendered again, the data unchanged


async def test_a_write_answered_by_the_process_shows_at_once() -> None:
    data = Data()
    app, _ = _app(data)
    async with _client(app) as c:
        assert "Nguyễn Văn An" in (await c.get("/public/things/a")).text
        assert (await c.put("/things/text", json={"text": "Nhà hảo tâm ẩn danh"})).status_code == 200
        after = await c.get("/public/things/a")  # the clock has not moved
        assert "Nguyễn Văn An" not in after.text and "Nhà hảo tâm ẩn danh" in after.text


async def test_an_answer_whose_version_was_read_before_a_write_is_not_kept_for_the_fast_path() -> None:
    """The race: a write is answered while the routes render from the version before it."""
    data = Data()
    app, _ = _app(data)
    async with _client(app) as c:

        async def withdraw() -> None:
            data.during_render = None
            assert (await c.put("/things/text", json={"text": "Nhà hảo tâm ẩn danh"})).status_code == 200

        data.during_render = withdraw
        during = await c.get("/public/things/a")
        assert "Nguyễn Văn An" in during.text and data.text == "Nhà hảo tâm ẩn danh"  # it began before the write
        after = await c.get("/public/things/a")
        assert "Nguyễn Văn An" not in after.text


async def test_what_the_routes_did_not_answer_from_a_version_goes_to_the_routes() -> None:
    data = Data()
    app, _ = _app(data)
    async with _client(app) as c:
        await c.get("/public/things/a")
        reads = data.version_reads
        assert (await c.get("/public/things/a", params={"lang": "en"})).status_code == 200  # another answer
        assert data.version_reads > reads
        assert (await c.request("HEAD", "/public/things/a")).status_code == 405  # not a GET: the routes' answer
        reads = data.version_reads
        with_body = await c.request("GET", "/public/things/a", content=b"x" * 10)
        assert with_body.status_code == 200 and data.version_reads > reads  # a GET with a body: the routes
        assert (await c.get("/public/other")).json() == {"text": "Nguyễn Văn An"}  # not a cached answer
        data.text = "changed"
        assert (await c.get("/public/other")).json() == {"text": "changed"}
        assert (await c.get("/public/nowhere")).status_code == 404


async def test_without_a_bound_every_request_goes_through_the_routes() -> None:
    data = Data()
    app, _ = _app(data, fresh_ms=0)
    async with _client(app) as c:
        await c.get("/public/things/a")
        reads = data.version_reads
        await c.get("/public/things/a")
        assert data.version_reads == reads + 1  # read again (the body itself kept)
    assert not any(m.cls is http_cache.FastPath for m in app.user_middleware)


async def test_past_half_the_bound_the_version_is_read_ahead_so_a_crowd_never_finds_it_expired() -> None:
    data = Data()
    app, clock = _app(data)
    answers = http_cache.public_answers_of(app)
    async with _client(app) as c:
        first = await c.get("/public/things/a")
        reads = data.version_reads
        clock.advance(0.2)  # before half the bound: nothing read
        assert (await c.get("/public/things/a")).content == first.content
        await answers.refreshed()
        assert data.version_reads == reads
        clock.advance(0.1)  # past half: answered, and the version read once in the background
        for _ in range(3):
            assert (await c.get("/public/things/a")).content == first.content
        await answers.refreshed()
        assert data.version_reads == reads + 1
        clock.advance(0.4)  # past the first read's bound, within the second's (past its half: read ahead again)
        assert (await c.get("/public/things/a")).content == first.content
        await answers.refreshed()
        assert data.version_reads == reads + 2 and data.renders == 1  # the routes never asked

        data.text, data.version = "Nhà hảo tâm ẩn danh", data.version + 1  # changed elsewhere
        clock.advance(0.3)  # past half the bound: the read ahead finds another version and keeps nothing
        assert (await c.get("/public/things/a")).content == first.content
        await answers.refreshed()
        clock.advance(0.201)  # past the bound of the last read that found the answer's version
        assert "Nhà hảo tâm ẩn danh" in (await c.get("/public/things/a")).text


async def test_a_failed_read_ahead_leaves_the_answer_to_expire() -> None:
    data = Data()
    app, clock = _app(data)
    answers = http_cache.public_answers_of(app)
    async with _client(app) as c:
        first = await c.get("/public/things/a")
        data.down = True
        clock.advance(0.3)
        assert (await c.get("/public/things/a")).content == first.content
        await answers.refreshed()
        data.down = False
        data.text, data.version = "Nhà hảo tâm ẩn danh", data.version + 1
        clock.advance(0.201)
        assert "Nhà hảo tâm ẩn danh" in (await c.get("/public/things/a")).text


async def test_past_the_bound_a_crowd_waits_for_one_version_read_instead_of_flooding_the_routes() -> None:
    data = Data()
    app, clock = _app(data)
    async with _client(app) as c:
        first = await c.get("/public/things/a")
        reads = data.version_reads
        clock.advance(0.6)  # past the bound, nothing read ahead
        crowd = await asyncio.gather(*(c.get("/public/things/a") for _ in range(20)))
        assert all(r.status_code == 200 and r.content == first.content for r in crowd)
        assert data.version_reads == reads + 1 and data.renders == 1  # one read for all, no route
        data.text, data.version = "Nhà hảo tâm ẩn danh", data.version + 1
        clock.advance(0.6)
        changed = await asyncio.gather(*(c.get("/public/things/a") for _ in range(5)))
        assert all("Nhà hảo tâm ẩn danh" in r.text for r in changed)  # another version: the routes


def _arrivals(app: FastAPI, n: int, then: Callable[[], None]) -> Any:
    """The app, calling ``then()`` once ``n`` requests have arrived (each arrival runs on to the point where
    it waits before another request or the render goes on: asyncio runs one thing at a time)."""
    arrived = 0

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        nonlocal arrived
        if scope["type"] == "http":
            arrived += 1
            if arrived == n:
                then()
        await app(scope, receive, send)

    return counting


async def until(condition: Callable[[], bool]) -> None:
    """Let the other tasks run until ``condition()`` holds (the state of tasks: no clock involved)."""
    while not condition():  # noqa: ASYNC110
        await asyncio.sleep(0)


def _gated(data: Data) -> asyncio.Event:
    """Renders wait until the returned event is set (once: later renders do not wait)."""
    gate = asyncio.Event()

    async def wait() -> None:
        data.during_render = None
        await gate.wait()

    data.during_render = wait
    return gate


async def test_a_crowd_asking_for_an_answer_nobody_has_yet_sends_one_request_to_the_routes() -> None:
    """The cold start: the first request goes to the routes, the others wait for its answer."""
    data = Data()
    app, _ = _app(data)
    gate = _gated(data)
    transport = httpx.ASGITransport(app=_arrivals(app, 20, gate.set))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        crowd = await asyncio.gather(*(c.get("/public/things/a", headers=ASKED) for _ in range(20)))
        assert {(r.status_code, r.text) for r in crowd} == {(200, "<p>a: Nguyễn Văn An</p>")}
        assert len({r.headers["etag"] for r in crowd}) == 1
        assert (data.routed, data.renders, data.version_reads) == (1, 1, 1)  # one request went to the routes
        again = await asyncio.gather(*(c.get("/public/things/a", params={"lang": "en"}) for _ in range(5)))
        assert all(r.text.endswith("ens") for r in again) and data.routed == 2  # another answer: one more


async def test_waiting_is_bounded_a_request_beyond_the_bound_gets_503_with_retry_after() -> None:
    data = Data()
    app, _ = _app(data, wait_ms=1)
    gate = _gated(data)
    data.on_route = lambda: gate.set() if data.routed > 1 else None  # (a second request at the routes: let go)
    async with _client(app) as c:
        lead = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: data.renders > 0)  # the lead is rendering (held by the gate)
        waiting = await c.get("/public/things/a", headers=ASKED)
        gate.set()
        assert waiting.status_code == 503, waiting.text
        assert waiting.headers["retry-after"] == "1" and waiting.headers["x-correlation-id"] == "cid-1"
        body = waiting.json()
        assert body["error"] == "overloaded" and body["correlation_id"] == "cid-1" and "1 ms" in body["detail"]
        assert (await lead).status_code == 200 and data.routed == 1  # the lead was answered; nobody else routed
        assert (await c.get("/public/things/a")).text == (await lead).text and data.routed == 1  # and is kept


async def test_a_route_that_does_not_answer_from_a_version_sends_its_waiters_to_the_routes() -> None:
    data = Data()
    app, _ = _app(data)
    async with _client(app) as c:
        gone = await asyncio.gather(*(c.get("/public/things/gone") for _ in range(5)))
        assert [r.status_code for r in gone] == [404] * 5 and data.routed == 5  # no answer kept: each its own


async def test_parameters_the_route_does_not_read_neither_make_another_answer_nor_take_an_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(http_cache, "KNOWN_MAX", 4)
    data = Data()
    app, _ = _app(data)
    answers = http_cache.public_answers_of(app)
    async with _client(app) as c:
        first = await c.get("/public/things/a", headers=ASKED)
        reads = data.version_reads
        for i in range(10):  # junk: each would take an entry and push the answer out
            _same(first, await c.get(f"/public/things/a?utm_source=x{i}&fbclid={i}", headers=ASKED))
        assert (data.version_reads, data.routed, len(answers._known)) == (reads, 1, 1)

        en = await c.get("/public/things/a?size=m&lang=en")  # what the route reads (a dependency's too)
        assert en.text.endswith("enm") and data.routed == 2
        for same in ("?lang=en&size=m", "?junk=1&size=m&lang=en&x=", "?lang=%65n&size=m", "?lang=e%6E&size=m&y"):
            assert (await c.get(f"/public/things/a{same}")).content == en.content, same
        assert data.routed == 2 and len(answers._known) == 2
        assert (await c.get("/public/things/a?lang=fr&lang=en&size=m")).text.endswith("enm")  # the last one read
        assert data.routed == 3  # (another query as the route reads it, though the same answer)


async def test_requests_arriving_while_one_gets_the_new_answer_get_the_previous_one_within_the_stale_bound() -> None:
    data = Data()
    app, clock = _app(data, stale_ms=1000)
    answers = http_cache.public_answers_of(app)
    async with _client(app) as c:
        before = await c.get("/public/things/a", headers=ASKED)
        data.text, data.version = "Nhà hảo tâm ẩn danh", 2  # changed elsewhere
        clock.advance(0.6)  # past the bound, within the stale bound
        gate = _gated(data)
        data.on_route = lambda: gate.set() if data.routed > 2 else None  # (a second request at the routes: let go)
        lead = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: data.renders > 1)  # the lead is rendering the new version (held by the gate)
        for _ in range(3):
            _same(before, await c.get("/public/things/a", headers=ASKED))  # the previous answer, at once
        revalidated = await c.get("/public/things/a", headers={**ASKED, "If-None-Match": before.headers["etag"]})
        assert revalidated.status_code == 304 and revalidated.headers["etag"] == before.headers["etag"]
        assert data.routed == 2  # only the lead went to the routes

        clock.advance(1.0)  # past the stale bound: a request waits for the lead
        late = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: answers.waiting > 0 or late.done())
        gate.set()
        after, late_answer = await lead, await late
        assert "Nhà hảo tâm ẩn danh" in after.text and late_answer.content == after.content
        assert after.headers["etag"] != before.headers["etag"] and data.routed == 2


async def test_no_previous_answer_is_given_after_a_write_of_the_process() -> None:
    data = Data()
    app, clock = _app(data, stale_ms=1000)
    answers = http_cache.public_answers_of(app)
    async with _client(app) as c:
        before = await c.get("/public/things/a")
        gate = _gated(data)
        assert (await c.put("/things/text", json={"text": "Nhà hảo tâm ẩn danh"})).status_code == 200
        clock.advance(0.001)  # (time goes on after the write)
        lead = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: data.renders > 1)
        waiting = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: answers.waiting > 0 or waiting.done() or data.routed > 2)
        gate.set()
        assert (await waiting).content == (await lead).content != before.content
        assert "Nhà hảo tâm ẩn danh" in (await waiting).text and data.routed == 2


async def test_past_half_the_bound_another_version_is_rendered_in_the_background_before_the_answer_expires() -> None:
    data = Data()
    app, clock = _app(data)
    answers = http_cache.public_answers_of(app)
    async with _client(app) as c:
        first = await c.get("/public/things/a", headers=ASKED)
        data.text, data.version = "Nhà hảo tâm ẩn danh", 2  # changed elsewhere
        clock.advance(0.3)  # past half the bound: answered, and refreshed in the background
        _same(first, await c.get("/public/things/a", headers=ASKED))
        await answers.refreshed()
        assert data.renders == 2 and data.routed == 2  # the refresh: one request of the process's own
        now = await c.get("/public/things/a", headers={**ASKED, "If-None-Match": first.headers["etag"]})
        assert now.status_code == 200 and "Nhà hảo tâm ẩn danh" in now.text  # no request waited for it
        assert data.routed == 2
        clock.advance(0.4)  # the old answer's bound has passed; the new one's has not
        assert (await c.get("/public/things/a")).content == now.content and data.routed == 2


async def test_a_request_waiting_since_before_a_write_gets_the_answer_it_waited_for_one_arriving_after_does_not() -> (
    None
):
    """Writes keep coming on a hot campaign: the answer a crowd waited for is not lost to a write committed
    while it was rendered (the crowd asked before it), and is never given to a request that came after it."""
    data = Data()
    app, clock = _app(data)
    answers = http_cache.public_answers_of(app)
    gate = _gated(data)
    async with _client(app) as c:
        lead = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: data.renders > 0)  # the lead read version 1 and renders it (held by the gate)
        before_write = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: answers.waiting > 0 or before_write.done())
        clock.advance(0.001)
        assert (await c.put("/things/text", json={"text": "Nhà hảo tâm ẩn danh"})).status_code == 200
        clock.advance(0.001)
        after_write = asyncio.create_task(c.get("/public/things/a"))
        await until(lambda: answers.waiting > 1 or after_write.done())
        gate.set()
        assert (await before_write).content == (await lead).content == "<p>a: Nguyễn Văn An</p>".encode()
        assert (await after_write).text == "<p>a: Nhà hảo tâm ẩn danh</p>"  # from the routes: after the write
        assert data.routed == 2
