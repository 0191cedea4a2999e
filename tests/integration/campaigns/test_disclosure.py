"""The Decree 93/2021 Art. 14 disclosure of a campaign: call documents, support policy and levels,
receiving points, managed through the API (replaced whole, versioned), public to read, and published
whole in one event for the donations service's public ledger."""

from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.integration.campaigns.helpers import create_campaign, snapshot

pytestmark = pytest.mark.integration

DISCLOSURE: dict[str, Any] = {
    "call_documents": [
        {
            "title": "Thư kêu gọi ủng hộ đồng bào bị lũ lụt",
            "number": "15/TKG-CTĐ",
            "issued_on": "2025-01-02",
            "url": "https://chuthapdo.example.vn/thu-keu-goi-15.pdf",
        }
    ],
    "support_policy": "Hộ có nhà bị sập, hư hỏng nặng; hộ có người chết, mất tích.",
    "support_levels": [
        {"title": "Mức 1: nhà sập hoàn toàn", "amount_vnd": 5_000_000},
        {"title": "Mức 2: nhà hư hỏng nặng", "amount_vnd": 2_000_000, "description": "theo danh sách của xã"},
    ],
    "receiving_points": [
        {
            "method": "bank_transfer",
            "bank": "Vietcombank",
            "account_no": "0011001234567",
            "account_holder": "Hội Chữ thập đỏ tỉnh Cà Mau",
        },
        {"method": "in_person", "location": "Số 1 Đường Hùng Vương, phường 5", "hours": "7h30–11h, 13h30–17h"},
    ],
}


async def test_the_disclosure_is_replaced_whole_versioned_public_and_published_in_one_event(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    c = await create_campaign(client)
    empty = await client.get(f"/campaigns/{c['id']}/disclosure", headers={"Authorization": ""})
    assert empty.status_code == 200 and empty.json()["version"] == 0 and empty.json()["receiving_points"] == []
    r = await client.put(f"/campaigns/{c['id']}/disclosure", json=DISCLOSURE)
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 1 and r.json()["support_levels"][0]["amount_vnd"] == 5_000_000
    second = {**DISCLOSURE, "support_levels": DISCLOSURE["support_levels"][:1]}
    r = await client.put(f"/campaigns/{c['id']}/disclosure", json=second)
    assert r.json()["version"] == 2 and len(r.json()["support_levels"]) == 1
    public = (await client.get(f"/campaigns/{c['id']}/disclosure", headers={"Authorization": ""})).json()
    assert public["version"] == 2 and public["call_documents"] == r.json()["call_documents"]
    rows = await db.fetch(
        "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'campaigns.campaign.disclosure_updated.v1'"
        " ORDER BY id",
        c["id"],
    )
    payloads = [json.loads(x["payload"]) for x in rows]
    assert [p["version"] for p in payloads] == [1, 2]
    assert payloads[1]["receiving_points"][0]["account_no"] == "0011001234567"
    assert len(payloads[1]["support_levels"]) == 1


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"call_documents": [{"title": "x", "url": "javascript:alert(1)"}]}, "url"),
        ({"receiving_points": [{"method": "pigeon"}]}, "method"),
        ({"support_levels": [{"title": ""}]}, "title"),
        ({"support_levels": [{"title": "Mức 1", "amount_vnd": -1}]}, "amount_vnd"),
        ({"unknown": 1}, "unknown"),
    ],
)
async def test_a_bad_disclosure_is_a_422_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient, db: asyncpg.Connection, body: dict[str, Any], where: str
) -> None:
    c = await create_campaign(client)
    before = await snapshot(db)
    r = await client.put(f"/campaigns/{c['id']}/disclosure", json=body)
    assert r.status_code == 422, r.text
    assert where in r.text
    assert await snapshot(db) == before


async def test_an_unknown_campaign_has_no_disclosure(client: httpx.AsyncClient) -> None:
    assert (await client.get(f"/campaigns/{uuid.uuid4()}/disclosure")).status_code == 404
    assert (await client.put(f"/campaigns/{uuid.uuid4()}/disclosure", json=DISCLOSURE)).status_code == 404
