"""FastAPI pieces every service uses: error mapping (RFC 9457 problems), request context, metrics,
limits, disconnects."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
import socket
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

import asyncpg
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from rc_shared.api import PROBLEM_MEDIA_TYPE, PROBLEM_TITLES, problem_type
from rc_shared.auth import TokenVerifier, Unauthorized
from rc_shared.db import PoolBusy, acquire_bound, wait_slots
from rc_shared.errors import DomainError, Unavailable
from rc_shared.logging import get_logger
from rc_shared.metrics import HTTP_IN_FLIGHT, HTTP_LATENCY, HTTP_REFUSED, HTTP_REQUESTS, HTTP_WAITING
from rc_shared.tracing import child_traceparent, current_correlation_id, current_traceparent

log = get_logger(__name__)


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def problem(
    status: int, code: str, message: str, /, *, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """An RFC 9457 problem (:class:`rc_shared.api.ErrorOut`): ``type``, ``title``, ``status`` and
    ``detail``, with ``error`` (the code), ``message``, ``correlation_id`` and ``extra`` (the rule's
    details, field-level ``errors``) as extension members; a detail never replaces a standard member."""
    members: dict[str, Any] = {
        "type": problem_type(code),
        "title": PROBLEM_TITLES.get(code) or HTTPStatus(status).phrase,
        "status": status,
        "detail": message,
        "error": code,
        "message": message,
        "correlation_id": current_correlation_id.get(),
    }
    body = {**members, **{k: v for k, v in extra.items() if k not in members}}
    return ProblemResponse(status_code=status, content=jsonable_encoder(body), headers=dict(headers or {}))


# The public pages' refusals as a person reads them (Vietnamese, a page, a way back): a member of the public
# following an old link, or a campaign not yet public, got the API's English problem document.
_PUBLIC_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
h1{{color:#c8102e}}</style></head>
<body><main><h1>{title}</h1><p>{text}</p>{way}</main></body></html>
"""
_PUBLIC_LIST = '<p><a href="/public/campaigns">Xem các cuộc vận động của Hội Chữ thập đỏ</a></p>'

_PUBLIC_SAYS: dict[int, tuple[str, str]] = {
    404: ("Không tìm thấy", "Không có trang này, hoặc cuộc vận động chưa được công bố. Xin kiểm tra lại đường dẫn."),
    422: ("Đường dẫn không hợp lệ", "Đường dẫn hoặc nội dung tìm kiếm không đúng. Xin kiểm tra lại."),
    503: ("Hệ thống đang bận", "Xin thử lại sau ít phút."),
}


def _takes_idempotency_key(request: Request) -> bool:
    """Whether the request's route reads an Idempotency-Key header (only those answer a resend with the
    record made: elsewhere a client's key changes nothing)."""
    from fastapi.routing import APIRoute

    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return False
    todo, headers = [route.dependant], list[str]()
    while todo:  # the route's own parameters and its dependencies'
        dependant = todo.pop()
        headers.extend(p.alias.lower() for p in dependant.header_params)
        todo.extend(dependant.dependencies)
    return "idempotency-key" in headers


def public_page_or(request: Request, answer: Response) -> Response:
    """``answer`` (a problem document), or, to a browser asking for a public page (``/public/…``, HTML
    accepted), the same refusal as a short Vietnamese page: same status, same headers (``Retry-After``)."""
    if not request.url.path.startswith("/public/") or "text/html" not in request.headers.get("accept", ""):
        return answer
    title, text = _PUBLIC_SAYS.get(answer.status_code) or (
        ("Không thực hiện được", "Yêu cầu này không thực hiện được. Xin kiểm tra lại đường dẫn.")
        if answer.status_code < 500
        else ("Hệ thống gặp sự cố", "Xin thử lại sau ít phút.")
    )
    headers = {k: v for k, v in answer.headers.items() if k.lower() not in ("content-type", "content-length")}
    # the way to the campaigns' list, where this service serves it (reporting does; donations' ledger pages
    # sit beside it only behind a shared public address)
    asked = {"type": "http", "path": "/public/campaigns", "method": "GET", "root_path": ""}
    serves_list = any(r.matches(asked)[0] == Match.FULL for r in request.app.router.routes)
    page = _PUBLIC_PAGE.format(title=title, text=text, way=_PUBLIC_LIST if serves_list else "")
    return HTMLResponse(page, status_code=answer.status_code, headers=headers)


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def literal_methods(app: Any, path: str) -> frozenset[str] | None:
    """The methods the app's OpenAPI document gives ``path`` when it names it without a parameter
    (None: it does not). Such a path belongs to those operations alone: ``/units/batch`` is never the
    ``unit_id`` of ``GET /units/{unit_id}``, so a method they do not answer is a 405, not a 422 about
    a bad id."""
    paths: dict[str, frozenset[str]] | None = getattr(app.state, "literal_paths", None)
    if paths is None:
        paths = documented_literal_paths(app)
        app.state.literal_paths = paths
    return paths.get(path)


