"""The demo organisation (plan 41/KH-UBND: 580 units, 11,603 members, 2,193 volunteers) as members
events, the 1 July 2025 reform, and two years (2024, 2025) of generated activity as campaigns and
donations events: campaigns of every type, donations, beneficiaries, distributions of every
support kind, blood drives and new members. Deterministic (seeded), no personal data (ids only).

Used by the review tests (fed straight into the reporting projection) and by ``bench/review.py``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import get_args

from rc_members.entrypoints.demo import DISTRICTS, PROVINCE, VALID_FROM, demo_rows, demo_units
from rc_shared.envelope import Envelope, Event
from rc_shared.events.campaigns import (
    BeneficiaryRegistered,
    BeneficiaryVerified,
    CampaignLaunched,
    CampaignType,
    Targets,
)
from rc_shared.events.donations import DistributionRecorded, DonationRecorded, LedgerOpened
from rc_shared.events.members import (
    CourseAttendanceRecorded,
    CourseHeld,
    GroupFormed,
    GroupMemberJoined,
    MembershipFeeStatusChanged,
    MembershipStarted,
    MembershipStatusChanged,
    RoleAssigned,
    UnitCreated,
    UnitDissolved,
    UnitMoved,
    VolunteerHoursLogged,
)
from rc_shared.support import DEFAULT_SUPPORT_KINDS

NS = uuid.UUID("5f0d1c2a-6a43-4f44-9d1f-2b1c0e7a4100")
REFORM = date(2025, 7, 1)
YEARS = (2024, 2025)


def uid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NS, "/".join(str(p) for p in parts))


def _members_env(data: Event) -> Envelope:
    return Envelope(data=data, source="/members")


def _campaigns_env(data: Event) -> Envelope:
    return Envelope(data=data, source="/campaigns")


def _ledger_env(data: Event) -> Envelope:
    return Envelope(data=data, source="/donations")


@dataclass
class DemoActivity:
    """Events of the demo organisation and its activity; ``donations_per_campaign`` scales the ledger."""

    donations_per_campaign: int = 40
    seed: int = 2025
    province_id: uuid.UUID = field(default_factory=lambda: uid("unit", PROVINCE[0]))

    def __post_init__(self) -> None:
        self.units = demo_units()
        self.grassroots = [u["code"] for u in self.units if u["level"] == "grassroots"]
        self.branches = [u["code"] for u in self.units if u["level"] == "branch"]

    def unit(self, code: str) -> uuid.UUID:
        return uid("unit", code)

    # ------------------------------------------------------------------ members
    def unit_events(self) -> list[Envelope]:
        out = []
        for u in self.units:
            parent = self.unit(u["parent_code"]) if u.get("parent_code") else None
            out.append(
                _members_env(
                    UnitCreated(
                        unit_id=self.unit(u["code"]), valid_from=VALID_FROM, code=u["code"], name=u["name"],
                        level=u["level"], parent_id=parent,
                    )
                )
            )  # fmt: skip
        for code in self.grassroots:  # the reform: communes directly under the province, districts wound up
            out.append(_members_env(UnitMoved(unit_id=self.unit(code), valid_from=REFORM, parent_id=self.province_id,
                                              level="commune")))  # fmt: skip
        for code, _ in DISTRICTS:
            out.append(_members_env(UnitDissolved(unit_id=self.unit(code), valid_from=REFORM)))
        return out

    def hours_by_year(self) -> dict[int, float]:
        """The volunteer hours :meth:`people_events` logs, per year (what the review must sum)."""
        out = dict.fromkeys(YEARS, 0.0)
        for e in self.people_events():
            if isinstance(e.data, VolunteerHoursLogged):
                out[e.data.worked_on.year] += e.data.hours
        return out

    def people_events(self) -> Iterator[Envelope]:
        for i, row in enumerate(demo_rows()):
            person = uid("person", i)
            unit = self.unit(row["unit_code"])
            joined = date.fromisoformat(row["joined_on"])
            if row["membership"] == "yes":
                yield _members_env(
                    MembershipStarted(person_id=person, membership_id=uid("membership", i), unit_id=unit,
                                      joined_on=joined, fee_status=row["fee_status"],
                                      fee_year=int(row["fee_year"]) if row["fee_year"] else None)  # (as imported)
                )  # fmt: skip
                if i % 4 == 0:  # a quarter of the members' fees recorded for the two years
                    for year in YEARS:
                        status = ("paid", "paid", "paid", "unpaid", "exempted")[(i // 4 + year) % 5]
                        yield _members_env(
                            MembershipFeeStatusChanged(person_id=person, membership_id=uid("membership", i),
                                                       unit_id=unit, fee_status=status, year=year)
                        )  # fmt: skip
            for role in (row["roles"] or "").split(";"):
                if role:
                    yield _members_env(
                        RoleAssigned(person_id=person, role_id=uid("role", i, role), role=role, unit_id=unit,
                                     start_on=joined)
                    )  # fmt: skip
            if "volunteer" in (row["roles"] or "") and i % 3 == 0:  # a third of the volunteers log their hours
                for year in YEARS:
                    for month in (3, 9):
                        hours = float(2 + (i + year + month) % 7)  # 2 to 8 hours a day of work
                        yield _members_env(
                            VolunteerHoursLogged(person_id=person, entry_id=uid("hours", i, year, month),
                                                 unit_id=unit, hours=hours, worked_on=date(year, month, 1 + i % 28))
                        )  # fmt: skip
        rng = random.Random(self.seed)
        for year, joining, lapsing in ((2024, 420, 60), (2025, 610, 90)):
            for k in range(joining):
                person, m = uid("new", year, k), uid("new-membership", year, k)
                joined = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                yield _members_env(
                    MembershipStarted(person_id=person, membership_id=m, unit_id=self.unit(rng.choice(self.branches)),
                                      joined_on=joined)
                )  # fmt: skip
            for i in rng.sample(range(2193 + (year - 2024) * 5000, 7000 + (year - 2024) * 4000), lapsing):
                yield _members_env(
                    MembershipStatusChanged(
                        person_id=uid("person", i), membership_id=uid("membership", i),
                        unit_id=self.unit(self.branches[i % len(self.branches)]), status="lapsed",
                        effective_on=date(year, 1, 1) + timedelta(days=rng.randrange(365)),
                    )
                )  # fmt: skip

    def training_events(self) -> Iterator[Envelope]:
        """Each year 20 courses at communes (30 demo members each, two in three passing) and, in 2024,
        one first-aid or disaster-response team per district's first grassroots unit (10 members each)."""
        rng = random.Random(self.seed + 2)
        for year in YEARS:
            for k in range(20):
                course, unit = uid("course", year, k), self.unit(self.grassroots[(k * 3 + year) % len(self.grassroots)])
                on = date(year, 2, 1) + timedelta(days=15 * k)
                kind = "first_aid" if k % 2 else "disaster_preparedness"
                yield _members_env(CourseHeld(unit_id=unit, course_id=course, title=f"Tập huấn {k}", course_kind=kind,
                                              starts_on=on, ends_on=on + timedelta(days=1)))  # fmt: skip
                for i in rng.sample(range(300, 11_000), 30):
                    yield _members_env(
                        CourseAttendanceRecorded(person_id=uid("person", i), course_id=course, unit_id=unit,
                                                 attended=i % 10 != 0, passed=i % 3 != 0 and i % 10 != 0)
                    )  # fmt: skip
        for n, (code, _) in enumerate(DISTRICTS):
            group, unit = uid("group", code), self.unit(f"{code}-01")
            kind = "first_aid_team" if n % 2 else "disaster_response_team"
            yield _members_env(GroupFormed(unit_id=unit, group_id=group, formed_on=date(2024, 4, 1), group_type=kind))
            for i in range(300 + n * 10, 310 + n * 10):
                yield _members_env(GroupMemberJoined(person_id=uid("person", i), group_id=group, unit_id=unit,
                                                     joined_on=date(2024, 4, 1)))  # fmt: skip

    def members_events(self) -> list[Envelope]:
        return self.unit_events() + list(self.people_events()) + list(self.training_events())

    # ---------------------------------------------------------------- campaigns
    def campaigns(self) -> list[tuple[uuid.UUID, int, str, str]]:
        """(campaign id, year, type, organising unit code): one campaign of every type a year."""
        out = []
        for year in YEARS:
            for n, ctype in enumerate(get_args(CampaignType)):
                organiser = self.grassroots[n * 7 % len(self.grassroots)] if ctype == "blood_drive" else PROVINCE[0]
                out.append((uid("campaign", year, ctype), year, ctype, organiser))
        return out

    def campaign_events(self) -> Iterator[Envelope]:
        rng = random.Random(self.seed + 1)
        kinds = list(DEFAULT_SUPPORT_KINDS)
        for cid, year, ctype, organiser in self.campaigns():
            start = date(year, 1, 10) + timedelta(days=30 * (hash_int(ctype) % 9))
            until = start + timedelta(days=89)
            org = self.unit(organiser)
            yield _campaigns_env(
                CampaignLaunched(
                    campaign_id=cid, code=f"{ctype[:6].upper()}-{year}", name=f"{ctype} {year}",
                    campaign_type=ctype, organising_unit_id=org, receiving_from=start, receiving_until=until,
                    distribution_deadline=until + timedelta(days=20), targets=Targets(cash_vnd=500_000_000),
                )
            )  # fmt: skip
            yield _ledger_env(LedgerOpened(campaign_id=cid, organising_unit_id=org, receiving_until=until))
            for k in range(self.donations_per_campaign):
                on = start + timedelta(days=rng.randrange(90))
                unit = self._unit_on(rng, on)
                if ctype == "blood_drive":
                    yield _ledger_env(
                        DonationRecorded(
                            campaign_id=cid, donation_id=uid("donation", cid, k), kind="blood",
                            blood_units=rng.choice((1, 1, 2)), donor_id=uid("donor", rng.randrange(5000)),
                            donor_type="individual", unit_id=unit, channel="other", received_on=on, receipt_no=k + 1,
                        )
                    )  # fmt: skip
                    continue
                in_kind = k % 5 == 4
                yield _ledger_env(
                    DonationRecorded(
                        campaign_id=cid, donation_id=uid("donation", cid, k), kind="in_kind" if in_kind else "cash",
                        amount_vnd=0 if in_kind else rng.randrange(1, 200) * 50_000,
                        value_vnd=rng.randrange(1, 100) * 100_000 if in_kind else 0,
                        donor_id=None if k % 3 == 0 else uid("donor", rng.randrange(5000)),
                        donor_type="anonymous" if k % 3 == 0 else "individual", unit_id=unit,
                        channel="bank_transfer", received_on=on, receipt_no=k + 1,
                    )
                )  # fmt: skip
            if ctype == "blood_drive":
                continue
            for k in range(12):  # beneficiaries and distributions, every support kind over the campaigns
                b = uid("beneficiary", cid, k)
                code = self.grassroots[rng.randrange(len(self.grassroots))]
                size = rng.choice((None, 1, 3, 4, 5, 6))
                on = until + timedelta(days=rng.randrange(1, 20))
                unit = self.unit(code)
                yield _campaigns_env(
                    BeneficiaryRegistered(beneficiary_id=b, kind="person" if size is None else "household",
                                          unit_id=unit, campaign_id=cid, household_size=size)
                )  # fmt: skip
                yield _campaigns_env(BeneficiaryVerified(beneficiary_id=b, unit_id=unit, verified_on=until))
                kind = kinds[(k + hash_int(ctype)) % len(kinds)]
                cash = kind in ("cash_support", "scholarship")
                qty = rng.choice((1, 1, 2, 5, 10))
                yield _ledger_env(
                    DistributionRecorded(
                        campaign_id=cid, distribution_id=uid("distribution", cid, k), beneficiary_id=b,
                        kind="cash" if cash else "goods", amount_vnd=qty * 500_000 if cash else 0,
                        value_vnd=0 if cash else qty * 400_000, unit_id=unit, distributed_on=on, support_kind=kind,
                        quantity=qty, people_reached=None if k % 4 == 0 else qty * rng.choice((1, 2, 4)),
                    )
                )  # fmt: skip

    def _unit_on(self, rng: random.Random, on: date) -> uuid.UUID:
        """A receiving unit: a grassroots unit, or before the reform now and then a district."""
        if on < REFORM and rng.random() < 0.15:
            return self.unit(DISTRICTS[rng.randrange(len(DISTRICTS))][0])
        return self.unit(self.grassroots[rng.randrange(len(self.grassroots))])

    def plan_targets(self) -> list[tuple[uuid.UUID, int, str, int]]:
        """2025 plans: the province's own money target; new members per district (wound up on 30 June)
        and per commune for its second half-year; Tết gift packages per commune."""
        out = [(self.province_id, 2025, "funds_raised_vnd", 3_000_000_000), (self.province_id, 2025, "blood_units", 80)]
        for code, _ in DISTRICTS:
            out.append((self.unit(code), 2025, "new_members", 40))
        for n, code in enumerate(self.grassroots):
            out.append((self.unit(code), 2025, "new_members", 3 + n % 3))
            out.append((self.unit(code), 2025, "tet_nhan_ai.support.gift_package", 2 + n % 4))
        return out


def hash_int(s: str) -> int:
    """A stable small hash (Python's ``hash`` of a str changes between processes)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(s))
