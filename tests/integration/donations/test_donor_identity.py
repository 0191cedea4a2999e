"""One donor per identity across processes: two transactions that find-or-create the same donor at
once (two replicas, or an import beside a POST) give one donor, whether it is known by its identity
number or by its phone and name (migration 0012)."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import httpx
import pytest

from rc_donations.adapters.donations_repo import DonationRepository
from tests.integration.donations.conftest import eventually

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
