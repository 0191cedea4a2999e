"""The public ledger's lines keep only the keys their reads and their integrity need (issue 7, migration
0015): a bank statement's rows check their ledger once each (the donations' foreign key), not again for
their lines, and no line index is kept that no statement reads. Integrity is unchanged: a movement of a
ledger that does not exist writes neither itself nor a line, a ledger with lines cannot be deleted, and
two lines of a campaign never share a number."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from rc_donations.adapters.distributions_repo import AFTER_LINE
from rc_donations.adapters.donations_repo import DonationRepository
from tests.integration.donations.conftest import TODAY

# Each index of ledger_lines and the read it serves (lines_repo.py; tests/integration/donations/
# test_public_ledger_search.py proves each search reads through its index).
_READ_BY = {
    "ledger_lines_no": "pages, the downloads and the cursor: a campaign's lines by number (primary key)",
    "ledger_lines_date": "the date range search",
    "ledger_lines_amount": "the amount search",
    "ledger_lines_reference": "the receipt reference's end",
    "ledger_lines_bank_reference": "the bank reference's end",
    "ledger_lines_name": "the donor name without diacritics",
    "ledger_lines_donor": "a donor's consent or erasure, applied to their lines",
    "ledger_lines_distributions": "a campaign's distributions after a line (GET .../distributions?after=, 0033)",
}


async def _insert(conn: asyncpg.Connection, cid: uuid.UUID, n: int, first_no: int) -> None:
    await DonationRepository(conn).bulk_insert_bank(
        cid,
        uuid.uuid4(),
        [uuid.uuid4() for _ in range(n)],
        [1000 * (i + 1) for i in range(n)],
        [f"FT{first_no + i:06d}" for i in range(n)],
        [None] * n,
        [None] * n,
        [TODAY] * n,
        list(range(first_no, first_no + n)),
        False,
    )


async def test_a_batch_checks_its_ledger_once_per_row(ledger: tuple[asyncpg.Connection, uuid.UUID]) -> None:
    conn, cid = ledger
    async with conn.transaction():
        before = await conn.fetchval("SELECT pg_stat_get_xact_numscans('ledgers_pkey'::regclass)")
        await _insert(conn, cid, 200, 1)
        # this transaction's own scans of the ledgers' key: the donations' foreign key, one per row
        scans = await conn.fetchval("SELECT pg_stat_get_xact_numscans('ledgers_pkey'::regclass)") - before
    assert await conn.fetchval("SELECT count(*) FROM ledger_lines WHERE campaign_id = $1", cid) == 200
    assert 200 <= scans < 2 * 200


async def test_every_index_of_the_lines_serves_a_read(ledger: tuple[asyncpg.Connection, uuid.UUID]) -> None:
    conn, _ = ledger
    indexes = await conn.fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'ledger_lines'")
    names = {r["indexname"] for r in indexes}
    assert names == set(_READ_BY)
    pk = await conn.fetchval(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = 'ledger_lines'::regclass AND contype = 'p'"
    )
    assert pk == "PRIMARY KEY (campaign_id, line_no)"


async def test_a_movement_of_no_ledger_writes_nothing(ledger: tuple[asyncpg.Connection, uuid.UUID]) -> None:
    conn, _ = ledger
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        async with conn.transaction():
            await _insert(conn, uuid.uuid4(), 3, 1)
    assert await conn.fetchval("SELECT count(*) FROM donations") == 0
    assert await conn.fetchval("SELECT count(*) FROM ledger_lines") == 0


async def test_a_ledger_with_lines_stays(ledger: tuple[asyncpg.Connection, uuid.UUID]) -> None:
    conn, cid = ledger
    await _insert(conn, cid, 2, 1)
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await conn.execute("DELETE FROM ledgers WHERE campaign_id = $1", cid)
    with pytest.raises(asyncpg.UniqueViolationError):
        await conn.execute(
            "INSERT INTO ledger_lines (id, campaign_id, line_no, movement, direction, kind, on_date, cash_balance_vnd,"
            " goods_balance_vnd) SELECT gen_random_uuid(), campaign_id, line_no, movement, direction, kind, on_date,"
            " cash_balance_vnd, goods_balance_vnd FROM ledger_lines WHERE campaign_id = $1 AND line_no = 2",
            cid,
        )
    lines = await conn.fetch(
        "SELECT line_no, cash_balance_vnd FROM ledger_lines WHERE campaign_id = $1 ORDER BY line_no", cid
    )
    assert [(r["line_no"], r["cash_balance_vnd"]) for r in lines] == [(1, 1000), (2, 3000)]


async def test_the_distributions_cursor_reads_the_distributions_lines_index(
    ledger: tuple[asyncpg.Connection, uuid.UUID],
) -> None:
    """GET .../distributions?after= (the adapter's own query) reads the distributions' lines through their
    partial index (its predicate is the query's): it never walks the campaign's gift lines between two
    distributions."""
    conn, cid = ledger
    await _insert(conn, cid, 50, 1)
    async with conn.transaction():
        await conn.execute("SET LOCAL enable_seqscan = off")
        await conn.execute("ANALYZE ledger_lines")
        rows = await conn.fetch(f"EXPLAIN (FORMAT TEXT) {AFTER_LINE}", cid, 0, 10)
    plan = "\n".join(r[0] for r in rows)
    assert "ledger_lines_distributions" in plan, plan
