"""Migration 0024: donors erased before erasure cleared their gifts' notes lose those notes now, on the
gifts and on the public ledger's lines; other donors' notes stay; cached public answers are renewed."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_an_earlier_erasure_clears_the_notes_of_the_donors_gifts(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "donations", "0024", tmp_path)  # up to 0023
    drop_later.append(dsn)
    cid, unit, erased, kept = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'EN', 'x', 'emergency_relief', $2, $3, $3)",
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.executemany(
            "INSERT INTO donors (id, donor_type, name, phone) VALUES ($1, 'individual', $2, $3)",
            [(erased, "Xoá Rồi", "0911000011"), (kept, "Còn Lại", "0911000012")],
        )
        await conn.executemany(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_id, donor_type, unit_id, channel,"
            " received_on, receipt_no, description) VALUES ($1, $2, 'cash', 1000, $3, 'individual', $4, 'cash', $5,"
            " $6, $7)",
            [(uuid.uuid4(), cid, erased, unit, date(2026, 1, 1), 1, "Anh Xoá 0911000011"),
             (uuid.uuid4(), cid, kept, unit, date(2026, 1, 1), 2, "Chị Còn 0911000012")],
        )  # fmt: skip
        # erased as the service did before: the donor's details, not the gifts' notes
        await conn.execute("UPDATE donors SET name = NULL, phone = NULL, erased_at = now() WHERE id = $1", erased)
        labels = await conn.fetchval("SELECT labels FROM ledger_public_versions")
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("donations")])
    conn = await connect(dsn)
    try:
        notes = {r["donor_id"]: r["description"] for r in await conn.fetch("SELECT * FROM donations")}
        assert notes == {erased: None, kept: "Chị Còn 0911000012"}
        lines = {r["donor_id"]: r["note"] for r in await conn.fetch("SELECT * FROM ledger_lines")}
        assert lines == {erased: None, kept: "Chị Còn 0911000012"}
        assert await conn.fetchval("SELECT labels FROM ledger_public_versions") == labels + 1
    finally:
        await conn.close()
