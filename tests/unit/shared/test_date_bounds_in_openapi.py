"""Every date a request of any service carries (query, path, body) is bounded, and the bound is
in the service's OpenAPI schema (``formatMinimum`` / ``formatMaximum``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from rc_campaigns.entrypoints.app import build_app as campaigns_app
from rc_donations.entrypoints.app import build_app as donations_app
from rc_members.entrypoints.app import build_app as members_app
from rc_reporting.entrypoints.app import build_app as reporting_app

# Import rows are free-form cells (JSON strings): the importer checks each date and rejects its row.
FREE_FORM = {"POST /imports/members body>ImportIn.rows"}
APPS = {"members": members_app, "campaigns": campaigns_app, "donations": donations_app, "reporting": reporting_app}


def _dates(doc: dict[str, Any], node: Any, where: str, seen: frozenset[str] = frozenset()) -> Iterator[tuple[str, Any]]:
    """(where, schema) of every date schema reachable from ``node``."""
    if isinstance(node, list):
        for n in node:
            yield from _dates(doc, n, where, seen)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        if name not in seen:
            yield from _dates(doc, doc["components"]["schemas"][name], f"{where}>{name}", seen | {name})
        return
    if node.get("format") == "date":
        yield where, node
    for key, value in node.items():
        if key == "properties":
            for prop, schema in value.items():
                yield from _dates(doc, schema, f"{where}.{prop}", seen)
        elif key in ("anyOf", "oneOf", "allOf", "items", "additionalProperties"):
            yield from _dates(doc, value, where, seen)


def _request_dates(app: FastAPI) -> list[tuple[str, Any]]:
    doc = app.openapi()
    out: list[tuple[str, Any]] = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for p in op.get("parameters", []):
                out += _dates(doc, p.get("schema", {}), f"{method.upper()} {path} {p['in']}.{p['name']}")
            for media in op.get("requestBody", {}).get("content", {}).values():
                out += _dates(doc, media.get("schema", {}), f"{method.upper()} {path} body")
    return out


@pytest.fixture(autouse=True)
def _no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RC_AUTH_ENABLED", "false")  # only the schema is read here


@pytest.mark.parametrize("service", sorted(APPS))
def test_every_request_date_is_bounded_in_the_schema(service: str) -> None:
    dates = [(w, s) for w, s in _request_dates(APPS[service](relay=False, consumers=False)) if w not in FREE_FORM]
    assert dates, f"{service} takes no date?"
    unbounded = [where for where, s in dates if not ("formatMinimum" in s and "formatMaximum" in s)]
    assert not unbounded, unbounded
    assert all("1900-01-01" <= s["formatMinimum"] <= s["formatMaximum"] <= "2100-12-31" for _, s in dates)


def test_a_reporting_date_query_names_its_bounds() -> None:
    doc = reporting_app(relay=False, consumers=False).openapi()
    params = doc["paths"]["/reports/membership"]["get"]["parameters"]
    (as_of,) = [p for p in params if p["name"] == "as_of"]
    (day,) = [s for s in as_of["schema"]["anyOf"] if s.get("format") == "date"]
    assert (day["formatMinimum"], day["formatMaximum"]) == ("1900-01-01", "2100-12-31")
