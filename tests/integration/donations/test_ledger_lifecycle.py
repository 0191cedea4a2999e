"""The ledger follows the campaign's events: opened on launch, closed on close/cancel, settled."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import asyncpg
import httpx

from rc_shared.catalogue import catalogue
from rc_shared.envelope import decode
from rc_shared.events.campaigns import CampaignCancelled, CampaignClosed, CampaignSettled
from rc_shared.events.donations import LEDGER_TOPIC, LedgerClosed, LedgerOpened
from tests.integration.donations.conftest import TODAY, Campaigns, eventually
from tests.integration.shared.helpers import read_topic


def cash(amount: int = 100_000, **extra: Any) -> dict[str, Any]:
    return {"kind": "cash", "amount_vnd": amount, "channel": "cash", "received_on": str(TODAY), **extra}


async def _ledger_events(
    infra: Any, db: asyncpg.Connection, namespace: str, campaign_id: uuid.UUID, expect: int
) -> list[Any]:
    """The ledger events of one campaign once the service's outbox is fully published and at least
    ``expect`` of them are on the topic: everything it emitted so far, a duplicate included."""
    found: list[Any] = []

    async def published() -> bool:
        if await db.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL"):
            return False
        records = await read_topic(infra.kafka_bootstrap, namespace + LEDGER_TOPIC)
        events = [decode(r.headers, r.value, catalogue()).data for r in records]
        found[:] = [e for e in events if getattr(e, "campaign_id", None) == campaign_id]
        return len(found) >= expect

    await eventually(published, what=f"{expect} ledger event(s) of {campaign_id} on the topic")
    return found


async def test_launch_opens_the_ledger_and_publishes_ledger_opened(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection, infra: Any, dn_namespace: str
) -> None:
    cid, unit = await campaigns.launch(cash_target=5_000_000)
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["status"] == "launched"
    assert ledger["organising_unit_id"] == str(unit)
    assert ledger["targets"] == [
        {"target": "cash_vnd", "target_value": 5_000_000, "reached_value": 0, "reached": False}
    ]
    events = await _ledger_events(infra, db, dn_namespace, cid, 1)
    opened = [e for e in events if isinstance(e, LedgerOpened)]
    assert len(opened) == 1 and opened[0].organising_unit_id == unit


async def test_a_relaunch_event_with_a_new_id_does_not_open_a_second_ledger(
    campaigns: Campaigns, db: asyncpg.Connection, infra: Any, dn_namespace: str
) -> None:
    from rc_shared.events.campaigns import CampaignLaunched, Targets

    cid, unit = await campaigns.launch()
    await campaigns.publish(
        CampaignLaunched(
            campaign_id=cid,
            code="X",
            name="again",
            campaign_type="emergency_relief",
            organising_unit_id=uuid.uuid4(),
            receiving_from=TODAY,
            receiving_until=TODAY,
            distribution_deadline=TODAY,
            targets=Targets(),
        )
    )
    b = await campaigns.verified_beneficiary()  # a later event on another topic: the first was consumed
    assert b
    row = await db.fetchrow("SELECT code, organising_unit_id FROM ledgers WHERE campaign_id = $1", cid)
    assert row["organising_unit_id"] == unit and row["code"] != "X"
    events = await _ledger_events(infra, db, dn_namespace, cid, 1)
    assert sum(isinstance(e, LedgerOpened) for e in events) == 1


async def test_donation_to_a_campaign_not_launched_is_refused_with_409(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    before = await db.fetchval("SELECT count(*) FROM donations")
    unknown = uuid.uuid4()
    r = await client.post(f"/campaigns/{unknown}/donations", json=cash())
    assert r.status_code == 409
    assert "not open for contributions" in r.json()["message"] and str(unknown) in r.json()["message"]
    # told apart from the 409s that stay, for a gateway that retries only this one a little later
    assert (r.json()["reason"], r.json()["campaign_id"]) == ("campaign_not_open", str(unknown))
    statement = await client.post(
        f"/campaigns/{unknown}/bank-statement",
        json={"rows": [{"bank_reference": "FT1", "received_on": "2025-01-02", "amount_vnd": "5000"}]},
    )
    assert statement.status_code == 409 and statement.json()["reason"] == "campaign_not_open", statement.text
    assert await db.fetchval("SELECT count(*) FROM donations") == before


async def test_after_the_close_the_dates_decide_and_ledger_closed_is_published(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection, infra: Any, dn_namespace: str
) -> None:
    """A close dated yesterday (as seen once the clock has passed it): received on or before it is
    recorded late, after it is refused; the statement import decides each row the same way."""
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash())).status_code == 201
    closed_on = TODAY - timedelta(days=1)
    await campaigns.close(cid, closed_on)
    r = await client.post(f"/campaigns/{cid}/donations", json=cash(received_on=str(TODAY)))
    assert r.status_code == 409
    assert f"closed on {closed_on}: received_on {TODAY} is after the close" in r.json()["message"]
    assert r.json()["field"] == "received_on"
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 1
    late = await client.post(f"/campaigns/{cid}/donations", json=cash(received_on=str(closed_on)))
    assert late.status_code == 201, late.text
    assert late.json()["recorded_after_close"] is True
    events = await _ledger_events(infra, db, dn_namespace, cid, 2)
    assert [e.closed_on for e in events if isinstance(e, LedgerClosed)] == [closed_on]
    statement = await client.post(
        f"/campaigns/{cid}/bank-statement",
        json={
            "rows": [
                {"bank_reference": "X1", "received_on": str(TODAY), "amount_vnd": 5},
                {"bank_reference": "X2", "received_on": str(closed_on), "amount_vnd": 7},
            ]
        },
    )
    assert statement.status_code == 200, statement.text
    results = statement.json()["results"]
    assert results[0]["status"] == "rejected" and f"after the campaign closed on {closed_on}" in results[0]["reason"]
    assert results[1]["status"] == "created" and results[1]["recorded_after_close"] is True
    x2 = await client.get(f"/donations/{results[1]['donation_id']}")
    assert x2.json()["recorded_after_close"] is True


async def test_cancelled_campaign_refuses_donations_and_distributions(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(1_000_000))).status_code == 201
    b = await campaigns.verified_beneficiary()
    await campaigns.cancel(cid)
    r = await client.post(f"/campaigns/{cid}/donations", json=cash())
    assert r.status_code == 409 and "cancelled" in r.json()["message"]
    d = await client.post(
        f"/campaigns/{cid}/distributions",
        json={"beneficiary_id": str(b), "kind": "cash", "amount_vnd": 1000, "distributed_on": str(TODAY)},
    )
    assert d.status_code == 409 and "cancelled" in d.json()["message"]


async def test_an_ending_that_arrives_before_its_launch_is_applied_when_the_launch_comes(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """The launch dead-lettered, the cancellation (or the close and settlement) applied without a ledger, then
    the launch replayed from the dead-letter topic: the ending was forgotten and the ledger opened as
    launched, taking gifts with receipts for a cancelled campaign. Now the ledger opens ended, as it was."""
    cancelled, settled = uuid.uuid4(), uuid.uuid4()
    await campaigns.publish(CampaignCancelled(campaign_id=cancelled, cancelled_on=TODAY, reason="trùng"))
    await campaigns.publish(CampaignClosed(campaign_id=settled, closed_on=TODAY - timedelta(days=1)))
    await campaigns.publish(CampaignSettled(campaign_id=settled, settled_on=TODAY))

    async def kept() -> bool:
        n = await db.fetchval(
            "SELECT count(*) FROM ledger_endings WHERE campaign_id = ANY($1::uuid[]) AND (status = 'cancelled'"
            " OR settled_on IS NOT NULL)",
            [cancelled, settled],
        )
        return bool(n == 2)

    await eventually(kept, what="both endings kept for their launches")
    for cid in (cancelled, settled):
        await campaigns.launch(campaign_id=cid)
    rows = {
        r["campaign_id"]: (r["status"], r["closed_on"], r["settled_on"])
        for r in await db.fetch(
            "SELECT campaign_id, status, closed_on, settled_on FROM ledgers WHERE campaign_id = ANY($1::uuid[])",
            [cancelled, settled],
        )
    }
    assert rows == {
        cancelled: ("cancelled", TODAY, None),
        settled: ("settled", TODAY - timedelta(days=1), TODAY),
    }
    r = await client.post(f"/campaigns/{cancelled}/donations", json=cash())
    assert r.status_code == 409 and "cancelled" in r.json()["message"]
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cancelled) == 0


async def test_closed_ledger_still_distributes_but_a_settled_one_does_not(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(1_000_000))).status_code == 201
    b = await campaigns.verified_beneficiary()
    body = {"beneficiary_id": str(b), "kind": "cash", "amount_vnd": 100_000, "distributed_on": str(TODAY)}
    await campaigns.close(cid)
    assert (await client.post(f"/campaigns/{cid}/distributions", json=body)).status_code == 201
    before = [{"bank_reference": "BEFORE1", "received_on": str(TODAY), "amount_vnd": 7_000}]
    assert (await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": before})).json()["created"] == 1
    note = "Chuyển 907.000 đồng còn lại sang Quỹ cứu trợ theo QĐ 15/QĐ-CTĐ"
    await campaigns.settle(cid, remainder_note=note)
    r = await client.post(f"/campaigns/{cid}/distributions", json=body)
    assert r.status_code == 409 and "settled" in r.json()["message"]
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["status"] == "settled"
    assert ledger["cash"]["balance_vnd"] == 907_000
    # the public is told when and where the remainder went (Decree 93), on the summary and on the page
    public = (await client.get(f"/campaigns/{cid}/public-ledger/summary")).json()
    assert (public["settled_on"], public["closed_on"], public["remainder_note"]) == (str(TODAY), str(TODAY), note)
    page = (await client.get(f"/public/campaigns/{cid}/ledger")).text
    assert f"Quyết toán ngày {TODAY:%d/%m/%Y} · Xử lý số dư: {note}" in page
    # nor does it record a late gift dated before the close (it could be neither distributed nor reversed)
    late = await client.post(f"/campaigns/{cid}/donations", json=cash(50_000))
    assert late.status_code == 409 and "accounts are final" in late.json()["message"], late.text
    # the statement imported before the settlement, run again with a new row: its row is still a duplicate
    # (a re-run is safe), the new one is refused
    rows = [*before, {"bank_reference": "SETTLED1", "received_on": str(TODAY), "amount_vnd": 50_000}]
    imported = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows})
    assert imported.status_code == 200, imported.text
    again, new = imported.json()["results"]
    assert again["status"] == "duplicate" and new["status"] == "rejected", imported.text
    assert "accounts are final" in new["reason"] and imported.json()["created"] == 0
    after = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert (after["cash"]["balance_vnd"], after["cash"]["received_vnd"]) == (907_000, ledger["cash"]["received_vnd"])


async def test_received_on_outside_the_receiving_period_is_refused(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    start = TODAY - timedelta(days=10)
    cid, _ = await campaigns.launch(receiving_from=start)
    r = await client.post(f"/campaigns/{cid}/donations", json=cash(received_on=str(start - timedelta(days=1))))
    assert r.status_code == 409
    assert "outside the receiving period" in r.json()["message"]
    r = await client.post(f"/campaigns/{cid}/donations", json=cash(received_on=str(TODAY + timedelta(days=1))))
    assert r.status_code == 422 and "future" in r.json()["message"]
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 0
    assert await db.fetchval("SELECT last_receipt_no FROM ledgers WHERE campaign_id = $1", cid) == 0
