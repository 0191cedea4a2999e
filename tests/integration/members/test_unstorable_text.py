"""Text PostgreSQL cannot store (NUL, an unpaired surrogate) is refused by validation naming the
field, before any query: never PostgreSQL's message, never a 500, nothing written."""

from __future__ import annotations

import json

import asyncpg
import httpx
import pytest

from tests.integration.members.helpers import row_counts, tag, tree

pytestmark = pytest.mark.integration

PERSON = {
    "full_name": "Nguyễn Văn Thử",
    "address": "Ấp 3, xã Vĩnh Trạch",
    "consent": {"purpose": "membership records", "given_on": "2023-01-01"},
}


def _raw(body: dict[str, object], **escapes: str) -> bytes:
    """JSON text with ``@name@`` placeholders replaced by raw JSON escapes such as ``\\u0000``."""
    text = json.dumps(body, ensure_ascii=False)
    for k, v in escapes.items():
        text = text.replace(f"@{k}@", v)
    return text.encode()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/people", _raw({**PERSON, "full_name": "Thử@x@"}, x="\\u0000"), "full_name"),
        ("/people", _raw({**PERSON, "address": "Ấp @x@"}, x="\\ud800"), "address"),
        (
            "/people",
            _raw({**PERSON, "consent": {"purpose": "@x@", "given_on": "2023-01-01"}}, x="\\udfff"),
            "consent.purpose",
        ),
    ],
)
async def test_unstorable_text_in_a_body_is_a_422_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient, db: asyncpg.Connection, path: str, body: bytes, field: str
) -> None:
    before = await row_counts(db)
    r = await client.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    payload = r.json()
    assert payload["error"] == "validation_error" and [e["field"] for e in payload["errors"]] == [field]
    assert "invalid byte sequence" not in r.text  # PostgreSQL's message never reaches the client
    assert await row_counts(db) == before


async def test_a_unit_name_with_a_nul_is_refused_and_the_same_name_without_it_is_stored(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    t = await tree(client)
    unit = {
        "code": f"N{tag()}",
        "name": "Chi hội @x@",
        "level": "branch",
        "parent_id": t["commune"],
        "valid_from": "2023-01-01",
    }
    before = await row_counts(db)
    r = await client.post("/units", content=_raw(unit, x="\\u0000"), headers={"content-type": "application/json"})
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["name"], r.text
    assert await row_counts(db) == before
    ok = await client.post("/units", json={**unit, "name": "Chi hội 1"})
    assert ok.status_code == 201, ok.text


async def test_a_nul_in_a_query_parameter_is_a_422_naming_it(client: httpx.AsyncClient) -> None:
    r = await client.get("/units", params={"level": "branch\x00"})
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == ["query.level"]
