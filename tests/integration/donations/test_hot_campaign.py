"""A hot campaign: concurrent donations to one campaign are committed in batches (one ledger lock and
one transaction for many), with gapless receipts, one donation per Idempotency-Key and per bank
reference, and a refused or failing item failing alone (docs/architecture/0001-hot-campaign-donations.md)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from prometheus_client import REGISTRY

from rc_donations.adapters.donations_repo import DonationRepository, NewDonor
from rc_donations.domain.donations import Item
from rc_donations.domain.ledger import Ledger
from rc_donations.entrypoints.app import build_app
from rc_donations.service_layer.commands import DonorInput, Idempotency, RecordDonation
from rc_donations.service_layer.donations import (
    INTAKE_LANES,
    DonationOutcome,
    LedgerHints,
    PreparedDonation,
    _donation_row,
    commit_donations,
    get_donation,
    intake_batch,
    intake_lane,
    prepare_donation,
    prepare_hinted,
    record_donations,
    record_donations_at_once,
)
from rc_donations.service_layer.group_commit import Busy, GroupCommit
from rc_donations.service_layer.policy import Policy
from rc_shared.db import acquire_bound, create_pool
from rc_shared.envelope import decode
from rc_shared.errors import Conflict, Invalid
from rc_shared.events.donations import DonationRecorded
from rc_shared.outbox import UnitOfWork
from tests.integration.donations.conftest import TODAY, Campaigns, eventually, make_settings
from tests.integration.donations.test_donations import cash

POLICY = Policy()


@pytest.fixture(scope="module")
async def pool(client: httpx.AsyncClient, dn_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    p = await create_pool(dn_dsn, 1, 4)
    yield p
    await p.close()


async def _receipts(db: asyncpg.Connection, cid: uuid.UUID) -> list[int]:
    return [r[0] for r in await db.fetch("SELECT receipt_no FROM donations WHERE campaign_id = $1 ORDER BY 1", cid)]


async def test_a_concurrent_burst_on_two_replicas_is_batched_with_gapless_receipts_and_no_duplicate(
    campaigns: Campaigns, client: httpx.AsyncClient, second_instance: str, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    url = f"/campaigns/{cid}/donations"
    sends: list[tuple[str, dict[str, Any]]] = []  # (Idempotency-Key, body); some keys and references twice
    for i in range(120):
        sends.append((f"burst-{cid}-{i}", cash(1_000 + i)))
    for i in range(20):  # a client retry racing its first try: same key, same body
        sends.append(sends[i])
    for i in range(15):  # one transfer forwarded twice (different keys, same bank reference and amount)
        body = cash(50_000 + i, bank_reference=f"FT-{i}")
        sends += [(f"ref-a-{cid}-{i}", body), (f"ref-b-{cid}-{i}", body)]
    for i in range(5):  # one reference, two different amounts: one is recorded, the other refused
        sends += [(f"conf-a-{cid}-{i}", cash(70_000, bank_reference=f"X-{i}"))]
        sends += [(f"conf-b-{cid}-{i}", cash(80_000, bank_reference=f"X-{i}"))]
    async with httpx.AsyncClient(base_url=second_instance, timeout=120) as remote:
        rs = await asyncio.gather(
            *(
                (client if n % 2 else remote).post(url, json=body, headers={"Idempotency-Key": key})
                for n, (key, body) in enumerate(sends)
            )
        )
    by_key: dict[str, set[str]] = {}
    for (key, _), r in zip(sends, rs, strict=True):
        assert r.status_code in (200, 201, 409), r.text
        if r.status_code != 409:
            by_key.setdefault(key, set()).add(r.json()["id"])
    refused = [r for r in rs if r.status_code == 409]
    assert len(refused) == 5 and all("already recorded" in r.json()["message"] for r in refused)
    assert all(len(ids) == 1 for ids in by_key.values())  # each key: one donation
    for i in range(15):  # the two keys of one transfer: the same donation
        assert by_key[f"ref-a-{cid}-{i}"] == by_key[f"ref-b-{cid}-{i}"]
    donations = {r.json()["id"]: r.json() for r in rs if r.status_code in (200, 201)}
    assert len(donations) == 120 + 15 + 5 == len([r for r in rs if r.status_code == 201])
    assert await _receipts(db, cid) == list(range(1, len(donations) + 1))
    assert sorted(d["receipt_no"] for d in donations.values()) == list(range(1, len(donations) + 1))
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["cash"]["received_vnd"] == sum(d["amount_vnd"] for d in donations.values())
    assert ledger["receipts_issued"] == len(donations)
    events = await db.fetch(
        "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'donations.donation.recorded.v1'", str(cid)
    )
    assert sorted(json.loads(e["payload"])["receipt_no"] for e in events) == list(range(1, len(donations) + 1))
    # Not one at a time: donations share transactions (xmin: the inserting transaction).
    transactions = await db.fetchval("SELECT count(DISTINCT xmin::text) FROM donations WHERE campaign_id = $1", cid)
    assert transactions < len(donations), f"{transactions} transactions for {len(donations)} donations"


def _cmd(amount: int, **extra: Any) -> RecordDonation:
    return RecordDonation(kind="cash", received_on=TODAY - timedelta(days=2), amount_vnd=amount, **extra)


async def test_an_item_whose_identity_number_is_another_persons_fails_alone_in_its_batch(
    campaigns: Campaigns, client: httpx.AsyncClient, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    """Under the lock, a new donor's CCCD found on record under another name (migration 0035) refuses its item
    alone, before any key is saved: its Idempotency-Key is not kept; a gift repeating its bank reference in the
    batch is told to send itself again (409 on bank_reference, not the other's donor.id_number); the rest of the
    batch is numbered without a gap."""
    cid, _ = await campaigns.launch()
    number = f"0795{uuid.uuid4().int % 10**8:08d}"
    holder = await client.post(
        f"/campaigns/{cid}/donations",
        json=cash(10_000, donor={"type": "individual", "name": "Lâm Văn Tư", "id_number": number}),
    )
    assert holder.status_code == 201, holder.text
    key = Idempotency(f"clash-{cid}", "h-clash")
    async with pool.acquire() as conn:
        stranger, follower, other = [
            await prepare_donation(conn, POLICY, cid, cmd, idem)
            for cmd, idem in (
                (_cmd(700, bank_reference="RX"), key), (_cmd(700, bank_reference="RX"), None), (_cmd(800), None)
            )
        ]  # fmt: skip
    assert isinstance(stranger, PreparedDonation)
    named = NewDonor("individual", "Trần Văn Bình", None, number, None, True)  # as a hinted intake leaves it
    stranger = dataclasses.replace(stranger, new_donor=named, donor_id=None, donor_type="individual")
    async with UnitOfWork(pool, "/donations") as uow:
        outcomes = await record_donations(uow, POLICY, [stranger, follower, other])  # type: ignore[list-item]
        await uow.commit()
    refused, repeat, done = outcomes
    assert isinstance(refused, Conflict) and refused.details == {"field": "donor.id_number"}, refused
    assert isinstance(repeat, Conflict) and repeat.details == {"field": "bank_reference"}, repeat
    assert isinstance(done, DonationOutcome) and done.created is True
    assert await _receipts(db, cid) == [1, 2]
    assert await db.fetchval("SELECT count(*) FROM idempotency_keys WHERE key = $1", key.key) == 0
    assert await db.fetchval("SELECT consent_to_be_named FROM donors WHERE id_number = $1", number) is False


async def test_one_batch_decides_each_item_alone_under_the_lock(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    k1, k2, k3 = (Idempotency(f"b-{cid}-{n}", h) for n, h in ((1, "h1"), (2, "h2"), (3, "h3")))
    async with pool.acquire() as conn:
        plan = [
            (_cmd(100), Idempotency(k1.key, "h1")),
            (_cmd(100), Idempotency(k1.key, "h1")),  # the same request again in the batch
            (_cmd(101), Idempotency(k1.key, "other")),  # the same key for another request: 422
            (_cmd(200, bank_reference="R1"), None),
            (_cmd(200, bank_reference="R1"), k2),  # the same transfer again: the first donation
            (_cmd(300, bank_reference="R1"), k3),  # the same reference, another amount: 409
            (RecordDonation(kind="cash", received_on=TODAY, amount_vnd=400), None),  # after the close: 409
            (_cmd(500, bank_reference="R2"), Idempotency(f"b-{cid}-4", "h4")),
            (_cmd(500, bank_reference="R2"), Idempotency(f"b-{cid}-4", "h4")),  # a transfer's retry: the same
        ]
        prepared = [await prepare_donation(conn, POLICY, cid, cmd, idem) for cmd, idem in plan]
    assert all(isinstance(p, PreparedDonation) for p in prepared)
    # the close reaches the ledger between preparation and commit: decided again under the lock
    await db.execute(
        "UPDATE ledgers SET status = 'closed', closed_on = $2 WHERE campaign_id = $1", cid, TODAY - timedelta(days=1)
    )
    async with UnitOfWork(pool, "/donations") as uow:
        outcomes = await record_donations(uow, POLICY, [p for p in prepared if isinstance(p, PreparedDonation)])
        await uow.commit()
    first, again, other, ref, ref_again, ref_other, after_close, r2, r2_again = outcomes
    assert isinstance(first, DonationOutcome) and first.created is True
    assert again == (first[0], False, None)  # a resubmission: its answer is read
    assert isinstance(other, Invalid) and "already used for a different request" in other.message
    assert isinstance(ref, DonationOutcome) and ref.created is True
    assert ref_again == (ref[0], False, None)
    assert isinstance(ref_other, Conflict) and "already recorded" in ref_other.message
    assert isinstance(after_close, Conflict) and "closed on" in after_close.message
    assert isinstance(r2, DonationOutcome) and r2.created is True
    assert r2_again == (r2[0], False, None)  # (not a 409 for its own key)
    rows = await db.fetch(
        "SELECT id, receipt_no, recorded_after_close, xmin::text AS tx FROM donations WHERE campaign_id = $1"
        " ORDER BY receipt_no",
        cid,
    )
    assert [(r["id"], r["receipt_no"]) for r in rows] == [(first[0], 1), (ref[0], 2), (r2[0], 3)]
    assert all(r["recorded_after_close"] for r in rows) and len({r["tx"] for r in rows}) == 1
    keys = {r["key"]: r["resource_id"] for r in await db.fetch("SELECT key, resource_id FROM idempotency_keys")}
    assert keys[k1.key] == first[0] and keys[k2.key] == ref[0] and k3.key not in keys
    ledger = await db.fetchrow("SELECT last_receipt_no, cash_received_vnd FROM ledgers WHERE campaign_id = $1", cid)
    assert (ledger["last_receipt_no"], ledger["cash_received_vnd"]) == (3, 800)
    async with pool.acquire() as conn:  # a new donation is answered from what was written, as a read shows it
        for made in (first, ref):
            assert made.view == await get_donation(conn, made.donation_id)


async def test_a_database_error_in_a_batch_fails_only_its_item(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    intake = GroupCommit[PreparedDonation, Any](
        lambda: pool, "/donations", lambda pool, items: commit_donations(pool, "/donations", POLICY, items)
    )
    async with pool.acquire() as conn:
        good = [await prepare_donation(conn, POLICY, cid, _cmd(1_000 + i), None) for i in range(3)]
        bad = await prepare_donation(conn, POLICY, cid, _cmd(9, description="nul \x00 byte"), None)
    items = [good[0], bad, good[1], good[2]]
    assert all(isinstance(i, PreparedDonation) for i in items)
    outcomes = await asyncio.gather(*(intake.submit(cid, i) for i in items), return_exceptions=True)
    assert isinstance(outcomes[1], asyncpg.PostgresError)
    assert [o[:2] for n, o in enumerate(outcomes) if n != 1] == [(i.donation_id, True) for i in good]  # type: ignore[index, union-attr]
    assert (intake.batches, intake.items) == (3, 3)  # the batch of 4 failed; each retried alone
    assert await _receipts(db, cid) == [1, 2, 3]


async def test_a_batch_numbered_from_a_stale_receipt_counter_writes_nothing(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    async with pool.acquire() as conn:
        one = await prepare_donation(conn, POLICY, cid, _cmd(5_000), None)
        two = await prepare_donation(conn, POLICY, cid, _cmd(6_000), None)
    assert isinstance(one, PreparedDonation) and isinstance(two, PreparedDonation)
    async with UnitOfWork(pool, "/donations") as uow:
        await record_donations(uow, POLICY, [one])
        await uow.commit()
    async with UnitOfWork(pool, "/donations") as uow:  # numbers taken after 0, but the counter is at 1
        with pytest.raises(RuntimeError, match="receipt counter"):
            await DonationRepository(uow.conn).insert_numbered(cid, 0, [_donation_row(two, 1, False)])
    ledger = await db.fetchrow("SELECT last_receipt_no, cash_received_vnd FROM ledgers WHERE campaign_id = $1", cid)
    assert (ledger["last_receipt_no"], ledger["cash_received_vnd"]) == (1, 5_000)
    assert await _receipts(db, cid) == [1]


async def test_a_donation_still_queued_when_its_requests_bound_runs_out_is_withdrawn_with_a_503(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    started, release = asyncio.Event(), asyncio.Event()
    batches: list[int] = []

    async def commit(pool: asyncpg.Pool, items: Sequence[PreparedDonation]) -> list[Any]:
        batches.append(len(items))
        started.set()
        if len(batches) == 1:
            await release.wait()  # the first batch is slow: what queues behind it waits
        return await commit_donations(pool, "/donations", POLICY, items)

    intake = GroupCommit[PreparedDonation, Any](lambda: pool, "/donations", commit)
    async with pool.acquire() as conn:
        first, second = [await prepare_donation(conn, POLICY, cid, _cmd(1_000 + i), None) for i in range(2)]
    assert isinstance(first, PreparedDonation) and isinstance(second, PreparedDonation)
    with acquire_bound(0.05):  # as in a request
        taken = asyncio.create_task(intake.submit(cid, first))
        await started.wait()  # the first batch has taken its item
        with pytest.raises(Busy) as busy:
            await intake.submit(cid, second)
    assert busy.value.status == 503 and "not recorded" in busy.value.message
    release.set()
    assert (await taken)[:2] == (first.donation_id, True)  # taken by a batch: committed, whatever the wait
    assert batches == [1]  # the withdrawn item never reached a batch
    assert [r["id"] for r in await db.fetch("SELECT id FROM donations WHERE campaign_id = $1", cid)] == [
        first.donation_id
    ]


# ---------------------------------------------------------------- the batch in one statement (migration 0008)


Plan = Sequence[tuple[RecordDonation, Idempotency | None]]


async def _prepare(pool: asyncpg.Pool, cid: uuid.UUID, plan: Plan) -> list[PreparedDonation]:
    async with pool.acquire() as conn:
        prepared = [await prepare_donation(conn, POLICY, cid, cmd, idem) for cmd, idem in plan]
    assert all(isinstance(p, PreparedDonation) for p in prepared)
    return [p for p in prepared if isinstance(p, PreparedDonation)]


async def _recorded_events(db: asyncpg.Connection, cid: uuid.UUID) -> dict[str, int]:
    """The campaign's DonationRecorded events in the outbox: donation id -> receipt number (each decodes)."""
    rows = await db.fetch(
        "SELECT headers, payload FROM outbox WHERE key = $1 AND event_type = 'donations.donation.recorded.v1'"
        " ORDER BY id",
        str(cid),
    )
    out: dict[str, int] = {}
    for r in rows:
        headers = r["headers"] if isinstance(r["headers"], dict) else json.loads(r["headers"])
        event = decode(headers, r["payload"].encode(), {DonationRecorded.event_type: DonationRecorded}).data
        assert isinstance(event, DonationRecorded)
        out[str(event.donation_id)] = event.receipt_no
    return out


async def test_a_batch_in_one_statement_decides_repeats_and_refusals_within_it(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    k1, k2, k3, k4 = (Idempotency(f"one-{cid}-{n}", f"h{n}") for n in range(1, 5))
    items = await _prepare(
        pool,
        cid,
        [
            (_cmd(100), k1),
            (_cmd(100), k1),  # the same request again in the batch: the same donation
            (_cmd(101), Idempotency(k1.key, "other")),  # the same key for another request: 422
            (_cmd(200, bank_reference="R1"), None),
            (_cmd(200, bank_reference="R1"), k2),  # the same transfer again, another key: the first donation
            (_cmd(300, bank_reference="R1"), k3),  # the same reference, another amount: 409
            (_cmd(400, bank_reference="R2"), k4),
            (_cmd(400, bank_reference="R2"), k4),  # a retry of a transfer with its key: the same donation
        ],
    )
    async with pool.acquire() as conn:  # no transaction: the statement commits by itself
        outcomes = await record_donations_at_once(conn, "/donations", POLICY, items)
        assert not conn.is_in_transaction()
    assert outcomes is not None
    first, again, other, ref, ref_again, ref_other, r2, r2_again = outcomes
    assert isinstance(first, DonationOutcome) and first.created is True
    assert again == (first[0], False, None)
    assert isinstance(other, Invalid) and "already used for a different request" in other.message
    assert isinstance(ref, DonationOutcome) and ref.created is True
    assert ref_again == (ref[0], False, None)
    assert isinstance(ref_other, Conflict) and "already recorded" in ref_other.message
    assert isinstance(r2, DonationOutcome) and r2.created is True
    assert r2_again == (r2[0], False, None)
    rows = await db.fetch(
        "SELECT id, receipt_no, xmin::text AS tx FROM donations WHERE campaign_id = $1 ORDER BY receipt_no", cid
    )
    assert [(r["id"], r["receipt_no"]) for r in rows] == [(first[0], 1), (ref[0], 2), (r2[0], 3)]
    assert len({r["tx"] for r in rows}) == 1  # one transaction
    keys = {r["key"]: r["resource_id"] for r in await db.fetch("SELECT key, resource_id FROM idempotency_keys")}
    assert (keys[k1.key], keys[k2.key], keys[k4.key]) == (first[0], ref[0], r2[0]) and k3.key not in keys
    ledger = await db.fetchrow("SELECT last_receipt_no, cash_received_vnd FROM ledgers WHERE campaign_id = $1", cid)
    assert (ledger["last_receipt_no"], ledger["cash_received_vnd"]) == (3, 700)
    assert await _recorded_events(db, cid) == {str(first[0]): 1, str(ref[0]): 2, str(r2[0]): 3}
    async with pool.acquire() as conn:  # answered from what was written, as a read shows it
        for made in (first, ref, r2):
            assert made.view == await get_donation(conn, made.donation_id)


async def test_a_key_or_reference_recorded_after_preparation_sends_the_batch_under_the_lock(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    key = Idempotency(f"late-{cid}", "h")
    plan = [
        (_cmd(1_000), key),  # its retry commits first (below)
        (_cmd(2_000, bank_reference="T1"), Idempotency(f"t1-{cid}", "h")),  # forwarded twice: the other first
        (_cmd(3_000, bank_reference="T2"), None),  # its reference then recorded with another amount: 409
        (_cmd(4_000), None),
    ]
    items = await _prepare(pool, cid, plan)
    earlier = await _prepare(
        pool,
        cid,
        [(_cmd(1_000), key), (_cmd(2_000, bank_reference="T1"), None), (_cmd(3_500, bank_reference="T2"), None)],
    )
    async with pool.acquire() as conn:
        done = await record_donations_at_once(conn, "/donations", POLICY, earlier)
        assert done is not None and all(isinstance(o, DonationOutcome) and o.created for o in done)
        assert await record_donations_at_once(conn, "/donations", POLICY, items) is None  # unique violation
    assert await _receipts(db, cid) == [1, 2, 3]  # nothing written by the refused statement
    assert await db.fetchval("SELECT last_receipt_no FROM ledgers WHERE campaign_id = $1", cid) == 3
    retried, forwarded, other_amount, fresh = await commit_donations(pool, "/donations", POLICY, items)
    assert retried == (done[0][0], False, None)
    assert forwarded == (done[1][0], False, None)
    assert isinstance(other_amount, Conflict) and "already recorded" in other_amount.message
    assert isinstance(fresh, DonationOutcome) and fresh.created and fresh.view is not None
    assert fresh.view["receipt_no"] == 4 and await _receipts(db, cid) == [1, 2, 3, 4]


async def test_a_ledger_changed_since_preparation_makes_the_statement_write_nothing(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    items = await _prepare(
        pool,
        cid,
        [(_cmd(100), None), (RecordDonation(kind="cash", received_on=TODAY, amount_vnd=400), None)],
    )
    await db.execute(
        "UPDATE ledgers SET status = 'closed', closed_on = $2 WHERE campaign_id = $1", cid, TODAY - timedelta(days=1)
    )
    async with pool.acquire() as conn:
        assert await record_donations_at_once(conn, "/donations", POLICY, items) is None
    assert await _receipts(db, cid) == []
    assert await _recorded_events(db, cid) == {}
    before_close, after_close = await commit_donations(pool, "/donations", POLICY, items)  # decided again
    assert isinstance(before_close, DonationOutcome) and before_close.view is not None
    assert before_close.view["recorded_after_close"] is True
    assert isinstance(after_close, Conflict) and "closed on" in after_close.message
    assert await _receipts(db, cid) == [1]


async def test_concurrent_one_statement_batches_from_two_replicas_keep_receipts_gapless(
    campaigns: Campaigns, pool: asyncpg.Pool, dn_dsn: str, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    other_pool = await create_pool(dn_dsn, 1, 4)  # another replica's pool
    fast: list[int] = []

    def replica(p: asyncpg.Pool) -> GroupCommit[PreparedDonation, Any]:
        async def commit(pool: asyncpg.Pool, items: Sequence[PreparedDonation]) -> list[Any]:
            async with pool.acquire() as conn:
                outcomes = await record_donations_at_once(conn, "/donations", POLICY, items)
            assert outcomes is not None  # distinct keys and references: never sent under the lock
            fast.append(len(items))
            return outcomes

        return GroupCommit[PreparedDonation, Any](lambda: p, "/donations", commit, max_batch=25)

    try:
        a, b = replica(pool), replica(other_pool)
        plan = [
            (_cmd(1_000 + i, bank_reference=f"C-{i}" if i % 3 == 0 else None), Idempotency(f"c-{cid}-{i}", "h"))
            for i in range(300)
        ]
        items = await _prepare(pool, cid, plan)
        outcomes = await asyncio.gather(*((a if n % 2 else b).submit(cid, it) for n, it in enumerate(items)))
    finally:
        await other_pool.close()
    assert sum(fast) == 300 and len(fast) < 300  # batched, each batch in one statement
    assert all(isinstance(o, DonationOutcome) and o.created for o in outcomes)
    assert await _receipts(db, cid) == list(range(1, 301))
    numbers = {str(o.donation_id): o.view["receipt_no"] for o in outcomes}
    assert await _recorded_events(db, cid) == numbers  # each event carries its donation's number
    ledger = await db.fetchrow("SELECT last_receipt_no, cash_received_vnd FROM ledgers WHERE campaign_id = $1", cid)
    assert (ledger["last_receipt_no"], ledger["cash_received_vnd"]) == (300, sum(1_000 + i for i in range(300)))


async def test_a_batch_with_a_blood_donation_is_decided_under_the_lock(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    number = f"07{uuid.uuid4().int % 10**10:010d}"
    donor = DonorInput(type="individual", name="Lê Văn Cường", id_number=number, birth_date=date(1990, 5, 1))
    blood = RecordDonation(kind="blood", received_on=TODAY, donor=donor, blood_units=1, blood_kind="whole_blood")
    again = RecordDonation(kind="blood", received_on=TODAY, donor=donor, blood_units=1, blood_kind="whole_blood")
    items = await _prepare(pool, cid, [(_cmd(100), None), (blood, None), (again, None)])
    async with pool.acquire() as conn:  # eligibility is read under the lock: never in one statement
        assert await record_donations_at_once(conn, "/donations", POLICY, items) is None
    assert await _receipts(db, cid) == []
    cash_gift, first, second = await commit_donations(pool, "/donations", POLICY, items)
    assert isinstance(cash_gift, DonationOutcome) and isinstance(first, DonationOutcome) and first.created
    assert isinstance(second, Conflict)  # the same donor twice on one day: the batch's first counts
    assert await _receipts(db, cid) == [1, 2]


def _named(amount: int, name: str, consent: bool = True, **extra: Any) -> RecordDonation:
    donor = DonorInput(type="individual", name=name, phone="0912345678", consent_to_be_named=consent)
    return _cmd(amount, donor=donor, **extra)


async def test_a_named_donors_gift_is_prepared_in_one_round_trip_that_writes_the_donor(
    campaigns: Campaigns, dn_dsn: str, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    hints = LedgerHints()
    queries: list[str] = []
    conn = await asyncpg.connect(dn_dsn, server_settings={"synchronous_commit": "on"})
    try:
        first = await prepare_donation(conn, POLICY, cid, _named(1_000, "Trần Văn Một"), None, hints)
        assert isinstance(first, PreparedDonation) and first.donor_id is not None  # no hint yet: two round trips
        assert hints.get(cid) == first.ledger
        conn.add_query_logger(lambda q: queries.append(q.query))
        second = await prepare_donation(conn, POLICY, cid, _named(2_000, "Lê Thị Hai"), None, hints)
        again = await prepare_donation(conn, POLICY, cid, _named(3_000, "lê thị hai", consent=False), None, hints)
        await asyncio.sleep(0)  # (the logger is called soon after each query)
        assert len(queries) == 2  # one statement each: the intake wrote the donor
        assert await conn.fetchval("SHOW synchronous_commit") == "on"  # (only the intake's own commit was not)
    finally:
        await conn.close()
    assert isinstance(second, PreparedDonation) and isinstance(again, PreparedDonation)
    assert second.donor_id is not None and again.donor_id == second.donor_id  # the same donor, found again
    assert (second.publicly_named, again.publicly_named) == (True, False)
    donor = await db.fetchrow("SELECT * FROM donors WHERE id = $1", second.donor_id)
    # the later gift without consent is not named, and does not take the name off the earlier one
    assert (donor["name"], donor["phone"], donor["consent_to_be_named"]) == ("Lê Thị Hai", "0912345678", True)


async def test_a_stale_ledger_hint_lets_no_donor_be_written_for_a_refused_gift(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    hints = LedgerHints()
    async with pool.acquire() as conn:
        await prepare_donation(conn, POLICY, cid, _named(1_000, "Phạm Văn Ba"), None, hints)
        hinted = hints.get(cid)
        assert hinted is not None and hinted.status == "launched"
        await db.execute(  # closed before the gift's date, and the hint does not know it
            "UPDATE ledgers SET status = 'closed', closed_on = $2 WHERE campaign_id = $1",
            cid,
            TODAY - timedelta(days=3),
        )
        with pytest.raises(Conflict, match="closed on"):
            await prepare_donation(conn, POLICY, cid, _named(2_000, "Đỗ Thị Bốn"), None, hints)
    assert await db.fetchval("SELECT count(*) FROM donors WHERE name = 'Đỗ Thị Bốn'") == 0
    refreshed = hints.get(cid)
    assert refreshed is not None and refreshed.status == "closed"


async def test_a_hinted_gift_refused_after_the_intake_writes_no_donor(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    hints = LedgerHints()
    priceless = Item("Gạo", 10, "kg", 0)  # worth nothing: the in-kind value is refused (422)
    async with pool.acquire() as conn:
        await prepare_donation(conn, POLICY, cid, _named(1_000, "Hoàng Văn Sáu"), None, hints)  # the hint
        assert hints.get(cid) is not None
        donor = DonorInput(type="organisation", name="Công ty Bảy", phone="0281234567", consent_to_be_named=True)
        gift = RecordDonation(kind="in_kind", received_on=TODAY, donor=donor, items=[priceless], channel="in_kind")
        with pytest.raises(Invalid, match="assessed value"):
            await prepare_donation(conn, POLICY, cid, gift, None, hints)
    assert await db.fetchval("SELECT count(*) FROM donors WHERE name = 'Công ty Bảy'") == 0


async def test_a_resubmitted_named_gift_writes_nothing_to_its_donor(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    hints = LedgerHints()
    key, ref_only = Idempotency(f"named-{cid}", "h"), _named(7_000, "Vũ Văn Năm", bank_reference=f"FT-{cid}")
    async with pool.acquire() as conn:
        made = await prepare_donation(conn, POLICY, cid, _named(5_000, "Vũ Văn Năm"), key, hints)
        made_ref = await prepare_donation(conn, POLICY, cid, ref_only, None, hints)
    assert isinstance(made, PreparedDonation) and isinstance(made_ref, PreparedDonation)
    done = await commit_donations(pool, "/donations", POLICY, [made, made_ref])
    assert all(isinstance(o, DonationOutcome) and o.created for o in done)
    await db.execute("UPDATE donors SET consent_to_be_named = false WHERE id = $1", made.donor_id)
    async with pool.acquire() as conn:
        replay = await prepare_donation(conn, POLICY, cid, _named(5_000, "Vũ Văn Năm"), key, hints)
        forwarded = await prepare_donation(conn, POLICY, cid, ref_only, None, hints)  # the same transfer again
    assert (replay, forwarded) == (made.donation_id, made_ref.donation_id)
    assert await db.fetchval("SELECT consent_to_be_named FROM donors WHERE id = $1", made.donor_id) is False


async def test_a_donation_whose_request_spent_its_bound_before_queueing_is_refused_at_once(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    batches: list[int] = []

    async def commit(pool: asyncpg.Pool, items: Sequence[PreparedDonation]) -> list[Any]:
        batches.append(len(items))
        return await commit_donations(pool, "/donations", POLICY, items)

    intake = GroupCommit[PreparedDonation, Any](lambda: pool, "/donations", commit)
    async with pool.acquire() as conn:
        late, fresh = [await prepare_donation(conn, POLICY, cid, _cmd(1_000 + i), None) for i in range(2)]
    assert isinstance(late, PreparedDonation) and isinstance(fresh, PreparedDonation)
    with acquire_bound(60):  # as in a request whose waits (pool, statements) already took 61 s of it
        with pytest.raises(Busy) as busy:
            await intake.submit(cid, late, time.monotonic() - 61)
        assert busy.value.status == 503 and "not recorded" in busy.value.message
        assert batches == []  # never queued, though the queue was free
        made = await intake.submit(cid, fresh, time.monotonic())  # a request within its bound: committed
    assert made[:2] == (fresh.donation_id, True) and batches == [1]
    assert [r["id"] for r in await db.fetch("SELECT id FROM donations WHERE campaign_id = $1", cid)] == [
        fresh.donation_id
    ]


# ---------------------------------------------------------------- decided against the hint (migration 0010)


async def _hinted(
    pool: asyncpg.Pool, cid: uuid.UUID, plan: Plan, hints: LedgerHints | None = None
) -> tuple[list[PreparedDonation], LedgerHints]:
    """The plan's gifts decided against the campaign's ledger hint (taken by one intake first), no round trip."""
    hints = hints or LedgerHints()
    if hints.get(cid) is None:
        async with pool.acquire() as conn:
            await prepare_donation(conn, POLICY, cid, _cmd(1), None, hints)
    prepared = [prepare_hinted(POLICY, cid, cmd, idem, hints) for cmd, idem in plan]
    assert all(isinstance(p, PreparedDonation) and not p.checked and p.donor_id is None for p in prepared)
    return [p for p in prepared if p is not None], hints


async def test_gifts_decided_against_the_hint_are_read_and_their_donors_written_by_their_batch_in_one_round_trip(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    k0, k1, k5 = (Idempotency(f"h-{cid}-{n}", f"h{n}") for n in (0, 1, 5))
    earlier = await _prepare(pool, cid, [(_cmd(900, bank_reference="R0"), k0)])
    (recorded,) = await commit_donations(pool, "/donations", POLICY, earlier)
    assert isinstance(recorded, DonationOutcome) and recorded.created
    items, _ = await _hinted(
        pool,
        cid,
        [
            (_named(1_000, "Mai Văn Mười"), k1),
            (_named(1_000, "Mai Văn Mười"), k1),  # the same request again in the batch: the same donation
            (_named(1_001, "Mai Văn Mười"), Idempotency(k1.key, "other")),  # the key for another request: 422
            (_cmd(900, bank_reference="R0"), k0),  # a resubmission of the recorded gift
            (_cmd(900, bank_reference="R0"), k5),  # the recorded transfer forwarded again: its donation
            (_named(950, "Người Bị Từ Chối", bank_reference="R0"), None),  # the reference, another amount: 409
            (_cmd(3_000), None),  # anonymous
            (_named(4_000, "mai văn mười", consent=False), None),  # the same donor, found again
        ],
    )
    queries: list[str] = []

    def logged(q: Any) -> None:
        queries.append(q.query)

    async with pool.acquire() as conn:
        conn.add_query_logger(logged)
        try:
            resolved = await intake_batch(conn, items)
            outcomes = await record_donations_at_once(conn, "/donations", POLICY, resolved)
            await asyncio.sleep(0)  # (the logger is called soon after each query)
        finally:
            conn.remove_query_logger(logged)
    assert len(queries) == 2  # the batch's intake and its statement: no round trip of each gift's own
    assert outcomes is not None
    first, again, other, replay, forwarded, refused, anonymous, found = outcomes
    assert isinstance(first, DonationOutcome) and first.created
    assert again == (first.donation_id, False, None)
    assert isinstance(other, Invalid) and "already used for a different request" in other.message
    assert replay == forwarded == (recorded.donation_id, False, None)
    assert isinstance(refused, Conflict) and "already recorded" in refused.message
    assert isinstance(anonymous, DonationOutcome) and anonymous.created and anonymous.view is not None
    assert anonymous.view["donor_id"] is None and anonymous.view["donor_type"] == "anonymous"
    assert isinstance(found, DonationOutcome) and found.created and found.view is not None
    assert first.view is not None and first.view["donor_id"] is not None
    assert found.view["donor_id"] == first.view["donor_id"] and found.view["publicly_named"] is False
    assert await _receipts(db, cid) == [1, 2, 3, 4]
    assert await db.fetchval("SELECT count(*) FROM donors WHERE name = 'Người Bị Từ Chối'") == 0
    keys = {r["key"]: r["resource_id"] for r in await db.fetch("SELECT key, resource_id FROM idempotency_keys")}
    assert (keys[k1.key], keys[k5.key]) == (first.donation_id, recorded.donation_id)
    donor = await db.fetchrow("SELECT * FROM donors WHERE id = $1", first.view["donor_id"])
    # found again, the last gift's "no consent" does not take the consent of the first (migration 0019)
    assert (donor["name"], donor["consent_to_be_named"]) == ("Mai Văn Mười", True)
    async with pool.acquire() as conn:
        for made in (first, anonymous, found):
            assert made.view == await get_donation(conn, made.donation_id)


async def test_a_stale_hint_sends_the_batch_under_the_lock_and_writes_no_donor_for_a_refused_gift(
    campaigns: Campaigns, pool: asyncpg.Pool, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    hints = LedgerHints()
    before_close = _named(1_000, "Trước Khi Đóng")  # received two days ago
    after_close = RecordDonation(
        kind="cash", received_on=TODAY, amount_vnd=2_000, donor=_named(0, "Sau Khi Đóng").donor
    )
    items, _ = await _hinted(pool, cid, [(before_close, None), (after_close, None)], hints)
    await db.execute(  # closed yesterday, and the hint does not know it
        "UPDATE ledgers SET status = 'closed', closed_on = $2 WHERE campaign_id = $1", cid, TODAY - timedelta(days=1)
    )
    accepted, refused = await commit_donations(pool, "/donations", POLICY, items, hints)
    assert isinstance(accepted, DonationOutcome) and accepted.created and accepted.view is not None
    assert accepted.view["recorded_after_close"] is True and accepted.view["donor_id"] is not None
    assert isinstance(refused, Conflict) and "closed on" in refused.message
    assert await db.fetchval("SELECT count(*) FROM donors WHERE name = 'Trước Khi Đóng'") == 1
    assert await db.fetchval("SELECT count(*) FROM donors WHERE name = 'Sau Khi Đóng'") == 0
    refreshed = hints.get(cid)  # the lock's read refreshed the hint: the next gift is decided against it
    assert refreshed is not None and refreshed.status == "closed"
    assert prepare_hinted(POLICY, cid, after_close, None, hints) is None


async def test_posts_decided_against_the_hint_are_read_in_batches_before_their_batches_commit(
    campaigns: Campaigns, client: httpx.AsyncClient, dn_app: Any, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    url = f"/campaigns/{cid}/donations"
    assert (await client.post(url, json=cash(1_000), headers={"Idempotency-Key": f"first-{cid}"})).status_code == 201
    reads: GroupCommit[PreparedDonation, PreparedDonation] = dn_app.state.donation_intake_reads
    before = reads.items
    named = {"type": "individual", "name": "Tô Văn Mười Hai", "phone": "0911222333", "consent_to_be_named": True}
    sends = [(f"p-{cid}-{i}", cash(2_000 + i, donor=named) if i % 2 else cash(2_000 + i)) for i in range(30)]
    sends.append(sends[0])  # a client's retry: the same donation
    rs = await asyncio.gather(*(client.post(url, json=b, headers={"Idempotency-Key": k}) for k, b in sends))
    assert sorted(r.status_code for r in rs) == [200] + [201] * 30 and rs[-1].json()["id"] == rs[0].json()["id"]
    assert reads.items - before == 31  # each read by its batch's intake (the first gift took its own: the hint)
    assert await _receipts(db, cid) == list(range(1, 32))
    donors = {r.json()["donor_id"] for r in rs[1:30:2]}
    assert len(donors) == 1 and None not in donors  # one donor, found again by each named gift


def _launched(cid: uuid.UUID, code: str) -> Ledger:
    """The ledger of a campaign under way, receiving for ten days either side of today."""
    return Ledger(
        campaign_id=cid,
        code=code,
        status="launched",
        organising_unit_id=uuid.uuid4(),
        participating_unit_ids=[],
        receiving_from=TODAY - timedelta(days=10),
        receiving_until=TODAY + timedelta(days=10),
        distribution_deadline=None,
        closed_on=None,
        settled_on=None,
    )


def test_only_a_gift_the_ledger_alone_decides_is_decided_against_the_hint() -> None:
    cid = uuid.uuid4()
    hints = LedgerHints()
    assert prepare_hinted(POLICY, cid, _cmd(1_000), None, hints) is None  # no hint yet
    hints.put(_launched(cid, "H"))
    decided = prepare_hinted(POLICY, cid, _named(1_000, "Lâm Văn Một"), None, hints)
    assert decided is not None and decided.new_donor is not None and decided.donor_type == "individual"
    unit = uuid.uuid4()
    cited = DonorInput(type="individual", id=uuid.uuid4())
    blood_donor = DonorInput(type="individual", name="Máu", id_number="079000000001", birth_date=date(1990, 1, 1))
    for more_to_read in (
        _cmd(1_000, unit_id=unit),
        _cmd(1_000, credited_unit_id=unit),
        _cmd(1_000, pledge_id=uuid.uuid4()),
        _cmd(1_000, donor=cited),
        RecordDonation(kind="blood", received_on=TODAY, donor=blood_donor, blood_units=1, blood_kind="whole_blood"),
        RecordDonation(kind="cash", received_on=TODAY + timedelta(days=11), amount_vnd=1),  # the hint refuses it
        RecordDonation(kind="in_kind", received_on=TODAY, items=[Item("Gạo", 1, "kg", 0)], channel="in_kind"),
    ):
        assert prepare_hinted(POLICY, cid, more_to_read, None, hints) is None


def test_the_same_donor_is_found_or_created_in_one_lane_whatever_the_turn() -> None:
    """Two lanes finding or creating one donor at once would each miss the other's uncommitted row and
    create the donor twice (what the concurrent POSTs above caught, at random)."""
    cid = uuid.uuid4()
    hints = LedgerHints()
    hints.put(_launched(cid, "L"))
    muoi = prepare_hinted(POLICY, cid, _named(1_000, "Tô Văn Mười"), None, hints)
    again = prepare_hinted(POLICY, cid, _named(2_000, "TÔ VĂN MƯỜI", consent=False), None, hints)
    anonymous = prepare_hinted(POLICY, cid, _cmd(3_000), None, hints)
    assert muoi is not None and again is not None and anonymous is not None
    assert {intake_lane(muoi, t) for t in range(2 * INTAKE_LANES)} == {intake_lane(again, 0)}
    assert {intake_lane(anonymous, t) for t in range(2 * INTAKE_LANES)} == set(range(INTAKE_LANES))


async def test_a_donor_is_looked_up_through_an_index_even_by_a_generic_plan(db: asyncpg.Connection) -> None:
    repo = DonationRepository(db)
    tx = db.transaction()
    await tx.start()
    try:  # a function's plan, or a prepared statement's after a few calls, knows no parameter value
        await db.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        await db.execute("SET LOCAL enable_seqscan = off")  # (a scan only where no index can serve)
        seq_scans = "SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_xact_user_tables WHERE relname = 'donors'"
        before = await db.fetchval(seq_scans)  # (a backend's counts not yet flushed from earlier transactions)
        by_phone = [await repo.upsert_donor("individual", "Ngô Văn Tám", "0987654321", None, None, True) for _ in "ab"]
        by_id = [
            await repo.upsert_donor("organisation", "Công ty Chín", None, "0312345678", None, n) for n in (True, False)
        ]
        assert len(set(by_phone)) == 1 and len(set(by_id)) == 1  # found again: the same donor
        assert await db.fetchval(seq_scans) - before == 0  # not a scan of every donor per gift
    finally:
        await tx.rollback()


async def test_posts_waiting_for_their_batch_are_admitted_beyond_the_in_flight_bound_up_to_their_own(
    campaigns: Campaigns, infra: Any, dn_dsn: str, dn_namespace: str, db: asyncpg.Connection
) -> None:
    """A POST waiting for its batch holds no pool connection: it leaves the in-flight bound (sized for the
    pool) for the budget of such waits, so a burst the batches absorb is not refused (503) at the bound."""
    cid, _ = await campaigns.launch()
    settings = make_settings(infra, dn_dsn, dn_namespace, http_max_in_flight=4, http_max_waiting=8)
    app = build_app(settings, relay=False, consumers=False)

    def gauge(name: str) -> float:
        return REGISTRY.get_sample_value(name, {"service": settings.service_name}) or 0.0

    url = f"/campaigns/{cid}/donations"
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://donations") as c,
    ):
        assert (await c.post(url, json=cash(500), headers={"Idempotency-Key": f"w-{cid}"})).status_code == 201
        async with db.transaction():  # the ledger row locked: the batches wait for it, none can finish
            await db.execute("SELECT 1 FROM ledgers WHERE campaign_id = $1 FOR UPDATE", cid)
            sent = [
                asyncio.create_task(c.post(url, json=cash(1_000 + i), headers={"Idempotency-Key": f"w-{cid}-{i}"}))
                for i in range(12)
            ]

            async def parked() -> bool:  # eight wait for their batch, four in flight (or one was answered)
                waits = (gauge("rc_http_requests_waiting"), gauge("rc_http_requests_in_flight"))
                return any(t.done() for t in sent) or waits == (8, 4)

            await eventually(parked, what="twelve POSTs waiting for their batches")
            assert not any(t.done() for t in sent)  # (the old code refused 8 of them at once: 4 in flight)
            refused = await c.post(url, json=cash(9_999))  # both the budget of waits and the bound are full
            assert refused.status_code == 503 and "4 requests in flight" in refused.json()["message"]
        rs = await asyncio.gather(*sent)
    assert [r.status_code for r in rs] == [201] * 12
    assert await _receipts(db, cid) == list(range(1, 14))
