"""Every endpoint of every service, driven from its own OpenAPI document, with bad input: a 4xx
that says what was wrong (never a 500), and nothing changes in the service's database."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.e2e.conftest import SERVICES, System, start_system
from tests.e2e.harness import auth

BAD_SCALARS: dict[str, list[Any]] = {
    "string": [123, ["x"], {"a": 1}, ""],
    "integer": ["abc", 1.5, 10**30, -(10**30)],
    "number": ["abc", [1]],
    "boolean": ["maybe", [True]],
    "array": ["x", 5],
    "object": ["x", 5],
}
BAD_FORMATS: dict[str, list[Any]] = {
    "uuid": ["not-a-uuid", 12],
    "date": ["2023-13-45", "99999-01-01", "yesterday"],
    "date-time": ["not a time"],
}


@pytest.fixture(scope="module")
def quiet_system(infra: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A system of its own: no events flow, so any row that appears was written by bad input."""
    s = start_system(infra, tmp_path_factory.mktemp("sweep-logs"))
    yield s
    for p in s.services.values():
        p.stop()


def _resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _bad_values(doc: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    schema = _resolve(doc, schema)
    if "anyOf" in schema:
        non_null = [s for s in schema["anyOf"] if s.get("type") != "null"]
        if len(non_null) == 1:
            return [v for v in _bad_values(doc, non_null[0]) if v is not None]
        return [{"surely": "wrong"}]
    out = list(BAD_FORMATS.get(schema.get("format", ""), []))
    out += BAD_SCALARS.get(schema.get("type", ""), [])
    if schema.get("type") == "string" and schema.get("format") in BAD_FORMATS:
        out = [v for v in out if v != ""] + [""]
    return out or [{"surely": "wrong"}]


def _cases(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | str | None, dict[str, Any], str]]:
    """(method, url, json body or raw text, query, what) for every operation."""
    cases: list[tuple[str, str, dict[str, Any] | str | None, dict[str, Any], str]] = []
    for path, ops in doc["paths"].items():
        if path.startswith("/health") or path == "/metrics":
            continue
        for method, op in ops.items():
            params = op.get("parameters", [])
            path_params = [p for p in params if p["in"] == "path"]
            good_path = path
            bad_path = path
            for p in path_params:
                good_path = good_path.replace("{" + p["name"] + "}", str(uuid.uuid4()))
                bad_path = bad_path.replace("{" + p["name"] + "}", "not-a-uuid")
            body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if path_params:
                cases.append((method, bad_path, {} if body_schema else None, {}, "malformed path id"))
            for q in (p for p in params if p["in"] == "query"):
                for v in _bad_values(doc, q.get("schema", {}))[:2]:
                    if isinstance(v, dict | list):
                        continue
                    cases.append(
                        (method, good_path, {} if body_schema else None, {q["name"]: v}, f"query {q['name']}={v!r}")
                    )
            if body_schema is None:
                continue
            schema = _resolve(doc, body_schema)
            cases.append((method, good_path, "this is not json", {}, "not JSON"))
            cases.append((method, good_path, {"surely_unknown_field": 1}, {}, "unknown field / missing required"))
            for name, prop in schema.get("properties", {}).items():
                for v in _bad_values(doc, prop)[:3]:
                    cases.append((method, good_path, {name: v}, {}, f"body {name}={v!r}"))
    return cases


async def _row_counts(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        tables = [
            r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {t: int(await conn.fetchval(f'SELECT count(*) FROM "{t}"')) for t in tables}
    finally:
        await conn.close()


@pytest.mark.parametrize("service", SERVICES)
async def test_every_endpoint_answers_bad_input_with_a_clear_4xx_and_changes_nothing(
    quiet_system: System, service: str
) -> None:
    proc = quiet_system.services[service]
    dsn = proc.env["RC_DATABASE_URL"]
    async with httpx.AsyncClient(base_url=proc.url, timeout=30, headers=auth()) as client:
        doc = (await client.get("/openapi.json")).json()
        cases = _cases(doc)
        assert cases, f"{service} exposes no endpoint to check"
        before = await _row_counts(dsn)
        failures = []
        for method, url, body, query, what in cases:
            if isinstance(body, str):
                r = await client.request(
                    method, url, content=body, params=query, headers={"content-type": "application/json"}
                )
            else:
                r = await client.request(method, url, json=body, params=query)
            if not 400 <= r.status_code < 500:
                failures.append(f"{method.upper()} {url} [{what}] -> {r.status_code} {r.text[:200]}")
                continue
            payload = r.json()
            if not payload.get("message"):
                failures.append(f"{method.upper()} {url} [{what}] -> {r.status_code} without a message: {r.text[:200]}")
        after = await _row_counts(dsn)
    assert not failures, "\n".join(failures[:30])
    changed = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    assert not changed, f"bad input changed {changed}"
