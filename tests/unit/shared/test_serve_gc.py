"""``serve`` hands the cyclic garbage collector's generations only what the process allocates once it
runs: the objects built at start (modules, models, routes) are frozen, so the collections a batch of
thousands of events triggers do not walk them all each time."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from rc_shared.cli import service_cli
from rc_shared.settings import ServiceSettings


def test_serve_freezes_what_the_process_built_before_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen_when_served: list[int] = []

    def run(server: uvicorn.Server, *_: Any) -> None:
        server.started = True  # (served, as far as ``serve`` can tell)
        frozen_when_served.append(gc.get_freeze_count())

    monkeypatch.setattr(uvicorn.Server, "run", run)
    cli = service_cli("test", lambda: ServiceSettings(service_name="test"), lambda *_, **__: FastAPI(), Path("."))
    gc.unfreeze()
    try:
        result = CliRunner().invoke(cli, ["serve", "--port", "18999"])
    finally:
        gc.unfreeze()  # this test process goes on collecting as before
    assert result.exit_code == 0, result.output
    assert frozen_when_served and frozen_when_served[0] > 10_000
