"""Migration 0008: units that ended before it get their heir from what the table holds (the unit they merged
into, else the unit they were under), so what was booked to them afterwards counts somewhere again."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_an_earlier_end_gets_its_heir(infra: Any, drop_later: list[str], tmp_path: Path) -> None:
    dsn = await database_before(infra.admin_dsn, "reporting", "0008", tmp_path)  # up to 0007
    drop_later.append(dsn)
    p, merged, dissolved, into, live = (uuid.uuid4() for _ in range(5))
    d0, end = date(2020, 1, 1), date(2025, 7, 1)
    conn = await connect(dsn)
    try:
        await conn.executemany(
            "INSERT INTO rpt_unit_versions (unit_id, valid_from, valid_to, code, name, level, parent_id, end_reason,"
            " merged_into) VALUES ($1, $2, $3, $4, $4, 'commune', $5, $6, $7)",
            [(p, d0, None, "P", None, None, None),
             (merged, d0, end, "M", p, "merged", into),
             (dissolved, d0, end, "X", p, "dissolved", None),
             (into, d0, None, "I", p, None, None),
             (live, d0, end, "L", p, None, None),  # a version that ended by a change, not the unit's end
             (live, end, None, "L", into, None, None)],
        )  # fmt: skip
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("reporting")])
    conn = await connect(dsn)
    try:
        heirs = {
            (r["unit_id"], r["valid_from"]): r["heir_id"] for r in await conn.fetch("SELECT * FROM rpt_unit_versions")
        }
        assert heirs == {
            (p, d0): None, (merged, d0): into, (dissolved, d0): p, (into, d0): None, (live, d0): None, (live, end): None
        }  # fmt: skip
    finally:
        await conn.close()
