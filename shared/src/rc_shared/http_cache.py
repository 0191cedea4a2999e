"""HTTP caching of public, read-only answers, and their rendered bodies kept in process.

One mechanism for every service that publishes answers (reporting's campaign pages, the donations
service's public ledger):

- A *version* names everything an answer shows (a projection's counter, a ledger's line head, the
  donors' labels...): whatever changes what the answer shows changes the version, in the same
  transaction as the change.
- The ``ETag`` is derived from that version (and the build), so a client or proxy revalidating with
  ``If-None-Match`` gets ``304 Not Modified`` for the cost of reading the version, one statement.
- Rendered bodies are kept in process by version (:class:`RenderedCache`, a least-recently-used map
  bounded in bytes, one render per missing key however many ask at once).
- A body is rendered in ONE snapshot with the version it is stored under (a read-only REPEATABLE
  READ transaction whose first statement reads the version): a body can never be stored under a
  version newer than its data, so once a change (a consent withdrawn, a name erased) has committed,
  no request that starts afterwards gets a body from before it.

``Cache-Control: public, max-age=N`` lets any reverse proxy or CDN serve the answer for N seconds,
then revalidate (0: ``no-cache``, every use revalidates).

The fast path (:class:`FastPath`, the app's outermost layer, pure ASGI): a ``GET`` of a path and
query that the routes answered from a version read at most ``fresh_ms`` ago is answered again
straight from the rendered body, without routing, dependencies, a pool connection or a statement
(same status, body and headers; ``304`` on a matching ``If-None-Match``). So a change committed
elsewhere (another replica, a projection, the database itself) shows at most ``fresh_ms`` after
its commit; a write answered by this process (a consent withdrawn, a donation recorded...) ends
every such answer at once (in-process invalidation, before the write's answer is sent and again
when it ends), and an answer whose version was read before that is never kept for the fast path.
Past half the bound the version is read again in the background, and past the bound (or after a
write) the requests wait for one read of it rather than all going to the routes: the same version
holds the answer for another bound, another one sends them to the routes.
``fresh_ms`` = 0: every request goes through the routes and reads the version.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import asyncpg
from fastapi import FastAPI, Request, Response

from rc_shared.http import WRITE_METHODS, RequestMetrics, context_headers, request_context
from rc_shared.logging import get_logger

log = get_logger(__name__)

# The OpenAPI response of a public answer revalidated with If-None-Match.
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified: the ETag given in If-None-Match."}}

NO_STORE = "private, no-store"


class RenderedCache:
    """A least-recently-used map of rendered bodies, at most ``max_bytes`` of them (0: no caching)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._pending: dict[Hashable, asyncio.Future[bytes]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def peek(self, key: Hashable) -> bytes | None:
        """The body kept for ``key`` (now the most recently used), or None."""
        body = self._entries.get(key)
        if body is not None:
            self._entries.move_to_end(key)
        return body

    async def get(self, key: Hashable, render: Callable[[], Awaitable[bytes]]) -> bytes:
        """The body for ``key``; rendered once when missing, concurrent askers wait for that render."""
        body = self.peek(key)
        if body is not None:
            return body
        pending = self._pending.get(key)
        if pending is not None:
            try:
                return await asyncio.shield(pending)
            except BaseException:
                if not pending.done():
                    raise  # this request was cancelled, not the render
            return await render()  # the render failed or was cancelled: try for this request
        fut: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[key] = fut
        try:
            body = await render()
        except BaseException:
            fut.cancel()
            raise
        finally:
            del self._pending[key]
        fut.set_result(body)
        self._put(key, body)
        return body

    def _put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        self._entries[key] = body
        self.size += len(body)
        while self.size > self.max_bytes:
            _, old = self._entries.popitem(last=False)
            self.size -= len(old)


def etag(kind: str, version: object, variant: str = "", build: str = "") -> str:
    """A weak validator: the same version of the same answer (same build) shows the same things."""
    digest = hashlib.sha256(f"{build}|{kind}|{version}|{variant}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def content_etag(body: bytes) -> str:
    """A strong validator of an answer that is not cached by version: its content's hash."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(request: Request, tag: str) -> bool:
    """``If-None-Match`` names ``tag`` (weak comparison, RFC 9110 §13.1.2) or is ``*``."""
    return header_matches(request.headers.get("if-none-match"), tag)


def header_matches(header: str | None, tag: str) -> bool:
    """An ``If-None-Match`` value names ``tag`` (weak comparison) or is ``*``."""
    if not header:
        return False
    wanted = tag.removeprefix("W/")
    for candidate in header.split(","):
        c = candidate.strip()
        if c == "*" or c.removeprefix("W/") == wanted:
            return True
    return False


def cache_control(max_age_s: int) -> str:
    return f"public, max-age={max_age_s}" if max_age_s > 0 else "public, no-cache"


async def no_store(response: Response) -> None:
    """A route dependency: the answer depends on who asks; no shared or stored copy."""
    response.headers["Cache-Control"] = NO_STORE


@dataclass(slots=True)
class Known:
    """An answer the routes gave to a ``GET`` of a path and query: what the fast path needs to give it
    again while its version is fresh (the body stays in the cache, under its key)."""

    key: tuple[str, str, Hashable]  # the body's key in the cache: (kind, variant, version)
    tag: str
    checked_at: float  # the clock before the version was read: it holds every commit before then
    route: str  # the route's template (the metrics' label)
    ok_headers: list[tuple[bytes, bytes]]  # those of the 200 the routes answered
    not_modified_headers: list[tuple[bytes, bytes]]  # those of its 304
    version_of: Callable[[asyncpg.Connection], Awaitable[Hashable]]


# The longest a version read of the fast path may take (a connection waited for included); its
# waiters then go to the routes. The bound of what it shows is counted from its start, whatever it takes.
REVALIDATE_TIMEOUT_S = 5.0
KNOWN_MAX = 1024  # paths and queries the fast path remembers (least recently answered forgotten first)


class PublicAnswers:
    """A service's public answers: the rendered-body cache, the HTTP caching policy and what the fast
    path may answer (see the module's doc)."""

    def __init__(
        self,
        max_bytes: int,
        max_age_s: int,
        build: str = "",
        fresh_ms: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cache = RenderedCache(max_bytes)
        self.max_age_s = max_age_s
        self.build = build
        self.fresh_s = fresh_ms / 1000
        self.clock = clock
        self.invalidated_at = clock()
        self._known: OrderedDict[tuple[str, bytes], Known] = OrderedDict()
        # a connection for the version reads ahead of the bound (None: the routes read it when it is past)
        self.connect: Callable[[], contextlib.AbstractAsyncContextManager[asyncpg.Connection]] | None = None
        self._refreshing: dict[tuple[str, bytes], asyncio.Task[None]] = {}

    def known(self, path: str, query: bytes) -> tuple[Known, bytes] | None:
        """The answer to give a ``GET`` of ``path?query`` with its body, if its version was read less
        than ``fresh_ms`` ago and after the last write this process answered; else None (the routes).
        Past half the bound, the version is read again in the background (one read at a time per
        path and query), so a crowd seldom finds its answer expired."""
        place = (path, query)
        k = self._known.get(place)
        if k is None or k.checked_at <= self.invalidated_at:
            return None
        age = self.clock() - k.checked_at
        if age > self.fresh_s:
            return None
        if age > self.fresh_s / 2 and self.connect is not None and place not in self._refreshing:
            self._refreshing[place] = asyncio.ensure_future(self._refresh(place, k))
        body = self.cache.peek(k.key)
        return None if body is None else (k, body)

    async def revalidated(self, path: str, query: bytes) -> tuple[Known, bytes] | None:
        """A known answer past its bound (or a write of this process): its version read again, one read
        however many ask at once (they wait for it, at most ``REVALIDATE_TIMEOUT_S``); the answer if that version is
        still its own, else None (the routes). So a crowd never floods the routes when the bound passes."""
        place = (path, query)
        k = self._known.get(place)
        if k is None or self.connect is None:
            return None
        task = self._refreshing.get(place)
        if task is None:
            task = self._refreshing[place] = asyncio.ensure_future(self._refresh(place, k))
        await asyncio.shield(task)
        return self.known(path, query)

    async def _refresh(self, place: tuple[str, bytes], k: Known) -> None:
        """Read ``k``'s version again; the same one: ``k`` holds until the bound from that read."""
        try:
            checked_at = self.clock()
            assert self.connect is not None
            async with asyncio.timeout(REVALIDATE_TIMEOUT_S), self.connect() as conn:
                version = await k.version_of(conn)
            if version == k.key[2] and checked_at > max(k.checked_at, self.invalidated_at):
                k.checked_at = checked_at
        except Exception as exc:  # the routes read it once the bound has passed
            log.info("public_version_refresh_failed", path=place[0], error=repr(exc))
        finally:
            del self._refreshing[place]

    async def refreshed(self) -> None:
        """Once the version reads under way have ended."""
        await asyncio.gather(*self._refreshing.values(), return_exceptions=True)

    def invalidate(self) -> None:
        """A write committed in this process: no answer whose version was read before now is given again
        without reading the version."""
        self.invalidated_at = self.clock()

    def _remember(
        self,
        request: Request,
        key: tuple[str, str, Hashable],
        tag: str,
        checked_at: float,
        media_type: str,
        version_of: Callable[[asyncpg.Connection], Awaitable[Hashable]],
    ) -> None:
        if self.fresh_s <= 0 or request.method != "GET" or checked_at <= self.invalidated_at:
            return
        body = self.cache.peek(key)
        route = request.scope.get("route")
        if body is None or route is None:
            return
        place = (request.scope["path"], request.scope.get("query_string", b""))
        before = self._known.get(place)
        if before is not None and before.checked_at >= checked_at:
            return
        self._known[place] = Known(
            key,
            tag,
            checked_at,
            getattr(route, "path", "unmatched"),
            Response(body, media_type=media_type, headers=self.headers(tag)).raw_headers,
            Response(status_code=304, headers=self.headers(tag)).raw_headers,
            version_of,
        )
        self._known.move_to_end(place)
        if len(self._known) > KNOWN_MAX:
            self._known.popitem(last=False)

    async def answer(
        self,
        request: Request,
        conn: asyncpg.Connection,
        kind: str,
        variant: str,
        version_of: Callable[[asyncpg.Connection], Awaitable[Hashable]],
        render: Callable[[], Awaitable[bytes]],
        media_type: str,
    ) -> Response:
        """200 with the body of the current version (cached), or 304 when the client has it.

        ``version_of(conn)`` reads the version in one statement; ``render()`` reads its data through
        ``conn``. A hit costs that one statement; a miss renders in one read-only snapshot whose
        first statement reads the version again: the body is stored and tagged with that one."""
        checked_at = self.clock()
        version = await version_of(conn)
        tag = etag(kind, version, variant, self.build)
        if not matches(request, tag):
            body = self.cache.peek((kind, variant, version))
            if body is None:
                async with conn.transaction(isolation="repeatable_read", readonly=True):
                    version = await version_of(conn)
                    tag = etag(kind, version, variant, self.build)
                    body = await self.cache.get((kind, variant, version), render)
            self._remember(request, (kind, variant, version), tag, checked_at, media_type, version_of)
            return Response(body, media_type=media_type, headers=self.headers(tag))
        self._remember(request, (kind, variant, version), tag, checked_at, media_type, version_of)
        return Response(status_code=304, headers=self.headers(tag))

    def uncached(self, request: Request, body: bytes, media_type: str) -> Response:
        """An answer not kept by version (a search, a later page): tagged with its content's hash."""
        tag = content_etag(body)
        if matches(request, tag):
            return Response(status_code=304, headers=self.headers(tag))
        return Response(body, media_type=media_type, headers=self.headers(tag))

    def headers(self, tag: str) -> dict[str, str]:
        return {"ETag": tag, "Cache-Control": cache_control(self.max_age_s)}


class FastPath:
    """The app's outermost layer (pure ASGI): a ``GET`` the public answers know (:meth:`PublicAnswers.known`)
    is answered here, as the routes answered it (status, body, headers, the request's correlation id
    and traceparent, the request metrics); anything else goes to the app. A write request ends what
    the fast path knows before its answer starts and again when it ends (its commit is in this process).
    Its answers are outside the in-flight bound of :class:`rc_shared.http.RequestMiddleware`: they hold
    no connection, no body and nothing the process waits for but the client's socket."""

    def __init__(self, app: Any, answers: PublicAnswers, service: str) -> None:
        self.app = app
        self.answers = answers
        self.metrics = RequestMetrics(service)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            method = scope["method"]
            if method == "GET" and await self._answered(scope, send):
                return
            if method in WRITE_METHODS:
                await self._write(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _answered(self, scope: Any, send: Any) -> bool:
        start = time.perf_counter()
        path, query = scope["path"], scope.get("query_string", b"")
        found = self.answers.known(path, query) or await self.answers.revalidated(path, query)
        if found is None:
            return False
        known, body = found
        cid = tp = inm = None
        for name, value in scope["headers"]:
            if name == b"x-correlation-id":
                cid = value.decode("latin-1")
            elif name == b"traceparent":
                tp = value.decode("latin-1")
            elif name == b"if-none-match":
                inm = value.decode("latin-1")
            elif name in (b"content-length", b"transfer-encoding"):
                return False  # a GET with a body: the routes read (and bound) it
        context = context_headers(*request_context(cid, tp))
        if header_matches(inm, known.tag):
            status, headers, body = 304, known.not_modified_headers, b""
        else:
            status, headers = 200, known.ok_headers
        await send({"type": "http.response.start", "status": status, "headers": [*headers, *context]})
        await send({"type": "http.response.body", "body": body})
        counted, timed = self.metrics("GET", known.route, str(status))
        counted.inc()
        timed.observe(time.perf_counter() - start)
        return True

    async def _write(self, scope: Any, receive: Any, send: Any) -> None:
        async def send_invalidating(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.answers.invalidate()
            await send(message)

        try:
            await self.app(scope, receive, send_invalidating)
        finally:
            self.answers.invalidate()


def install(app: FastAPI, distribution: str, max_bytes: int, max_age_s: int, fresh_ms: int = 0) -> PublicAnswers:
    """Give the app its public answers (``public_answers(request)`` in the routes) and, with
    ``fresh_ms`` > 0, the fast path as its outermost layer; their ETags name the installed
    ``distribution``'s version, so a new build never matches an old tag."""
    try:
        build = version(distribution)
    except PackageNotFoundError:  # pragma: no cover - an uninstalled checkout
        build = "0"
    answers = PublicAnswers(max_bytes, max_age_s, build, fresh_ms)
    app.state.public_answers = answers
    if fresh_ms > 0:
        runtime = app.state.runtime
        answers.connect = lambda: runtime.db().acquire()
        app.add_middleware(FastPath, answers=answers, service=runtime.settings.service_name)
    return answers


def public_answers(request: Request) -> PublicAnswers:
    return public_answers_of(request.app)


def public_answers_of(app: Any) -> PublicAnswers:
    answers: PublicAnswers = app.state.public_answers
    return answers
