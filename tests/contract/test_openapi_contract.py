"""The HTTP APIs are a contract: every operation of every service describes its answers.

Each service's app is built in-process (nothing started). Every operation has exactly one success
status, with a typed schema (a ``$ref`` or a typed schema, never ``{}``), and a create taking an
``Idempotency-Key`` also the 200 of its replay; it declares 422 (invalid
input) and 413/503, 401 and 403 where it needs a token, 429 where it writes, every error with the one
shape (an RFC 9457 problem, ``application/problem+json``); every answer model refuses fields it
does not name; and the committed documents (``docs/openapi/<service>.json``) and the typed clients
generated from them (``clients/python/src/rc_clients/<service>/``) are current and import.
"""

from __future__ import annotations

import importlib
import pkgutil
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from rc_local import openapi
from rc_shared import api

ROOT = Path(__file__).resolve().parents[2]
ERROR_REF = "#/components/schemas/ErrorOut"
PUBLIC = {  # no token: the transparency pages and health
    "campaigns": {"GET /campaigns/{campaign_id}/beneficiaries/public", "GET /campaigns/{campaign_id}/disclosure"},
    "donations": {
        "GET /campaigns/{campaign_id}/public-ledger",
        "GET /campaigns/{campaign_id}/public-ledger/lines",
        "GET /campaigns/{campaign_id}/public-ledger/summary",
        "GET /campaigns/{campaign_id}/public-ledger/lines.csv",
        "GET /campaigns/{campaign_id}/public-ledger/lines.xlsx",
    },
    "reporting": {"GET /reports/campaigns", "GET /reports/campaigns/{campaign_id}"},
}


