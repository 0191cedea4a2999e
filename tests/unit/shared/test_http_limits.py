"""Request size and write-rate limits answer 413 and 429 with a message, never crash."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI, Request

from rc_shared import http


def _app(max_bytes: int = 1000, writes_per_minute: int = 5) -> FastAPI:
    app = FastAPI()
    http.install(app, "limits-test", max_bytes, writes_per_minute)

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    @app.get("/read")
    async def read() -> dict[str, str]:
        return {"ok": "yes"}

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


async def test_writes_above_the_rate_get_429_with_retry_after_reads_are_not_limited() -> None:
    async with _client(_app(writes_per_minute=5)) as c:
        h = {"Authorization": "Bearer client-a"}
        codes = [(await c.post("/echo", content=b"{}", headers=h)).status_code for _ in range(7)]
        assert codes == [200] * 5 + [429] * 2
        r = await c.post("/echo", content=b"{}", headers=h)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert "rate limit" in r.json()["message"]
        # another client has its own budget; reads are not counted
        assert (await c.post("/echo", content=b"{}", headers={"Authorization": "Bearer client-b"})).status_code == 200
        assert [(await c.get("/read", headers=h)).status_code for _ in range(10)] == [200] * 10


async def test_an_unexpected_error_is_a_json_500_naming_the_correlation_id() -> None:
    app = _app()

    @app.get("/boom")
    async def boom() -> None:
        raise AttributeError("a bug")

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t"
    ) as c:
        r = await c.get("/boom", headers={"x-correlation-id": "cid-42"})
    assert r.status_code == 500
    assert r.json() == {
        "error": "internal_error",
        "message": "internal error (correlation id cid-42); it has been logged",
    }
