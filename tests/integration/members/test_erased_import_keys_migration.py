"""Migration 0009: people erased before it keep no key that leads back to them: their import key becomes
the salted hash an import computes (so an old sheet still finds them erased), their memberships' member
codes are cleared; the others' keys and codes stay."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration


async def test_an_earlier_erasure_leaves_no_member_code_or_plain_import_key(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "members", "0009", tmp_path)  # up to 0008
    drop_later.append(dsn)
    unit, erased, kept = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await connect(dsn)
    try:
        await conn.execute("INSERT INTO units (id, code) VALUES ($1, 'EK')", unit)
        await conn.executemany(
            "INSERT INTO people (id, import_key, erased_at) VALUES ($1, $2, $3)",
            [(erased, "card:EK:HV0001", date(2026, 1, 2)), (kept, "card:EK:HV0002", None)],
        )
        await conn.executemany(
            "INSERT INTO memberships (id, person_id, unit_id, member_code, joined_on, status, status_since)"
            " VALUES ($1, $2, $3, $4, $5, 'active', $5)",
            [(uuid.uuid4(), erased, unit, "HV0001", date(2020, 1, 1)),
             (uuid.uuid4(), kept, unit, "HV0002", date(2020, 1, 1))],
        )  # fmt: skip
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("members")])
    conn = await connect(dsn)
    try:
        keys = {r["id"]: r["import_key"] for r in await conn.fetch("SELECT id, import_key FROM people")}
        assert keys[kept] == "card:EK:HV0002"
        assert keys[erased].startswith("erased:") and "HV0001" not in keys[erased]
        # the key an import computes from the old sheet's row finds the erased record
        assert await conn.fetchval("SELECT erased_import_key('card:EK:HV0001')") == keys[erased]
        codes = {r["person_id"]: r["member_code"] for r in await conn.fetch("SELECT * FROM memberships")}
        assert codes == {erased: None, kept: "HV0002"}
    finally:
        await conn.close()
