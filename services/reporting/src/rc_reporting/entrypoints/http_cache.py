"""HTTP caching of the public answers (campaign list and progress, JSON and HTML).

An answer's ``ETag`` is derived from the projection's version of what it shows (one campaign's
``version``, or the digest of every campaign's for the list), read before the answer is computed:
the answer is then at least as new as its tag, so a client or proxy revalidating with
``If-None-Match`` gets ``304 Not Modified`` only when nothing it shows has changed since. A 304 costs
that one read, never the answer. ``Cache-Control: public, max-age=N`` lets any reverse proxy or CDN
serve the answer for N seconds (``RC_PUBLIC_MAX_AGE_S``), then revalidate.

Rendered bodies are also kept in process, keyed by the version: :class:`RenderedCache`, an LRU
bounded in bytes (``RC_PUBLIC_CACHE_MAX_BYTES``), computing each missing body once however many
requests ask for it at the same time.

Answers that need a token are marked ``Cache-Control: private, no-store`` (:func:`no_store`): they
depend on the caller's scope and on today's date.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import Request, Response

# The OpenAPI response of a public answer revalidated with If-None-Match.
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified: the ETag given in If-None-Match."}}

try:
    _BUILD = version("rc-reporting")
except PackageNotFoundError:  # pragma: no cover - an uninstalled checkout
    _BUILD = "0"

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

    async def get(self, key: Hashable, render: Callable[[], Awaitable[bytes]]) -> bytes:
        """The body for ``key``; rendered once when missing, concurrent askers wait for that render."""
        body = self._entries.get(key)
        if body is not None:
            self._entries.move_to_end(key)
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


def etag(kind: str, version: object, variant: str = "") -> str:
    """A weak validator: the same version of the same answer has the same figures."""
    digest = hashlib.sha256(f"{_BUILD}|{kind}|{version}|{variant}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


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


def _max_age(request: Request) -> int:
    return int(request.app.state.runtime.settings.public_max_age_s)


def _cache(request: Request) -> RenderedCache:
    cache: RenderedCache = request.app.state.public_cache
    return cache


async def public_answer(
    request: Request,
    kind: str,
    variant: str,
    version: object,
    render: Callable[[], Awaitable[bytes]],
    media_type: str,
) -> Response:
    """200 with the (cached) body, or 304 when the client already has this version; both cacheable."""
    tag = etag(kind, version, variant)
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={_max_age(request)}"}
    if matches(request, tag):
        return Response(status_code=304, headers=headers)
    body = await _cache(request).get((kind, variant, version), render)
    return Response(content=body, media_type=media_type, headers=headers)


def no_store(response: Response) -> None:
    """A route dependency: the answer depends on who asks; no shared or stored copy."""
    response.headers["Cache-Control"] = NO_STORE
