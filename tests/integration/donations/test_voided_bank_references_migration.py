"""Migration 0031: a gift voided before it gives up its bank reference (kept as the voided one), so the
transfer can be recorded again; a live gift keeps its own, and the two are found apart."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_a_gift_voided_before_gives_up_its_bank_reference(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "donations", "0031", tmp_path)  # up to 0030
    drop_later.append(dsn)
    cid, unit, voided, live = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'VB', 'x', 'emergency_relief', $2, $3, $3)",
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.executemany(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, received_on,"
            " receipt_no, bank_reference) VALUES ($1, $2, 'cash', 1000, 'anonymous', $3, 'bank_transfer', $4, $5, $6)",
            [(voided, cid, unit, date(2026, 1, 1), 1, "FT1"), (live, cid, unit, date(2026, 1, 1), 2, "FT2")],
        )
        await conn.execute(
            "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
            " VALUES ($1, $2, $3, 'nhập sai', $4)",
            uuid.uuid4(),
            voided,
            cid,
            date(2026, 1, 2),
        )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("donations")])
    conn = await connect(dsn)
    try:
        refs = {r["id"]: (r["bank_reference"], r["voided_bank_reference"]) for r in await conn.fetch(
            "SELECT id, bank_reference, voided_bank_reference FROM donations")}  # fmt: skip
        assert refs == {voided: (None, "FT1"), live: ("FT2", None)}
        # the transfer voided is free to be recorded again; a reversal now releases the reference itself
        again = uuid.uuid4()
        await conn.execute(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, received_on,"
            " receipt_no, bank_reference) VALUES ($1, $2, 'cash', 10000, 'anonymous', $3, 'bank_transfer', $4, 3,"
            " 'FT1')",
            again,
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.execute(
            "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
            " VALUES ($1, $2, $3, 'hoàn trả', $4)",
            uuid.uuid4(),
            live,
            cid,
            date(2026, 1, 2),
        )
        refs = {r["id"]: (r["bank_reference"], r["voided_bank_reference"]) for r in await conn.fetch(
            "SELECT id, bank_reference, voided_bank_reference FROM donations")}  # fmt: skip
        assert refs == {voided: (None, "FT1"), live: (None, "FT2"), again: ("FT1", None)}
    finally:
        await conn.close()
