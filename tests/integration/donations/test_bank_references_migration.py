"""Migrations 0025, 0026 and 0028: bank references recorded before are kept without spaces (no-break ones too), in
capitals, as new ones are, unless two of a campaign's donations would then share one (receipted twice before:
left for staff); the public ledger's lines are searched by the references as kept."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_earlier_references_are_written_as_new_ones_unless_they_would_collide(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "donations", "0025", tmp_path)  # up to 0024
    drop_later.append(dsn)
    cid, unit = uuid.uuid4(), uuid.uuid4()
    refs = ["ft 26001", "FT26002", "ft26003", "FT26003", None, "ft\u00a026004\u202f"]
    conn = await connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'BR', 'x', 'emergency_relief', $2, $3, $3)",
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.executemany(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, received_on,"
            " receipt_no, bank_reference) VALUES ($1, $2, 'cash', 1000, 'anonymous', $3, 'bank_transfer', $4, $5, $6)",
            [(uuid.uuid4(), cid, unit, date(2026, 1, 1), n, ref) for n, ref in enumerate(refs, 1)],
        )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("donations")])
    conn = await connect(dsn)
    try:
        kept = [r["bank_reference"] for r in await conn.fetch("SELECT * FROM donations ORDER BY receipt_no")]
        assert kept == ["FT26001", "FT26002", "ft26003", "FT26003", None, "FT26004"]
        searched = {r["bank_ref_rev"] for r in await conn.fetch("SELECT bank_ref_rev FROM ledger_lines")}
        assert searched == {"10062tf", "20062tf", "30062tf", "40062tf", None}
        # a pod of the release before, still taking gifts during the rolling upgrade (0028): kept as new code keeps it
        await conn.execute(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, received_on,"
            " receipt_no, bank_reference) VALUES ($1, $2, 'cash', 1000, 'anonymous', $3, 'bank_transfer', $4, 7,"
            " 'ft 26 005')",
            uuid.uuid4(),
            cid,
            unit,
            date(2026, 1, 1),
        )
        assert await conn.fetchval("SELECT bank_reference FROM donations WHERE receipt_no = 7") == "FT26005"
        assert await conn.fetchval("SELECT bank_ref_rev FROM ledger_lines WHERE receipt_no = 7") == "50062tf"
    finally:
        await conn.close()


async def test_a_reference_written_as_typed_by_the_release_before_is_searched_as_now_kept(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    """Migrations 0028 and 0030: a pod of the release before wrote "ft 26 009" after 0026 had run; its donation and
    its public line are written as new ones are."""
    dsn = await database_before(infra.admin_dsn, "donations", "0028", tmp_path)  # up to 0027
    drop_later.append(dsn)
    cid, unit = uuid.uuid4(), uuid.uuid4()
    conn = await connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'BQ', 'x', 'emergency_relief', $2, $3, $3)",
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.execute(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, received_on,"
            " receipt_no, bank_reference) VALUES ($1, $2, 'cash', 1000, 'anonymous', $3, 'bank_transfer', $4, 1,"
            " 'ft 26 009')",
            uuid.uuid4(),
            cid,
            unit,
            date(2026, 1, 1),
        )
        assert await conn.fetchval("SELECT bank_ref_rev FROM ledger_lines") == "900 62 tf"
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("donations")])
    conn = await connect(dsn)
    try:
        assert await conn.fetchval("SELECT bank_reference FROM donations") == "FT26009"
        assert await conn.fetchval("SELECT bank_ref_rev FROM ledger_lines") == "90062tf"
        assert await conn.fetchval("SELECT rc_bank_reference(E'a\\u00a0b\\tc s u')") == "ABCSU"
    finally:
        await conn.close()
