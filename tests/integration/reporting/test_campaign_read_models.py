"""The campaign read models that do not scan (issue 7): as-of figures summed from cohorts equal a
direct computation over a generated event stream (several campaigns, units, days, repeat donors,
pledges, soft credits, reversals, re-published facts, any arrival order), and no report query
reads the donation rows (its plan, not its timing)."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import asyncpg
import pytest

from rc_reporting.adapters import campaign_reports as queries
from rc_reporting.domain.campaigns import SeriesRequest
from rc_reporting.service_layer import campaign_reports
from rc_shared.envelope import Envelope
from rc_shared.events.campaigns import CampaignLaunched, Targets
from rc_shared.events.donations import DonationRecorded, DonationReversed, PledgeRecorded
from tests.integration.reporting.campaign_helpers import by_unit, campaign, cev, feed_campaigns, lev, unit
from tests.integration.reporting.conftest import PoolFactory
from tests.integration.reporting.helpers import Restructure, feed, interleave

pytestmark = pytest.mark.integration

FIRST, LAST = date(2025, 6, 10), date(2025, 7, 20)  # the restructure of the tree is on 2025-07-01
RESTRUCTURE = date(2025, 7, 1)


@dataclass
class Gift:
    id: uuid.UUID
    campaign: uuid.UUID
    kind: str
    amount: int
    value: int
    blood: int
    donor: uuid.UUID | None
    unit: uuid.UUID
    credited: uuid.UUID | None
    pledge: uuid.UUID | None
    received_on: date
    reversed_on: date | None = None

    def counts(self, as_of: date | None) -> bool:
        x = as_of or date.max
        return self.received_on <= x and (self.reversed_on is None or self.reversed_on > x)


@dataclass
class Pledge:
    id: uuid.UUID
    campaign: uuid.UUID
    amount: int
    recorded_on: date


@dataclass
class Stream:
    """Three campaigns; gifts received by communes and districts over forty days, a quarter of them
    reversed (some on the day they were received), repeat donors, anonymous gifts, soft credits,
    pledge instalments."""

    seed: int
    tree: Restructure = field(default_factory=Restructure)
    campaigns: list[uuid.UUID] = field(default_factory=lambda: [uuid.uuid4() for _ in range(3)])
    gifts: list[Gift] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        donors = [uuid.uuid4() for _ in range(25)]
        self.pledges = [
            Pledge(uuid.uuid4(), self.campaigns[i % 2], rng.choice([300_000, 1_000_000]), FIRST + timedelta(days=i))
            for i in range(4)
        ]
        t = self.tree
        for _ in range(320):
            on = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
            units = [t.C1, t.C2, t.C3] + ([t.D1] if on < RESTRUCTURE else [])
            kind = rng.choices(["cash", "in_kind", "blood"], [8, 1, 1])[0]
            pledge = rng.choice(self.pledges) if kind == "cash" and rng.random() < 0.1 else None
            campaign = pledge.campaign if pledge else rng.choice(self.campaigns)
            gift = Gift(
                id=uuid.uuid4(),
                campaign=campaign,
                kind=kind,
                amount=rng.randrange(1, 50) * 100_000 if kind == "cash" else 0,
                value=rng.randrange(1, 20) * 50_000 if kind == "in_kind" else 0,
                blood=rng.randint(1, 2) if kind == "blood" else 0,
                donor=None if rng.random() < 0.3 else rng.choice(donors),
                unit=rng.choice(units),
                credited=rng.choice([t.C1, t.C3]) if rng.random() < 0.15 else None,
                pledge=pledge.id if pledge else None,
                received_on=on,
            )
            if rng.random() < 0.25:
                gift.reversed_on = on + timedelta(days=rng.choice([0, 1, 3, 7, 15]))
            self.gifts.append(gift)

    def events(self) -> list[Envelope]:
        """Each campaign's ledger events in its own order (a reversal after its donation)."""
        out = [
            cev(
                CampaignLaunched(
                    campaign_id=c,
                    code=f"G-{i}",
                    name=f"Generated {i}",
                    campaign_type="emergency_relief",
                    organising_unit_id=self.tree.P,
                    receiving_from=FIRST,
                    receiving_until=LAST,
                    distribution_deadline=LAST + timedelta(days=10),
                    targets=Targets(cash_vnd=100_000_000),
                ),
                FIRST - timedelta(days=1),
            )
            for i, c in enumerate(self.campaigns)
        ]
        out += [
            lev(
                PledgeRecorded(
                    campaign_id=p.campaign,
                    pledge_id=p.id,
                    donor_id=None,
                    amount_vnd=p.amount,
                    unit_id=self.tree.C1,
                    instalments=2,
                    first_due_on=p.recorded_on,
                ),
                p.recorded_on,
            )
            for p in self.pledges
        ]
        moves: list[tuple[date, int, Envelope]] = []
        for n, g in enumerate(self.gifts):
            moves.append((g.received_on, n, lev(self._recorded(g), g.received_on)))
            if g.reversed_on is not None:
                moves.append((g.reversed_on, n, lev(self._reversed(g), g.reversed_on)))
        return out + [e for _, _, e in sorted(moves, key=lambda m: (m[0], m[1]))]

    def _recorded(self, g: Gift) -> DonationRecorded:
        return DonationRecorded(
            campaign_id=g.campaign,
            donation_id=g.id,
            kind=g.kind,
            amount_vnd=g.amount,
            value_vnd=g.value,
            blood_units=g.blood,
            donor_id=g.donor,
            donor_type="anonymous" if g.donor is None else "individual",
            unit_id=g.unit,
            credited_unit_id=g.credited,
            pledge_id=g.pledge,
            channel="bank_transfer",
            received_on=g.received_on,
            receipt_no=1,
        )

    def _reversed(self, g: Gift) -> DonationReversed:
        assert g.reversed_on is not None
        return DonationReversed(
            campaign_id=g.campaign,
            reversal_id=uuid.uuid5(g.id, "r"),
            donation_id=g.id,
            kind=g.kind,
            amount_vnd=g.amount,
            value_vnd=g.value,
            blood_units=g.blood,
            donor_id=g.donor,
            unit_id=g.unit,
            reason="returned",
            reversed_on=g.reversed_on,
        )

    # ------------------------------------------------------------------ the direct computation
    def figures(self, campaign: uuid.UUID, as_of: date | None) -> dict[str, int]:
        mine = [g for g in self.gifts if g.campaign == campaign and g.counts(as_of)]
        paid: dict[uuid.UUID, int] = {}
        for g in mine:
            if g.pledge is not None:
                paid[g.pledge] = paid.get(g.pledge, 0) + g.amount
        pledges = [p for p in self.pledges if p.campaign == campaign and p.recorded_on <= (as_of or date.max)]
        return {
            "donations": len(mine),
            "cash_raised_vnd": sum(g.amount for g in mine),
            "in_kind_value_vnd": sum(g.value for g in mine),
            "blood_units": sum(g.blood for g in mine),
            "donors": len({g.donor for g in mine if g.donor}) + sum(1 for g in mine if g.donor is None),
            "pledged_vnd": sum(p.amount for p in pledges),
            "pledge_paid_vnd": sum(min(p.amount, paid.get(p.id, 0)) for p in pledges),
        }

    def ancestors(self, u: uuid.UUID, on: date) -> set[uuid.UUID]:
        """The unit and its ancestors in the tree valid on ``on``."""
        t = self.tree
        parent = (
            {t.C1: t.D1, t.C2: t.D1, t.C3: t.D2, t.D1: t.P, t.D2: t.P}
            if on < RESTRUCTURE
            else {t.C1: t.P, t.C2: t.P, t.C3: t.P}
        )
        out = {u}
        while u in parent:
            u = parent[u]
            out.add(u)
        return out

    def unit_funds(self, shown: uuid.UUID, as_of: date, start: date, end: date) -> dict[str, int]:
        counted = [g for g in self.gifts if start <= g.received_on <= end and g.counts(as_of)]
        raised = [g for g in counted if shown in self.ancestors(g.unit, g.received_on)]
        credited = [g for g in counted if g.credited and shown in self.ancestors(g.credited, g.received_on)]
        return {
            "donations": len(raised),
            "cash_raised_vnd": sum(g.amount for g in raised),
            "in_kind_value_vnd": sum(g.value for g in raised),
            "blood_units": sum(g.blood for g in raised),
            "credited_donations": len(credited),
            "credited_cash_vnd": sum(g.amount for g in credited),
        }


