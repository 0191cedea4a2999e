"""FastAPI pieces every service uses: error mapping, request context, metrics, limits, disconnects."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
import time
import uuid
from typing import Any
from urllib.parse import parse_qsl

import asyncpg
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rc_shared.errors import DomainError
from rc_shared.logging import get_logger
from rc_shared.metrics import HTTP_LATENCY, HTTP_REQUESTS
from rc_shared.tracing import child_traceparent, current_correlation_id, current_traceparent

log = get_logger(__name__)


def problem(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content=jsonable_encoder({"error": code, "message": message, **extra}),
    )


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Requests whose work stops when their client goes away; a write that has started runs to its end,
# so its outcome never depends on when the client left (its statements are bounded by the timeout).
CANCELLABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CONTEXT_HEADERS = frozenset({b"x-correlation-id", b"traceparent"})
CLIENT_GONE = 499  # the metrics' status of a request abandoned by its client (nginx's convention)

# What PostgreSQL text cannot store: NUL, and UTF-16 surrogates (only unpaired ones survive JSON decoding).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_UNSTORABLE_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
UNSTORABLE_MESSAGE = "contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate)"


def unstorable_fields(query: list[tuple[str, str]], body: Any) -> list[str]:
    """Where a request carries a string that cannot be stored: ``query.<name>``, or the body path."""
    out = [f"query.{k}" for k, v in query if _UNSTORABLE.search(k) or _UNSTORABLE.search(v)]

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, str):
            if _UNSTORABLE.search(node):
                out.append(".".join(path))
        elif isinstance(node, dict):
            for k, v in node.items():
                if _UNSTORABLE.search(k):
                    out.append(".".join((*path, k)))
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, str(i)))

    walk(body, ())
    return out


def _json_body(headers: dict[str, str], body: bytes) -> Any:
    """The JSON body when it may hold an unstorable character (else None: nothing to look at)."""
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if not (media == "application/json" or media.endswith("+json")) or not _UNSTORABLE_ESCAPE.search(body):
        return None  # a raw NUL is invalid JSON; FastAPI refuses the body itself
    try:
        return json.loads(body)
    except ValueError:
        return None  # FastAPI answers malformed JSON


class _TooLarge(Exception):
    pass


class RequestMiddleware:
    """What every request goes through, as one pure ASGI middleware around the routes.

    - Correlation id (the ``x-correlation-id`` header, else a new one) and W3C ``traceparent``: in
      the logs and events of the request, and returned as headers on every response.
    - Write requests (POST, PUT, PATCH, DELETE) are limited per client (its bearer token, else its
      address) by a token bucket of ``writes_per_minute``: above it, 429 with Retry-After. The
      buckets live in the process: with N replicas a client gets at most N times the rate.
    - The body is read first: larger than ``max_bytes`` gets 413, whether announced by
      Content-Length or streamed (chunked); a string PostgreSQL cannot store (NUL, an unpaired
      surrogate) in the query or the JSON body gets 422 naming the field.
    - A read whose client disconnects is cancelled, its database query with it.
    - An exception escaping the routes answers a JSON 500 naming the correlation id, and the
      connection stays usable (nothing is re-raised to the server).
    - HTTP request and latency metrics.
    """

    def __init__(self, app: Any, service: str, max_bytes: int, writes_per_minute: int) -> None:
        self.app = app
        self.service = service
        self.max_bytes = max_bytes
        self.rate = writes_per_minute / 60.0
        self.capacity = float(writes_per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}

    def _take(self, key: str) -> float:
        """Take a token; return 0 if allowed, else the seconds until one is available."""
        now = time.monotonic()
        tokens, last = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self.buckets[key] = (tokens - 1, now)
            return 0.0
        self.buckets[key] = (tokens, now)
        if len(self.buckets) > 100_000:  # bound memory: forget idle clients
            self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < 120}
        return (1 - tokens) / self.rate

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        given = headers.get("x-correlation-id", "")
        cid = given if 0 < len(given) <= 200 else str(uuid.uuid4())
        tp = child_traceparent(headers.get("traceparent"))
        t_cid = current_correlation_id.set(cid)
        t_tp = current_traceparent.set(tp)
        start = time.perf_counter()
        response = {"status": 500, "started": False, "complete": False}

        async def send_with_context(message: Any) -> None:
            if message["type"] == "http.response.start":
                response["status"], response["started"] = message["status"], True
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _CONTEXT_HEADERS]
                message = {
                    **message,
                    "headers": [
                        *kept,
                        (b"x-correlation-id", cid.encode("latin-1")),
                        (b"traceparent", tp.encode("latin-1")),
                    ],
                }
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                response["complete"] = True
            await send(message)

        try:
            refusal = self._over_rate(scope, headers)
            body: bytes | None = b""
            if refusal is None:
                try:
                    body = await self._read_body(headers, receive)
                except _TooLarge:
                    refusal = problem(413, "payload_too_large", f"request body exceeds {self.max_bytes} bytes")
            if refusal is None and body is not None:
                refusal = self._unstorable(scope, headers, body)
            if refusal is not None:
                await refusal(scope, receive, send_with_context)
            elif body is None or not await self._run(scope, body, receive, send_with_context, response):
                response["status"] = CLIENT_GONE
                log.info("request_abandoned", method=scope["method"], path=scope.get("path", ""))
        except Exception as exc:  # the last resort: a JSON 500, a usable connection
            log.error("unhandled_error", path=scope.get("path", ""), error=repr(exc), exc_info=exc)
            if not response["started"]:
                await problem(500, "internal_error", f"internal error (correlation id {cid}); it has been logged")(
                    scope, receive, send_with_context
                )
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            status = str(response["status"])
            HTTP_REQUESTS.labels(self.service, scope["method"], path, status).inc()
            HTTP_LATENCY.labels(self.service, scope["method"], path).observe(time.perf_counter() - start)
            current_correlation_id.reset(t_cid)
            current_traceparent.reset(t_tp)

    def _over_rate(self, scope: Any, headers: dict[str, str]) -> JSONResponse | None:
        if scope["method"] not in WRITE_METHODS:
            return None
        client = scope.get("client") or ("-", 0)
        key = hashlib.sha256(headers.get("authorization", client[0]).encode()).hexdigest()
        wait = self._take(key)
        if wait <= 0:
            return None
        response = problem(429, "too_many_requests", f"write rate limit exceeded: retry in {wait:.1f} s")
        response.headers["Retry-After"] = str(max(1, round(wait)))
        return response

    async def _read_body(self, headers: dict[str, str], receive: Any) -> bytes | None:
        """The whole body (None if the client left while sending it), or _TooLarge as soon as it
        exceeds the limit (announced or streamed)."""
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise _TooLarge
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left while sending: nothing to run
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _unstorable(self, scope: Any, headers: dict[str, str], body: bytes) -> JSONResponse | None:
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        fields = unstorable_fields(query, _json_body(headers, body))
        if not fields:
            return None
        errors = [{"field": f, "message": UNSTORABLE_MESSAGE, "type": "string_unstorable"} for f in fields]
        return problem(422, "validation_error", "the request is invalid: see errors", errors=errors)

    async def _run(self, scope: Any, body: bytes, receive: Any, send: Any, response: dict[str, Any]) -> bool:
        """Run the routes on the body read; False when they were cancelled because the client left."""
        replayed = False
        gone = asyncio.Event()

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        work = asyncio.ensure_future(self.app(scope, replay, send))
        watch = asyncio.ensure_future(receive())
        try:
            while not work.done():
                await asyncio.wait({work, watch}, return_when=asyncio.FIRST_COMPLETED)
                if work.done() or not watch.done():
                    continue
                if watch.result()["type"] == "http.disconnect":
                    gone.set()
                    if scope["method"] in CANCELLABLE_METHODS and not response["complete"]:
                        work.cancel()
                    await asyncio.wait({work})
                else:  # not expected once the body is read: keep listening
                    watch = asyncio.ensure_future(receive())
        finally:
            for task in (watch, work):
                if not task.done():
                    task.cancel()
                    with contextlib.suppress(BaseException):
                        await task
        if work.cancelled():
            return False
        exc = work.exception()
        if exc is not None:
            raise exc
        return True


def install(app: FastAPI, service: str, max_request_bytes: int, writes_per_minute: int = 600) -> None:
    """Error handlers and the request middleware (context, metrics, limits, disconnects, 500s)."""

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return problem(exc.status, exc.code, exc.message, **exc.details)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "message": e.get("msg", ""),
                "type": e.get("type", ""),
            }
            for e in exc.errors()
        ]
        return problem(422, "validation_error", "the request is invalid: see errors", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(asyncpg.UniqueViolationError)
    async def _unique(_: Request, exc: asyncpg.UniqueViolationError) -> JSONResponse:
        return problem(409, "conflict", f"already exists: {exc.detail or exc.constraint_name}")

    @app.exception_handler(asyncpg.DataError)
    async def _data(_: Request, exc: asyncpg.DataError) -> JSONResponse:
        return problem(422, "invalid", f"invalid value: {exc}")

    @app.exception_handler(asyncpg.IntegrityConstraintViolationError)
    async def _integrity(_: Request, exc: asyncpg.IntegrityConstraintViolationError) -> JSONResponse:
        return problem(409, "conflict", f"conflicts with existing data: {exc.constraint_name or exc}")

    @app.exception_handler(asyncpg.QueryCanceledError)
    async def _timeout(_: Request, exc: asyncpg.QueryCanceledError) -> JSONResponse:
        return problem(
            503, "query_timeout", f"the database query took too long and was cancelled ({exc}): narrow the request"
        )

    app.add_middleware(
        RequestMiddleware, service=service, max_bytes=max_request_bytes, writes_per_minute=writes_per_minute
    )
