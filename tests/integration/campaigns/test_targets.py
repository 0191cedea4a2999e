"""Progress from the donations ledger and CampaignTargetReached exactly once per (campaign, target),
through duplicates, redelivery, reversals and restarts, against the real broker and database."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer

from rc_campaigns.adapters.campaigns_repo import CampaignRepository
from rc_campaigns.domain.campaigns import Holdings
from rc_campaigns.domain.progress import Totals
from rc_campaigns.entrypoints.app import MIGRATIONS
from rc_campaigns.service_layer import ledger
from rc_shared.db import connect, migrate
from rc_shared.envelope import Envelope, headers_dict
from rc_shared.events.donations import (
    DistributionRecorded,
    DistributionReversed,
    DonationRecorded,
    DonationReversed,
    LedgerOpened,
)
from tests.integration.campaigns.conftest import running, settings_for
from tests.integration.campaigns.helpers import launched_campaign
from tests.integration.shared.helpers import committed_offsets, eventually, read_topic

pytestmark = pytest.mark.integration

UNIT = uuid.uuid4()
REACHED = "campaigns.campaign.target_reached.v1"


def donation(campaign_id: uuid.UUID, kind: str = "cash", amount: int = 0, value: int = 0, **kw: Any) -> Envelope:
    event = DonationRecorded(
        campaign_id=campaign_id,
        donation_id=kw.pop("donation_id", uuid.uuid4()),
        kind=kind,
        amount_vnd=amount,
        value_vnd=value,
        donor_type="individual",
        unit_id=UNIT,
        channel="bank",
        received_on=date(2025, 1, 10),
        receipt_no=1,
        **kw,
    )
    return Envelope(data=event, source="/donations")


def distribution(campaign_id: uuid.UUID, beneficiary_id: uuid.UUID, amount: int) -> Envelope:
    event = DistributionRecorded(
        campaign_id=campaign_id,
        distribution_id=uuid.uuid4(),
        beneficiary_id=beneficiary_id,
        kind="cash",
        amount_vnd=amount,
        unit_id=UNIT,
        distributed_on=date(2025, 2, 1),
    )
    return Envelope(data=event, source="/donations")


def reversal(d: Envelope) -> Envelope:
    assert isinstance(d.data, DonationRecorded)
    event = DonationReversed(
        campaign_id=d.data.campaign_id,
        reversal_id=uuid.uuid4(),
        donation_id=d.data.donation_id,
        kind=d.data.kind,
        amount_vnd=d.data.amount_vnd,
        value_vnd=d.data.value_vnd,
        unit_id=UNIT,
        reason="bounced transfer",
        reversed_on=date(2025, 1, 20),
    )
    return Envelope(data=event, source="/donations")


async def _send(producer: AIOKafkaProducer, topic: str, envelopes: list[Envelope]) -> None:
    for e in envelopes:
        await producer.send_and_wait(topic, value=e.value(), key=e.key(), headers=e.headers())


async def _fetchval(dsn: str, sql: str, *args: Any) -> Any:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


async def test_each_target_is_reached_exactly_once_through_duplicates_reversals_and_restarts(
    infra: Any, fresh_dsn: str, namespace: str, producer: AIOKafkaProducer
) -> None:
    ledger_topic = namespace + "donations.ledger"
    settings = settings_for(infra, fresh_dsn, namespace)
    b1, b2 = uuid.uuid4(), uuid.uuid4()

    async def processed() -> int:
        return int(await _fetchval(fresh_dsn, "SELECT count(*) FROM processed_events"))

    # batch 1: the in-kind target is crossed; every envelope is delivered twice
    async with running(settings) as client:
        c = await launched_campaign(
            client, targets={"cash_vnd": 1_000_000, "in_kind_value_vnd": 500_000, "beneficiaries": 2}
        )
        cid = uuid.UUID(c["id"])
        d_cash_1 = donation(cid, amount=600_000)
        d_goods = donation(cid, "in_kind", value=500_000)
        batch1 = [
            Envelope(
                LedgerOpened(campaign_id=cid, organising_unit_id=UNIT, receiving_until=date(2025, 3, 31)),
                source="/donations",
            ),
            d_cash_1,
            d_goods,
        ]
        await _send(producer, ledger_topic, batch1 + batch1)

        async def batch1_done() -> bool:
            return await processed() == 2  # LedgerOpened is ignored, not processed

        await eventually(batch1_done, what="batch 1 applied")

    # batch 2, sent while the service is down: cash crosses its target, then a reversal drops it
    # below and another gift lifts it again (no second event); two beneficiaries reached
    d_cash_2 = donation(cid, amount=400_000)
    same_gift_new_event_id = Envelope(data=d_cash_2.data, source="/donations")  # a re-sent donation
    d_cash_3 = donation(cid, amount=300_000)
    batch2 = [
        d_cash_2,
        same_gift_new_event_id,
        d_cash_1,  # redelivered from batch 1
        reversal(d_cash_2),
        d_cash_3,
        donation(cid, amount=200_000),
        distribution(cid, b1, 100_000),
        distribution(cid, b2, 100_000),
        distribution(cid, b2, 50_000),  # the same beneficiary twice: still 2 reached
    ]
    await _send(producer, ledger_topic, batch2)

    async with running(settings) as client:

        async def batch2_done() -> bool:
            return await processed() == 2 + 8

        await eventually(batch2_done, what="batch 2 applied after the restart")
        # a third restart-free wave: everything delivered again changes nothing
        await _send(producer, ledger_topic, batch1 + batch2)

        async def all_consumed() -> bool:
            offs = await committed_offsets(infra.kafka_bootstrap, namespace + "campaigns.ledger", ledger_topic)
            return sum(o or 0 for o in offs.values()) == 2 * len(batch1) + 2 * len(batch2) + len(batch1)

        await eventually(all_consumed, what="offsets past every redelivery")
        got = (await client.get(f"/campaigns/{cid}")).json()
        records = await read_topic(infra.kafka_bootstrap, namespace + "campaigns.campaigns", expect=4)

    progress = got["progress"]
    # cash: 600k + 400k (once) - 400k reversed + 300k + 200k
    assert progress["cash_vnd"]["raised"] == 1_100_000
    assert progress["in_kind_value_vnd"]["raised"] == 500_000
    assert progress["beneficiaries"]["raised"] == 2
    assert progress["in_kind_value_vnd"]["percent"] == 100.0
    assert all(progress[k]["target_reached_at"] is not None for k in ("cash_vnd", "in_kind_value_vnd", "beneficiaries"))
    assert progress["blood_units"]["target_reached_at"] is None

    reached_on_topic = [json.loads(r.value) for r in records if headers_dict(r.headers)["ce_type"] == REACHED]
    assert Counter(e["target"] for e in reached_on_topic) == {"cash_vnd": 1, "in_kind_value_vnd": 1, "beneficiaries": 1}
    cash_event = next(e for e in reached_on_topic if e["target"] == "cash_vnd")
    assert (cash_event["target_value"], cash_event["reached_value"]) == (1_000_000, 1_000_000)
    conn = await asyncpg.connect(fresh_dsn)
    try:
        rows = await conn.fetch("SELECT payload FROM outbox WHERE event_type = $1", REACHED)
        reached_rows = await conn.fetch("SELECT target, event_id FROM campaign_targets_reached")
    finally:
        await conn.close()
    assert Counter(json.loads(r["payload"])["target"] for r in rows) == Counter(
        {"cash_vnd": 1, "in_kind_value_vnd": 1, "beneficiaries": 1}
    )
    assert {r["target"] for r in reached_rows} == {"cash_vnd", "in_kind_value_vnd", "beneficiaries"}
    topic_ids = {headers_dict(r.headers)["ce_id"] for r in records if headers_dict(r.headers)["ce_type"] == REACHED}
    assert topic_ids == {str(r["event_id"]) for r in reached_rows}


async def test_a_rolled_back_handler_leaves_neither_the_reached_row_nor_the_outbox_row(
    infra: Any, fresh_dsn: str
) -> None:
    """The reached-target row and the outbox row commit together or not at all."""
    await migrate(fresh_dsn, [Path(MIGRATIONS)])
    conn = await connect(fresh_dsn)
    try:
        cid = uuid.uuid4()
        await conn.execute(
            "INSERT INTO campaigns (id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until, target_cash_vnd, state) VALUES ($1, 'X', 'x', 'emergency_relief', $2,"
            " '2025-01-01', '2025-01-31', 100, 'launched')",
            cid,
            UNIT,
        )
        gift = donation(cid, amount=100)
        assert isinstance(gift.data, DonationRecorded)
        tx = conn.transaction()
        await tx.start()
        emitted = await ledger.apply(conn, gift.data, datetime.now(UTC))
        assert [e.target for e in emitted] == ["cash_vnd"]
        await tx.rollback()  # the consumer crashed before committing
        assert await conn.fetchval("SELECT count(*) FROM campaign_targets_reached") == 0
        assert await conn.fetchval("SELECT count(*) FROM outbox") == 0
        async with conn.transaction():  # redelivered
            emitted = await ledger.apply(conn, gift.data, datetime.now(UTC))
        async with conn.transaction():  # and again (a different event id for the same gift)
            again = await ledger.apply(conn, gift.data, datetime.now(UTC))
        assert [e.target for e in emitted] == ["cash_vnd"] and again == []
        assert await conn.fetchval("SELECT count(*) FROM campaign_targets_reached") == 1
        assert await conn.fetchval("SELECT count(*) FROM outbox WHERE event_type = $1", REACHED) == 1
        assert await conn.fetchval("SELECT cash_vnd FROM campaign_totals WHERE campaign_id = $1", cid) == 100
    finally:
        await conn.close()


async def test_distribution_reversal_lowers_beneficiaries_reached(infra: Any, fresh_dsn: str) -> None:
    await migrate(fresh_dsn, [Path(MIGRATIONS)])
    conn = await connect(fresh_dsn)
    try:
        cid, who = uuid.uuid4(), uuid.uuid4()
        given = distribution(cid, who, 100)
        assert isinstance(given.data, DistributionRecorded)
        back = DistributionReversed(
            campaign_id=cid,
            reversal_id=uuid.uuid4(),
            distribution_id=given.data.distribution_id,
            beneficiary_id=who,
            kind="cash",
            amount_vnd=100,
            unit_id=UNIT,
            reason="wrong household",
            reversed_on=date(2025, 2, 2),
        )
        events: list[ledger.LedgerEvent] = [given.data, back]
        for e in events:
            async with conn.transaction():
                await ledger.apply(conn, e, datetime.now(UTC))
        reached = await conn.fetchval(
            "SELECT count(DISTINCT beneficiary_id) FROM ledger_distributions"
            " WHERE campaign_id = $1 AND reversed_on IS NULL",
            cid,
        )
        assert reached == 0
    finally:
        await conn.close()


async def test_a_late_ledger_event_after_the_close_or_a_cancellation_counts_but_reaches_no_target(
    infra: Any, fresh_dsn: str, namespace: str, producer: AIOKafkaProducer
) -> None:
    """A gift received before the close but recorded after it (``recorded_after_close``), or one that
    arrives after a cancellation, is in the figures; the target it crosses is not announced. The
    beneficiaries target is still announced after the close (distribution follows it), not after a
    cancellation. The same events for a campaign still launched announce both (so they were applied)."""
    ledger_topic = namespace + "donations.ledger"
    async with running(settings_for(infra, fresh_dsn, namespace)) as client:
        ids: dict[str, uuid.UUID] = {}
        for name in ("closed", "cancelled", "launched"):
            c = await launched_campaign(client, targets={"cash_vnd": 1_000_000, "beneficiaries": 1})
            ids[name] = uuid.UUID(c["id"])
        await _send(producer, ledger_topic, [donation(cid, amount=600_000) for cid in ids.values()])

        async def applied(n: int) -> bool:
            return int(await _fetchval(fresh_dsn, "SELECT count(*) FROM processed_events")) == n

        await eventually(lambda: applied(3), what="the first gifts applied")
        r = await client.post(f"/campaigns/{ids['closed']}/close", json={})
        assert r.status_code == 200, r.text
        r = await client.post(f"/campaigns/{ids['cancelled']}/cancel", json={"reason": "the storm turned away"})
        assert r.status_code == 200, r.text
        late = [donation(cid, amount=500_000, recorded_after_close=(name == "closed")) for name, cid in ids.items()]
        given = [distribution(cid, uuid.uuid4(), 100_000) for cid in ids.values()]
        await _send(producer, ledger_topic, late + given)
        await eventually(lambda: applied(9), what="the late gifts and the distributions applied")
        got = {name: (await client.get(f"/campaigns/{cid}")).json() for name, cid in ids.items()}

    assert {name: c["state"] for name, c in got.items()} == {
        "closed": "closed",
        "cancelled": "cancelled",
        "launched": "launched",
    }
    assert {name: c["progress"]["cash_vnd"]["raised"] for name, c in got.items()} == dict.fromkeys(ids, 1_100_000)
    assert {name: c["progress"]["beneficiaries"]["raised"] for name, c in got.items()} == dict.fromkeys(ids, 1)
    reached = {
        name: sorted(k for k, p in c["progress"].items() if p["target_reached_at"] is not None)
        for name, c in got.items()
    }
    assert reached == {"closed": ["beneficiaries"], "cancelled": [], "launched": ["beneficiaries", "cash_vnd"]}
    conn = await asyncpg.connect(fresh_dsn)
    try:
        announced = await conn.fetch("SELECT payload FROM outbox WHERE event_type = $1", REACHED)
        rows = await conn.fetch("SELECT campaign_id, target FROM campaign_targets_reached")
    finally:
        await conn.close()
    names = {str(cid): name for name, cid in ids.items()}
    expected = [("closed", "beneficiaries"), ("launched", "beneficiaries"), ("launched", "cash_vnd")]
    payloads = [json.loads(r["payload"]) for r in announced]
    assert sorted((names[p["campaign_id"]], p["target"]) for p in payloads) == expected
    assert sorted((names[str(r["campaign_id"])], r["target"]) for r in rows) == expected


async def test_a_run_of_donations_is_applied_in_a_few_statements_with_the_crossing_value_of_one_by_one(
    infra: Any, fresh_dsn: str
) -> None:
    """The batched path (one insert, one totals update, reads per campaign, not per event) gives the
    totals, the reached rows (value and time at the crossing) and the events of the one-by-one path."""
    await migrate(fresh_dsn, [Path(MIGRATIONS)])
    conn = await connect(fresh_dsn)
    try:
        results = []
        for batched in (False, True):
            cids = [uuid.uuid4(), uuid.uuid4()]
            for cid in cids:
                await conn.execute(
                    "INSERT INTO campaigns (id, code, name, campaign_type, organising_unit_id, receiving_from,"
                    " receiving_until, target_cash_vnd, target_in_kind_value_vnd, state) VALUES ($1, $2, 'x',"
                    " 'emergency_relief', $3, '2025-01-01', '2025-01-31', 1000, 500, 'launched')",
                    cid,
                    cid.hex[:8],
                    UNIT,
                )
            base = datetime(2025, 1, 10, tzinfo=UTC)
            run: list[Envelope] = []
            for i in range(60):  # two campaigns interleaved; cash crosses 1000 at a gift in the middle
                env = donation(cids[i % 2], amount=37 * (i + 1), value=31 if i % 3 else 0)
                run.append(Envelope(data=env.data, source="/donations", time=base.replace(second=i)))
            run.append(Envelope(data=run[4].data, source="/donations", time=base))  # the same gift re-sent
            queries: list[str] = []

            def log(q: Any, into: list[str] = queries) -> None:
                into.append(q.query)

            conn.add_query_logger(log)
            async with conn.transaction():
                if batched:
                    emitted = await ledger.apply_donations(conn, run)
                else:
                    emitted = []
                    for e in run:
                        assert isinstance(e.data, DonationRecorded)
                        emitted += await ledger.apply(conn, e.data, e.time)
            conn.remove_query_logger(log)
            if batched:
                assert len(queries) < len(run) / 2, queries  # statements per campaign, not per event
            totals = [
                tuple(await conn.fetchrow("SELECT cash_vnd, in_kind_value_vnd, blood_units FROM campaign_totals"
                                          " WHERE campaign_id = $1", cid))
                for cid in cids
            ]  # fmt: skip
            reached = [
                [tuple(r) for r in await conn.fetch(
                    "SELECT target, target_value, reached_value, reached_at FROM campaign_targets_reached"
                    " WHERE campaign_id = $1 ORDER BY target", cid)]
                for cid in cids
            ]  # fmt: skip
            results.append((totals, reached, [(e.target, e.reached_value, e.reached_at) for e in emitted]))
        one_by_one, batched_ = results
        assert batched_[0] == one_by_one[0] and batched_[1] == one_by_one[1]
        assert sorted(batched_[2]) == sorted(one_by_one[2]) and len(batched_[2]) == 4
        assert batched_[1][0][0][2] == sum(37 * (i + 1) for i in range(0, 11, 2))  # 1332: the value at the crossing
    finally:
        await conn.close()


class _CountedConnection:
    """A connection whose queries are counted (the repository's reads only)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn, self.queries = conn, 0

    def __getattr__(self, name: str) -> Any:
        if name in ("fetch", "fetchrow", "fetchval", "execute"):
            self.queries += 1
        return getattr(self.conn, name)


async def test_a_campaigns_totals_and_beneficiaries_reached_are_one_query(infra: Any, fresh_dsn: str) -> None:
    """What a campaign's page reads of its progress: zeros before its first donation; reversed distributions
    and a beneficiary given twice counted as the people reached once."""
    await migrate(fresh_dsn, [Path(MIGRATIONS)])
    conn = await connect(fresh_dsn)
    try:
        counted = _CountedConnection(conn)
        repo = CampaignRepository(counted)  # type: ignore[arg-type]
        cid, ben, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        assert await repo.totals(cid) == Totals()
        await conn.executemany(
            "INSERT INTO ledger_distributions (distribution_id, campaign_id, beneficiary_id, kind, reversed_on)"
            " VALUES ($1, $2, $3, 'cash', $4)",
            [(uuid.uuid4(), cid, ben, None), (uuid.uuid4(), cid, ben, None),
             (uuid.uuid4(), cid, other, date(2025, 2, 1)), (uuid.uuid4(), uuid.uuid4(), other, None)],
        )  # fmt: skip
        assert await repo.totals(cid) == Totals(beneficiaries=1)
        await conn.execute(
            "INSERT INTO campaign_totals (campaign_id, cash_vnd, in_kind_value_vnd, blood_units) VALUES ($1, 5, 6, 7)",
            cid,
        )
        assert await repo.totals(cid) == Totals(5, 6, 7, 1)
        assert counted.queries == 3
    finally:
        await conn.close()


async def test_holdings_are_raised_less_distributed_with_the_last_distributions_day(infra: Any, fresh_dsn: str) -> None:
    """What the settlement rule reads (CampaignRepository.holdings), from the projected ledger events: cash
    and goods raised less distributed (a reversed distribution given back), the last day a distribution or
    its reversal was dated; zeros and no day for a campaign nothing reached yet."""
    await migrate(fresh_dsn, [Path(MIGRATIONS)])
    conn = await connect(fresh_dsn)
    try:
        cid, who = uuid.uuid4(), uuid.uuid4()
        repo = CampaignRepository(conn)
        assert await repo.holdings(cid) == Holdings(0, 0, None)
        given, more = distribution(cid, who, 300_000), distribution(cid, who, 200_000)
        assert isinstance(given.data, DistributionRecorded) and isinstance(more.data, DistributionRecorded)
        goods = more.data.model_copy(
            update={"distribution_id": uuid.uuid4(), "kind": "goods", "amount_vnd": 0, "value_vnd": 150_000}
        )
        back = DistributionReversed(
            campaign_id=cid, reversal_id=uuid.uuid4(), distribution_id=more.data.distribution_id,
            beneficiary_id=who, kind="cash", amount_vnd=200_000, unit_id=UNIT, reason="sai hộ",
            reversed_on=date(2025, 2, 5),
        )  # fmt: skip
        events: list[ledger.LedgerEvent] = [
            donation(cid, amount=1_000_000).data,  # type: ignore[list-item]
            donation(cid, "in_kind", value=400_000).data,  # type: ignore[list-item]
            given.data,
            more.data,
            goods,
            back,
        ]
        for e in events:  # (each recorded on its own day)
            async with conn.transaction():
                await ledger.apply(conn, e, datetime(2025, 2, 5, 3, tzinfo=UTC))
        assert await repo.holdings(cid) == Holdings(1_000_000 - 300_000, 400_000 - 150_000, date(2025, 2, 5))
        # a distribution reversed as of its own day (donations 1.9.0) but recorded two weeks later: the books
        # changed on the day it was recorded, and a settlement may not be dated before it
        again = distribution(cid, who, 100_000)
        assert isinstance(again.data, DistributionRecorded)
        undone = back.model_copy(update={"reversal_id": uuid.uuid4(), "distribution_id": again.data.distribution_id,
                                         "amount_vnd": 100_000, "reversed_on": date(2025, 2, 6)})  # fmt: skip
        for e, at in (
            (again.data, datetime(2025, 2, 6, 3, tzinfo=UTC)),
            (undone, datetime(2025, 2, 20, 3, tzinfo=UTC)),
        ):
            async with conn.transaction():
                await ledger.apply(conn, e, at)  # type: ignore[arg-type]
        assert await repo.holdings(cid) == Holdings(1_000_000 - 300_000, 400_000 - 150_000, date(2025, 2, 20))
        # a gift voided after the last distribution (a correction after the close): the last movement is its
        # day (an auditor's finding: a settlement could be dated before it, so the accounts "final" on that
        # day showed money the correction took away)
        late = donation(cid, amount=50_000)
        async with conn.transaction():
            await ledger.apply(conn, late.data, datetime.now(UTC))  # type: ignore[arg-type]
        voided = reversal(late).data.model_copy(update={"reversed_on": date(2025, 2, 25)})
        async with conn.transaction():
            await ledger.apply(conn, voided, datetime.now(UTC))  # type: ignore[arg-type]
        assert await repo.holdings(cid) == Holdings(1_000_000 - 300_000, 400_000 - 150_000, date(2025, 2, 25))
    finally:
        await conn.close()


@pytest.mark.parametrize("path", ["one_by_one", "run"])
async def test_a_target_crossed_while_a_close_commits_is_announced_before_it_or_not_at_all(
    infra: Any, fresh_dsn: str, namespace: str, path: str
) -> None:
    """A close holding the campaign's lock when the consumer finds a target crossed: the consumer waits for
    it, then sees the campaign closed and announces nothing (an integrator's finding: read without the lock,
    the TargetReached was written after a close that committed first, and followed it on the partition)."""
    async with running(settings_for(infra, fresh_dsn, namespace)) as client:
        c = await launched_campaign(client, targets={"cash_vnd": 1_000_000, "in_kind_value_vnd": 0, "blood_units": 0})
    cid = uuid.UUID(c["id"])
    closing, consuming = await connect(fresh_dsn), await connect(fresh_dsn)
    try:
        close = closing.transaction()
        await close.start()
        await closing.execute("SELECT 1 FROM campaigns WHERE id = $1 FOR UPDATE", cid)
        await closing.execute("UPDATE campaigns SET state = 'closed', closed_on = '2025-02-01' WHERE id = $1", cid)
        gift = donation(cid, amount=1_000_000)

        async def consume() -> list[Any]:
            async with consuming.transaction():
                if path == "run":
                    return await ledger.apply_donations(consuming, [gift])  # type: ignore[list-item]
                return await ledger.apply(consuming, gift.data, datetime.now(UTC))  # type: ignore[arg-type]

        task = asyncio.create_task(consume())
        await asyncio.sleep(0.5)
        assert not task.done(), "the consumer announced without waiting for the close that holds the campaign"
        await close.commit()
        assert await asyncio.wait_for(task, 10) == []
        assert (
            await consuming.fetchval("SELECT count(*) FROM campaign_targets_reached WHERE campaign_id = $1", cid) == 0
        )
        assert await consuming.fetchval("SELECT cash_vnd FROM campaign_totals WHERE campaign_id = $1", cid) == 1_000_000
    finally:
        await closing.close()
        await consuming.close()