AS_OF_DATES = [None, FIRST - timedelta(days=1), *(FIRST + timedelta(days=d) for d in range(0, 60, 3))]
FIGURES = ("donations", "cash_raised_vnd", "in_kind_value_vnd", "blood_units", "donors", "pledged_vnd",
           "pledge_paid_vnd")  # fmt: skip


async def _fed(pool: asyncpg.Pool, s: Stream, events: list[Envelope], batch: int) -> None:
    await feed(pool, s.tree.unit_events())
    res = await feed_campaigns(pool, events, batch=batch)
    assert res.dead_lettered == 0


@pytest.fixture
async def stream(pool: asyncpg.Pool) -> Stream:
    s = Stream(seed=7)
    events = s.events()
    rng = random.Random(1)
    # re-published facts under fresh event ids, anywhere later in the stream
    again = [lev(e.data, e.time.date()) for e in rng.sample(events[7:], 40)]
    await _fed(pool, s, interleave(events, seed=3) + again, batch=37)
    return s


async def test_campaign_figures_as_of_any_date_equal_a_direct_computation(pool: asyncpg.Pool, stream: Stream) -> None:
    for c in stream.campaigns:
        for as_of in AS_OF_DATES:
            r = await campaign(pool, c, as_of)
            assert {k: r[k] for k in FIGURES} == stream.figures(c, as_of), (c, as_of)
    async with pool.acquire() as conn:
        listed = await campaign_reports.campaigns(conn, date(2025, 7, 4))
    assert {r["campaign_id"]: {k: r[k] for k in FIGURES} for r in listed} == {
        c: stream.figures(c, date(2025, 7, 4)) for c in stream.campaigns
    }


