"""One donor per identity across processes: two transactions that find-or-create the same donor at
once (two replicas, or an import beside a POST) give one donor, whether it is known by its identity
number or by its phone and name (migration 0012)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from rc_donations.adapters.donations_repo import DonationRepository
from tests.integration.donations.conftest import TODAY, Campaigns, eventually
from tests.integration.donations.test_donations import cash

WAITING = "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $1"


@pytest.mark.parametrize(
    ("name", "phone", "id_number", "again"),
    [
        ("Lâm Thị Mười Một", "0912000011", None, "LÂM THỊ MƯỜI MỘT"),  # by phone and name, any case
        ("Công ty Mười Hai", None, "0312000012", "Công ty Mười Hai"),  # by identity number
    ],
    ids=["phone-and-name", "identity-number"],
)
async def test_two_transactions_finding_or_creating_one_donor_at_once_give_one_donor(
    client: httpx.AsyncClient, dn_dsn: str, name: str, phone: str | None, id_number: str | None, again: str
) -> None:
    """(``client``: the service has migrated its database.)"""
    kind = "individual" if id_number is None else "organisation"
    suffix = uuid.uuid4().hex[:6]  # (a donor of its own in the module's database)
    phone = phone and phone[:-3] + str(int(suffix, 16) % 1000).zfill(3)
    id_number = id_number and id_number + suffix
    first, second = await asyncpg.connect(dn_dsn), await asyncpg.connect(dn_dsn)
    try:
        tx = first.transaction()
        await tx.start()
        created = await DonationRepository(first).upsert_donor(kind, name, phone, id_number, None, False)
        # the other transaction asks while the first has created the donor but not committed
        asked = DonationRepository(second).upsert_donor(kind, again, phone, id_number, None, True)
        other = asyncio.ensure_future(asked)
        second_pid = second.get_server_pid()

        async def waits_or_is_done() -> bool:
            return other.done() or bool(await first.fetchval(WAITING, second_pid))

        await eventually(waits_or_is_done, timeout=30, what="the second find-or-create waits for the first")
        await tx.commit()
        found = await asyncio.wait_for(other, 30)
        assert found == created  # the second found the first's donor (before: it created another)
        rows = await first.fetch(
            "SELECT id, consent_to_be_named FROM donors WHERE phone IS NOT DISTINCT FROM $1"
            " AND id_number IS NOT DISTINCT FROM $2",
            phone,
            id_number,
        )
        assert [(r["id"], r["consent_to_be_named"]) for r in rows] == [(created, True)]  # updated: consent given
    finally:
        await first.close()
        await second.close()


def _someone(name: str, id_number: str, **extra: Any) -> dict[str, Any]:
    return {"type": "individual", "name": name, "id_number": id_number, **extra}


async def test_an_identity_number_on_record_under_another_name_finds_nobody_and_refuses_the_gift(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """A CCCD typed for someone else (or mistyped) no longer links a gift to the person who holds it: the gift
    is refused (409 on donor.id_number, the holder's name and record not said), nothing is written, and the
    holder's consent to be named is not switched on by it — on the single path, in a burst of gifts (batched),
    for blood and for a pledge. The same name written without accents or in capitals is the same person; an
    organisation's tax code finds it whatever its name is written as."""
    cid, _ = await campaigns.launch()
    number = f"0791{uuid.uuid4().int % 10**8:08d}"
    first = await client.post(f"/campaigns/{cid}/donations", json=cash(50_000, donor=_someone("Lê Thị Cúc", number)))
    assert first.status_code == 201, first.text
    holder = first.json()["donor_id"]
    stranger = _someone("Trần Văn Bình", number, consent_to_be_named=True)
    before = await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid)
    key = str(uuid.uuid4())
    refused = await client.post(
        f"/campaigns/{cid}/donations", json=cash(70_000, donor=stranger), headers={"Idempotency-Key": key}
    )
    assert refused.status_code == 409 and refused.json()["field"] == "donor.id_number", refused.text
    assert "Lê Thị Cúc" not in refused.text and holder not in refused.text
    # a burst of named gifts, one of them the stranger's: it alone is refused, the others numbered without a gap
    burst = [cash(10_000 + i, donor=_someone(f"Người Hiến {i}", f"0792{uuid.uuid4().int % 10**8:08d}"))
             for i in range(11)]  # fmt: skip
    burst.insert(5, cash(99_000, donor=stranger))
    answers = await asyncio.gather(*(client.post(f"/campaigns/{cid}/donations", json=b) for b in burst))
    assert [a.status_code for a in answers] == [201] * 5 + [409] + [201] * 6, [a.text for a in answers]
    assert answers[5].json()["field"] == "donor.id_number"
    numbers = sorted(a.json()["receipt_no"] for a in answers if a.status_code == 201)
    assert numbers == list(range(first.json()["receipt_no"] + 1, first.json()["receipt_no"] + 12))
    blood = {"kind": "blood", "units": 1, "blood_kind": "whole_blood", "received_on": str(TODAY),
             "donor": stranger | {"birth_date": "1990-01-01"}}  # fmt: skip
    r = await client.post(f"/campaigns/{cid}/donations", json=blood)
    assert r.status_code == 409 and r.json()["field"] == "donor.id_number", r.text
    pledge = {"donor": stranger, "amount_vnd": 300_000, "instalments": 1, "first_due_on": str(TODAY)}
    r = await client.post(f"/campaigns/{cid}/pledges", json=pledge)
    assert r.status_code == 409 and r.json()["field"] == "donor.id_number", r.text
    after = await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid)
    assert after == before + 11  # the burst's eleven, none of the stranger's
    row = await db.fetchrow("SELECT name, consent_to_be_named FROM donors WHERE id_number = $1", number)
    assert (row["name"], row["consent_to_be_named"]) == ("Lê Thị Cúc", False)
    assert await db.fetchval("SELECT count(*) FROM idempotency_keys WHERE key = $1", key) == 0
    # the holder, written otherwise (without accents, in capitals, without the middle name): the same person
    again = await client.post(
        f"/campaigns/{cid}/donations",
        json=cash(20_000, donor=_someone("LE  THI cuc", number)),
        headers={"Idempotency-Key": key},
    )
    assert again.status_code == 201 and again.json()["donor_id"] == holder, again.text
    short = await client.post(f"/campaigns/{cid}/donations", json=cash(20_000, donor=_someone("Lê Cúc", number)))
    assert short.status_code == 201 and short.json()["donor_id"] == holder, short.text
    # another given name, one word alone, or one word differing: another person (409), whose name is not said
    for name in ("Lê Thị Cúc Anh", "Cúc", "Lê", "Lê Thị Cú", "Thị Lê", "Thị Cúc", "Cúc Cúc"):
        other = await client.post(f"/campaigns/{cid}/donations", json=cash(20_000, donor=_someone(name, number)))
        assert other.status_code == 409 and other.json()["field"] == "donor.id_number", (name, other.text)
    tax = f"0312{uuid.uuid4().int % 10**8:08d}"
    company = [{"type": "organisation", "name": name, "id_number": tax} for name in ("Công ty TNHH ABC", "Cty ABC")]
    ids = [(await client.post(f"/campaigns/{cid}/donations", json=cash(30_000, donor=c))).json()["donor_id"]
           for c in company]  # fmt: skip
    assert ids[0] == ids[1] is not None


