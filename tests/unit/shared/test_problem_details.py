"""Every error answer is an RFC 9457 problem (``application/problem+json``: ``type``, ``title``,
``status``, ``detail``) that keeps the earlier members (``error``, ``message``, the rule's details,
field-level ``errors``) and names the correlation id; a method the path does not answer gets 405
with ``Allow``, an unknown path 404, both as problems."""

from __future__ import annotations

import socket
from typing import Annotated, Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI, Header
from pydantic import BaseModel

from rc_shared import api, http
from rc_shared.auth import Forbidden, Unauthorized
from rc_shared.db import PoolBusy
from rc_shared.errors import Conflict, DomainError, Invalid, NotFound, Unavailable

CID = {"x-correlation-id": "cid-7"}


class Item(BaseModel):
    name: str
    count: int


UNREACHABLE: dict[str, Exception] = {
    "refused": ConnectionRefusedError(111, "Connect call failed ('10.0.0.5', 5432)"),
    "reset": ConnectionResetError(104, "Connection reset by peer"),
    "starting": asyncpg.CannotConnectNowError("the database system is starting up"),
    "shutdown": asyncpg.AdminShutdownError("terminating connection due to administrator command"),
    "lost": asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    "dns": socket.gaierror(-2, "Name or service not known"),
}


def _app() -> FastAPI:
    app = FastAPI()
    http.install(app, "problem-test", max_request_bytes=100, writes_per_minute=2)

    @app.get("/things/{kind}")
    async def things(kind: str) -> dict[str, str]:
        errors: dict[str, Exception] = {
            "rule": DomainError("a rule is broken", field="starts_on"),
            "missing": NotFound("campaign not found", campaign_id="c-1"),
            "conflict": Conflict("insufficient balance", requested_vnd=5, available_vnd=4, status="active"),
            "invalid": Invalid("age below the minimum", field="born_on", min_age=16),
            "token": Unauthorized("missing bearer token"),
            "scope": Forbidden("outside your unit", unit_id="u-1"),
            "busy": Unavailable("the pool is busy", retry_after_s=3),
            "timeout": asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
            "deadlock": asyncpg.DeadlockDetectedError("deadlock detected"),
            "disk": asyncpg.DiskFullError('could not extend file "base/16384/16390": No space left on device'),
            "bug": AttributeError("a bug"),
            "protocol": asyncpg.ProtocolViolationError("invalid message format"),
            **UNREACHABLE,
        }
        raise errors[kind]

    @app.post("/things/{kind}/write")
    async def write_thing(kind: str) -> None:
        raise UNREACHABLE[kind]

    @app.post("/things/{kind}/keyed")
    async def keyed_thing(kind: str, key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> None:
        raise UNREACHABLE[kind]

    @app.post("/things/batch")
    async def things_batch() -> dict[str, int]:
        return {"count": 0}

    @app.post("/items")
    async def items(body: Item) -> dict[str, int]:
        return {"count": body.count}

    @app.get("/items")
    async def list_items() -> list[str]:
        return []

    @app.delete("/items")
    async def drop_items() -> None:
        return None

    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", headers=CID)


def _problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The answer's body, checked to be a problem of ``status`` and ``code`` in the documented shape."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = r.json()
    api.ErrorOut.model_validate(body)
    assert body["type"] == f"/problems/{code}" and body["error"] == code
    assert body["status"] == status
    assert body["title"] == api.PROBLEM_TITLES[code]
    assert body["detail"] == body["message"] and body["detail"]
    assert body["correlation_id"] == "cid-7" == r.headers["x-correlation-id"]
    return body


async def test_a_domain_error_is_a_problem_with_its_details_as_extension_members() -> None:
    async with _client(_app()) as c:
        r = await c.get("/things/conflict")
        assert _problem(r, 409, "conflict") == {
            "type": "/problems/conflict",
            "title": "Conflicts with the current state",
            "status": 409,  # a detail named like a standard member does not replace it
            "detail": "insufficient balance",
            "error": "conflict",
            "message": "insufficient balance",
            "correlation_id": "cid-7",
            "requested_vnd": 5,
            "available_vnd": 4,
        }
        assert _problem(await c.get("/things/rule"), 400, "bad_request")["field"] == "starts_on"
        missing = _problem(await c.get("/things/missing"), 404, "not_found")
        assert missing["campaign_id"] == "c-1" and missing["detail"] == "campaign not found"
        invalid = _problem(await c.get("/things/invalid"), 422, "invalid")
        assert (invalid["field"], invalid["min_age"]) == ("born_on", 16)
        _problem(await c.get("/things/token"), 401, "unauthorized")
        assert _problem(await c.get("/things/scope"), 403, "forbidden")["unit_id"] == "u-1"


async def test_invalid_input_is_a_422_problem_with_field_level_errors() -> None:
    async with _client(_app()) as c:
        r = await c.post("/items", json={"name": "n", "count": "many"})
        body = _problem(r, 422, "validation_error")
        assert body["errors"] == [
            {"field": "count", "message": "Input should be a valid integer, unable to parse string as an integer",
             "type": "int_parsing"}
        ]  # fmt: skip
        unstorable = _problem(await c.get("/things/rule", params={"q": "a\x00"}), 422, "validation_error")
        assert unstorable["errors"] == [
            {"field": "query.q", "message": http.UNSTORABLE_MESSAGE, "type": "string_unstorable"}
        ]


async def test_a_body_that_is_not_utf8_json_is_a_422_naming_the_body() -> None:
    """Not a 400 the documents do not declare: invalid input like any other (JSON text is UTF-8)."""
    async with _client(_app()) as c:
        r = await c.post("/items", content=b'\xff\xfe{"name": 1}', headers={"content-type": "application/json"})
        body = _problem(r, 422, "validation_error")
        assert body["errors"] == [
            {"field": "body", "message": "the body is not JSON text (UnicodeDecodeError)", "type": "json_invalid"}
        ]


async def test_an_unknown_path_is_a_404_problem() -> None:
    async with _client(_app()) as c:
        body = _problem(await c.get("/nowhere"), 404, "not_found")
        assert body["detail"] == "Not Found"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("TRACE", "/items", "DELETE, GET, POST"),
        ("PUT", "/things/x", "GET"),
        # A literal path is its own routes' alone: not the {kind} of GET /things/{kind}.
        ("GET", "/things/batch", "POST"),
        ("PATCH", "/things/batch", "POST"),
    ],
)
async def test_a_method_the_path_does_not_answer_is_a_405_problem_with_allow(
    method: str, path: str, allow: str
) -> None:
    async with _client(_app()) as c:
        r = await c.request(method, path)
        body = _problem(r, 405, "method_not_allowed")
        assert body["detail"] == "Method Not Allowed"
        assert r.headers["allow"] == allow


