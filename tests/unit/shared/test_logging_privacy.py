"""What the services' logging setup keeps out of the logs."""

from __future__ import annotations

import logging

import httpx
import pytest

from rc_shared import logging as rc_logging


async def test_an_upstream_call_does_not_log_what_was_searched(caplog: pytest.LogCaptureFixture) -> None:
    """The console asks members for ``/people?q=<what staff typed>``: httpx logs each request's URL at INFO,
    so a phone or identity number searched for would be written to the console's log, kept and shipped."""
    rc_logging.configure("console", "INFO", json=True)
    logging.getLogger().setLevel(logging.INFO)  # as basicConfig sets it when no handler is there yet
    caplog.set_level(logging.NOTSET)  # (the capture handler itself takes everything the loggers pass on)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"items": []}))
    async with httpx.AsyncClient(transport=transport, base_url="http://members") as client:
        r = await client.get("/people", params={"q": "079190001234", "after_key": "nguyen van a"})
    assert r.status_code == 200
    logged = [f"{rec.name}: {rec.getMessage()}" for rec in caplog.records]
    assert not [line for line in logged if "079190001234" in line or "nguyen" in line], logged
    logging.getLogger("rc-check").info("still logging at INFO")  # the setup did not silence everything
    assert [rec.getMessage() for rec in caplog.records] == ["still logging at INFO"]
