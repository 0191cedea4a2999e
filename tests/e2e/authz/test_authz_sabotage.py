"""The authorization tables catch a broken policy: each sabotage below makes the rows it touches fail.

The sabotaged policy runs in an in-process members app (``httpx.ASGITransport``) on the members
database of the running authorization system, so its scene, tree and resources are the real ones;
the production code is changed only inside this process, for the duration of one test
(``monkeypatch``): a role widened in the production role map, or a scope check removed. The same
rows against the unchanged in-process app pass, so the failures come from the sabotage alone.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from rc_members.entrypoints import access
from rc_members.entrypoints.app import build_app
from rc_members.settings import Settings
from rc_shared import auth
from tests.e2e.authz.common import Body, Row, Scene, run_table
from tests.e2e.authz.test_members_authz import ROWS, person_body
from tests.e2e.conftest import System

pytestmark = pytest.mark.e2e


def rows(*endpoints: str) -> list[Row]:
    """The members table's rows for ``endpoints`` ("METHOD /path")."""
    picked = [r for r in ROWS if f"{r.method} {r.path}" in endpoints]
    assert len(picked) == len(endpoints), endpoints
    return picked


@contextlib.asynccontextmanager
async def in_process_members(system: System) -> AsyncIterator[httpx.AsyncClient]:
    """A client on a members app inside this process, configured like the running service."""
    env = system.services["members"].env
    fields = {k.removeprefix("RC_").lower(): v for k, v in env.items() if k.startswith("RC_")}
    settings = Settings(**{**fields, "log_json": "false", "log_level": "WARNING"})
    app = build_app(settings, relay=False, consumers=False)  # the running service publishes the outbox
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://members", timeout=60) as client:
            yield client


async def test_the_unchanged_in_process_app_passes_the_rows(system: System, scene: Scene) -> None:
    async with in_process_members(system) as client:
        failures = await run_table(scene, "members", rows("POST /people", "GET /people/{person_id}"), client)
    assert failures == []


async def test_a_viewer_allowed_to_write_fails_the_table(
    system: System, scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(auth.ROLE_ACTIONS, "viewer", frozenset({"read", "write"}))
    async with in_process_members(system) as client:
        failures = await run_table(scene, "members", rows("POST /people", "PATCH /people/{person_id}"), client)
    # a viewer of OTHER is still refused (out of scope: 403, which the table expects for the role)
    assert [f.split(": ")[0] for f in failures] == [
        "POST /people as viewer@home",
        "PATCH /people/{person_id} as viewer@home",
    ], failures
    assert all("expected 403, got 20" in f for f in failures), failures


async def test_a_removed_scope_check_fails_the_table(
    system: System, scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def anyone(*_: object) -> None:
        return None

    monkeypatch.setattr(access, "person", anyone)
    async with in_process_members(system) as client:
        failures = await run_table(scene, "members", rows("GET /people/{person_id}"), client)
    assert [f.split(": ")[0] for f in failures] == [
        f"GET /people/{{person_id}} as {role}@other" for role in ("viewer", "data_entry", "unit_manager", "admin")
    ], failures
    assert all("expected 403, got 200" in f for f in failures), failures


async def test_an_allowed_caller_that_does_not_succeed_fails_the_table(scene: Scene) -> None:
    """Getting past authorization is not enough: an allowed caller's 422 is a failure."""

    async def no_consent(scene: Scene, unit: uuid.UUID) -> tuple[str, Body, dict[str, str]]:
        body = person_body(unit)
        del body["consent"]
        return "/people", body, {}

    failures = await run_table(scene, "members", [Row("POST", "/people", "- D M A", 201, 403, no_consent)])
    assert sorted(f.split(": ")[0] for f in failures) == sorted(
        f"POST /people as {who}"
        for who in (
            "admin@org",
            "data_entry@home",
            "unit_manager@home",
            "admin@home",
            *(f"{r}@other" for r in ("data_entry", "unit_manager", "admin")),
        )
    ), failures
    assert all("got 422" in f for f in failures), failures