async def test_a_body_over_the_limit_is_a_413_problem() -> None:
    async with _client(_app()) as c:
        body = _problem(await c.post("/items", content=b"x" * 101), 413, "payload_too_large")
        assert body["detail"] == "request body exceeds 100 bytes"


async def test_too_many_writes_is_a_429_problem_with_retry_after() -> None:
    async with _client(_app()) as c:
        for _ in range(2):
            assert (await c.post("/items", json={"name": "n", "count": 1})).status_code == 200
        r = await c.post("/items", json={"name": "n", "count": 1})
        assert _problem(r, 429, "too_many_requests")["detail"].startswith("write rate limit of 2 a minute exceeded")
        assert int(r.headers["Retry-After"]) >= 1


async def test_an_overloaded_or_slow_service_is_a_503_problem() -> None:
    async with _client(_app()) as c:
        busy = await c.get("/things/busy")
        assert _problem(busy, 503, "overloaded")["detail"] == ("the pool is busy; retry in 3 s (correlation id cid-7)")
        assert busy.headers["Retry-After"] == "3"
        timeout = await c.get("/things/timeout")
        slow = _problem(timeout, 503, "query_timeout")
        assert "canceling statement" in str(slow["detail"])
        assert timeout.headers["Retry-After"] == "1"


@pytest.mark.parametrize(
    ("kind", "sqlstate"), [("deadlock", "40P01"), ("disk", "53100")], ids=["deadlock", "disk-full"]
)
async def test_a_transaction_the_database_refuses_for_now_is_a_503_with_retry_after_not_a_500(
    kind: str, sqlstate: str
) -> None:
    async with _client(_app()) as c:
        r = await c.get(f"/things/{kind}")
        body = _problem(r, 503, "overloaded")
        assert r.headers["Retry-After"] == "1"
        assert f"the database cannot complete the request now ({sqlstate}: " in str(body["detail"])
        assert "nothing was changed" in str(body["detail"])