def documented_literal_paths(app: Any) -> dict[str, frozenset[str]]:
    """The paths without a parameter that the app's OpenAPI document gives, with their methods, read from
    the routes the document is made of (its API routes in the schema) rather than by generating it: a
    service's first request no longer waits for the whole document (0.26-0.38 CPU-s per service here)."""
    paths: dict[str, frozenset[str]] = {}
    for route in iter_route_contexts(app.routes):  # as FastAPI's get_openapi walks them, included routers too
        path = route.path_format
        methods = {m.upper() for m in route.methods or ()}  # (a route of no method is not in the document)
        if (
            isinstance(route.original_route, APIRoute)
            and route.include_in_schema
            and path
            and "{" not in path
            and methods
        ):
            paths[path] = paths.get(path, frozenset()) | methods
    return paths


def allowed_methods(app: Any, scope: Any) -> list[str]:
    """The methods a route of the request's path answers (asked of the router, included routers too)."""
    literal = literal_methods(app, scope.get("path", ""))
    if literal is not None:
        return [m for m in _METHODS if m in literal]
    return [m for m in _METHODS if any(r.matches({**scope, "method": m})[0] == Match.FULL for r in app.router.routes)]


def busy(message: str, retry_after_s: int = 1) -> JSONResponse:
    """A 503 with Retry-After: the process is at capacity; the message names the correlation id."""
    response = problem(
        503, "overloaded", f"{message}; retry in {retry_after_s} s (correlation id {current_correlation_id.get()})"
    )
    response.headers["Retry-After"] = str(retry_after_s)
    return response


_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WriteClient = Callable[[Mapping[str, str]], str | None]
"""Who a write without a bearer token counts against, from the request's headers (None: its address)."""
# Requests whose work stops when their client goes away; a write that has started runs to its end,
# so its outcome never depends on when the client left (its statements are bounded by the timeout).
CANCELLABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CONTEXT_HEADERS = frozenset({b"x-correlation-id", b"traceparent"})
CLIENT_GONE = 499  # the metrics' status of a request abandoned by its client (nginx's convention)
# Probes and scrapes: outside the in-flight bound, with a small budget of their own.
HEALTH_PATHS = frozenset({"/health/live", "/health/ready", "/metrics"})
HEALTH_IN_FLIGHT = 8
_MAX_BUCKETS = 100_000  # clients remembered by the write quotas (least recently seen forgotten first)

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


class RequestMetrics:
    """A service's request counter and latency histogram by (method, route template, status), each
    child looked up once (``labels()`` locks and validates per call): a bounded set."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._children: dict[tuple[str, str, str], tuple[Any, Any]] = {}

    def __call__(self, method: str, route: str, status: str) -> tuple[Any, Any]:
        key = (method, route, status)
        found = self._children.get(key)
        if found is None:
            found = (
                HTTP_REQUESTS.labels(self.service, method, route, status),
                HTTP_LATENCY.labels(self.service, method, route),
            )
            self._children[key] = found
        return found


def request_context(correlation_id: str | None, traceparent: str | None) -> tuple[str, str]:
    """A request's correlation id (the one given, else a new one) and its ``traceparent`` (a child
    span of the one given, else a new trace)."""
    cid = correlation_id if correlation_id and len(correlation_id) <= 200 else str(uuid.uuid4())
    return cid, child_traceparent(traceparent)


def context_headers(cid: str, tp: str) -> list[tuple[bytes, bytes]]:
    """The headers every response carries: its request's correlation id and traceparent."""
    return [(b"x-correlation-id", cid.encode("latin-1")), (b"traceparent", tp.encode("latin-1"))]


