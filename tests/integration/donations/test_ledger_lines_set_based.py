"""The public ledger's lines of new donations, written set-based (migration 0011), are those the jsonb
path of migration 0004 wrote: same numbers, balances, labels' keys, references and daily totals, for a
statement of many donations of several campaigns, kinds, donors and days following earlier lines."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import asyncpg

from rc_donations.settings import MIGRATIONS
from rc_shared.db import connect
from tests.infra import create_database_async
from tests.integration.donations.conftest import TODAY, migration_function

# every column but recorded_at (the transaction's time)
_LINES = (
    "SELECT id, campaign_id, line_no, movement, direction, kind, on_date, amount_vnd, value_vnd, blood_units,"
    " cash_balance_vnd, goods_balance_vnd, channel, receipt_no, reference_rev, bank_ref_rev, donation_id,"
    " distribution_id, donor_id, publicly_named, name_key, unit_id, beneficiary_kind, support_level, decision_no,"
    " note, items FROM ledger_lines ORDER BY campaign_id, line_no"
)


def _rows(campaigns: list[uuid.UUID], donors: list[uuid.UUID]) -> list[tuple[Any, ...]]:
    """40 donations: two campaigns interleaved, receipts out of row order, cash, in-kind and blood, named
    (consenting or not) and anonymous donors, bank references, two days."""
    rows: list[tuple[Any, ...]] = []
    for i in range(40):
        cid = campaigns[i % 2]
        kind = ("cash", "cash", "in_kind", "blood", "cash")[i % 5]
        donor = donors[i % 3] if i % 4 else None
        rows.append((
            uuid.uuid4(), cid, kind, 1000 * (i + 1) if kind == "cash" else 0, 700 * i if kind == "in_kind" else 0,
            1 if kind == "blood" else 0, donor, "individual" if donor else "anonymous", bool(donor) and i % 3 != 1,
            uuid.uuid4(), "bank_transfer", f"FT-{i:04d}" if kind == "cash" else None, f"note {i}",
            TODAY - timedelta(days=(i // 2) % 2), 100 - i // 2 if i % 7 else 200 + i,
        ))  # fmt: skip
    return rows


async def _statement(conn: asyncpg.Connection, rows: list[tuple[Any, ...]]) -> None:
    """The donations in one INSERT (one statement: the trigger sees them all at once)."""
    await conn.execute(
        "INSERT INTO donations (id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, donor_type,"
        " publicly_named, unit_id, channel, bank_reference, description, received_on, receipt_no)"
        " SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::int[],"
        " $7::uuid[], $8::text[], $9::bool[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::date[],"
        " $15::bigint[])",
        *([r[c] for r in rows] for c in range(15)),
    )


async def _written(conn: asyncpg.Connection) -> tuple[list[Any], list[Any], list[Any]]:
    return (
        [tuple(r) for r in await conn.fetch(_LINES)],
        [tuple(r) for r in await conn.fetch("SELECT * FROM ledger_daily ORDER BY campaign_id, on_date")],
        [
            tuple(r)
            for r in await conn.fetch(
                "SELECT campaign_id, last_line_no, cash_balance_vnd, goods_balance_vnd FROM ledger_line_heads"
                " ORDER BY campaign_id"
            )
        ],
    )


async def test_a_statements_lines_are_those_the_jsonb_path_wrote(infra: Any, drop_later: list[str]) -> None:
    dsn = await create_database_async(infra.admin_dsn, "donations", migrations=[MIGRATIONS])
    drop_later.append(dsn)
    conn = await connect(dsn)
    try:
        campaigns = [uuid.uuid4(), uuid.uuid4()]
        for code, cid in zip(("A1", "B2"), campaigns, strict=True):
            await conn.execute(
                "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
                " receiving_until) VALUES ($1, $2, 'x', 'emergency_relief', $3, $4, $5)",
                cid,
                code,
                uuid.uuid4(),
                TODAY - timedelta(days=5),
                TODAY,
            )
        donors = [uuid.uuid4(), uuid.uuid4(), uuid.uuid4()]
        await conn.execute(
            "INSERT INTO donors (id, donor_type, name, consent_to_be_named) VALUES ($1, 'individual', 'Nguyễn Văn An',"
            " true), ($2, 'individual', 'Trần Thị Bình', false), ($3, 'individual', 'Lê Đức', true)",
            *donors,
        )
        # earlier lines: the statement's continue their numbers and balances
        await conn.execute(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, received_on,"
            " receipt_no) SELECT gen_random_uuid(), c, 'cash', 5000, 'anonymous', gen_random_uuid(), 'cash', $2, 1"
            " FROM unnest($1::uuid[]) c",
            campaigns,
            TODAY - timedelta(days=3),
        )

        rows = _rows(campaigns, donors)
        written = []
        for trigger in (None, migration_function("0004_ledger_lines.sql", "ledger_lines_donations")):
            tx = conn.transaction()
            await tx.start()
            try:
                if trigger is not None:
                    await conn.execute(trigger)
                await _statement(conn, rows)
                written.append(await _written(conn))
            finally:
                await tx.rollback()
        set_based, jsonb = written
        assert len(set_based[0]) == 42 and len(set_based[1]) == 6 and len(set_based[2]) == 2
        assert set_based == jsonb
    finally:
        await conn.close()
