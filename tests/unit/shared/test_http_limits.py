"""Request size and write-rate limits answer 413 and 429 with a message, never crash; strings that
PostgreSQL cannot store are refused naming the field; an unexpected error is a problem 500."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request
from pydantic import BaseModel

from rc_shared import http


class Line(BaseModel):
    text: str


class Item(BaseModel):
    name: str
    tags: list[str] = []
    lines: list[Line] = []


def _app(max_bytes: int = 1000, writes_per_minute: int = 5) -> FastAPI:
    app = FastAPI()
    http.install(app, "limits-test", max_bytes, writes_per_minute)

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    @app.get("/read")
    async def read(q: str = "") -> dict[str, str]:
        return {"ok": "yes", "q": q}

    @app.post("/items")
    async def items(body: Item) -> dict[str, int]:
        return {"tags": len(body.tags)}

    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_a_body_over_the_limit_gets_413_by_content_length() -> None:
    async with _client(_app()) as c:
        r = await c.post("/echo", content=b"x" * 1001)
        assert r.status_code == 413
        assert "exceeds 1000 bytes" in r.json()["message"]
        assert (await c.post("/echo", content=b"x" * 1000)).json() == {"bytes": 1000}


async def test_a_streamed_body_over_the_limit_gets_413() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"y" * 400

    async with _client(_app()) as c:
        r = await c.post("/echo", content=chunks())  # no Content-Length: chunked
        assert r.status_code == 413
        assert r.json()["error"] == "payload_too_large"


async def test_a_chunked_body_over_the_limit_gets_413_where_fastapi_parses_the_body() -> None:
    """Regression: a streamed body validated by a pydantic model got 400 "error parsing the body"."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"name": "'
        for _ in range(5):
            yield b"z" * 400
        yield b'"}'

    async with _client(_app()) as c:
        r = await c.post("/items", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413, r.text
        assert r.json()["error"] == "payload_too_large"
        assert (await c.post("/items", json={"name": "n", "tags": ["a"]})).json() == {"tags": 1}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ('{"name": "a\\u0000b"}', ["name"]),
        ('{"name": "ok", "tags": ["fine", "\\ud800"]}', ["tags.1"]),
        ('{"name": "ok", "lines": [{"text": "x"}, {"text": "\\uDFFF y"}]}', ["lines.1.text"]),
        ('{"name": "\\u0000", "tags": ["\\udbff"]}', ["name", "tags.0"]),
    ],
)
async def test_strings_postgresql_cannot_store_are_refused_naming_the_field(body: str, fields: list[str]) -> None:
    async with _client(_app()) as c:
        r = await c.post("/items", content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    payload = r.json()
    assert payload["error"] == "validation_error"
    assert [e["field"] for e in payload["errors"]] == fields
    assert all("cannot be stored" in e["message"] for e in payload["errors"])


async def test_a_nul_in_a_query_parameter_is_refused_naming_it_and_good_text_passes() -> None:
    async with _client(_app()) as c:
        r = await c.get("/read", params={"q": "a\x00"})
        assert r.status_code == 422, r.text
        assert [e["field"] for e in r.json()["errors"]] == ["query.q"]
        # an emoji (a surrogate pair in JSON), an escaped backslash before "u0000", Vietnamese text: all fine
        ok = await c.post(
            "/items",
            content='{"name": "Ch\u1eef th\u1eadp \\\\u0000 \\ud83d\\ude00", "tags": ["\\\\ud800"]}'.encode(),
            headers={"content-type": "application/json"},
        )
        assert ok.status_code == 200, ok.text
        assert (await c.get("/read", params={"q": "Bạc Liêu"})).json()["q"] == "Bạc Liêu"


async def test_retry_after_is_never_before_the_next_write_is_allowed() -> None:
    """At 40 a minute the next write is allowed ~1.5 s after the quota is spent: Retry-After says 2, not
    1 (rounded down, the obedient client's retry was refused again)."""
    async with _client(_app(writes_per_minute=40)) as c:
        assert [(await c.post("/echo", content=b"{}")).status_code for _ in range(40)] == [200] * 40
        r = await c.post("/echo", content=b"{}")
        assert r.status_code == 429
        said = float(r.json()["message"].rpartition("retry in ")[2].removesuffix(" s"))  # ~1.5 (one decimal)
        # never less than the wait, less than a second more (rounded to the nearest, 1.4 s gave "1")
        assert said <= int(r.headers["Retry-After"]) < said + 1, (said, r.headers["Retry-After"])


async def test_writes_above_the_rate_get_429_with_retry_after_reads_are_not_limited() -> None:
    """Without a verified token (here: no verifier at all) a client is its address."""
    app = _app(writes_per_minute=5)
    async with _client(app) as c:
        h = {"Authorization": "Bearer client-a"}
        codes = [(await c.post("/echo", content=b"{}", headers=h)).status_code for _ in range(7)]
        assert codes == [200] * 5 + [429] * 2
        r = await c.post("/echo", content=b"{}", headers=h)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert "rate limit" in r.json()["message"]
        # an unverified token is no new client: the same address has no budget left
        assert (await c.post("/echo", content=b"{}", headers={"Authorization": "Bearer client-b"})).status_code == 429
        # reads are not counted
        assert [(await c.get("/read", headers=h)).status_code for _ in range(10)] == [200] * 10
    # another address has its own budget
    other = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("10.0.0.2", 1)), base_url="http://t")
    async with other:
        r = await other.post("/echo", content=b"{}", headers={"Authorization": "Bearer client-a"})
        assert r.status_code == 200


async def test_an_unexpected_error_is_a_json_500_naming_the_correlation_id() -> None:
    app = _app()

    @app.get("/boom")
    async def boom() -> None:
        raise AttributeError("a bug")

    # the exception is answered, not re-raised to the server (which would drop the connection)
    async with _client(app) as c:
        r = await c.get("/boom", headers={"x-correlation-id": "cid-42"})
        assert r.status_code == 500
        assert r.json() == {
            "type": "/problems/internal_error",
            "title": "Internal error",
            "status": 500,
            "detail": "internal error (correlation id cid-42); it has been logged",
            "error": "internal_error",
            "message": "internal error (correlation id cid-42); it has been logged",
            "correlation_id": "cid-42",
        }
        assert r.headers["x-correlation-id"] == "cid-42"

        anonymous = await c.get("/boom")  # no id given: one is made, in the body and the header
        cid = anonymous.headers["x-correlation-id"]
        assert anonymous.status_code == 500 and len(cid) == 36
        assert anonymous.json()["message"] == f"internal error (correlation id {cid}); it has been logged"
