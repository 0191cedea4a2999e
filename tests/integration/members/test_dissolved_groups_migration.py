"""Migration 0013: groups an earlier release left on a dissolved unit go on under its heir, through a chain of
reforms to the unit that still exists; other groups stay where they are."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_groups_left_on_an_ended_unit_move_to_the_unit_that_inherits_it(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "members", "0013", tmp_path)  # up to 0012
    drop_later.append(dsn)
    province, commune, branch, merged, other = (uuid.uuid4() for _ in range(5))
    # a branch dissolved (heir: its commune), the commune later merged into another (heir: that one); a unit
    # that still exists
    units = [
        (province, None, None, None),
        (other, None, None, None),
        (commune, date(2024, 6, 1), "merged", other),
        (branch, date(2024, 1, 1), "dissolved", commune),
        (merged, None, None, None),
    ]
    conn = await connect(dsn)
    try:
        for uid, ended, reason, heir in units:
            await conn.execute(
                "INSERT INTO units (id, code, ended_on, end_reason, merged_into, heir_id)"
                " VALUES ($1, $2, $3, $4, $5, $6)",
                uid,
                f"U-{uid.hex[:8]}",
                ended,
                reason,
                heir if reason == "merged" else None,
                heir,
            )
        groups = {where: uuid.uuid4() for where in (branch, commune, merged)}
        for where, gid in groups.items():
            await conn.execute(
                "INSERT INTO groups (id, unit_id, type, name, formed_on) VALUES ($1, $2, 'club', 'CLB', '2023-01-01')",
                gid,
                where,
            )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("members")])
    conn = await connect(dsn)
    try:
        now = {r["id"]: r["unit_id"] for r in await conn.fetch("SELECT id, unit_id FROM groups")}
    finally:
        await conn.close()
    assert now == {groups[branch]: other, groups[commune]: other, groups[merged]: merged}