class _TooLarge(Exception):
    pass


class _TooMany(Exception):
    pass


class RequestMiddleware:
    """What every request goes through, as one pure ASGI middleware around the routes.

    - Correlation id (the ``x-correlation-id`` header, else a new one) and W3C ``traceparent``: in
      the logs and events of the request, and returned as headers on every response.
    - Admission: at most ``max_in_flight`` requests at once (health and metrics apart, with
      their own budget of ``HEALTH_IN_FLIGHT``), and at most ``body_bytes_in_flight`` bytes of
      request bodies held at once; above either, 503 with Retry-After at once, never a queue.
      A request waiting for a shared batch without a pool connection
      (:func:`rc_shared.db.waiting_without_connection`) is not in flight meanwhile but one of at most
      ``max_waiting`` such waits (then in flight again): they cost the process little, and a batch
      answers them together, within the request's pool-wait bound.
      Inside a request a pool connection is waited for at most ``pool_acquire_timeout_s`` (then
      503 with Retry-After, see :func:`rc_shared.db.acquire_bound`). So a process holds at most
      ``max_in_flight`` + ``max_waiting`` requests and that many body bytes, whatever the load.
    - Write requests (POST, PUT, PATCH, DELETE) are limited per client by a token bucket of a
      minute's quota: above it, 429 with Retry-After. A client is its verified token's subject
      (quota: ``write_quotas[subject]``, else the token's ``rc_writes_per_minute`` claim, else
      ``writes_per_minute``), else whom ``write_client`` names (the console: the signed-in user of
      its session cookie, at the default quota), else its address (the default quota; the route
      answers 401). The buckets live in the process: with N replicas a client gets at most N times
      its quota.
    - The body is read first: larger than ``max_bytes`` gets 413, whether announced by
      Content-Length or streamed (chunked); a string PostgreSQL cannot store (NUL, an unpaired
      surrogate) in the query or the JSON body gets 422 naming the field.
    - A read whose client disconnects is cancelled, its database query with it; a write runs to its
      end (it is not watched: no tasks of its own, the hot path of donation POSTs).
    - An exception escaping the routes answers a problem 500 naming the correlation id, and the
      connection stays usable (nothing is re-raised to the server).
    - HTTP request, latency, in-flight and refusal metrics.
    """

    def __init__(
        self,
        app: Any,
        service: str,
        max_bytes: int,
        writes_per_minute: int,
        write_quotas: Mapping[str, int] | None = None,
        max_in_flight: int | None = None,
        body_bytes_in_flight: int | None = None,
        pool_acquire_timeout_s: float | None = None,
        max_waiting: int = 0,
        write_client: WriteClient | None = None,
    ) -> None:
        self.app = app
        self.service = service
        self.write_client = write_client
        self.max_bytes = max_bytes
        self.writes_per_minute = writes_per_minute
        self.write_quotas = dict(write_quotas or {})
        self.max_in_flight = max_in_flight
        self.body_budget = None if body_bytes_in_flight is None else max(body_bytes_in_flight, max_bytes)
        self.pool_acquire_timeout_s = pool_acquire_timeout_s
        self.max_waiting = max_waiting
        self.in_flight = 0
        self.waiting = 0
        self.health_in_flight = 0
        self.body_bytes = 0
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        # the metrics' children by label values, looked up once (labels() locks and validates per call)
        self._in_flight_gauge = HTTP_IN_FLIGHT.labels(service)
        self._waiting_gauge = HTTP_WAITING.labels(service)
        self._metrics = RequestMetrics(service)

    def _take(self, key: str, per_minute: int) -> float:
        """Take a token from ``key``'s bucket (a minute's quota, refilled continuously); return 0 if
        allowed, else the seconds until one is available."""
        now = time.monotonic()
        rate, capacity = per_minute / 60.0, float(per_minute)
        tokens, last = self.buckets.pop(key, (capacity, now))
        tokens = min(capacity, tokens + (now - last) * rate)
        allowed = tokens >= 1
        self.buckets[key] = (tokens - 1 if allowed else tokens, now)  # the most recently seen last
        if len(self.buckets) > _MAX_BUCKETS:  # bound memory: forget the least recently seen client
            self.buckets.popitem(last=False)
        return 0.0 if allowed else (1 - tokens) / rate

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        cid, tp = request_context(headers.get("x-correlation-id"), headers.get("traceparent"))
        t_cid = current_correlation_id.set(cid)
        t_tp = current_traceparent.set(tp)
        start = time.perf_counter()
        response = {"status": 500, "started": False, "complete": False}
        health = scope.get("path", "") in HEALTH_PATHS
        admitted = False
        held = 0  # body bytes this request holds against the budget

        async def send_with_context(message: Any) -> None:
            if message["type"] == "http.response.start":
                response["status"], response["started"] = message["status"], True
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _CONTEXT_HEADERS]
                message = {**message, "headers": [*kept, *context_headers(cid, tp)]}
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                response["complete"] = True
            await send(message)

        try:
            refusal = self._admit(health)
            admitted = refusal is None
            if refusal is None:
                refusal = self._not_allowed(scope)
            if refusal is None:
                refusal = await self._over_quota(scope, headers)
            body: bytes | None = b""
            if refusal is None:
                try:
                    body, held = await self._read_body(headers, receive)
                except _TooLarge:
                    refusal = problem(413, "payload_too_large", f"request body exceeds {self.max_bytes} bytes")
                except _TooMany:
                    HTTP_REFUSED.labels(self.service, "body_bytes").inc()
                    refusal = busy("the service is busy: too many request bodies being received")
            if refusal is None and body is not None:
                refusal = self._unstorable(scope, headers, body)
            if refusal is not None:
                await refusal(scope, receive, send_with_context)
            else:
                with acquire_bound(self.pool_acquire_timeout_s), wait_slots(None if health else self):
                    ran = body is not None and await self._run(scope, body, receive, send_with_context, response)
                if not ran:
                    response["status"] = CLIENT_GONE
                    log.info("request_abandoned", method=scope["method"], path=scope.get("path", ""))
        except Exception as exc:  # the last resort: a JSON 500, a usable connection
            log.error("unhandled_error", path=scope.get("path", ""), error=repr(exc), exc_info=exc)
            if not response["started"]:
                await problem(500, "internal_error", f"internal error (correlation id {cid}); it has been logged")(
                    scope, receive, send_with_context
                )
        finally:
            self.body_bytes -= held
            if admitted:
                self._leave(health)
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            status = str(response["status"])
            counted, timed = self._metrics(scope["method"], path, status)
            counted.inc()
            timed.observe(time.perf_counter() - start)
            current_correlation_id.reset(t_cid)
            current_traceparent.reset(t_tp)

    def _admit(self, health: bool) -> JSONResponse | None:
        """Count the request in (None), or the 503 when the process already handles its bound."""
        if health:
            if self.health_in_flight >= HEALTH_IN_FLIGHT:
                HTTP_REFUSED.labels(self.service, "in_flight").inc()
                return busy(f"the service is busy: {HEALTH_IN_FLIGHT} health requests in flight")
            self.health_in_flight += 1
            return None
        if self.max_in_flight is not None and self.in_flight >= self.max_in_flight:
            HTTP_REFUSED.labels(self.service, "in_flight").inc()
            return busy(f"the service is busy: {self.max_in_flight} requests in flight")
        self.in_flight += 1
        self._in_flight_gauge.set(self.in_flight)
        return None

    def park(self) -> bool:
        """The current request waits without a connection: out of the in-flight count, into the
        waiting one (False, nothing changed, when ``max_waiting`` are waiting already)."""
        if self.waiting >= self.max_waiting:
            return False
        self.waiting += 1
        self.in_flight -= 1
        self._waiting_gauge.set(self.waiting)
        self._in_flight_gauge.set(self.in_flight)
        return True

    def unpark(self) -> None:
        """Its wait is over: back in flight (to its end, even above the bound: it was admitted)."""
        self.waiting -= 1
        self.in_flight += 1
        self._waiting_gauge.set(self.waiting)
        self._in_flight_gauge.set(self.in_flight)

    def _leave(self, health: bool) -> None:
        if health:
            self.health_in_flight -= 1
        else:
            self.in_flight -= 1
            self._in_flight_gauge.set(self.in_flight)

    def _not_allowed(self, scope: Any) -> JSONResponse | None:
        """The 405 of a method that a literal path's routes do not answer (see :func:`literal_methods`)."""
        app = scope.get("app")
        literal = None if app is None else literal_methods(app, scope.get("path", ""))
        if literal is None or scope["method"] in literal:
            return None
        allow = ", ".join(allowed_methods(app, scope))
        return problem(405, "method_not_allowed", "Method Not Allowed", headers={"Allow": allow})

    async def _client(self, scope: Any, headers: dict[str, str]) -> tuple[str, int]:
        """Who a write counts against, and its quota per minute: the verified token's subject, else
        the client's address. The verified principal is kept for the routes (one verification).
        Unauthorized if a bearer token was presented and refused (see :meth:`_over_quota`)."""
        verifier: TokenVerifier | None = getattr(getattr(scope.get("app"), "state", None), "token_verifier", None)
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if verifier is not None and scheme.lower() == "bearer" and token.strip():
            p = await verifier.verify_async(token.strip())
            scope.setdefault("state", {})["principal"] = p
            quota = self.write_quotas.get(p.subject) or p.writes_per_minute or self.writes_per_minute
            return f"sub:{p.subject}", quota
        if self.write_client is not None and (who := self.write_client(headers)) is not None:
            return f"user:{who}", self.writes_per_minute
        client = scope.get("client") or ("-", 0)
        return f"addr:{client[0]}", self.writes_per_minute

    async def _over_quota(self, scope: Any, headers: dict[str, str]) -> JSONResponse | None:
        if scope["method"] not in WRITE_METHODS:
            return None
        try:
            key, quota = await self._client(scope, headers)
        except Unauthorized as exc:
            # A token that expired or does not verify: its 401 at once, never a 429 of the address's
            # bucket (shared by every client behind one proxy), so the client renews its token rather
            # than retrying for ever. Refusing it costs its verification, done already.
            challenge = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            return problem(401, exc.code, exc.message, headers=challenge, **exc.details)
        wait = self._take(key, quota)
        if wait <= 0:
            return None
        HTTP_REFUSED.labels(self.service, "write_quota").inc()
        response = problem(
            429, "too_many_requests", f"write rate limit of {quota} a minute exceeded: retry in {wait:.1f} s"
        )
        response.headers["Retry-After"] = str(max(1, math.ceil(wait)))  # never before a token is there
        return response

    async def _read_body(self, headers: dict[str, str], receive: Any) -> tuple[bytes | None, int]:
        """The whole body (None if the client left while sending it) and the bytes it holds against
        the process's body budget (the caller gives them back); _TooLarge as soon as it exceeds the
        limit (announced or streamed), _TooMany when the budget cannot hold it."""
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise _TooLarge
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                message = await receive()
                if message["type"] != "http.request":  # the client left while sending: nothing to run
                    return None, size
                chunk = message.get("body", b"")
                if size + len(chunk) > self.max_bytes:
                    raise _TooLarge
                if self.body_budget is not None and self.body_bytes + len(chunk) > self.body_budget:
                    raise _TooMany
                size += len(chunk)
                self.body_bytes += len(chunk)
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        except (_TooLarge, _TooMany):
            self.body_bytes -= size
            raise
        return b"".join(chunks), size

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
        if scope["method"] not in CANCELLABLE_METHODS:  # a write is never cancelled: nothing to watch for

            async def body_then_receive() -> Any:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()  # (the server's disconnect, when the client leaves)

            await self.app(scope, body_then_receive, send)
            return True
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