@pytest.fixture(scope="module", params=openapi.SERVICES)
def service(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def doc(service: str) -> dict[str, Any]:
    return openapi.document(service)


def _operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{m.upper()} {p}", op) for p, ops in doc["paths"].items() for m, op in ops.items()]


def _public(service: str, name: str, op: dict[str, Any]) -> bool:
    return name.split(" ", 1)[1].startswith(("/health", "/public")) or name in PUBLIC.get(service, set())


def _typed(schema: dict[str, Any] | None) -> bool:
    return bool(schema) and ("$ref" in schema or "type" in schema or "anyOf" in schema or "oneOf" in schema)


def _replayable(op: dict[str, Any]) -> bool:
    """A create that takes an ``Idempotency-Key``: 201 new, 200 the record a resubmission created first."""
    return any(p["in"] == "header" and p["name"] == "Idempotency-Key" for p in op.get("parameters", []))


def success_problems(doc: dict[str, Any]) -> list[str]:
    problems = []
    for name, op in _operations(doc):
        ok = {s: r for s, r in op["responses"].items() if s.startswith("2")}
        if _replayable(op):
            if sorted(ok) != ["200", "201"]:
                problems.append(f"{name}: a replayable create declares {sorted(ok)}, not 201 and its 200 replay")
        elif len(ok) != 1:
            problems.append(f"{name}: {len(ok)} success statuses {sorted(ok)}")
        for status, response in ok.items():
            content = response.get("content", {})
            if not content or not all(_typed(c.get("schema")) for c in content.values()):
                problems.append(f"{name}: {status} has no typed schema ({content})")
    return problems


def error_problems(service: str, doc: dict[str, Any]) -> list[str]:
    problems = []
    for name, op in _operations(doc):
        method = name.split(" ", 1)[0]
        must = {"413", "422"}
        if not name.startswith("GET /health"):
            must.add("503")
        if op.get("parameters") or op.get("requestBody"):
            must.add("422")
        if method in api.WRITE_METHODS:
            must.add("429")
        if not _public(service, name, op):
            must |= {"401", "403"}
        missing = must - set(op["responses"])
        if missing:
            problems.append(f"{name}: does not declare {sorted(missing)}")
        for status, response in op["responses"].items():
            if status[0] in "45" and not name.startswith("GET /health/ready"):
                content = response.get("content", {})
                schema = content.get("application/problem+json", {}).get("schema", {})
                if set(content) != {"application/problem+json"} or schema.get("$ref") != ERROR_REF:
                    problems.append(f"{name}: {status} is not the shared error shape ({schema})")
    return problems


def test_every_operation_answers_with_a_typed_schema(doc: dict[str, Any]) -> None:
    assert _operations(doc)
    assert success_problems(doc) == []


def test_every_operation_declares_its_error_statuses(service: str, doc: dict[str, Any]) -> None:
    assert error_problems(service, doc) == []


def test_the_checks_catch_an_untyped_answer_and_an_undeclared_error(service: str, doc: dict[str, Any]) -> None:
    name, op = next((n, o) for n, o in _operations(doc) if not _public(service, n, o))
    path = name.split(" ", 1)[1]
    method = name.split(" ", 1)[0].lower()
    ok = next(s for s in op["responses"] if s.startswith("2"))
    untyped = {**op, "responses": {**op["responses"], ok: {"description": "Successful Response"}}}
    broken = {"paths": {path: {method: untyped}}}
    assert success_problems(broken) == [f"{name}: {ok} has no typed schema ({{}})"]
    undeclared = {**op, "responses": {s: r for s, r in op["responses"].items() if s != "401"}}
    assert error_problems(service, {"paths": {path: {method: undeclared}}}) == [f"{name}: does not declare ['401']"]


def _routers() -> list[APIRouter]:
    from rc_campaigns.entrypoints import routes as campaigns
    from rc_donations.entrypoints import routes as donations
    from rc_members.entrypoints import routes as members
    from rc_reporting.entrypoints import campaign_routes
    from rc_reporting.entrypoints import routes as reporting

    return [
        members.router,
        campaigns.router,
        campaigns.public_router,
        donations.router,
        donations.public_router,
        reporting.router,
        campaign_routes.router,
        campaign_routes.public_router,
    ]


def _models(annotation: Any, seen: dict[str, type[BaseModel]]) -> None:
    """``annotation``'s pydantic models and those nested in them, into ``seen``."""
    for arg in getattr(annotation, "__args__", ()) or ():
        _models(arg, seen)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation.__name__ not in seen:
        seen[annotation.__name__] = annotation
        for f in annotation.model_fields.values():
            _models(f.annotation, seen)


def test_answer_models_refuse_fields_they_do_not_name() -> None:
    """A leaked field fails the response validation (a 500 in the tests) instead of reaching a client.

    The one exception is the members' statistics, whose extra fields are the role counts (integers)."""
    seen: dict[str, type[BaseModel]] = {}
    for router in _routers():
        for route in router.routes:
            assert isinstance(route, APIRoute)
            assert route.response_model is not None, f"{route.methods} {route.path} has no response_model"
            _models(route.response_model, seen)
    lax = sorted(name for name, m in seen.items() if m.model_config.get("extra") != "forbid")
    assert lax == ["StatsOut"]
    assert seen["StatsOut"].model_json_schema()["additionalProperties"] == {"type": "integer"}
    with pytest.raises(ValidationError, match="surely_leaked"):
        api.Page[int].model_validate({"count": 0, "items": [], "surely_leaked": "x"})


def test_the_committed_openapi_documents_are_current() -> None:
    stale = openapi.stale_files(ROOT)
    assert stale == [], f"stale OpenAPI documents {stale}: run ./dev openapi generate"


def test_the_committed_clients_import() -> None:
    import rc_clients

    modules = [m.name for m in pkgutil.walk_packages(rc_clients.__path__, "rc_clients.")]
    assert {f"rc_clients.{s}" for s in openapi.SERVICES} <= set(modules)
    for name in modules:
        importlib.import_module(name)


def test_the_check_catches_a_stale_missing_or_extra_client_file(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "docs" / "openapi", tmp_path / "docs" / "openapi")
    shutil.copytree(ROOT / "docs" / "releases", tmp_path / "docs" / "releases")
    shutil.copytree(ROOT / openapi.CLIENTS, tmp_path / openapi.CLIENTS, ignore=shutil.ignore_patterns("__pycache__"))
    assert openapi.stale_files(tmp_path) == []
    clients = tmp_path / openapi.CLIENTS
    (clients / "members" / "client.py").write_text("# edited by hand\n")
    (clients / "reporting" / "types.py").unlink()
    (clients / "campaigns" / "api" / "leftover.py").write_text("")
    stale = openapi.stale_files(tmp_path)
    assert stale == [
        f"{openapi.CLIENTS.as_posix()}/campaigns/api/leftover.py",
        f"{openapi.CLIENTS.as_posix()}/members/client.py",
        f"{openapi.CLIENTS.as_posix()}/reporting/types.py",
    ]
    written = openapi.generate(tmp_path)
    assert sorted(written) == sorted([*stale[1:], f"{stale[0]} (removed)"])
    assert openapi.stale_files(tmp_path) == []


def test_each_services_api_version_has_its_entry_in_the_changelog(service: str, doc: dict[str, Any]) -> None:
    """A version bump says what changed: docs/openapi/CHANGELOG.md has a heading for the version the
    service answers (and its committed document, checked current above, carries it)."""
    app = importlib.import_module(f"rc_{service}.entrypoints.app")
    version = app.API_VERSION
    assert doc["info"]["version"] == version
    changelog = (ROOT / "docs" / "openapi" / "CHANGELOG.md").read_text()
    assert f"\n## {service} {version}\n" in changelog, f"docs/openapi/CHANGELOG.md: no '## {service} {version}'"


def test_an_app_built_twice_in_one_process_declares_each_parameter_once(service: str) -> None:
    """The routers are module-level: building a second app (tests, a worker) must not declare their
    headers again (a parameter listed twice is invalid OpenAPI)."""
    openapi.document(service)
    doc = openapi.document(service)
    twice = [
        (f"{m.upper()} {p}", [x["name"] for x in op.get("parameters", [])])
        for p, ops in doc["paths"].items()
        for m, op in ops.items()
        if len({(x["name"], x["in"]) for x in op.get("parameters", [])}) != len(op.get("parameters", []))
    ]
    assert twice == []


def test_each_client_says_the_api_version_it_was_generated_from() -> None:
    """An integrator could not tell which API version an installed client matched (the package stays 0.1.0)."""
    for service in openapi.SERVICES:
        client = importlib.import_module(f"rc_clients.{service}")
        assert client.API_VERSION == importlib.import_module(f"rc_{service}.entrypoints.app").API_VERSION, service
