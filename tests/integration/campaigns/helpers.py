"""Request builders and database snapshots for the campaigns integration tests."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx

# The default organising unit of campaign_body: in the tree of every app the conftest runs.
ORGANISER = uuid.uuid4()

TABLES = (
    "campaigns",
    "campaign_totals",
    "ledger_donations",
    "ledger_distributions",
    "campaign_targets_reached",
    "beneficiaries",
    "sponsors",
    "sponsorships",
    "blood_sessions",
    "blood_registrations",
    "campaign_disclosures",
    "beneficiary_campaigns",
    "outbox",
)


def campaign_body(**kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": f"C-{uuid.uuid4().hex[:8]}",
        "name": "Tết Nhân ái 2025",
        "description": "Quà Tết cho hộ nghèo",
        "campaign_type": "tet_nhan_ai",
        "organising_unit_id": str(ORGANISER),
        "participating_unit_ids": [str(uuid.uuid4())],
        "receiving_from": "2025-01-01",
        "receiving_until": "2025-03-31",
        "targets": {"cash_vnd": 1_000_000, "in_kind_value_vnd": 500_000, "blood_units": 0},
    }
    body.update(kw)
    return body


def beneficiary_body(**kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "household",
        "unit_id": str(uuid.uuid4()),
        "full_name": "Nguyễn Văn An",
        "id_number": None,
        "address": f"Số {uuid.uuid4().int % 10**9}, Ấp 3",  # duplicates are organisation-wide: a new household
        "commune": "Vĩnh Trạch",
        "household_size": 4,
        "situation": "chồng bệnh thận, chạy thận định kỳ",
        "notes": "",
        "humanitarian_address": True,
        "consent": {"purpose": "cứu trợ và công khai danh sách", "given_on": "2025-01-02", "publish_name": True},
    }
    body.update(kw)
    return body


async def create_campaign(client: httpx.AsyncClient, **kw: Any) -> dict[str, Any]:
    r = await client.post("/campaigns", json=campaign_body(**kw))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def launched_campaign(client: httpx.AsyncClient, **kw: Any) -> dict[str, Any]:
    c = await create_campaign(client, **kw)
    r = await client.post(f"/campaigns/{c['id']}/launch", json={"launched_on": "2025-01-01"})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def snapshot(conn: asyncpg.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the service, to show a refused request changed nothing."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for t in TABLES:
        rows = await conn.fetch(f"SELECT * FROM {t}")
        out[t] = sorted((tuple(r.values()) for r in rows), key=repr)
    return out
