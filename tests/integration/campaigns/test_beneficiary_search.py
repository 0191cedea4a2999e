"""Finding a beneficiary by a fragment of their name, address or commune: the right records, and the rows a
search reads are bounded by its matches, not by the size of the register (its trigram index)."""

from __future__ import annotations

import uuid

import asyncpg
import httpx
import pytest

from rc_campaigns.adapters.beneficiaries_repo import BeneficiaryRepository
from rc_campaigns.domain.beneficiaries import BeneficiaryFilter
from tests.integration.shared.helpers import Capture, rows_read

pytestmark = pytest.mark.integration

REGISTER = 20_000  # a province's register after a few seasons of relief


async def test_a_search_reads_its_matches_not_the_register(client: httpx.AsyncClient, db: asyncpg.Connection) -> None:
    unit = uuid.uuid4()
    # 20,000 households: one in 1,000 in "Ấp Cây Gừa", the others in numbered hamlets; names numbered
    await db.execute(
        "INSERT INTO beneficiaries (id, kind, unit_id, full_name, name_key, address, address_key, commune,"
        " consent_purpose, consent_given_on)"
        " SELECT gen_random_uuid(), 'household', $1, 'Nguyễn Văn Nam ' || i, 'nguyen van nam ' || i,"
        " CASE WHEN i % 1000 = 0 THEN 'Ấp Cây Gừa' ELSE 'Ấp ' || (i % 97) END,"
        " 'ap ' || i, 'Vĩnh Trạch', 'cứu trợ', '2025-01-02' FROM generate_series(1, $2) i",
        unit,
        REGISTER,
    )
    await db.execute("ANALYZE beneficiaries")
    over: list[str] = []
    # (the search, the full names it finds)
    searches = [
        ("cay gua", [f"Nguyễn Văn Nam {i}" for i in range(1000, REGISTER + 1, 1000)]),
        ("NAM 12345", ["Nguyễn Văn Nam 12345"]),
        ("xyzzy", []),
    ]
    for q, names in searches:
        capture = Capture(db)
        rows = await BeneficiaryRepository(capture).search(BeneficiaryFilter(unit_id=unit, q=q), limit=50, offset=0)
        assert sorted(r["full_name"] for r in rows) == sorted(names), q
        # the plan for the values (a prepared statement's plan while its generic plan would cost more): the
        # index's matches and its rechecks, bounded whatever the register holds
        read, plan = await rows_read(db, capture.sql, capture.args, "force_custom_plan", "beneficiaries")
        if read > 10 * (len(names) + 10):
            over.append(f"{q!r}: read {read} rows of {REGISTER}:\n{plan}")
    assert not over, "\n".join(over)
