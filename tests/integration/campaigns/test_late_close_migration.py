"""Migration 0005: a campaign closed after its receiving period ended has its distribution deadline
counted from the period's end (it was counted from the late close), on a real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration

INSERT = (
    "INSERT INTO campaigns (id, code, name, campaign_type, organising_unit_id, receiving_from, receiving_until,"
    " state, launched_on, closed_on, distribution_deadline) VALUES ($1, $2, 'x', 'emergency_relief', $3,"
    " '2025-01-01', '2025-03-31', $4, '2025-01-01', $5, $6)"
)


async def test_a_late_close_deadline_moves_back_to_the_periods_end(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "campaigns", "0005", tmp_path)
    drop_later.append(dsn)
    migrations = service_migrations("campaigns")
    late, on_time, open_, unit = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await connect(dsn)
    try:
        # 20 distribution days: the late one was given 10 April + 20 (it should be 31 March + 20)
        await conn.execute(INSERT, late, "LATE", unit, "closed", date(2025, 4, 10), date(2025, 4, 30))
        await conn.execute(INSERT, on_time, "EARLY", unit, "settled", date(2025, 3, 20), date(2025, 4, 9))
        await conn.execute(INSERT, open_, "OPEN", unit, "launched", None, date(2025, 4, 20))
    finally:
        await conn.close()
    await migrate(dsn, [migrations])
    conn = await connect(dsn)
    try:
        rows = dict(await conn.fetch("SELECT code, distribution_deadline FROM campaigns"))
    finally:
        await conn.close()
    assert rows == {"LATE": date(2025, 4, 20), "EARLY": date(2025, 4, 9), "OPEN": date(2025, 4, 20)}
