"""``rc-console serve`` compiles every template and freezes what start built before it takes a request: a
collection of the oldest generation walked all of it, stopping a page for 80-90 ms every ten seconds or
so at 50 pages a second (the campaign's page's p99 at 190 ms, its median at 13)."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from rc_console.entrypoints import web
from rc_console.entrypoints.cli import app


def test_serve_compiles_the_templates_and_freezes_them_before_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, bool]] = []

    def run(server: uvicorn.Server, *_: Any) -> None:
        server.started = True  # (served, as far as ``serve`` can tell)
        campaign = web.templates.get_template("campaign.html")
        seen.append((gc.get_freeze_count(), gc.is_tracked(campaign) and campaign not in gc.get_objects()))

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setenv("RC_SESSION_SECRET", "s" * 40)
    web.templates.cache.clear()  # type: ignore[union-attr]
    gc.unfreeze()
    try:
        result = CliRunner().invoke(app, ["serve", "--port", "18998"])
    finally:
        gc.unfreeze()  # this test process goes on collecting as before
    assert result.exit_code == 0, result.output
    assert len(seen) == 1
    frozen, template_frozen = seen[0]
    assert frozen > 10_000
    assert template_frozen  # compiled before the freeze: none of the collector's generations holds it


def test_every_template_compiles() -> None:
    names = web.templates.list_templates(extensions=["html"])
    assert "campaign.html" in names and web.load_templates() == len(names) > 30
