"""Migration 0016: a day's flows are what was received and distributed, each less its reversals; the days
an older ledger wrote by direction (a reversed gift as money out) are summed again from their lines, and
the public answers' version moves on so that no cached page keeps the old figures."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import asyncpg

from rc_donations.settings import MIGRATIONS
from tests.integration.donations.conftest import TODAY, migration_function

MIGRATION = MIGRATIONS / "0016_ledger_daily_received_distributed.sql"
DAILY = (
    "SELECT on_date, cash_in_vnd, cash_out_vnd, goods_in_vnd, goods_out_vnd, lines FROM ledger_daily ORDER BY on_date"
)


async def _gift(
    conn: asyncpg.Connection, cid: uuid.UUID, receipt_no: int, amount: int, on: Any, kind: str = "cash"
) -> uuid.UUID:
    """A gift of ``amount`` đồng: cash, or goods of that assessed value."""
    gift = uuid.uuid4()
    await conn.execute(
        "INSERT INTO donations (id, campaign_id, kind, amount_vnd, value_vnd, donor_type, unit_id, channel,"
        " received_on, receipt_no) VALUES ($1, $2, $3, $4, $5, 'anonymous', gen_random_uuid(), 'cash', $6, $7)",
        gift,
        cid,
        kind,
        amount if kind == "cash" else 0,
        amount if kind == "in_kind" else 0,
        on,
        receipt_no,
    )
    return gift


async def _reverse(conn: asyncpg.Connection, cid: uuid.UUID, gift: uuid.UUID, on: Any) -> None:
    await conn.execute(
        "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
        " VALUES ($1, $2, $3, 'nhập trùng', $4)",
        uuid.uuid4(),
        gift,
        cid,
        on,
    )


async def test_a_reversed_gift_is_no_money_out_and_older_days_are_summed_again(
    ledger: tuple[asyncpg.Connection, uuid.UUID],
) -> None:
    conn, cid = ledger
    yesterday = TODAY - timedelta(days=1)
    # an older ledger: a gift of 2,000,000 and goods worth 700,000, each entered twice yesterday, the
    # duplicates reversed today
    await conn.execute(migration_function("0004_ledger_lines.sql", "ledger_lines_write"))
    await _gift(conn, cid, 1, 2_000_000, yesterday)
    duplicate = await _gift(conn, cid, 2, 2_000_000, yesterday)
    await _gift(conn, cid, 3, 700_000, yesterday, "in_kind")
    goods = await _gift(conn, cid, 4, 700_000, yesterday, "in_kind")
    await _reverse(conn, cid, duplicate, TODAY)
    await _reverse(conn, cid, goods, TODAY)
    old = [tuple(r) for r in await conn.fetch(DAILY)]
    # the duplicates' reversals as money and goods spent
    assert old == [(yesterday, 4_000_000, 0, 1_400_000, 0, 4), (TODAY, 0, 2_000_000, 0, 700_000, 2)]
    version = await conn.fetchval("SELECT labels FROM ledger_public_versions")

    await conn.execute(MIGRATION.read_text())  # the migration, on that ledger
    now = [(yesterday, 4_000_000, 0, 1_400_000, 0, 4), (TODAY, -2_000_000, 0, -700_000, 0, 2)]
    assert [tuple(r) for r in await conn.fetch(DAILY)] == now
    assert await conn.fetchval("SELECT labels FROM ledger_public_versions") == version + 1
    # and from now on: another gift and its reversal the same day leave the day's figures unchanged
    again = await _gift(conn, cid, 5, 500_000, TODAY)
    await _reverse(conn, cid, again, TODAY)
    now[1] = (TODAY, -2_000_000, 0, -700_000, 0, 4)
    assert [tuple(r) for r in await conn.fetch(DAILY)] == now
    received = await conn.fetchval("SELECT sum(cash_in_vnd) FROM ledger_daily WHERE campaign_id = $1", cid)
    balance = await conn.fetchval("SELECT cash_balance_vnd FROM ledger_line_heads WHERE campaign_id = $1", cid)
    assert received == balance == 2_000_000  # the days add up to the one gift kept
