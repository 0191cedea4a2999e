"""Feeding members events to the reporting projection without a broker, and a scenario."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import asyncpg

from rc_reporting.domain.model import ReportRequest
from rc_reporting.service_layer.projection import members_consumer
from rc_reporting.service_layer.reports import membership_report
from rc_shared.consumer import BatchProcessor, BatchResult, Consumer
from rc_shared.envelope import Envelope, Event
from rc_shared.events.members import (
    MembershipStarted,
    MembershipStatusChanged,
    MemberTransferred,
    RoleAssigned,
    RoleEnded,
    UnitCreated,
    UnitDissolved,
    UnitMoved,
    UnitRenamed,
    VolunteerHoursLogged,
)


@dataclass
class FakeRecord:
    """What BatchProcessor reads from an aiokafka ConsumerRecord."""

    topic: str
    partition: int
    offset: int
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def record(env: Envelope, offset: int = 0) -> FakeRecord:
    return FakeRecord(env.topic, 0, offset, env.key(), env.value(), env.headers())


class NoDeadLetters:
    """Producer stand-in: these tests expect no dead letter; one fails the test loudly."""

    async def send(self, topic: str, **_: Any) -> Any:
        raise AssertionError(f"unexpected dead letter to {topic}")


def processor(pool: asyncpg.Pool, consumer: Consumer = members_consumer) -> BatchProcessor:
    return BatchProcessor(consumer, pool, cast(Any, NoDeadLetters()), "reporting-test")


async def feed(
    pool: asyncpg.Pool, envelopes: Iterable[Envelope], batch: int = 500, consumer: Consumer = members_consumer
) -> BatchResult:
    proc = processor(pool, consumer)
    total = BatchResult()
    envs = list(envelopes)
    for i in range(0, len(envs), batch):
        res = await proc.process(cast(Any, [record(e, i + j) for j, e in enumerate(envs[i : i + batch])]))
        total.applied += res.applied
        total.duplicates += res.duplicates
        total.ignored += res.ignored
        total.dead_lettered += res.dead_lettered
    return total


def interleave(envelopes: Sequence[Envelope], seed: int) -> list[Envelope]:
    """A random arrival order across topics/keys that keeps the order within each key
    (what Kafka guarantees: one key lives in one partition)."""
    queues: dict[str, list[Envelope]] = {}
    for e in envelopes:
        queues.setdefault(f"{e.topic}/{e.subject}", []).append(e)
    rng = random.Random(seed)
    out: list[Envelope] = []
    keys = sorted(queues)
    while keys:
        k = rng.choice(keys)
        out.append(queues[k].pop(0))
        if not queues[k]:
            keys.remove(k)
    return out


def people_first(envelopes: Sequence[Envelope]) -> list[Envelope]:
    """Every members.people event before any members.units event (order within each kept)."""
    return [e for e in envelopes if e.topic == "members.people"] + [e for e in envelopes if e.topic != "members.people"]


async def report(
    pool: asyncpg.Pool,
    as_of: date,
    unit_id: uuid.UUID | None = None,
    depth: int = 1,
    period_from: date | None = None,
    period_to: date | None = None,
) -> list[dict[str, Any]]:
    async with pool.acquire() as conn:
        tops = await membership_report(conn, ReportRequest.build(as_of, unit_id, period_from, period_to, depth))
    return [t.to_dict() for t in tops]


def child(rep: dict[str, Any], code: str) -> dict[str, Any]:
    found = [c for c in rep["children"] if c["code"] == code]
    assert len(found) == 1, f"child {code} not found among {[c['code'] for c in rep['children']]}"
    out: dict[str, Any] = found[0]
    return out


def ev(data: Event) -> Envelope:
    return Envelope(data=data, source="/members")


@dataclass
class Restructure:
    """Bạc Liêu-like tree: province P; districts D1 (communes C1, C2) and D2 (commune C3).
    On 2025-07-01 both districts are dissolved and the communes move directly under P.

    People (p1..p5, one membership each):
      m1 C1 joined 2023-03-01, still active
      m2 C2 joined 2024-05-01, lapsed 2025-02-01
      m3 C3 joined 2025-03-01
      m4 D1 itself joined 2022-01-01, lapsed 2025-03-15 (its unit is later dissolved)
      m5 C1 joined 2023-01-01, transferred to C3 on 2025-09-01
    Roles: p1 volunteer in C1 from 2024-01-01; p3 youth in C3 from 2025-03-01;
           p5 collaborator in C1 2023-01-01 .. ended 2025-06-30.
    Hours (p1, C1): 2 on 2024-12-01, 4 on 2025-02-10, 3.5 on 2025-08-01.
    """

    P: uuid.UUID = field(default_factory=uuid.uuid4)
    D1: uuid.UUID = field(default_factory=uuid.uuid4)
    D2: uuid.UUID = field(default_factory=uuid.uuid4)
    C1: uuid.UUID = field(default_factory=uuid.uuid4)
    C2: uuid.UUID = field(default_factory=uuid.uuid4)
    C3: uuid.UUID = field(default_factory=uuid.uuid4)
    people: list[uuid.UUID] = field(default_factory=lambda: [uuid.uuid4() for _ in range(5)])
    memberships: list[uuid.UUID] = field(default_factory=lambda: [uuid.uuid4() for _ in range(5)])

    def unit_events(self) -> list[Envelope]:
        d0, cut = date(2020, 1, 1), date(2025, 7, 1)
        return [
            ev(UnitCreated(unit_id=self.P, valid_from=d0, code="P", name="Bạc Liêu", level="province", parent_id=None)),
            ev(UnitCreated(unit_id=self.D1, valid_from=d0, code="P.D1", name="D1", level="district", parent_id=self.P)),
            ev(UnitCreated(unit_id=self.D2, valid_from=d0, code="P.D2", name="D2", level="district", parent_id=self.P)),
            ev(
                UnitCreated(unit_id=self.C1, valid_from=d0, code="C1", name="C1", level="grassroots", parent_id=self.D1)
            ),
            ev(
                UnitCreated(unit_id=self.C2, valid_from=d0, code="C2", name="C2", level="grassroots", parent_id=self.D1)
            ),
            ev(
                UnitCreated(unit_id=self.C3, valid_from=d0, code="C3", name="C3", level="grassroots", parent_id=self.D2)
            ),
            ev(UnitMoved(unit_id=self.C1, valid_from=cut, parent_id=self.P, level="commune")),
            ev(UnitMoved(unit_id=self.C2, valid_from=cut, parent_id=self.P, level="commune")),
            ev(UnitMoved(unit_id=self.C3, valid_from=cut, parent_id=self.P, level="commune")),
            ev(UnitRenamed(unit_id=self.C3, valid_from=cut, name="Phường C3")),
            ev(UnitDissolved(unit_id=self.D1, valid_from=cut)),
            ev(UnitDissolved(unit_id=self.D2, valid_from=cut)),
            ev(UnitRenamed(unit_id=self.P, valid_from=cut, name="Cà Mau")),
        ]

    def people_events(self) -> list[Envelope]:
        p, m = self.people, self.memberships

        def started(i: int, unit: uuid.UUID, on: date) -> Envelope:
            return ev(MembershipStarted(person_id=p[i], membership_id=m[i], unit_id=unit, joined_on=on))

        return [
            started(0, self.C1, date(2023, 3, 1)),
            started(1, self.C2, date(2024, 5, 1)),
            ev(
                MembershipStatusChanged(
                    person_id=p[1], membership_id=m[1], unit_id=self.C2, status="lapsed", effective_on=date(2025, 2, 1)
                )
            ),
            started(2, self.C3, date(2025, 3, 1)),
            started(3, self.D1, date(2022, 1, 1)),
            ev(
                MembershipStatusChanged(
                    person_id=p[3], membership_id=m[3], unit_id=self.D1, status="lapsed", effective_on=date(2025, 3, 15)
                )
            ),
            started(4, self.C1, date(2023, 1, 1)),
            ev(
                MemberTransferred(
                    person_id=p[4],
                    membership_id=m[4],
                    from_unit_id=self.C1,
                    to_unit_id=self.C3,
                    effective_on=date(2025, 9, 1),
                )
            ),
            ev(
                RoleAssigned(
                    person_id=p[0],
                    role_id=uuid.uuid5(m[0], "v"),
                    role="volunteer",
                    unit_id=self.C1,
                    start_on=date(2024, 1, 1),
                )
            ),
            ev(
                RoleAssigned(
                    person_id=p[2],
                    role_id=uuid.uuid5(m[2], "y"),
                    role="youth",
                    unit_id=self.C3,
                    start_on=date(2025, 3, 1),
                )
            ),
            ev(
                RoleAssigned(
                    person_id=p[4],
                    role_id=uuid.uuid5(m[4], "c"),
                    role="collaborator",
                    unit_id=self.C1,
                    start_on=date(2023, 1, 1),
                )
            ),
            ev(
                RoleEnded(
                    person_id=p[4],
                    role_id=uuid.uuid5(m[4], "c"),
                    role="collaborator",
                    unit_id=self.C1,
                    end_on=date(2025, 6, 30),
                )
            ),
            *(
                ev(VolunteerHoursLogged(person_id=p[0], entry_id=uuid.uuid4(), unit_id=self.C1, hours=h, worked_on=d))
                for h, d in ((2.0, date(2024, 12, 1)), (4.0, date(2025, 2, 10)), (3.5, date(2025, 8, 1)))
            ),
        ]

    def events(self) -> list[Envelope]:
        return self.unit_events() + self.people_events()
