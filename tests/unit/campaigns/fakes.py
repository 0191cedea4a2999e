"""In-memory repositories and unit of work for the campaigns use cases (no database, no Kafka).

They keep the rules the use cases rely on (a row per id, lookups by code and by deduplication key,
overlapping date ranges, registrations per session) and nothing more: the SQL itself is proven by
tests/integration/campaigns.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from typing import Any

from rc_campaigns.domain.beneficiaries import BeneficiaryFilter, DedupKey, Sponsorship
from rc_campaigns.domain.blood import BloodSession, Registration
from rc_campaigns.domain.campaigns import Campaign, CampaignFilter, Holdings
from rc_campaigns.domain.progress import Totals
from rc_campaigns.service_layer.unit_of_work import CampaignsUnitOfWork
from rc_shared.scope import check_versions
from tests.unit.fake_uow import FakeEvents


class FakeCampaignRepository:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Campaign] = {}
        self.totals_by_id: dict[uuid.UUID, Totals] = {}
        self.holdings_by_id: dict[uuid.UUID, Holdings] = {}
        self.reached_by_id: dict[uuid.UUID, dict[str, datetime]] = {}
        self.disclosures: dict[uuid.UUID, dict[str, Any]] = {}

    async def get(self, campaign_id: uuid.UUID, *, for_update: bool = False) -> Campaign | None:
        c = self.rows.get(campaign_id)
        return copy.deepcopy(c) if c is not None else None  # a copy, as a row read from the database

    async def id_by_code(self, code: str) -> uuid.UUID | None:
        return next((c.id for c in self.rows.values() if c.code == code), None)

    async def add(self, c: Campaign) -> None:
        assert c.id not in self.rows and await self.id_by_code(c.code) is None, "unique keys"
        self.rows[c.id] = copy.deepcopy(c)

    async def save(self, c: Campaign) -> None:
        assert c.id in self.rows
        self.rows[c.id] = copy.deepcopy(c)

    async def save_disclosure(self, campaign_id: uuid.UUID, content: dict[str, Any]) -> int:
        version = self.disclosures.get(campaign_id, {"version": 0})["version"] + 1
        self.disclosures[campaign_id] = {"version": version, "content": copy.deepcopy(content), "updated_at": None}
        return int(version)

    async def disclosure(self, campaign_id: uuid.UUID) -> dict[str, Any] | None:
        return copy.deepcopy(self.disclosures.get(campaign_id))

    async def ancestors(self, campaign_id: uuid.UUID) -> list[uuid.UUID]:
        out: list[uuid.UUID] = []
        current = self.rows.get(campaign_id)
        while current is not None and len(out) <= 100:
            out.append(current.id)
            current = self.rows.get(current.parent_campaign_id) if current.parent_campaign_id else None
        return out

    async def search(self, where: CampaignFilter, limit: int, offset: int) -> list[Campaign]:
        found = [c for c in self.rows.values() if where.matches(c)]
        found.sort(key=lambda c: c.code)
        found.sort(key=lambda c: c.receiving_from, reverse=True)
        return [replace(c) for c in found[offset : offset + limit]]

    async def open_or_closed(self) -> list[Campaign]:
        found = [c for c in self.rows.values() if c.state in ("launched", "closed")]
        return sorted(found, key=lambda c: (c.receiving_until, c.code))

    async def totals(self, campaign_id: uuid.UUID) -> Totals:
        return self.totals_by_id.get(campaign_id, Totals())

    async def holdings(self, campaign_id: uuid.UUID) -> Holdings:
        return self.holdings_by_id.get(campaign_id, Holdings())

    async def reached(self, campaign_id: uuid.UUID) -> dict[str, datetime]:
        return dict(self.reached_by_id.get(campaign_id, {}))


def _named(r: dict[str, Any]) -> bool:
    """Whether the public list names the beneficiary (their consent, not erased)."""
    return bool(r["consent_to_publish"]) and r["erased_at"] is None


class FakeBeneficiaryRepository:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.sponsors: dict[tuple[str, str, str], uuid.UUID] = {}
        self.sponsorship_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.support: dict[uuid.UUID, dict[str, int]] = {}
        self.enrolments: dict[tuple[uuid.UUID, uuid.UUID], date] = {}

    async def get(self, beneficiary_id: uuid.UUID, *, for_update: bool = False) -> dict[str, Any] | None:
        row = self.rows.get(beneficiary_id)
        return dict(row) if row is not None else None

    async def find_duplicate(
        self, key: DedupKey, other_than: uuid.UUID | None = None
    ) -> tuple[uuid.UUID, uuid.UUID, str] | None:
        others = [r for r in self.rows.values() if r["id"] != other_than]
        if key.id_number is not None:
            for r in others:
                if r["id_number"] == key.id_number:
                    return r["id"], r["unit_id"], "id_number"
        for r in others:  # in registration order
            if (r["kind"], r["name_key"], r["address_key"]) == (key.kind, key.name_key, key.address_key):
                return r["id"], r["unit_id"], "name_and_address"
        return None

    async def add(self, beneficiary_id: uuid.UUID, key: DedupKey, fields: dict[str, Any]) -> None:
        self.rows[beneficiary_id] = {
            "id": beneficiary_id,
            "kind": key.kind,
            "unit_id": key.unit_id,
            "full_name": fields["full_name"],
            "name_key": key.name_key,
            "id_number": key.id_number,
            "address": fields["address"],
            "address_key": key.address_key,
            "commune": fields["commune"],
            "household_size": fields.get("household_size"),
            "situation": fields.get("situation") or "",
            "notes": fields.get("notes") or "",
            "humanitarian_address": fields.get("humanitarian_address", False),
            "campaign_id": fields.get("campaign_id"),
            "consent_purpose": fields["consent_purpose"],
            "consent_given_on": fields["consent_given_on"],
            "consent_to_publish": fields.get("consent_to_publish", False),
            "verified_by": None,
            "verified_on": None,
            "erased_at": None,
        }

    async def correct(self, beneficiary_id: uuid.UUID, key: DedupKey, fields: dict[str, Any]) -> None:
        self.rows[beneficiary_id].update(fields, name_key=key.name_key, address_key=key.address_key,
                                         id_number=key.id_number)  # fmt: skip

    async def consent_to_publish(self, beneficiary_id: uuid.UUID, given: bool) -> None:
        self.rows[beneficiary_id]["consent_to_publish"] = given

    async def erase(self, beneficiary_id: uuid.UUID) -> bool:
        row = self.rows[beneficiary_id]
        if row["erased_at"] is not None:
            return False
        erased = f"erased:{beneficiary_id}"
        row.update(full_name="", name_key=erased, id_number=None, address="", address_key=erased, situation="",
                   notes="", consent_to_publish=False, erased_at=datetime.now(UTC))  # fmt: skip
        return True

    async def verify(self, beneficiary_id: uuid.UUID, verified_by: str, verified_on: date) -> None:
        self.rows[beneficiary_id].update(verified_by=verified_by, verified_on=verified_on)

    async def search(self, where: BeneficiaryFilter, limit: int, offset: int) -> list[dict[str, Any]]:
        found = [
            r
            for r in self.rows.values()
            if (where.unit_id is None or r["unit_id"] == where.unit_id)
            and (where.verified is None or (r["verified_on"] is not None) == where.verified)
            and (where.humanitarian_address is None or r["humanitarian_address"] == where.humanitarian_address)
            and (
                where.campaign_id is None
                or r["campaign_id"] == where.campaign_id
                or (r["id"], where.campaign_id) in self.enrolments
            )
            and (where.within is None or r["unit_id"] in where.within)
        ]
        found.sort(key=lambda r: (r["commune"], r["full_name"], r["id"]))
        return [dict(r) for r in found[offset : offset + limit]]

    async def enrol(self, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID, on: date) -> bool:
        if (beneficiary_id, campaign_id) in self.enrolments:
            return False
        self.enrolments[(beneficiary_id, campaign_id)] = on
        return True

    async def campaigns_of(self, beneficiary_id: uuid.UUID) -> list[uuid.UUID]:
        mine = [(on, c) for (b, c), on in self.enrolments.items() if b == beneficiary_id]
        return [c for _, c in sorted(mine, key=lambda x: x[0])]

    async def public_list(self, campaign_id: uuid.UUID) -> list[dict[str, Any]]:
        zero = {"cash_vnd": 0, "goods_value_vnd": 0}
        found = [
            r
            for r in self.rows.values()
            if r["id"] in self.support
            or (
                r["verified_on"] is not None
                and (r["campaign_id"] == campaign_id or (r["id"], campaign_id) in self.enrolments)
            )
        ]
        return [
            {
                "full_name": None if r["erased_at"] else r["full_name"],
                "consent_to_publish": r["consent_to_publish"],
                "commune": r["commune"],
                **self.support.get(r["id"], zero),
            }
            for r in sorted(
                found, key=lambda r: (r["commune"], not _named(r), r["full_name"] if _named(r) else "", r["id"])
            )
        ]

    async def sponsor_id(
        self, sponsor_type: str, name: str, name_key: str, contact: str, contact_key: str
    ) -> uuid.UUID:
        return self.sponsors.setdefault((sponsor_type, name_key, contact_key), uuid.uuid4())

    async def overlapping_sponsorship(
        self, beneficiary_id: uuid.UUID, sponsor_id: uuid.UUID, start_on: date, end_on: date | None
    ) -> uuid.UUID | None:
        for s in self.sponsorship_rows.values():
            if s["beneficiary_id"] != beneficiary_id or s["sponsor_id"] != sponsor_id:
                continue
            # closed ranges, an open end unbounded (PostgreSQL's daterange(a, b, '[]') && ...)
            if (end_on is None or s["start_on"] <= end_on) and (s["end_on"] is None or start_on <= s["end_on"]):
                return s["id"]  # type: ignore[no-any-return]
        return None

    async def add_sponsorship(self, s: Sponsorship) -> None:
        self.sponsorship_rows[s.id] = asdict(s)

    async def sponsorships(self, beneficiary_id: uuid.UUID) -> list[dict[str, Any]]:
        found = [s for s in self.sponsorship_rows.values() if s["beneficiary_id"] == beneficiary_id]
        return [dict(s) for s in sorted(found, key=lambda s: (s["start_on"], s["id"]))]

    async def support_received(self, beneficiary_id: uuid.UUID) -> dict[str, int]:
        return dict(self.support.get(beneficiary_id, {"cash_vnd": 0, "goods_value_vnd": 0}))


class FakeBloodRepository:
    def __init__(self) -> None:
        self.session_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.registrations: dict[uuid.UUID, dict[str, Any]] = {}

    def _with_count(self, s: dict[str, Any]) -> dict[str, Any]:
        return {**s, "registered": sum(1 for r in self.registrations.values() if r["session_id"] == s["id"])}

    async def add_session(self, s: BloodSession) -> None:
        self.session_rows[s.id] = asdict(s)

    async def get_session(self, session_id: uuid.UUID, *, for_update: bool = False) -> dict[str, Any] | None:
        s = self.session_rows.get(session_id)
        return self._with_count(s) if s is not None else None

    async def sessions(self, campaign_id: uuid.UUID) -> list[dict[str, Any]]:
        found = [s for s in self.session_rows.values() if s["campaign_id"] == campaign_id]
        return [self._with_count(s) for s in sorted(found, key=lambda s: (s["held_on"], s["id"]))]

    async def registration_of(self, session_id: uuid.UUID, donor_id: uuid.UUID) -> uuid.UUID | None:
        return next(
            (
                r["id"]
                for r in self.registrations.values()
                if (r["session_id"], r["donor_id"]) == (session_id, donor_id)
            ),
            None,
        )

    async def add_registration(self, r: Registration) -> None:
        assert await self.registration_of(r.session_id, r.donor_id) is None, "unique (session_id, donor_id)"
        self.registrations[r.id] = asdict(r)


class FakeUnitTree:
    """The tree learnt from members.units: every unit is known unless versions were given for it."""

    def __init__(self) -> None:
        self.versions: list[dict[str, Any]] = []
        self.unknown: set[uuid.UUID] = set()

    def learn(self, unit_id: uuid.UUID, valid_from: date, valid_to: date | None = None) -> None:
        self.versions.append({"unit_id": unit_id, "valid_from": valid_from, "valid_to": valid_to})

    async def check_known(self, units: Mapping[str, uuid.UUID | None], first: date, last: date | None = None) -> None:
        given = {name: unit for name, unit in units.items() if unit is not None}
        described = {v["unit_id"] for v in self.versions}
        rows = [*self.versions]
        rows += [
            {"unit_id": u, "valid_from": date.min, "valid_to": None}
            for u in given.values()
            if u not in described and u not in self.unknown
        ]
        check_versions(given, rows, first, last)


class FakeUnitOfWork(FakeEvents, CampaignsUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.campaigns = FakeCampaignRepository()
        self.units = FakeUnitTree()
        self.beneficiaries = FakeBeneficiaryRepository()
        self.blood = FakeBloodRepository()
