"""Migration 0014 and the import-key rule it matches (members 1.9.0): a card number without its spaces, in
capitals; a name with its tones placed by one convention. Keys stored before are rewritten where the
person's unit, name and birth date reproduce them; an erased person keeps the key of the rule before (the
import still finds them by it); a person imported twice under two spellings keeps both records."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rc_members.domain.imports import import_key, legacy_import_key
from rc_shared.db import connect, migrate
from rc_shared.tones import tone_key
from tests.infra import database_before, service_migrations

pytestmark = pytest.mark.integration

WORDS = ["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "xóa", "hoàng", "của", "mùa", "thuyền", "nguyễn", ""]
BORN = date(1968, 3, 5)


async def test_stored_import_keys_are_rewritten_to_one_spelling_where_they_can_be_reproduced(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "members", "0014", tmp_path)  # up to 0013
    drop_later.append(dsn)
    unit, renamed_unit = uuid.uuid4(), uuid.uuid4()
    code = f"BL-HB-{unit.hex[:4]}"
    hoa, card, twice_a, twice_b, moved, erased, capital, barred, odd_card = (uuid.uuid4() for _ in range(9))
    people = [  # (id, unit, key as the release before wrote it, name, birth date)
        (hoa, unit, legacy_import_key(code, None, "Nguyễn Thị  Hòa", BORN), "Nguyễn Thị Hòa", BORN),
        (card, unit, legacy_import_key(code, "hv 0001", "Lê Văn Thẻ", None), "Lê Văn Thẻ", None),
        (twice_a, unit, legacy_import_key(code, None, "Trần Thị Thủy", BORN), "Trần Thị Thủy", BORN),
        (twice_b, unit, legacy_import_key(code, None, "Trần Thị Thuỷ", BORN), "Trần Thị Thuỷ", BORN),  # the same one
        # imported under the unit's old code ("BL-OLD"), which is "BL-NEW" now: its key cannot be reproduced
        (moved, renamed_unit, legacy_import_key("BL-OLD", None, "Võ Văn Hòa", BORN), "Võ Văn Hòa", BORN),
        # a capital letter only a Unicode case mapping lowers ("Đ"), a name with the basis's separator in it
        (capital, unit, legacy_import_key(code, None, "ĐỖ THỊ HÒA", BORN), "ĐỖ THỊ HÒA", BORN),
        (barred, unit, legacy_import_key(code, None, "Lê | Văn Hòa", BORN), "Lê | Văn Hòa", BORN),
        # a card number that is not ASCII: left as it is (the import finds it by the key of the rule before)
        (odd_card, unit, legacy_import_key(code, "hđ 01", "Mai Văn Số", None), "Mai Văn Số", None),
    ]
    conn = await connect(dsn)
    try:
        await conn.execute("INSERT INTO units (id, code) VALUES ($1, $2), ($3, $4)", unit, code, renamed_unit, "BL-NEW")
        for pid, uid, key, name, born in people:
            await conn.execute("INSERT INTO people (id, import_key, unit_id) VALUES ($1, $2, $3)", pid, key, uid)
            await conn.execute(
                "INSERT INTO personal_data (person_id, full_name, birth_date) VALUES ($1, $2, $3)", pid, name, born
            )
        erased_key = legacy_import_key(code, None, "Phạm Thị Hòa", BORN)
        await conn.execute(
            "INSERT INTO people (id, import_key, unit_id, erased_at) VALUES ($1, erased_import_key($2), $3, now())",
            erased,
            erased_key,
            unit,
        )
    finally:
        await conn.close()
    await migrate(dsn, [service_migrations("members")])
    conn = await connect(dsn)
    try:
        in_sql = await conn.fetch("SELECT w, rc_tone_key(w) AS k FROM unnest($1::text[]) AS w", WORDS)
        assert {r["w"]: r["k"] for r in in_sql} == {w: tone_key(w) for w in WORDS}
        keys = {r["id"]: r["import_key"] for r in await conn.fetch("SELECT id, import_key FROM people")}
        assert (
            keys[hoa]
            == import_key(code, None, "Nguyễn Thị Hoà", BORN)
            == import_key(code, None, "NGUYỄN THỊ HÒA", BORN)
        )
        assert keys[card] == import_key(code, "HV0001", "Lê Văn Thẻ", None) == f"card:{code.upper()}:HV0001"
        assert {keys[twice_a], keys[twice_b]} == {
            import_key(code, None, "Trần Thị Thuỷ", BORN),  # one of them rewritten ...
            legacy_import_key(code, None, "Trần Thị Thủy", BORN),  # ... the other kept: two records, for staff
        }
        assert keys[moved] == legacy_import_key("BL-OLD", None, "Võ Văn Hòa", BORN)  # not reproducible: as it was
        assert keys[capital] == import_key(code, None, "Đỗ Thị Hoà", BORN)
        assert keys[barred] == import_key(code, None, "lê | văn hoà", BORN)
        assert keys[odd_card] == legacy_import_key(code, "hđ 01", "Mai Văn Số", None)
        assert keys[erased] == await conn.fetchval("SELECT erased_import_key($1)", erased_key)  # gone with the data
    finally:
        await conn.close()
