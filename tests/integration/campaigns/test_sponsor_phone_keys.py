"""Migration 0014 and the pairing rule it matches: a sponsor whose contact is a phone number is keyed by the
number's written form ("0912 345 678", "+84 912 345 678" and "0912345678" one sponsor), on a real PostgreSQL;
the SQL and the Python keys agree; a sponsor recorded twice under two spellings keeps its second key (for staff)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from rc_campaigns.domain.beneficiaries import contact_key, normalise_text
from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration

CONTACTS = ["0912 345 678", "0912345678", "+84 912 345 678", "(0291) 3822.000", "02913822000", " 0912-345-678 ",
            "84912345678", "Phường 3, TP Bạc Liêu", "lan@example.org", "chị Lan 0912345678", "091", ""]  # fmt: skip


async def test_phone_contacts_are_keyed_by_their_written_form_in_python_and_sql_and_old_keys_rewritten(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "campaigns", "0014", tmp_path)  # up to 0013
    drop_later.append(dsn)
    spaced, other_spelling, same_again, address = (uuid.uuid4() for _ in range(4))
    rows = [  # keys as the code before 0014 wrote them (normalise_text of the contact as typed)
        (spaced, "Đỗ Văn An", "đỗ văn an", "0912 345 678", "0912 345 678"),
        (other_spelling, "Lê Thị Bé", "lê thị bé", "+84 987 654 321", "+84 987 654 321"),
        (same_again, "Lê Thị Bé", "lê thị bé", "0987654321", "0987654321"),  # the same sponsor, recorded twice
        (address, "Hội Phụ nữ", "hội phụ nữ", "Phường 3, TP Bạc Liêu", "phường 3 tp bạc liêu"),
    ]
    conn = await connect(dsn)
    try:
        await conn.executemany(
            "INSERT INTO sponsors (id, sponsor_type, name, name_key, contact, contact_key)"
            " VALUES ($1, 'individual', $2, $3, $4, $5)",
            rows,
        )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("campaigns")])
    conn = await connect(dsn)
    try:
        keys = {r["id"]: r["contact_key"] for r in await conn.fetch("SELECT id, contact_key FROM sponsors")}
        assert keys == {
            spaced: "0912345678",
            other_spelling: "+84 987 654 321",  # its new key is the other record's: kept, for staff to merge
            same_again: "0987654321",
            address: "phường 3 tp bạc liêu",
        }
        # a pod of the release before, still running during the rollout, stores a number as typed: keyed all the
        # same by the trigger, as the Python of this release keys it
        for typed in CONTACTS:
            late = uuid.uuid4()
            await conn.execute(
                "INSERT INTO sponsors (id, sponsor_type, name, name_key, contact, contact_key)"
                " VALUES ($1, 'organisation', $2, $2, $3, $4)",
                late,
                f"sponsor {late}",
                typed,
                normalise_text(typed),  # as the release before keyed it
            )
            stored = await conn.fetchval("SELECT contact_key FROM sponsors WHERE id = $1", late)
            assert stored == contact_key(typed), typed
    finally:
        await conn.close()
    assert [contact_key(c) for c in CONTACTS] == [
        "0912345678", "0912345678", "0912345678", "02913822000", "02913822000", "0912345678", "84912345678",
        "phường 3 tp bạc liêu", "lan@example org", "chị lan 0912345678", "091", "",
    ]  # fmt: skip
