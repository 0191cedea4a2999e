"""FastAPI pieces every service uses: error mapping, request context, metrics, size limits."""

from __future__ import annotations

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


def install(app: FastAPI, service: str, max_request_bytes: int) -> None:
    """Error handlers, the request-context middleware and HTTP metrics."""

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

    @app.middleware("http")
    async def _context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_request_bytes:
            return problem(413, "payload_too_large", f"request body exceeds {max_request_bytes} bytes")
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
