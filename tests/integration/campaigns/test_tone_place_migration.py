"""Migrations 0010 and 0011 and the registration rule they match: a tone placed by the old convention ("Hòa", "Thủy")
or the new one ("Hoà", "Thuỷ") is one key, on a real PostgreSQL; a household registered under both spellings
before the migration keeps its second key (left for staff)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from rc_campaigns.domain.beneficiaries import normalise_address, normalise_name, tone_key
from rc_shared.db import connect, migrate
from tests.infra import database_before, service_migrations
from tests.integration.campaigns.conftest import running, settings_for
from tests.integration.campaigns.helpers import beneficiary_body

pytestmark = pytest.mark.integration

# words as typed, each the same by both conventions once keyed; the last ones have nothing to move
WORDS = ["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "xóa", "xoá", "họa", "hoạ", "lũy", "luỹ", "qúy", "quý",
         "hòa bình", "thủy,", "hoàng", "của", "mùa", "thuyền", "lê", "lệ", "nguyễn", "hòang", ""]  # fmt: skip


async def test_python_and_sql_place_a_tone_alike_and_old_keys_are_rewritten(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "campaigns", "0010", tmp_path)  # up to 0009
    drop_later.append(dsn)
    unit = uuid.uuid4()
    old_style, both_a, both_b, erased = (uuid.uuid4() for _ in range(4))
    rows = [  # (id, name, name_key, address, address_key): keys as the code before 0010 wrote them
        (old_style, "Trần Văn Hòa", "trần văn hòa", "Ấp 3, huyện Hòa Bình", "ấp 3 huyện hòa bình"),
        (both_a, "Lê Thị Thủy", "lê thị thủy", "Ấp 4", "ấp 4"),
        (both_b, "Lê Thị Thuỷ", "lê thị thuỷ", "Ấp 4", "ấp 4"),  # the same household, registered twice
        (erased, "", f"erased:{erased}", "", f"erased:{erased}"),
    ]
    conn = await connect(dsn)
    try:
        await conn.executemany(
            "INSERT INTO beneficiaries (id, kind, unit_id, full_name, name_key, address, address_key, commune,"
            " consent_purpose, consent_given_on) VALUES ($1, 'household', $2, $3, $4, $5, $6, 'Vĩnh Trạch',"
            " 'hỗ trợ', $7)",
            [(i, unit, n, nk, a, ak, date(2026, 1, 1)) for i, n, nk, a, ak in rows],
        )
        await conn.execute(
            "INSERT INTO sponsors (id, sponsor_type, name, name_key, contact, contact_key)"
            " VALUES ($1, 'individual', 'Đỗ Thủy', 'đỗ thủy', '0912345678', '0912345678')",
            uuid.uuid4(),
        )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("campaigns")])
    conn = await connect(dsn)
    try:
        in_sql = await conn.fetch("SELECT w, rc_tone_key(w) AS k FROM unnest($1::text[]) AS w", WORDS)
        assert {r["w"]: r["k"] for r in in_sql} == {w: tone_key(w) for w in WORDS}
        assert [tone_key(w) for w in WORDS[:14:2]] == WORDS[1:14:2]  # the new convention's spelling
        assert [tone_key(w) for w in WORDS[16:]] == WORDS[16:]
        keys = {r["id"]: (r["name_key"], r["address_key"]) for r in await conn.fetch("SELECT * FROM beneficiaries")}
        assert keys == {
            old_style: ("trần văn hoà", "ấp 3 huyện hoà bình"),
            both_a: ("lê thị thủy", "ấp 4"),  # its new key is taken by both_b: kept, for staff to decide
            both_b: ("lê thị thuỷ", "ấp 4"),
            erased: (f"erased:{erased}", f"erased:{erased}"),
        }
        assert await conn.fetchval("SELECT name_key FROM sponsors") == "đỗ thuỷ"
        # a pod of the code before 0010, still running during the rollout, writes a key as typed: stored by the
        # new convention all the same (0011), so the household is found when typed again
        late = uuid.uuid4()
        await conn.execute(
            "INSERT INTO beneficiaries (id, kind, unit_id, full_name, name_key, address, address_key, commune,"
            " consent_purpose, consent_given_on) VALUES ($1, 'household', $2, 'Võ Thị Thủy', 'võ thị thủy',"
            " 'Ấp 5, Hòa Bình', 'ấp 5 hòa bình', 'Vĩnh Trạch', 'hỗ trợ', $3)",
            late,
            unit,
            date(2026, 1, 1),
        )
        row = await conn.fetchrow("SELECT name_key, address_key FROM beneficiaries WHERE id = $1", late)
        assert tuple(row) == ("võ thị thuỷ", "ấp 5 hoà bình")
        await conn.execute("UPDATE beneficiaries SET name_key = 'võ thị thủy' WHERE id = $1", late)  # a correction
        assert await conn.fetchval("SELECT name_key FROM beneficiaries WHERE id = $1", late) == "võ thị thuỷ"
    finally:
        await conn.close()
    # both records of the household registered twice still take a correction that leaves who they are (notes,
    # the consent to publish): only a change of name, number or address is checked against the others
    async with running(settings_for(infra, dsn, "unused."), relay=False, consumers=False) as c:
        for b in (both_a, both_b):
            r = await c.patch(f"/beneficiaries/{b}", json={"notes": "trùng hồ sơ: chờ hợp nhất", "publish_name": True})
            assert r.status_code == 200, r.text
        r = await c.patch(f"/beneficiaries/{old_style}", json={"full_name": "Lê Thị Thủy", "address": "Ấp 4"})
        assert r.status_code == 409 and r.json()["existing_beneficiary_id"] == str(both_b), r.text


async def test_a_household_typed_by_the_other_convention_is_a_duplicate(client: httpx.AsyncClient) -> None:
    """Relief officer's review: "Lê Thị Thủy, huyện Hòa Bình" and "Lê Thị Thuỷ, huyện Hoà Bình" were two
    households, each verified and each supported."""
    n = uuid.uuid4().int % 10**9
    first = {"full_name": "Lê Thị Thủy", "address": f"Số {n}, ấp 3, huyện Hòa Bình"}
    r = await client.post("/beneficiaries", json=beneficiary_body(unit_id=str(uuid.uuid4()), **first))
    assert r.status_code == 201, r.text
    again = {"full_name": "LÊ THỊ THUỶ", "address": f"{n} Ấp 3, H. Hoà Bình"}
    r2 = await client.post("/beneficiaries", json=beneficiary_body(unit_id=str(uuid.uuid4()), **again))
    assert r2.status_code == 409, r2.text
    assert r2.json()["existing_beneficiary_id"] == r.json()["id"]
    assert normalise_name("Lê Thị Thủy") == normalise_name("Lê Thị Thuỷ") != normalise_name("Lệ Thị Thuỷ")
    assert normalise_address("huyện Hòa Bình") == normalise_address("huyện Hoà Bình")
