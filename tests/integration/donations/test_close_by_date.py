"""Closing is decided by dates, whenever the close event arrives: donations posted while the close
travels through Kafka to the real consumer get the same answer before and after it."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import asyncpg
import httpx

from rc_shared.catalogue import catalogue
from rc_shared.envelope import decode
from rc_shared.events.campaigns import CampaignClosed
from rc_shared.events.donations import LEDGER_TOPIC, DonationRecorded
from tests.integration.donations.conftest import TODAY, Campaigns, eventually
from tests.integration.shared.helpers import read_topic

WORKERS = 4
AFTER_CLOSE = 3  # rounds each worker posts once it has seen the ledger closed


def cash(received_on: Any) -> dict[str, Any]:
    return {"kind": "cash", "amount_vnd": 10_000, "channel": "cash", "received_on": str(received_on)}


async def test_donations_posted_concurrently_with_the_close_are_decided_by_their_dates(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection, infra: Any, dn_namespace: str
) -> None:
    cid, _ = await campaigns.launch()
    on_close_day: list[httpx.Response] = []
    day_after: list[httpx.Response] = []

    one_at_a_time = asyncio.Lock()  # one test connection

    async def closed() -> bool:
        async with one_at_a_time:
            return bool(await db.fetchval("SELECT status = 'closed' FROM ledgers WHERE campaign_id = $1", cid))

    first_round_done = [asyncio.Event() for _ in range(WORKERS)]

    async def worker(n: int) -> None:
        rounds_after = 0
        while rounds_after < AFTER_CLOSE:
            seen_closed = await closed()  # read before posting: this round's donations come after it
            on_close_day.append(await client.post(f"/campaigns/{cid}/donations", json=cash(TODAY)))
            day_after.append(await client.post(f"/campaigns/{cid}/donations", json=cash(TODAY + timedelta(days=1))))
            first_round_done[n].set()
            rounds_after += seen_closed
            assert len(on_close_day) < 5000, "the close never reached the ledger"

    async def close() -> None:  # once every worker has answers from before the close
        await asyncio.gather(*(e.wait() for e in first_round_done))
        await campaigns.publish(CampaignClosed(campaign_id=cid, closed_on=TODAY))

    await asyncio.gather(close(), *(worker(n) for n in range(WORKERS)))

    assert [r.status_code for r in on_close_day] == [201] * len(on_close_day), [
        r.text for r in on_close_day if r.status_code != 201
    ][:3]
    assert {r.status_code for r in day_after} == {422}
    assert all(r.json()["field"] == "received_on" and "in the future" in r.json()["message"] for r in day_after)
    # Flags follow the receipt order (both the donations and the close take the ledger lock): every
    # donation recorded after the close is flagged, none before; the first rounds were answered before
    # the close was published, the last ones after the ledger was seen closed.
    rows = await db.fetch(
        "SELECT id, receipt_no, recorded_after_close FROM donations WHERE campaign_id = $1 ORDER BY receipt_no", cid
    )
    flags = [r["recorded_after_close"] for r in rows]
    assert len(rows) == len(on_close_day)
    assert flags == sorted(flags)
    assert flags.count(False) >= WORKERS and flags.count(True) >= WORKERS * AFTER_CLOSE
    answers = {r.json()["id"]: r.json()["recorded_after_close"] for r in on_close_day}
    assert answers == {str(r["id"]): r["recorded_after_close"] for r in rows}
    # ... and the events say the same
    records = await read_topic(infra.kafka_bootstrap, dn_namespace + LEDGER_TOPIC, expect=10**6, timeout=3)
    recorded = {
        str(e.donation_id): e.recorded_after_close
        for e in (decode(r.headers, r.value, catalogue()).data for r in records)
        if isinstance(e, DonationRecorded) and e.campaign_id == cid
    }
    assert recorded == answers


async def test_a_donation_dated_after_the_close_is_refused_before_and_after_the_event_arrives(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """The close date is today at the earliest, so the day after it is in the future until it has
    passed: 422 before the event, and still 422 after (never a 201 in between)."""
    cid, _ = await campaigns.launch()
    before = await client.post(f"/campaigns/{cid}/donations", json=cash(TODAY + timedelta(days=1)))
    await campaigns.close(cid, TODAY)
    after = await client.post(f"/campaigns/{cid}/donations", json=cash(TODAY + timedelta(days=1)))
    assert (before.status_code, after.status_code) == (422, 422), (before.text, after.text)
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 0


async def test_a_close_before_the_planned_end_brings_the_distribution_deadline_forward(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """The campaigns service counts the deadline from the close; the ledger enforces and publishes that
    one, not the launch's (the planned end + 20 days). An older close event, without it, leaves it."""
    cid, _ = await campaigns.launch()
    launched = await db.fetchval("SELECT distribution_deadline FROM ledgers WHERE campaign_id = $1", cid)
    await campaigns.close(cid, TODAY, TODAY + timedelta(days=20))
    assert launched > TODAY + timedelta(days=20)
    assert await db.fetchval(
        "SELECT distribution_deadline FROM ledgers WHERE campaign_id = $1", cid
    ) == TODAY + timedelta(days=20)
    summary = (await client.get(f"/campaigns/{cid}/public-ledger/summary")).json()
    assert summary["distribution_deadline"] == (TODAY + timedelta(days=20)).isoformat()
    older, _ = await campaigns.launch()
    await campaigns.close(older, TODAY)  # an event written before catalogue 1.2.0
    assert await db.fetchval("SELECT distribution_deadline FROM ledgers WHERE campaign_id = $1", older) == launched


async def test_a_close_dated_ahead_takes_pledges_due_by_its_day_and_flags_nothing_before_it(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """Closed with a date ten days ahead: gifts until then are not late, a pledge is taken while its
    instalments fall due by that day, not one due after it (it could never be paid: an auditor's and a
    reviewer's findings)."""
    cid, _ = await campaigns.launch(
        receiving_from=TODAY - timedelta(days=5), receiving_until=TODAY + timedelta(days=60)
    )
    ahead = TODAY + timedelta(days=10)
    await campaigns.publish(CampaignClosed(campaign_id=cid, closed_on=ahead))

    async def closed() -> bool:
        return (await client.get(f"/campaigns/{cid}/ledger")).json()["closed_on"] == str(ahead)

    await eventually(closed, what="the close dated ahead reached the ledger")
    gift = await client.post(f"/campaigns/{cid}/donations", json=cash(TODAY))
    assert gift.status_code == 201 and gift.json()["recorded_after_close"] is False, gift.text
    pledge = {"donor": {"type": "individual", "name": "Lý Thị Hoa", "phone": "0913222333"}, "amount_vnd": 300_000,
              "instalments": 3, "first_due_on": str(TODAY), "interval_days": 5}  # fmt: skip
    taken = await client.post(f"/campaigns/{cid}/pledges", json=pledge)  # due today, +5, +10: by the close day
    assert taken.status_code == 201, taken.text
    late = await client.post(f"/campaigns/{cid}/pledges", json=pledge | {"interval_days": 6})  # the last on +12
    assert late.status_code == 409 and late.json()["field"] == "first_due_on", late.text
    assert f"({TODAY - timedelta(days=5)} to {ahead})" in late.json()["message"]
