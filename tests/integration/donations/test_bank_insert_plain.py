"""A bank statement's rows go in with one plain INSERT (issue 7): no probe of every unique index of the
donations per row before inserting it (``ON CONFLICT DO NOTHING`` without a target did, for conflicts
the ledger lock rules out), and a row that does conflict still writes nothing of the batch."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from rc_donations.adapters.donations_repo import DonationRepository
from tests.integration.donations.conftest import TODAY

_UNIQUE = ("donations_pkey", "donations_bank_reference", "donations_receipt_unique")


async def _insert(conn: asyncpg.Connection, cid: uuid.UUID, refs: list[str], first_no: int) -> None:
    n = len(refs)
    await DonationRepository(conn).bulk_insert_bank(
        cid,
        uuid.uuid4(),
        [uuid.uuid4() for _ in range(n)],
        [1000 * (i + 1) for i in range(n)],
        refs,
        [None] * n,
        [f"ung ho {i}" for i in range(n)],
        [TODAY] * n,
        list(range(first_no, first_no + n)),
        False,
    )


async def test_a_batch_does_not_probe_the_unique_indexes_row_by_row(
    ledger: tuple[asyncpg.Connection, uuid.UUID],
) -> None:
    conn, cid = ledger
    async with conn.transaction():
        await _insert(conn, cid, [f"FT{i:05d}" for i in range(200)], 1)
        # this transaction's own index scans (counted before any flush of the statistics)
        scans = {name: await conn.fetchval("SELECT pg_stat_get_xact_numscans($1::regclass)", name) for name in _UNIQUE}
        assert await conn.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 200
    assert scans == dict.fromkeys(_UNIQUE, 0)


async def test_a_conflicting_row_writes_nothing_of_its_batch(ledger: tuple[asyncpg.Connection, uuid.UUID]) -> None:
    conn, cid = ledger
    await _insert(conn, cid, ["FT-EARLIER"], 1)
    with pytest.raises(asyncpg.UniqueViolationError):
        async with conn.transaction():
            await _insert(conn, cid, ["FT-NEW-1", "FT-EARLIER", "FT-NEW-2"], 2)
    refs = await conn.fetch("SELECT bank_reference FROM donations WHERE campaign_id = $1", cid)
    assert [r["bank_reference"] for r in refs] == ["FT-EARLIER"]
    assert await conn.fetchval("SELECT count(*) FROM ledger_lines WHERE campaign_id = $1", cid) == 1
