"""FastAPI pieces every service uses: error mapping, request context, metrics, size limits."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from fastapi import FastAPI, Request, Response
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


class _TooLarge(Exception):
    pass


class LimitsMiddleware:
    """Request size and write-rate limits, as a pure ASGI middleware.

    - A body larger than ``max_bytes`` gets 413, whether announced by Content-Length or streamed.
    - Write requests (POST, PUT, PATCH, DELETE) are limited per client (its bearer token, else its
      address) by a token bucket of ``writes_per_minute``: above it, 429 with Retry-After. The
      buckets live in the process: with N replicas a client gets at most N times the rate.
    """

    def __init__(self, app: Any, max_bytes: int, writes_per_minute: int) -> None:
        self.app = app
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
        if scope["method"] in WRITE_METHODS:
            client = scope.get("client") or ("-", 0)
            key = hashlib.sha256(headers.get("authorization", client[0]).encode()).hexdigest()
            wait = self._take(key)
            if wait > 0:
                response = problem(429, "too_many_requests", f"write rate limit exceeded: retry in {wait:.1f} s")
                response.headers["Retry-After"] = str(max(1, round(wait)))
                await response(scope, receive, send)
                return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            await problem(413, "payload_too_large", f"request body exceeds {self.max_bytes} bytes")(
                scope, receive, send
            )
            return
        received = 0
        started = False

        async def limited_receive() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        too_large = False
        try:
            await self.app(scope, limited_receive, tracking_send)
        except* _TooLarge:  # may arrive wrapped in an ExceptionGroup by a task group
            too_large = True
        if too_large and not started:
            await problem(413, "payload_too_large", f"request body exceeds {self.max_bytes} bytes")(
                scope, receive, send
            )


def install(app: FastAPI, service: str, max_request_bytes: int, writes_per_minute: int = 600) -> None:
    """Error handlers, the request-context middleware, HTTP metrics, size and rate limits."""

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

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        cid = current_correlation_id.get() or request.headers.get("x-correlation-id") or "-"
        log.error("unhandled_error", path=request.url.path, error=repr(exc), exc_info=exc)
        return problem(500, "internal_error", f"internal error (correlation id {cid}); it has been logged")

    @app.middleware("http")
    async def _context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        cid = request.headers.get("x-correlation-id") or str(uuid.uuid4())
        tp = child_traceparent(request.headers.get("traceparent"))
        t_cid = current_correlation_id.set(cid)
        t_tp = current_traceparent.set(tp)
        start = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers["x-correlation-id"] = cid
            response.headers["traceparent"] = tp
            return response
        finally:
            route = request.scope.get("route")
            path = getattr(route, "path", "unmatched")
            HTTP_REQUESTS.labels(service, request.method, path, str(status)).inc()
            HTTP_LATENCY.labels(service, request.method, path).observe(time.perf_counter() - start)
            current_correlation_id.reset(t_cid)
            current_traceparent.reset(t_tp)

    app.add_middleware(LimitsMiddleware, max_bytes=max_request_bytes, writes_per_minute=writes_per_minute)