def install(
    app: FastAPI,
    service: str,
    max_request_bytes: int,
    writes_per_minute: int = 600,
    *,
    write_quotas: Mapping[str, int] | None = None,
    max_in_flight: int | None = None,
    body_bytes_in_flight: int | None = None,
    pool_acquire_timeout_s: float | None = None,
    max_waiting: int = 0,
    write_client: WriteClient | None = None,
) -> None:
    """Error handlers and the request middleware (context, metrics, limits, admission, disconnects,
    500s). ``None`` bounds are no bound (see :class:`RequestMiddleware`)."""

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        if isinstance(exc, Unavailable):
            if isinstance(exc, PoolBusy):
                HTTP_REFUSED.labels(service, "db_pool").inc()
            return public_page_or(request, busy(exc.message, exc.retry_after_s))
        if exc.status == 401:  # the challenge RFC 9110 asks of a 401: a client's auth library refreshes on it
            missing = exc.message.startswith("authentication required")  # (else a token was sent and refused)
            challenge = {"WWW-Authenticate": "Bearer" if missing else 'Bearer error="invalid_token"'}
            return problem(exc.status, exc.code, exc.message, headers=challenge, **exc.details)
        return public_page_or(request, problem(exc.status, exc.code, exc.message, **exc.details))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "message": e.get("msg", ""),
                "type": e.get("type", ""),
            }
            for e in exc.errors()
        ]
        return public_page_or(
            request, problem(422, "validation_error", "the request is invalid: see errors", errors=errors)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        """The framework's own errors (an unknown path, a method the path does not answer ...),
        headers kept; a 405's ``Allow`` lists every method of the path (the framework names only
        those of the first route on it)."""
        if exc.status_code == 400 and exc.__cause__ is not None:
            # FastAPI's answer to a body it could not read as JSON other than a syntax error (not
            # UTF-8, nested too deep): invalid input like any other, a 422 naming the body.
            reason = type(exc.__cause__).__name__
            errors = [{"field": "body", "message": f"the body is not JSON text ({reason})", "type": "json_invalid"}]
            return problem(422, "validation_error", "the request is invalid: see errors", errors=errors)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope))
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return public_page_or(request, problem(exc.status_code, code, str(exc.detail), headers=headers))

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
        response = problem(
            503, "query_timeout", f"the database query took too long and was cancelled ({exc}): narrow the request"
        )
        response.headers["Retry-After"] = "1"
        return response

    async def _transient(request: Request, exc: Exception) -> Response:
        """The database refused the transaction for now (a deadlock, a serialization failure, a full
        disk, no memory or connections left): it was rolled back, so nothing changed; the client may
        retry. Not the request's fault, and not a 500."""
        HTTP_REFUSED.labels(service, "database").inc()
        sqlstate = getattr(exc, "sqlstate", "")
        return public_page_or(
            request, busy(f"the database cannot complete the request now ({sqlstate}: {exc}); nothing was changed")
        )

    app.add_exception_handler(asyncpg.TransactionRollbackError, _transient)
    app.add_exception_handler(asyncpg.InsufficientResourcesError, _transient)

    async def _unreachable(request: Request, exc: Exception) -> Response:
        """The database went away under the request: refused or reset connections, a server shutting
        down or starting up (a restart, a failover, a restore), its name not found (DNS during a
        failover). Not the request's fault, and not a 500: a 503 with Retry-After. A write may have been
        committed just before the connection broke: with an Idempotency-Key, sending it again answers the
        record made; without one, the client must look before it sends it again (it could make a second)."""
        HTTP_REFUSED.labels(service, "database").inc()
        log.warning("database_unreachable", path=request.url.path, error=repr(exc))
        what = f"the database cannot be reached now ({type(exc).__name__})"
        if request.method not in WRITE_METHODS:
            return public_page_or(request, busy(what))
        if request.headers.get("idempotency-key") and _takes_idempotency_key(request):
            return busy(f"{what}: the change may or may not have been made; send the same request again (same key)")
        return busy(f"{what}: the change may or may not have been made; check whether it was before sending it again")

    # Only what a restart or failover raises: not a protocol violation (08P01, a client's bug: a 500 with its
    # traceback) nor a dropped database; a statement timeout (class 57) keeps its own handler
    for unreachable in (
        asyncpg.ConnectionDoesNotExistError,
        asyncpg.ConnectionFailureError,
        asyncpg.ClientCannotConnectError,
        asyncpg.CannotConnectNowError,
        asyncpg.AdminShutdownError,
        asyncpg.CrashShutdownError,
        ConnectionError,
        socket.gaierror,
    ):
        app.add_exception_handler(unreachable, _unreachable)

    app.add_middleware(
        RequestMiddleware,
        service=service,
        max_bytes=max_request_bytes,
        writes_per_minute=writes_per_minute,
        write_quotas=write_quotas,
        max_in_flight=max_in_flight,
        body_bytes_in_flight=body_bytes_in_flight,
        pool_acquire_timeout_s=pool_acquire_timeout_s,
        max_waiting=max_waiting,
        write_client=write_client,
    )
