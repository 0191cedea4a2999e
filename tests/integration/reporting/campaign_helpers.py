"""A relief campaign scenario for the campaign projection, fed through the library's BatchProcessor."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import asyncpg

from rc_reporting.domain.model import ReportRequest
from rc_reporting.service_layer import campaign_reports
from rc_reporting.service_layer.campaign_projection import campaigns_consumer
from rc_shared.consumer import BatchResult
from rc_shared.envelope import Envelope, Event
from rc_shared.events.campaigns import (
    BeneficiaryRegistered,
    BeneficiaryVerified,
    CampaignClosed,
    CampaignLaunched,
    CampaignSettled,
    CampaignTargetReached,
    Targets,
)
from rc_shared.events.donations import (
    DistributionRecorded,
    DistributionReversed,
    DonationRecorded,
    DonationReversed,
    LedgerClosed,
    LedgerOpened,
    PledgeRecorded,
)
from tests.integration.reporting.helpers import Restructure, feed

VN = timezone(timedelta(hours=7))
LEDGER = "donations.ledger"


REMAINDER = "Số dư chuyển sang Quỹ cứu trợ của tỉnh (QĐ 15/QĐ-CTĐ)"  # what K's settlement did with it


def at(d: date, hour: int = 10) -> datetime:
    """An instant on day ``d`` in Viet Nam."""
    return datetime(d.year, d.month, d.day, hour, tzinfo=VN)


def cev(data: Event, when: date | None = None, source: str = "/campaigns") -> Envelope:
    if when is None:
        return Envelope(data=data, source=source)
    return Envelope(data=data, source=source, time=at(when))


def lev(data: Event, when: date | None = None) -> Envelope:
    return cev(data, when, "/donations")


async def feed_campaigns(pool: asyncpg.Pool, envelopes: Iterable[Envelope], batch: int = 500) -> BatchResult:
    return await feed(pool, envelopes, batch, consumer=campaigns_consumer)


@dataclass
class Relief:
    """Flood relief campaign K (organised by the province P of ``Restructure``'s tree) and a small
    Tết campaign K2. Amounts in VND.

    K: receiving 2025-05-01..2025-07-31, distribution deadline 2025-08-20; targets cash 10,000,000,
    in kind 800,000, beneficiaries 4 (blood not tracked); closed 2025-08-01, settled 2025-08-25.
      d1 cash 3,000,000  donor A   at C1  2025-05-03
      d2 cash 2,000,000  donor A   at C3  2025-05-20  soft credit to C1
      d3 cash 1,500,000  anonymous at D1  2025-06-10  (D1 is dissolved on 2025-07-01)
      d4 cash 1,000,000  anonymous at C2  2025-06-15  reversed 2025-06-20
      d8 blood 2 units   donor E   at C3  2025-06-14
      d5 in kind 800,000 donor B   at C2  2025-07-05  -> in-kind target reached 2025-07-05
      d6 cash   500,000  donor C   at C1  2025-07-10  instalment of pledge p1
      d7 cash   700,000  donor C   at C1  2025-07-25  instalment of pledge p1
      p1 pledge 1,500,000 donor C, recorded 2025-07-01; p2 pledge 2,000,000 donor D, recorded 2025-07-20
      t1 cash 1,000,000 to b1 (household of 4) by C1 2025-07-15
      t2 goods  300,000 to b1 by C1 2025-07-16
      t3 cash 1,500,000 to b2 (a person) by C3 2025-07-20
      t4 cash   500,000 to b3 (household of 3) by C2 2025-07-22, reversed 2025-07-23
    K2 (tet_nhan_ai): receiving 2025-05-01..2025-06-30, closed 2025-06-30; k2d1 cash 400,000 at C1 2025-05-10.
    """

    tree: Restructure = field(default_factory=Restructure)
    K: uuid.UUID = field(default_factory=uuid.uuid4)
    K2: uuid.UUID = field(default_factory=uuid.uuid4)
    donors: dict[str, uuid.UUID] = field(default_factory=lambda: {k: uuid.uuid4() for k in "ABCDE"})
    d: dict[str, uuid.UUID] = field(
        default_factory=lambda: {k: uuid.uuid4() for k in ("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "k2d1")}
    )
    p: dict[str, uuid.UUID] = field(default_factory=lambda: {k: uuid.uuid4() for k in ("p1", "p2")})
    t: dict[str, uuid.UUID] = field(default_factory=lambda: {k: uuid.uuid4() for k in ("t1", "t2", "t3", "t4")})
    b: dict[str, uuid.UUID] = field(default_factory=lambda: {k: uuid.uuid4() for k in ("b1", "b2", "b3")})

    CASH_RAISED = 7_700_000

    def _donation(
        self,
        key: str,
        kind: str,
        unit: uuid.UUID,
        on: date,
        amount: int = 0,
        value: int = 0,
        blood: int = 0,
        donor: str | None = None,
        credited: uuid.UUID | None = None,
        pledge: str | None = None,
        campaign: uuid.UUID | None = None,
    ) -> Envelope:
        return lev(
            DonationRecorded(
                campaign_id=campaign or self.K,
                donation_id=self.d[key],
                kind=kind,
                amount_vnd=amount,
                value_vnd=value,
                blood_units=blood,
                donor_id=self.donors[donor] if donor else None,
                donor_type="anonymous" if donor is None else ("organisation" if donor == "B" else "individual"),
                unit_id=unit,
                credited_unit_id=credited,
                pledge_id=self.p[pledge] if pledge else None,
                channel="bank_transfer",
                received_on=on,
                receipt_no=len(key),
            ),
            on,
        )

    def _distribution(self, key: str, b: str, kind: str, unit: uuid.UUID, on: date, amount: int) -> Envelope:
        return lev(
            DistributionRecorded(
                campaign_id=self.K,
                distribution_id=self.t[key],
                beneficiary_id=self.b[b],
                kind=kind,
                amount_vnd=amount if kind == "cash" else 0,
                value_vnd=amount if kind == "goods" else 0,
                unit_id=unit,
                distributed_on=on,
            ),
            on,
        )

    def campaign_events(self) -> list[Envelope]:
        u = self.tree
        return [
            cev(
                CampaignLaunched(
                    campaign_id=self.K,
                    code="LL-2025-01",
                    name="Cứu trợ lũ lụt 2025",
                    campaign_type="emergency_relief",
                    organising_unit_id=u.P,
                    participating_unit_ids=[u.D1, u.D2],
                    receiving_from=date(2025, 5, 1),
                    receiving_until=date(2025, 7, 31),
                    distribution_deadline=date(2025, 8, 20),
                    targets=Targets(cash_vnd=10_000_000, in_kind_value_vnd=800_000, beneficiaries=4),
                ),
                date(2025, 4, 28),
            ),
            cev(
                CampaignTargetReached(
                    campaign_id=self.K,
                    target="in_kind_value_vnd",
                    target_value=800_000,
                    reached_value=800_000,
                    reached_at=at(date(2025, 7, 5), 15),
                ),
                date(2025, 7, 5),
            ),
            cev(CampaignClosed(campaign_id=self.K, closed_on=date(2025, 8, 1)), date(2025, 8, 1)),
            cev(
                CampaignSettled(campaign_id=self.K, settled_on=date(2025, 8, 25), remainder_note=REMAINDER),
                date(2025, 8, 25),
            ),
            cev(
                CampaignLaunched(
                    campaign_id=self.K2,
                    code="TET-2025",
                    name="Tết Nhân ái 2025",
                    campaign_type="tet_nhan_ai",
                    organising_unit_id=u.P,
                    receiving_from=date(2025, 5, 1),
                    receiving_until=date(2025, 6, 30),
                    distribution_deadline=date(2025, 7, 20),
                    targets=Targets(cash_vnd=1_000_000),
                ),
                date(2025, 4, 30),
            ),
            cev(CampaignClosed(campaign_id=self.K2, closed_on=date(2025, 6, 30)), date(2025, 6, 30)),
        ]

    def beneficiary_events(self) -> list[Envelope]:
        u = self.tree
        sizes = {"b1": 4, "b2": None, "b3": 3}
        units = {"b1": u.C1, "b2": u.C3, "b3": u.C2}
        out: list[Envelope] = []
        for k, size in sizes.items():
            out.append(
                cev(
                    BeneficiaryRegistered(
                        beneficiary_id=self.b[k],
                        kind="person" if size is None else "household",
                        unit_id=units[k],
                        campaign_id=self.K,
                        household_size=size,
                    ),
                    date(2025, 7, 1),
                )
            )
        for k in ("b1", "b2"):
            out.append(
                cev(
                    BeneficiaryVerified(beneficiary_id=self.b[k], unit_id=units[k], verified_on=date(2025, 7, 3)),
                    date(2025, 7, 3),
                )
            )
        return out

    def ledger_events(self) -> list[Envelope]:
        u = self.tree
        return [
            lev(
                LedgerOpened(campaign_id=self.K, organising_unit_id=u.P, receiving_until=date(2025, 7, 31)),
                date(2025, 4, 28),
            ),
            self._donation("d1", "cash", u.C1, date(2025, 5, 3), amount=3_000_000, donor="A"),
            self._donation("d2", "cash", u.C3, date(2025, 5, 20), amount=2_000_000, donor="A", credited=u.C1),
            self._donation("d3", "cash", u.D1, date(2025, 6, 10), amount=1_500_000),
            self._donation("d8", "blood", u.C3, date(2025, 6, 14), blood=2, donor="E"),
            self._donation("d4", "cash", u.C2, date(2025, 6, 15), amount=1_000_000),
            lev(
                DonationReversed(
                    campaign_id=self.K,
                    reversal_id=uuid.uuid5(self.d["d4"], "r"),
                    donation_id=self.d["d4"],
                    kind="cash",
                    amount_vnd=1_000_000,
                    unit_id=u.C2,
                    reason="bank transfer returned",
                    reversed_on=date(2025, 6, 20),
                ),
                date(2025, 6, 20),
            ),
            lev(
                PledgeRecorded(
                    campaign_id=self.K,
                    pledge_id=self.p["p1"],
                    donor_id=self.donors["C"],
                    amount_vnd=1_500_000,
                    unit_id=u.C1,
                    instalments=3,
                    first_due_on=date(2025, 7, 10),
                ),
                date(2025, 7, 1),
            ),
            self._donation("d5", "in_kind", u.C2, date(2025, 7, 5), value=800_000, donor="B"),
            self._donation("d6", "cash", u.C1, date(2025, 7, 10), amount=500_000, donor="C", pledge="p1"),
            self._distribution("t1", "b1", "cash", u.C1, date(2025, 7, 15), 1_000_000),
            self._distribution("t2", "b1", "goods", u.C1, date(2025, 7, 16), 300_000),
            lev(
                PledgeRecorded(
                    campaign_id=self.K,
                    pledge_id=self.p["p2"],
                    donor_id=self.donors["D"],
                    amount_vnd=2_000_000,
                    unit_id=u.C3,
                    instalments=1,
                    first_due_on=date(2025, 8, 1),
                ),
                date(2025, 7, 20),
            ),
            self._distribution("t3", "b2", "cash", u.C3, date(2025, 7, 20), 1_500_000),
            self._distribution("t4", "b3", "cash", u.C2, date(2025, 7, 22), 500_000),
            lev(
                DistributionReversed(
                    campaign_id=self.K,
                    reversal_id=uuid.uuid5(self.t["t4"], "r"),
                    distribution_id=self.t["t4"],
                    beneficiary_id=self.b["b3"],
                    kind="cash",
                    amount_vnd=500_000,
                    unit_id=u.C2,
                    reason="recorded for the wrong household",
                    reversed_on=date(2025, 7, 23),
                ),
                date(2025, 7, 23),
            ),
            self._donation("d7", "cash", u.C1, date(2025, 7, 25), amount=700_000, donor="C", pledge="p1"),
            lev(LedgerClosed(campaign_id=self.K, closed_on=date(2025, 8, 1)), date(2025, 8, 1)),
            lev(
                LedgerOpened(campaign_id=self.K2, organising_unit_id=u.P, receiving_until=date(2025, 6, 30)),
                date(2025, 4, 30),
            ),
            self._donation("k2d1", "cash", u.C1, date(2025, 5, 10), amount=400_000, donor="A", campaign=self.K2),
        ]

    def events(self) -> list[Envelope]:
        """Every campaigns-consumer event, each topic in its own order."""
        return self.campaign_events() + self.beneficiary_events() + self.ledger_events()


async def campaign(pool: asyncpg.Pool, campaign_id: uuid.UUID, as_of: date | None = None) -> dict[str, Any]:
    async with pool.acquire() as conn:
        out: dict[str, Any] = await campaign_reports.campaign(conn, campaign_id, as_of)
    return out


async def by_unit(
    pool: asyncpg.Pool,
    as_of: date,
    unit_id: uuid.UUID | None = None,
    depth: int = 1,
    period_from: date | None = None,
    period_to: date | None = None,
    campaign_id: uuid.UUID | None = None,
) -> list[dict[str, Any]]:
    async with pool.acquire() as conn:
        out: list[dict[str, Any]] = await campaign_reports.funds_by_unit(
            conn, ReportRequest.build(as_of, unit_id, period_from, period_to, depth), campaign_id
        )
    return out


def unit(units: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The unit with ``code`` anywhere in the trees."""
    stack = list(units)
    while stack:
        u = stack.pop()
        if u["code"] == code:
            return u
        stack.extend(u["children"])
    raise AssertionError(f"unit {code} not in the report")
