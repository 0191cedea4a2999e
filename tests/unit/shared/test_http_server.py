"""Through a real uvicorn server: a 500 keeps the client's kept-alive connection usable."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request

from rc_shared import http
from tests.served import serve


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, list[int]]]:
    """A served app (its base URL) and the client ports of the requests it received, in order."""
    app = FastAPI()
    http.install(app, "server-test", 1_000_000)
    ports: list[int] = []

    @app.get("/boom")
    async def boom(request: Request) -> None:
        ports.append(request.scope["client"][1])
        raise AttributeError("a bug")

    @app.get("/ok")
    async def ok(request: Request) -> dict[str, str]:
        ports.append(request.scope["client"][1])
        return {"ok": "yes"}

    async with serve(app) as url:
        yield url, ports


async def test_a_500_names_a_generated_correlation_id_and_the_connection_serves_the_next_request(
    server: tuple[str, list[int]],
) -> None:
    url, ports = server
    async with httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=1)) as client:
        r = await client.get("/boom")
        assert r.status_code == 500
        cid = r.headers["x-correlation-id"]
        assert len(cid) == 36 and r.json()["message"] == f"internal error (correlation id {cid}); it has been logged"
        assert r.headers.get("connection", "").lower() != "close"

        after = await client.get("/ok")  # on the same kept-alive connection
        assert after.status_code == 200 and after.json() == {"ok": "yes"}
    assert len(ports) == 2 and ports[0] == ports[1], f"the 500 closed the connection: client ports {ports}"
