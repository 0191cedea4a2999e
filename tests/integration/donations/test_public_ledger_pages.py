"""GET /campaigns/{id}/public-ledger (the first public ledger): its pages hold every gift but blood once, in
receipt order, and its count is the summary's counters, however many gifts the campaign holds; a campaign
with blood gifts among the others pages them the same (skipped row by row there); migration 0032 counts the
gifts reversed before it."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations
from tests.integration.donations.conftest import TODAY, Campaigns

pytestmark = pytest.mark.integration


def cash(amount: int) -> dict[str, Any]:
    return {"kind": "cash", "amount_vnd": amount, "channel": "cash", "received_on": str(TODAY)}


def blood(n: int) -> dict[str, Any]:
    return {"kind": "blood", "units": 1, "blood_kind": "whole_blood", "received_on": str(TODAY),
            "donor": {"type": "individual", "name": f"Người Hiến {n}", "phone": f"09130{n:05d}",
                      "birth_date": "1990-01-01"}}  # fmt: skip


async def pages(client: httpx.AsyncClient, cid: uuid.UUID, limit: int) -> tuple[list[dict[str, Any]], set[int]]:
    """Every page of the first public ledger, offset by ``limit``; the counts each page said."""
    out: list[dict[str, Any]] = []
    totals: set[int] = set()
    offset = 0
    while True:
        r = await client.get(f"/campaigns/{cid}/public-ledger", params={"limit": limit, "offset": offset})
        assert r.status_code == 200, r.text
        body = r.json()
        totals.add(body["contributions_total"])
        out += body["contributions"]
        if len(body["contributions"]) < limit:
            return out, totals
        offset += limit


@pytest.mark.parametrize("with_blood", [False, True], ids=["no_blood", "with_blood"])
async def test_every_gift_but_blood_once_in_receipt_order_and_counted_without_counting_rows(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection, with_blood: bool
) -> None:
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    receipts: list[int] = []
    for n in range(9):
        r = await client.post(f"/campaigns/{cid}/donations", json=blood(n) if with_blood and n % 3 == 1 else cash(
            1000 * (n + 1)))  # fmt: skip
        assert r.status_code == 201, r.text
        if r.json()["kind"] != "blood":
            receipts.append(r.json()["receipt_no"])
    voided = await client.get(f"/campaigns/{cid}/donations", params={"limit": 1})
    first = voided.json()["items"][0]
    assert (await client.post(f"/donations/{first['id']}/reversal", json={"reason": "nhập trùng"})).status_code == 201
    if with_blood:  # a blood gift voided too: the counts keep it apart
        given = [d for d in (await client.get(f"/campaigns/{cid}/donations")).json()["items"] if d["kind"] == "blood"]
        r = await client.post(
            f"/donations/{given[0]['id']}/reversal", json={"reason": "kết quả xét nghiệm", "blood_drawn": True}
        )
        assert r.status_code == 201, r.text
    for limit in (1, 2, 4, 100):
        listed, totals = await pages(client, cid, limit)
        assert [c["receipt_no"] for c in listed] == receipts, (limit, listed)
        assert totals == {len(receipts)}
    assert [c["reversed"] for c in listed] == [True] + [False] * (len(receipts) - 1)
    assert len(receipts) == (6 if with_blood else 9)
    if with_blood:  # the counters read before a blood gift committed (they say none): still never listed
        await db.execute("UPDATE ledger_summaries SET blood_donations = 0, reversals = reversed_contributions"
                         " WHERE campaign_id = $1", cid)  # fmt: skip
        listed, _ = await pages(client, cid, 4)  # (skipped by number: pages overlap, as they would for a moment)
        assert {c["kind"] for c in listed} == {"cash"} and {c["receipt_no"] for c in listed} <= set(receipts)
    # past the end: an empty page, the same count
    r = (await client.get(f"/campaigns/{cid}/public-ledger", params={"offset": 50})).json()
    assert (r["contributions"], r["contributions_total"]) == ([], len(receipts))
    # the count is the summary's counters (migration 0032), not the rows: it follows them
    await db.execute("UPDATE ledger_summaries SET reversed_contributions = reversed_contributions + 5 WHERE campaign_id"
                     " = $1", cid)  # fmt: skip
    assert (await client.get(f"/campaigns/{cid}/public-ledger")).json()["contributions_total"] == len(receipts) + 5


async def test_the_migration_counts_the_gifts_reversed_before_it(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "donations", "0032", tmp_path)  # up to 0031
    drop_later.append(dsn)
    cid, unit = uuid.uuid4(), uuid.uuid4()
    ids = [uuid.uuid4() for _ in range(4)]
    conn = await connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'PC', 'x', 'emergency_relief', $2, $3, $3)",
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.executemany(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, blood_units, blood_kind, donor_type, unit_id,"
            " channel, received_on, receipt_no) VALUES ($1, $2, $3, $4, $5, $6, 'anonymous', $7, 'cash', $8, $9)",
            [(ids[0], cid, "cash", 1000, 0, None, unit, date(2026, 1, 1), 1),
             (ids[1], cid, "cash", 2000, 0, None, unit, date(2026, 1, 1), 2),
             (ids[2], cid, "blood", 0, 1, "whole_blood", unit, date(2026, 1, 1), 3),
             (ids[3], cid, "cash", 3000, 0, None, unit, date(2026, 1, 1), 4)],
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
            " VALUES ($1, $2, $3, 'sai', $4)",
            [(uuid.uuid4(), ids[0], cid, date(2026, 1, 2)), (uuid.uuid4(), ids[2], cid, date(2026, 1, 2))],
        )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("donations")])
    conn = await connect(dsn)
    try:
        row = await conn.fetchrow("SELECT * FROM ledger_summaries WHERE campaign_id = $1", cid)
        assert row is not None and row["reversed_contributions"] == 1  # the cash gift, not the blood one
        assert row["cash_donations"] + row["in_kind_donations"] + row["reversed_contributions"] == 3
        await conn.execute(
            "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
            " VALUES ($1, $2, $3, 'sai', $4)",
            uuid.uuid4(),
            ids[3],
            cid,
            date(2026, 1, 3),
        )
        assert (
            await conn.fetchval("SELECT reversed_contributions FROM ledger_summaries WHERE campaign_id = $1", cid) == 2
        )
    finally:
        await conn.close()
