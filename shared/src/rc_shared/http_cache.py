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
- A body is rendered in ONE snapshot (a read-only REPEATABLE READ transaction) taken after the
  version it is stored under was read: a body can never be stored under a version newer than its
  data, so once a change (a consent withdrawn, a name erased) has committed, no request that starts
  afterwards gets a body from before it (it reads a newer version: another key).

``Cache-Control: public, max-age=N`` lets any reverse proxy or CDN serve the answer for N seconds,
then revalidate (0: ``no-cache``, every use revalidates).

The fast path (:class:`FastPath`, the app's outermost layer, pure ASGI) serves the routes marked
:func:`cached_route`. A ``GET``'s *place* is its path and the query parameters its route reads, in a
canonical order (others, such as tracking parameters, are no part of it: they neither make another
answer nor take another entry). A place that the routes answered from a version read at most
``fresh_ms`` ago is answered again straight from the rendered body, without routing, dependencies, a
pool connection or a statement (same status, body and headers; ``304`` on a matching
``If-None-Match``). So a change committed elsewhere (another replica, a projection, the database
itself) shows at most ``fresh_ms`` after its commit (``fresh_ms`` + ``stale_ms`` to the requests that
arrive while the current answer is being got, below); a write answered by this process (a consent
withdrawn, a donation recorded...) ends every such answer at once (in-process invalidation, before
the write's answer is sent and again when it ends), and an answer whose version was read before that
is never kept for the fast path.

One request per place goes to the routes at a time (single flight): the first request for a place
the fast path cannot answer goes there (a place known before has its version read first: the same
version holds the answer for another bound), and the requests for that place arriving meanwhile wait
for its answer, at most ``wait_ms`` (then ``503`` with ``Retry-After``, never a hang), or, while the
previous answer is within ``stale_ms`` past its bound and no write of this process came since, get
that one at once (stale-while-revalidate: its own ETag, so a ``304`` still means "what you have is
what I give"). Past half the bound the version is read again in the background and, if another one is
there, the answer is got through the routes by a request of the process's own: under steady traffic
a crowd seldom finds its answer expired. A waiter whose lead was not answered from a version (a 404,
a 422) goes to the routes itself. ``fresh_ms`` = 0: every request goes through the routes and reads
the version.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib.util
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import asyncpg
import fastapi.routing
from fastapi import FastAPI, Request, Response

from rc_shared import clock
from rc_shared.api import PUBLIC_ANSWER_MARK
from rc_shared.http import WRITE_METHODS, RequestMetrics, busy, context_headers, request_context
from rc_shared.logging import get_logger
from rc_shared.metrics import HTTP_REFUSED
from rc_shared.tracing import current_correlation_id

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

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

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

    def put(self, key: Hashable, body: bytes) -> None:
        """Keep ``body`` for ``key`` (rendered by the caller)."""
        self._put(key, body)

    def _put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        self._entries[key] = body
        self.size += len(body)
        while self.size > self.max_bytes:
            _, old = self._entries.popitem(last=False)
            self.size -= len(old)


def dated(
    version_of: Callable[[asyncpg.Connection], Awaitable[Hashable]],
) -> Callable[[asyncpg.Connection], Awaitable[Hashable]]:
    """``version_of`` with the organisation's today: the same data names another answer tomorrow."""

    async def read(conn: asyncpg.Connection) -> Hashable:
        return (await version_of(conn), clock.today())

    return read


def dated_render(
    render_versioned: Callable[[], Awaitable[tuple[Hashable, bytes]]],
) -> Callable[[], Awaitable[tuple[Hashable, bytes]]]:
    """``render_versioned`` whose version is dated as :func:`dated` dates one (the date read first)."""

    async def read() -> tuple[Hashable, bytes]:
        today = clock.today()
        version, body = await render_versioned()
        return (version, today), body

    return read


def etag(kind: str, version: object, variant: str = "", build: str = "") -> str:
    """A weak validator: the same version of the same answer (same build) shows the same things."""
    digest = hashlib.sha256(f"{build}|{kind}|{version}|{variant}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


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
    """An answer the routes gave to a ``GET`` of a place: what the fast path needs to give it again
    while its version is fresh (the body stays in the cache, under its key)."""

    key: tuple[str, str, Hashable]  # the body's key in the cache: (kind, variant, version)
    tag: str
    checked_at: float  # the clock before the version was read: it holds every commit before then
    route: str  # the route's template (the metrics' label)
    ok_headers: list[tuple[bytes, bytes]]  # those of the 200 the routes answered
    not_modified_headers: list[tuple[bytes, bytes]]  # those of its 304
    version_of: Callable[[asyncpg.Connection], Awaitable[Hashable]]


# A GET's place in the fast path: its path and the query parameters its route reads, in the order of
# their names (each name's values in the order given: the route reads them so), nothing else of the URL.
Place = tuple[str, tuple[tuple[str, str], ...]]

# The longest a version read of the fast path may take (a connection waited for included); its
# waiters then go to the routes. The bound of what it shows is counted from its start, whatever it takes.
REVALIDATE_TIMEOUT_S = 5.0
# The longest a refresh ahead of the bound may take through the routes (their statements have their own bound).
REFRESH_TIMEOUT_S = 30.0
KNOWN_MAX = 4096  # places the fast path remembers (least recently answered forgotten first)
ROUTES_MAX = 4096  # paths whose route the fast path remembers (least recently asked forgotten first)
WAIT_MS = 2000  # the default of how long a request waits for the answer another request is getting
_CACHED_ROUTE = PUBLIC_ANSWER_MARK  # (rc_shared.api documents such routes: ETag, If-None-Match, 304)
PLACE = "rc.public_place"  # the scope's key of the place the fast path gave a request

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def cached_route(endpoint: Endpoint) -> Endpoint:
    """Mark a route whose ``GET`` answers are :meth:`PublicAnswers.answer`'s: the fast path gives them
    again, and sends the routes one request at a time per place (see the module's doc). The route's
    answer may depend on its path and query parameters only (no header, no cookie)."""
    setattr(endpoint, _CACHED_ROUTE, True)
    return endpoint


def route_query(route: Any) -> frozenset[str] | None:
    """The query parameters a route marked :func:`cached_route` reads (its dependencies' included);
    None for any other route, or one that reads a header or a cookie (its answer may depend on them)."""
    if not getattr(getattr(route, "endpoint", None), _CACHED_ROUTE, False):
        return None
    names: set[str] = set()
    todo = [route.dependant]
    while todo:
        d = todo.pop()
        if d.header_params or d.cookie_params:
            return None
        names.update(f.alias for f in d.query_params)
        todo.extend(d.dependencies)
    return frozenset(names)


def flat_routes(app: Any) -> list[Any]:
    """The app's routes in the order its router tries them, those of included routers in their place
    (with their effective path, prefixes included)."""
    flatten = getattr(fastapi.routing, "iter_route_contexts", None)  # FastAPI >= 0.160: routers included lazily
    return list(app.router.routes if flatten is None else flatten(app.router.routes))


@dataclass(slots=True)
class Lead:
    """A request that goes to the routes for its place while the others asking for it wait (or get the
    answer before it); :meth:`PublicAnswers.land` once the routes have answered it, whichever way."""

    place: Place
    landed: asyncio.Future[None]


class Busy(Exception):
    """No answer for the place within the wait bound: 503 with Retry-After."""


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
        stale_ms: int = 0,
        wait_ms: int = WAIT_MS,
    ) -> None:
        self.cache = RenderedCache(max_bytes)
        self.max_age_s = max_age_s
        self.build = build
        self.fresh_s = fresh_ms / 1000
        self.stale_s = stale_ms / 1000
        self.wait_s = wait_ms / 1000
        self.clock = clock
        self.invalidated_at = clock()
        self._known: OrderedDict[Place, Known] = OrderedDict()
        self._versions: OrderedDict[tuple[str, str], Hashable] = OrderedDict()  # by kind and variant: see _kept
        # a connection for the version reads of the fast path (None: the routes read it when it is past)
        self.connect: Callable[[], contextlib.AbstractAsyncContextManager[asyncpg.Connection]] | None = None
        self._flights: dict[Place, asyncio.Future[None]] = {}  # a place's answer being got: ended when got
        self._tasks: set[asyncio.Task[None]] = set()  # the refreshes ahead of the bound under way
        self._queries: dict[int, frozenset[str] | None] = {}  # route_query by route
        self.waiting = 0  # requests waiting for the answer another request is getting

    def place(self, route: Any, path: str, query: bytes) -> Place | None:
        """The place of a ``GET`` of ``path?query`` that ``route`` answers (None: not a cached route).
        Parameters the route does not read are no part of it, so they neither make another answer nor
        take another entry; the values are read as the routes read them (percent-decoded, UTF-8)."""
        if id(route) not in self._queries:
            self._queries[id(route)] = route_query(route)
        names = self._queries[id(route)]
        if names is None:
            return None
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True) if query else []
        return path, tuple(sorted((p for p in pairs if p[0] in names), key=itemgetter(0)))

    async def lookup(self, place: Place, refresh: Callable[[], Awaitable[None]]) -> tuple[Known, bytes] | Lead | None:
        """What the fast path does with a ``GET`` of ``place``:

        - its answer, read less than ``fresh_ms`` ago and after the last write this process answered
          (past half the bound, ``refresh()`` reads the version again in the background and, when another
          version is there, gets its answer through the routes: a crowd seldom finds its answer expired);
        - else, when no other request is getting it: a :class:`Lead` (this request goes to the routes; an
          answer known before has its version read first, and is given again while it is still its own);
        - else the answer given before, while within ``stale_ms`` past its bound (not past a write);
        - else it waits for the other request, at most ``wait_ms`` (then :class:`Busy`), and gets the answer
          the routes gave it if it would have been given at its arrival (its version read after the last
          write before then, within the bounds), else None (this one goes to the routes too: they did not
          answer from a version, a 404 say, or a write came before it).
        """
        k = self._known.get(place)
        found = self._fresh(k)
        if found is not None:
            assert k is not None
            if self.clock() - k.checked_at > self.fresh_s / 2 and place not in self._flights:
                self._ahead(place, k, refresh)
            return found
        flight = self._flights.get(place)
        if flight is None:
            lead = Lead(place, asyncio.get_running_loop().create_future())
            self._flights[place] = lead.landed
            try:
                if k is not None and await self._version_read(k):
                    found = self._fresh(k)
                    if found is not None:
                        self.land(lead)
                        return found
            except BaseException:
                self.land(lead)
                raise
            return lead
        found = self._stale(k)
        if found is not None:
            return found
        arrived, written = self.clock(), self.invalidated_at
        self.waiting += 1
        try:
            done, _ = await asyncio.wait({flight}, timeout=self.wait_s)
        finally:
            self.waiting -= 1
        if not done:
            raise Busy(f"its answer is being computed and took more than {round(self.wait_s * 1000)} ms")
        # the answer the routes gave the request waited for, if it would have been given at this one's arrival:
        # its version read after the last write before then, within the bounds (however long the routes took)
        k = self._known.get(place)
        if k is None or k.checked_at <= written or arrived - k.checked_at > self.fresh_s + self.stale_s:
            return None
        body = self.cache.peek(k.key)
        return None if body is None else (k, body)

    def land(self, lead: Lead) -> None:
        """The lead request has been answered: those waiting for it look again."""
        if self._flights.get(lead.place) is lead.landed:
            del self._flights[lead.place]
        if not lead.landed.done():
            lead.landed.set_result(None)

    def _fresh(self, k: Known | None) -> tuple[Known, bytes] | None:
        return self._within(k, self.fresh_s)

    def _stale(self, k: Known | None) -> tuple[Known, bytes] | None:
        """``k`` within ``stale_ms`` past its bound."""
        return self._within(k, self.fresh_s + self.stale_s)

    def _within(self, k: Known | None, bound_s: float) -> tuple[Known, bytes] | None:
        """``k`` with its body, if its version was read less than ``bound_s`` ago and after the last
        write this process answered."""
        if k is None or k.checked_at <= self.invalidated_at or self.clock() - k.checked_at > bound_s:
            return None
        body = self.cache.peek(k.key)
        return None if body is None else (k, body)

    def _ahead(self, place: Place, k: Known, refresh: Callable[[], Awaitable[None]]) -> None:
        """Read ``k``'s version again in the background; another one: get its answer through the routes."""

        async def run() -> None:
            try:
                if await self._version_read(k) is False:
                    async with asyncio.timeout(REFRESH_TIMEOUT_S):
                        await refresh()
            except Exception as exc:  # the routes answer it once the bound has passed
                log.info("public_answer_refresh_failed", path=place[0], error=repr(exc))

        lead = Lead(place, asyncio.get_running_loop().create_future())
        self._flights[place] = lead.landed
        task = asyncio.ensure_future(run())
        self._tasks.add(task)

        def ended(t: asyncio.Task[None]) -> None:
            self._tasks.discard(t)
            self.land(lead)

        task.add_done_callback(ended)

    async def _version_read(self, k: Known) -> bool | None:
        """``k``'s version read again: True if it is still its own (``k`` holds until the bound from that
        read, unless a write came meanwhile), False if another, None if it could not be read."""
        if self.connect is None:
            return None
        try:
            checked_at = self.clock()
            async with asyncio.timeout(REVALIDATE_TIMEOUT_S), self.connect() as conn:
                version = await k.version_of(conn)
        except Exception as exc:  # the routes read it
            log.info("public_version_refresh_failed", error=repr(exc))
            return None
        if version != k.key[2]:
            return False
        if checked_at > max(k.checked_at, self.invalidated_at):
            k.checked_at = checked_at
        return True

    async def refreshed(self) -> None:
        """Once the refreshes under way have ended."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

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
        # (an answer whose version was read before the last write is kept too, for the requests that were
        # waiting for it since before that write; the fast path never gives it again: PublicAnswers._within)
        if self.fresh_s <= 0 or request.method != "GET":
            return
        body = self.cache.peek(key)
        route = request.scope.get("route")
        place: Place | None = request.scope.get(PLACE)  # set by the fast path
        if body is None or route is None or place is None:
            return
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
        one_statement: bool = False,
        render_versioned: Callable[[], Awaitable[tuple[Hashable, bytes]]] | None = None,
    ) -> Response:
        """200 with the body of the current version (cached), or 304 when the client has it.

        ``version_of(conn)`` reads the version in one statement; ``render()`` reads its data through
        ``conn``. A hit costs that one statement; a miss renders in one read-only snapshot taken after
        that read (its data is that version's or newer, never older), and the body is stored and tagged
        with that version. ``variant`` names everything else the body depends on (the route's
        parameters, normalised). ``one_statement``: ``render()`` reads in one statement, its own
        snapshot (no transaction needed, two round trips fewer).

        ``render_versioned()``: the version and the body read in one statement (one snapshot: the body is
        exactly that version's). A request the fast path sends here when no body of its kind and variant
        is kept (never asked for, or pushed out of memory: a miss however the version reads) is answered
        with it, one statement instead of two.

        A version is dated (the organisation's today, :func:`dated`): a page says what holds *today*
        (a campaign past its receiving period is no longer "receiving"), so its answer of yesterday is
        not given, nor revalidated with a 304, after midnight."""
        version_of = dated(version_of)
        if render_versioned is not None:
            render_versioned = dated_render(render_versioned)
        kept = self._versions.get((kind, variant), _UNSEEN)
        if render_versioned is not None and PLACE in request.scope and (kind, variant, kept) not in self.cache:
            checked_at = self.clock()
            version, body = await render_versioned()
            key = (kind, variant, version)
            tag = etag(kind, version, variant, self.build)
            self.cache.put(key, body)
            self._kept(key)
            self._remember(request, key, tag, checked_at, media_type, version_of)
            if matches(request, tag):
                return Response(status_code=304, headers=self.headers(tag))
            return Response(body, media_type=media_type, headers=self.headers(tag))
        checked_at = self.clock()
        version = await version_of(conn)
        key = (kind, variant, version)
        tag = etag(kind, version, variant, self.build)
        if matches(request, tag):
            self._remember(request, key, tag, checked_at, media_type, version_of)
            return Response(status_code=304, headers=self.headers(tag))

        async def snapshot() -> bytes:
            async with conn.transaction(isolation="repeatable_read", readonly=True):
                return await render()

        body = self.cache.peek(key) or await self.cache.get(key, render if one_statement else snapshot)
        self._kept(key)
        self._remember(request, key, tag, checked_at, media_type, version_of)
        return Response(body, media_type=media_type, headers=self.headers(tag))

    def _kept(self, key: tuple[str, str, Hashable]) -> None:
        """The version of the answer last kept for its kind and variant (whatever place asked for it)."""
        self._versions[key[:2]] = key[2]
        self._versions.move_to_end(key[:2])
        if len(self._versions) > KNOWN_MAX:
            self._versions.popitem(last=False)

    def headers(self, tag: str) -> dict[str, str]:
        return {"ETag": tag, "Cache-Control": cache_control(self.max_age_s)}


# What a refresh of the fast path does not send to the routes: the asker's validators (the routes
# give it the whole answer, to keep) and its context (it is the process's own request).
_NOT_REFRESHED = frozenset({b"if-none-match", b"if-modified-since", b"x-correlation-id", b"traceparent"})
_UNSEEN = object()


class FastPath:
    """The app's outermost layer (pure ASGI): a ``GET`` of a route marked :func:`cached_route` is
    answered here as the routes answered it (status, body, headers, the request's correlation id and
    traceparent, the request metrics) while :meth:`PublicAnswers.lookup` says so, else goes to the
    routes one request per place at a time (the others wait for it, at most ``wait_ms``, then 503 with
    Retry-After; or get the answer before it within ``stale_ms``); anything else goes to the app. A
    write request ends what the fast path knows before its answer starts and again when it ends (its
    commit is in this process). Its answers are outside the in-flight bound of
    :class:`rc_shared.http.RequestMiddleware`: they hold no connection, no body and nothing the
    process waits for but the client's socket."""

    def __init__(self, app: Any, answers: PublicAnswers, service: str) -> None:
        self.app = app
        self.answers = answers
        self.service = service
        self.metrics = RequestMetrics(service)
        self._routes: OrderedDict[str, Any] = OrderedDict()  # path -> the route answering its GET (None: none)
        self._table: list[Any] | None = None  # the app's routes (flat_routes), once it serves

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            method = scope["method"]
            if method == "GET" and await self._get(scope, receive, send):
                return
            if method in WRITE_METHODS:
                await self._write(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _route(self, scope: Any) -> Any:
        """The route that answers a GET of the path: the router's choice, its first route whose path
        matches and that answers GETs (a mount: any method)."""
        path = scope["path"]
        route = self._routes.get(path, _UNSEEN)
        if route is not _UNSEEN:
            self._routes.move_to_end(path)
            return route
        if self._table is None:
            self._table = flat_routes(scope["app"])
        root = scope.get("root_path", "")
        inner = path[len(root) :] if root and path.startswith(root) else path
        route = None
        for r in self._table:
            regex = getattr(r, "path_regex", None)
            methods = getattr(r, "methods", None)
            if regex is not None and regex.match(inner) and (methods is None or "GET" in methods):
                route = r
                break
        self._routes[path] = route
        if len(self._routes) > ROUTES_MAX:
            self._routes.popitem(last=False)
        return route

    async def _get(self, scope: Any, receive: Any, send: Any) -> bool:
        """A GET answered here, or by the routes as its place's lead; False: the app answers it."""
        start = time.perf_counter()
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
        route = self._route(scope)
        place = None if route is None else self.answers.place(route, scope["path"], scope.get("query_string", b""))
        if place is None:
            return False
        scope[PLACE] = place  # where the routes keep their answer (PublicAnswers.answer)
        try:
            found = await self.answers.lookup(place, lambda: self._refresh(scope))
        except Busy as exc:
            await self._busy(str(exc), route, request_context(cid, tp), send, start)
            return True
        if found is None:
            return False
        if isinstance(found, Lead):
            try:
                await self.app(scope, receive, send)
            finally:
                self.answers.land(found)
            return True
        known, body = found
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

    async def _refresh(self, scope: Any) -> None:
        """A GET of the same place through the routes, as the process's own request without validators:
        the routes keep its answer (:meth:`PublicAnswers.answer`); its bytes go nowhere."""
        inner = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k not in _NOT_REFRESHED]}
        if "state" in scope:
            inner["state"] = dict(scope["state"])
        asked = False

        async def receive() -> Any:
            nonlocal asked
            if not asked:
                asked = True
                return {"type": "http.request", "body": b"", "more_body": False}
            return await asyncio.get_running_loop().create_future()  # never: this client does not leave

        async def send(_: Any) -> None:
            return None

        await self.app(inner, receive, send)

    async def _busy(self, why: str, route: Any, context: tuple[str, str], send: Any, start: float) -> None:
        """503 with Retry-After: the answer of the place is not there within the wait bound."""
        token = current_correlation_id.set(context[0])
        try:
            response = busy(f"this public answer is not ready: {why}")
        finally:
            current_correlation_id.reset(token)
        HTTP_REFUSED.labels(self.service, "public_wait").inc()
        headers = [*response.raw_headers, *context_headers(*context)]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})
        counted, timed = self.metrics("GET", getattr(route, "path", "unmatched"), "503")
        counted.inc()
        timed.observe(time.perf_counter() - start)

    async def _write(self, scope: Any, receive: Any, send: Any) -> None:
        async def send_invalidating(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.answers.invalidate()
            await send(message)

        try:
            await self.app(scope, receive, send_invalidating)
        finally:
            self.answers.invalidate()


def install(
    app: FastAPI,
    distribution: str,
    max_bytes: int,
    max_age_s: int,
    fresh_ms: int = 0,
    stale_ms: int = 0,
    wait_ms: int = WAIT_MS,
) -> PublicAnswers:
    """Give the app its public answers (``public_answers(request)`` in the routes) and, with
    ``fresh_ms`` > 0, the fast path as its outermost layer; their ETags name the installed
    ``distribution``'s version and its code (:func:`source_digest`), so a new build never matches an old tag."""
    try:
        build = version(distribution)
    except PackageNotFoundError:  # pragma: no cover - an uninstalled checkout
        build = "0"
    # The packages' version stays 0.1.0 from release to release (the APIs carry their own versions): a
    # release that renders the same data otherwise (a field masked, a figure rounded) must not answer 304
    # to the tags of the one before, so the tag names the code that renders too.
    build = f"{build}+{source_digest(package_dir(distribution.replace('-', '_')), package_dir('rc_shared'))}"
    answers = PublicAnswers(max_bytes, max_age_s, build, fresh_ms, stale_ms=stale_ms, wait_ms=wait_ms)
    app.state.public_answers = answers
    if fresh_ms > 0:
        runtime = app.state.runtime
        answers.connect = lambda: runtime.db().acquire()
        app.add_middleware(FastPath, answers=answers, service=runtime.settings.service_name)
    return answers


SOURCE_SUFFIXES = frozenset({".py", ".html", ".j2", ".sql", ".json", ".po", ".css", ".js", ".svg", ".txt"})


def package_dir(module: str) -> Path:
    """The directory of an importable package."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"{module} is not an importable package")
    return Path(next(iter(spec.submodule_search_locations)))


def source_digest(*roots: Path) -> str:
    """A digest of the files under ``roots`` that make an answer (code, templates, SQL, messages): any
    change to one of them, and only that, gives another digest. Read once, at start-up."""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()):
            if "__pycache__" in path.parts:
                continue
            h.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:16]


def public_answers(request: Request) -> PublicAnswers:
    return public_answers_of(request.app)


def public_answers_of(app: Any) -> PublicAnswers:
    answers: PublicAnswers = app.state.public_answers
    return answers