async def test_two_transactions_giving_one_identity_number_under_two_names_give_one_donor_and_a_refusal(
    client: httpx.AsyncClient, dn_dsn: str
) -> None:
    """The second of two concurrent first gifts with the same CCCD, under another name, waits for the first's
    insert and then finds nobody (None): it is not linked to the first person's record."""
    number = f"0793{uuid.uuid4().int % 10**8:08d}"
    first, second = await asyncpg.connect(dn_dsn), await asyncpg.connect(dn_dsn)
    try:
        tx = first.transaction()
        await tx.start()
        created = await DonationRepository(first).upsert_donor("individual", "Hồ Văn Một", None, number, None, False)
        other = asyncio.ensure_future(
            DonationRepository(second).upsert_donor("individual", "Hồ Văn Hai", None, number, None, True)
        )
        second_pid = second.get_server_pid()

        async def waits_or_is_done() -> bool:
            return other.done() or bool(await first.fetchval(WAITING, second_pid))

        await eventually(waits_or_is_done, timeout=30, what="the second find-or-create waits for the first")
        await tx.commit()
        assert created is not None and await asyncio.wait_for(other, 30) is None
        rows = await first.fetch("SELECT id, name, consent_to_be_named FROM donors WHERE id_number = $1", number)
        assert [tuple(r) for r in rows] == [(created, "Hồ Văn Một", False)]
    finally:
        await first.close()
        await second.close()
