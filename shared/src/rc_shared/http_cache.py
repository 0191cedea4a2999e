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
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import asyncpg
from fastapi import FastAPI, Request, Response

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
    header = request.headers.get("if-none-match")
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


class PublicAnswers:
    """A service's public answers: the rendered-body cache and the HTTP caching policy."""

    def __init__(self, max_bytes: int, max_age_s: int, build: str = "") -> None:
        self.cache = RenderedCache(max_bytes)
        self.max_age_s = max_age_s
        self.build = build

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
        version = await version_of(conn)
        tag = etag(kind, version, variant, self.build)
        if not matches(request, tag):
            body = self.cache.peek((kind, variant, version))
            if body is None:
                async with conn.transaction(isolation="repeatable_read", readonly=True):
                    version = await version_of(conn)
                    tag = etag(kind, version, variant, self.build)
                    body = await self.cache.get((kind, variant, version), render)
            return Response(body, media_type=media_type, headers=self.headers(tag))
        return Response(status_code=304, headers=self.headers(tag))

    def uncached(self, request: Request, body: bytes, media_type: str) -> Response:
        """An answer not kept by version (a search, a later page): tagged with its content's hash."""
        tag = content_etag(body)
        if matches(request, tag):
            return Response(status_code=304, headers=self.headers(tag))
        return Response(body, media_type=media_type, headers=self.headers(tag))

    def headers(self, tag: str) -> dict[str, str]:
        return {"ETag": tag, "Cache-Control": cache_control(self.max_age_s)}


def install(app: FastAPI, distribution: str, max_bytes: int, max_age_s: int) -> PublicAnswers:
    """Give the app its public answers (``public_answers(request)`` in the routes); their ETags name
    the installed ``distribution``'s version, so a new build never matches an old tag."""
    try:
        build = version(distribution)
    except PackageNotFoundError:  # pragma: no cover - an uninstalled checkout
        build = "0"
    answers = PublicAnswers(max_bytes, max_age_s, build)
    app.state.public_answers = answers
    return answers


def public_answers(request: Request) -> PublicAnswers:
    answers: PublicAnswers = request.app.state.public_answers
    return answers
