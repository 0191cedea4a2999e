"""Migration 0020: a donor whose consent to be named is off although a gift of theirs was given with it
(withdrawn before migration 0019 kept withdrawals) counts as withdrawn, on a real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_a_withdrawal_made_before_0019_stands_against_a_later_gifts_consent(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "donations", "0020", tmp_path)  # up to 0019
    drop_later.append(dsn)
    cid, unit = uuid.uuid4(), uuid.uuid4()
    withdrew, never, consents = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'CW', 'x', 'emergency_relief', $2, $3, $3)",
            cid,
            unit,
            date(2026, 1, 1),
        )
        await conn.executemany(
            "INSERT INTO donors (id, donor_type, name, phone, consent_to_be_named)"
            " VALUES ($1, 'individual', $2, $3, $4)",
            [(withdrew, "Rút Lại", "0911000001", False), (never, "Chưa Từng", "0911000002", False),
             (consents, "Đồng Ý", "0911000003", True)],
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_id, donor_type, publicly_named,"
            " unit_id, channel, received_on, receipt_no) VALUES ($1, $2, 'cash', 1000, $3, 'individual', $4, $5,"
            " 'cash', $6, $7)",
            [(uuid.uuid4(), cid, d, named, unit, date(2026, 1, 1), n + 1)
             for n, (d, named) in enumerate([(withdrew, True), (never, False), (consents, True)])],
        )  # fmt: skip
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("donations")])
    conn = await connect(dsn)
    try:
        marked = {r["id"]: r["consent_withdrawn_at"] is not None for r in await conn.fetch("SELECT * FROM donors")}
        assert marked == {withdrew: True, never: False, consents: False}
        # the next gift of the one who withdrew, given with consent, does not name them again
        again = await conn.fetchval(
            "SELECT upsert_donor('individual', 'Rút Lại', '0911000001', NULL, NULL, true, $1)", uuid.uuid4()
        )
        assert again == withdrew
        assert await conn.fetchval("SELECT consent_to_be_named FROM donors WHERE id = $1", withdrew) is False
        first = await conn.fetchval(
            "SELECT upsert_donor('individual', 'Chưa Từng', '0911000002', NULL, NULL, true, $1)", uuid.uuid4()
        )
        assert first == never  # never consented before: a gift's consent gives it
        assert await conn.fetchval("SELECT consent_to_be_named FROM donors WHERE id = $1", never) is True
    finally:
        await conn.close()