@pytest.mark.parametrize("kind", sorted(UNREACHABLE))
async def test_a_database_that_cannot_be_reached_is_a_503_with_retry_after_and_a_write_is_told_to_resend(
    kind: str,
) -> None:
    """A failover, a restart or a restore: every request answered 503 with Retry-After (was a 500), and
    a write, whose commit may have happened before the connection broke, told to send it again as it was."""
    name = type(UNREACHABLE[kind]).__name__
    async with _client(_app()) as c:
        read = await c.get(f"/things/{kind}")
        assert read.headers["Retry-After"] == "1"
        assert _problem(read, 503, "overloaded")["detail"] == (
            f"the database cannot be reached now ({name}); retry in 1 s (correlation id cid-7)"
        )
        keyed = await c.post(f"/things/{kind}/keyed", headers={"Idempotency-Key": "k-1"})
        assert keyed.headers["Retry-After"] == "1"
        assert _problem(keyed, 503, "overloaded")["detail"] == (
            f"the database cannot be reached now ({name}): the change may or may not have been made; send the same"
            " request again (same key); retry in 1 s (correlation id cid-7)"
        )
        # without a key, or with one the route does not read, a second sending could make a second record: the
        # client is told to look first
        unkeyed = await c.post(f"/things/{kind}/write", headers={"Idempotency-Key": "k-2"})
        assert _problem(unkeyed, 503, "overloaded")["detail"] == (
            f"the database cannot be reached now ({name}): the change may or may not have been made; check whether"
            " it was before sending it again; retry in 1 s (correlation id cid-7)"
        )


async def test_a_protocol_violation_is_a_bug_not_an_unreachable_database() -> None:
    """08P01 is a connection-class error the client caused: a 500 with its traceback logged, not a "retry"."""
    async with _client(_app()) as c:
        r = await c.get("/things/protocol")
        assert _problem(r, 500, "internal_error") and "Retry-After" not in r.headers


async def test_an_unexpected_error_is_a_500_problem_naming_the_correlation_id() -> None:
    async with _client(_app()) as c:
        r = await c.get("/things/bug")
        assert _problem(r, 500, "internal_error") == {
            "type": "/problems/internal_error",
            "title": "Internal error",
            "status": 500,
            "detail": "internal error (correlation id cid-7); it has been logged",
            "error": "internal_error",
            "message": "internal error (correlation id cid-7); it has been logged",
            "correlation_id": "cid-7",
        }


def test_every_shared_error_kind_has_a_title() -> None:
    def kinds(cls: type[DomainError]) -> set[str]:
        return {cls.code}.union(*(kinds(sub) for sub in cls.__subclasses__()))

    codes = kinds(DomainError)
    assert {"bad_request", "not_found", "conflict", "invalid", "overloaded", "unauthorized", "forbidden"} <= codes
    assert PoolBusy.code in codes
    assert codes <= set(api.PROBLEM_TITLES)


def test_the_documented_error_shape_is_the_problem_media_type() -> None:
    declared = api.errors(404, 422)
    assert set(declared) == {404, 422}
    for response in declared.values():
        assert response["content"] == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
        }
    schema = api.ErrorOut.model_json_schema()
    assert {"type", "title", "status", "detail", "error", "message"} <= set(schema["required"])