async def test_day_series_are_movements_whose_running_sum_is_the_as_of_figure(
    pool: asyncpg.Pool, stream: Stream
) -> None:
    c = stream.campaigns[0]
    async with pool.acquire() as conn:
        s = await campaign_reports.series(conn, SeriesRequest.build("day", FIRST, LAST + timedelta(days=20)), c)
    running = {"cash_raised_vnd": 0, "donations": 0, "blood_units": 0}
    for b in s["buckets"]:
        day = date.fromisoformat(b["period_start"])
        received = [g for g in stream.gifts if g.campaign == c and g.received_on == day]
        reversed_ = [g for g in stream.gifts if g.campaign == c and g.reversed_on == day]
        assert b["cash_raised_vnd"] == sum(g.amount for g in received) - sum(g.amount for g in reversed_), day
        assert b["donations"] == len(received) - len(reversed_), day
        for k in running:
            running[k] += b[k]
        expected = stream.figures(c, day)
        assert running == {k: expected[k] for k in running}, day


async def test_unit_roll_ups_as_of_and_per_period_equal_a_direct_computation(
    pool: asyncpg.Pool, stream: Stream
) -> None:
    t = stream.tree
    cases = [
        (date(2025, 6, 25), FIRST, date(2025, 6, 25)),  # the tree with districts
        (date(2025, 7, 5), date(2025, 6, 20), date(2025, 7, 5)),  # across the restructure
        (date(2025, 12, 31), date(2025, 1, 1), date(2025, 12, 31)),
    ]
    for as_of, start, end in cases:
        units = await by_unit(pool, as_of, depth=2, period_from=start, period_to=end)
        shown = {"P": t.P, "C1": t.C1, "C2": t.C2, "C3": t.C3} | (
            {"P.D1": t.D1, "P.D2": t.D2} if as_of < RESTRUCTURE else {}
        )
        for code, uid in shown.items():
            got = unit(units, code)
            expected = stream.unit_funds(uid, as_of, start, end)
            assert {k: got[k] for k in expected} == expected, (as_of, code)


async def test_any_arrival_order_gives_the_same_cohorts_and_figures(new_pool: PoolFactory) -> None:
    s = Stream(seed=11)
    events = s.events()
    a, b = await new_pool(), await new_pool()
    await _fed(a, s, events, batch=500)
    # reversals before their donations (a replay across partitions), in small batches
    await _fed(b, s, sorted(events, key=lambda e: e.type != "donations.donation.reversed.v1"), batch=13)

    async def tables(pool: asyncpg.Pool) -> list[Any]:
        async with pool.acquire() as conn:
            return [
                [tuple(r) for r in await conn.fetch(f"SELECT * FROM {t} ORDER BY 1, 2, 3, 4")]
                for t in ("rpt_campaign_cohorts", "rpt_campaign_unit_cohorts", "rpt_campaign_pledge_cohorts",
                          "rpt_campaign_donor_spans")
            ]  # fmt: skip

    assert await tables(a) == await tables(b)
    for c in s.campaigns:
        for as_of in (None, date(2025, 6, 20), date(2025, 7, 10)):
            assert {k: (await campaign(b, c, as_of))[k] for k in FIGURES} == s.figures(c, as_of)


def _relations(plan: Any) -> set[str]:
    out: set[str] = set()
    stack = [plan]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "Relation Name" in node:
                out.add(node["Relation Name"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


async def test_no_report_query_reads_the_donation_rows(pool: asyncpg.Pool, stream: Stream) -> None:
    """Their cost cannot grow with the donations: the plans never touch rpt_campaign_donations."""
    c = stream.campaigns[0]
    plans: dict[str, tuple[str, list[Any]]] = {
        "campaign": (queries.CAMPAIGN_SQL, [c, date(2025, 7, 1)]),
        "campaign now": (queries.CAMPAIGN_SQL, [c, None]),
        "campaigns": (queries.CAMPAIGNS_SQL, [None, None]),
        "by unit": (queries.UNIT_FUNDS_SQL, [date(2025, 7, 5), None, 2, FIRST, LAST, None]),
        "by unit, one campaign": (queries.UNIT_FUNDS_SQL, [date(2025, 7, 5), stream.tree.P, 2, FIRST, LAST, c]),
        "by period": (queries.SERIES_SQL, [c, "day", None, None]),
    }
    async with pool.acquire() as conn:
        for name, (sql, args) in plans.items():
            raw = await conn.fetchval("EXPLAIN (FORMAT JSON) " + sql, *args)
            relations = _relations(json.loads(raw) if isinstance(raw, str) else raw)
            assert "rpt_campaign_donations" not in relations, (name, relations)
            assert relations & {"rpt_campaign_cohorts", "rpt_campaign_unit_cohorts"}, (name, relations)
