"""In-memory repositories and unit of work for the members use cases (no database, no Kafka).

They keep what the use cases' rules read back (dated unit versions, the tree on a date, a person's
memberships, roles, consents and hours) and nothing more: the SQL itself is proven by
tests/integration/members.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime
from typing import Any

from rc_members.adapters.people_repo import PERSONAL_FIELDS
from rc_members.domain.imports import ImportBatch, KeyHolder
from rc_members.domain.units import UnitVersion
from rc_members.service_layer.unit_of_work import MembersUnitOfWork
from rc_shared import clock
from tests.unit.fake_uow import FakeEvents

OPEN = ("active", "lapsed")


def _holds(row: dict[str, Any], d: date, start: str = "valid_from", end: str = "valid_to") -> bool:
    return bool(row[start] <= d and (row[end] is None or d < row[end]))


class FakeUnitRepository:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.version_rows: list[dict[str, Any]] = []

    def code(self, unit_id: uuid.UUID | None) -> str | None:
        return self.rows[unit_id]["code"] if unit_id is not None else None

    def name(self, unit_id: uuid.UUID) -> str | None:
        """The unit's name as in force today, else its latest (as people_repo.unit_name_of reads it)."""
        versions = self._versions(unit_id)
        started = [v for v in versions if v["valid_from"] <= clock.today()]
        return (started or versions)[-1]["name"] if versions else None

    def _versions(self, unit_id: uuid.UUID) -> list[dict[str, Any]]:
        return sorted((v for v in self.version_rows if v["unit_id"] == unit_id), key=lambda v: v["valid_from"])

    @staticmethod
    def _version(v: dict[str, Any]) -> UnitVersion:
        return UnitVersion(v["unit_id"], v["name"], v["level"], v["parent_id"], v["valid_from"], v["valid_to"])

    def _on(self, d: date) -> list[dict[str, Any]]:
        return [v for v in self.version_rows if _holds(v, d)]

    def _listed(self, v: dict[str, Any]) -> dict[str, Any]:
        return {**v, "id": v["unit_id"], "code": self.code(v["unit_id"]), "parent_code": self.code(v["parent_id"])}

    async def get(self, unit_id: uuid.UUID) -> dict[str, Any] | None:
        row = self.rows.get(unit_id)
        return dict(row) if row is not None else None

    async def get_by_code(self, code: str) -> dict[str, Any] | None:
        return next((dict(r) for r in self.rows.values() if r["code"] == code), None)

    async def ids_by_code(self, codes: list[str]) -> dict[str, uuid.UUID]:
        return {r["code"]: r["id"] for r in self.rows.values() if r["code"] in codes}

    async def versions_by_code(self, codes: list[str]) -> dict[str, list[UnitVersion]]:
        ids = await self.ids_by_code(codes)
        return {code: [self._version(v) for v in self._versions(i)] for code, i in ids.items() if self._versions(i)}

    async def heir_codes(self, unit_ids: list[uuid.UUID], on: date) -> dict[uuid.UUID, str]:
        out = {}
        for i in unit_ids:
            row = self.rows.get(i)
            if row is None or row.get("ended_on") is None:
                continue
            d, h = max(row["ended_on"], on), i
            for _ in range(32):  # as unit_heir(u, d): while the unit has ended by d and names an heir
                nxt = self.rows[h]
                if nxt.get("ended_on") is None or nxt["ended_on"] > d or nxt.get("heir_id") is None:
                    break
                h = nxt["heir_id"]
            if h != i:
                out[i] = self.rows[h]["code"]
        return out

    async def history(self, unit_id: uuid.UUID) -> list[dict[str, Any]]:
        return [{**v, "parent_code": self.code(v["parent_id"])} for v in self._versions(unit_id)]

    async def latest(self, unit_id: uuid.UUID) -> UnitVersion | None:
        versions = self._versions(unit_id)
        return self._version(versions[-1]) if versions else None

    async def as_of(self, unit_id: uuid.UUID, d: date) -> UnitVersion | None:
        return next((self._version(v) for v in self._on(d) if v["unit_id"] == unit_id), None)

    async def ancestors(self, unit_id: uuid.UUID, d: date) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        current: uuid.UUID | None = unit_id
        while current is not None and current not in [r["id"] for r in out]:
            v = next((v for v in self._on(d) if v["unit_id"] == current), None)
            if v is None:
                break
            out.append(self._listed(v))
            current = v["parent_id"]
        return out

    async def subtree_ids(self, unit_id: uuid.UUID, d: date) -> list[uuid.UUID]:
        out = [unit_id]
        for parent in out:
            out.extend(v["unit_id"] for v in self._on(d) if v["parent_id"] == parent and v["unit_id"] not in out)
        return out

    async def children(self, unit_id: uuid.UUID, d: date) -> list[dict[str, Any]]:
        found = [self._listed(v) for v in self._on(d) if v["parent_id"] == unit_id]
        return sorted(found, key=lambda r: r["code"])

    async def insert_unit(self, unit_id: uuid.UUID, code: str) -> None:
        assert await self.get_by_code(code) is None, "unique code"
        self.rows[unit_id] = {"id": unit_id, "code": code, "ended_on": None, "end_reason": None, "merged_into": None}

    async def insert_version(self, v: UnitVersion, change: str) -> None:
        self.version_rows.append({**v.__dict__, "change": change})

    async def change(
        self, unit_id: uuid.UUID, on: date, *, name: str, level: str, parent_id: uuid.UUID | None, change: str
    ) -> None:
        new = {"name": name, "level": level, "parent_id": parent_id}
        for v in self.version_rows:
            if v["unit_id"] == unit_id and v["valid_to"] is None:
                if v["valid_from"] == on:  # amended in place
                    v.update(new, change=f"{v['change']},{change}")
                    return
                v["valid_to"] = on
        await self.insert_version(UnitVersion(unit_id, name, level, parent_id, on, None), change)

    async def end(
        self, unit_id: uuid.UUID, on: date, reason: str, merged_into: uuid.UUID | None, heir: uuid.UUID | None
    ) -> None:
        self.version_rows = [
            v
            for v in self.version_rows
            if not (v["unit_id"] == unit_id and v["valid_to"] is None and v["valid_from"] >= on)
        ]
        for v in self.version_rows:
            if v["unit_id"] == unit_id and v["valid_to"] is None:
                v["valid_to"] = on
        self.rows[unit_id].update(ended_on=on, end_reason=reason, merged_into=merged_into, heir_id=heir)


class FakePeopleRepository:
    def __init__(self, units: FakeUnitRepository, groups: FakeGroupRepository) -> None:
        self.units = units
        self.groups = groups
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.personal_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.consent_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.membership_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.fee_rows: dict[tuple[uuid.UUID, int], str] = {}
        self.period_rows: list[dict[str, Any]] = []  # membership_periods, as people_repo writes them
        self.role_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.hours_rows: list[dict[str, Any]] = []
        self.training_rows: list[dict[str, Any]] = []
        self._created = itertools.count()  # created_at order

    # people
    async def get(self, person_id: uuid.UUID, *, lock: bool = False) -> dict[str, Any] | None:
        row = self.rows.get(person_id)
        return dict(row) if row is not None else None

    async def personal(self, person_id: uuid.UUID) -> dict[str, Any] | None:
        row = self.personal_rows.get(person_id)
        return dict(row) if row is not None else None

    async def insert(
        self,
        person_id: uuid.UUID,
        personal: dict[str, Any],
        import_key: str | None = None,
        unit_id: uuid.UUID | None = None,
    ) -> None:
        assert person_id not in self.rows
        self.rows[person_id] = {
            "id": person_id,
            "import_key": import_key,
            "unit_id": unit_id,
            "erased_at": None,
            "deceased_on": None,
        }
        self.personal_rows[person_id] = {f: personal.get(f) for f in PERSONAL_FIELDS}

    async def update_personal(self, person_id: uuid.UUID, changes: dict[str, Any]) -> None:
        self.personal_rows[person_id].update({f: changes[f] for f in PERSONAL_FIELDS if f in changes})

    async def erase(self, person_id: uuid.UUID) -> None:
        del self.personal_rows[person_id]
        for t in self.training_rows:
            if t["person_id"] == person_id:
                t["certificate_no"] = None
        self.rows[person_id].update(erased_at=datetime.now(UTC))

    async def set_deceased(self, person_id: uuid.UUID, on: date) -> None:
        self.rows[person_id]["deceased_on"] = on

    # import
    async def import_key_holders(self, keys: list[str]) -> dict[str, KeyHolder]:
        out = {}
        for r in self.rows.values():
            if r["import_key"] in keys:
                d = self.personal_rows.get(r["id"]) or {}  # (none once erased)
                out[r["import_key"]] = KeyHolder(
                    r["id"], r["erased_at"], d.get("full_name"), d.get("birth_date"), d.get("id_number")
                )
        return out

    async def ids_by_id_number(self, numbers: list[str]) -> dict[str, uuid.UUID]:
        return {p["id_number"]: pid for pid, p in self.personal_rows.items() if p.get("id_number") in numbers}

    async def insert_imported(self, batch: ImportBatch) -> None:
        personal = {p[0]: p for p in batch.personal}
        for person_id, key, unit_id in batch.people:
            _, full_name, gender, birth_date, phone, id_number, address = personal[person_id]
            await self.insert(
                person_id,
                {
                    "full_name": full_name,
                    "gender": gender,
                    "birth_date": birth_date,
                    "phone": phone,
                    "id_number": id_number,
                    "address": address,
                },
                key,
                unit_id,
            )
        for consent_id, person_id, purpose, given_on in batch.consents:
            await self.insert_consent(consent_id, person_id, purpose, given_on)
        for mid, person_id, unit_id, member_code, joined_on, status, since in batch.memberships:
            await self.insert_membership(mid, person_id, unit_id, joined_on, member_code)
            self.membership_rows[mid].update(status=status, status_since=since)
            self.period_rows[-1].update(status=status, valid_from=since)
        for mid, year, fee_status in batch.fees:
            self.fee_rows[(mid, year)] = fee_status
        for role_id, person_id, role, unit_id, start_on in batch.roles:
            await self.insert_role(role_id, person_id, role, unit_id, start_on)

    # consents
    async def consents(self, person_id: uuid.UUID) -> list[dict[str, Any]]:
        found = [c for c in self.consent_rows.values() if c["person_id"] == person_id]
        return [dict(c) for c in sorted(found, key=lambda c: (c["given_on"], c["id"]))]

    async def insert_consent(self, consent_id: uuid.UUID, person_id: uuid.UUID, purpose: str, given_on: date) -> None:
        self.consent_rows[consent_id] = {
            "id": consent_id,
            "person_id": person_id,
            "purpose": purpose,
            "given_on": given_on,
            "withdrawn_on": None,
        }

    async def withdraw_consent(self, consent_id: uuid.UUID, on: date) -> None:
        self.consent_rows[consent_id]["withdrawn_on"] = on

    # memberships
    async def memberships(self, person_id: uuid.UUID) -> list[dict[str, Any]]:
        found = [m for m in self.membership_rows.values() if m["person_id"] == person_id]
        return [
            {**m, "unit_code": self.units.code(m["unit_id"]), "unit_name": self.units.name(m["unit_id"])}
            for m in sorted(found, key=lambda m: (m["created"], m["joined_on"]))
        ]

    async def latest_membership(self, person_id: uuid.UUID) -> dict[str, Any] | None:
        found = [m for m in self.membership_rows.values() if m["person_id"] == person_id]
        if not found:
            return None
        return dict(max(found, key=lambda m: (m["status"] in OPEN, m["created"], m["joined_on"])))

    async def fees(self, membership_id: uuid.UUID) -> list[dict[str, Any]]:
        return [
            {"year": year, "fee_status": status}
            for (mid, year), status in sorted(self.fee_rows.items(), key=lambda kv: kv[0][1])
            if mid == membership_id
        ]

    async def insert_membership(
        self,
        membership_id: uuid.UUID,
        person_id: uuid.UUID,
        unit_id: uuid.UUID,
        joined_on: date,
        member_code: str | None,
    ) -> None:
        self.membership_rows[membership_id] = {
            "id": membership_id,
            "person_id": person_id,
            "unit_id": unit_id,
            "member_code": member_code,
            "joined_on": joined_on,
            "status": "active",
            "status_since": joined_on,
            "created": next(self._created),
        }
        self._add_period(membership_id, unit_id, "active", joined_on)

    def _add_period(self, membership_id: uuid.UUID, unit_id: uuid.UUID, status: str, valid_from: date) -> None:
        self.period_rows.append(
            {"membership_id": membership_id, "unit_id": unit_id, "status": status, "valid_from": valid_from,
             "valid_to": None, "id": len(self.period_rows)}
        )  # fmt: skip

    async def periods(self, membership_id: uuid.UUID) -> list[dict[str, Any]]:
        found = [p for p in self.period_rows if p["membership_id"] == membership_id]
        return [
            {**p, "unit_code": self.units.code(p["unit_id"]), "unit_name": self.units.name(p["unit_id"])}
            for p in sorted(found, key=lambda p: (p["valid_from"], p["id"]))
        ]

    async def set_fee(self, membership_id: uuid.UUID, year: int, fee_status: str) -> str | None:
        prev = self.fee_rows.get((membership_id, year))
        self.fee_rows[(membership_id, year)] = fee_status
        return prev

    async def change_membership(self, membership_id: uuid.UUID, on: date, *, unit_id: uuid.UUID, status: str) -> None:
        self.membership_rows[membership_id].update(unit_id=unit_id, status=status, status_since=on)
        mine = [p for p in self.period_rows if p["membership_id"] == membership_id and p["valid_to"] is None]
        for p in mine:  # as people_repo: an open period begun that day is replaced, the others closed on it
            if p["valid_from"] == on:
                self.period_rows.remove(p)
            else:
                p["valid_to"] = on
        self._add_period(membership_id, unit_id, status, on)

    async def open_memberships_in_unit(self, unit_id: uuid.UUID) -> list[dict[str, Any]]:
        return [dict(m) for m in self.membership_rows.values() if m["unit_id"] == unit_id and m["status"] in OPEN]

    # roles
    async def roles(self, person_id: uuid.UUID) -> list[dict[str, Any]]:
        found = [r for r in self.role_rows.values() if r["person_id"] == person_id]
        return [
            {**r, "unit_code": self.units.code(r["unit_id"]), "unit_name": self.units.name(r["unit_id"])}
            for r in sorted(found, key=lambda r: (r["start_on"], r["role"]))
        ]

    async def role(self, role_id: uuid.UUID) -> dict[str, Any] | None:
        row = self.role_rows.get(role_id)
        return dict(row) if row is not None else None

    async def open_role(self, person_id: uuid.UUID, role: str) -> dict[str, Any] | None:
        return next(
            (
                dict(r)
                for r in self.role_rows.values()
                if (r["person_id"], r["role"]) == (person_id, role) and r["end_on"] is None
            ),
            None,
        )

    async def role_on(self, person_id: uuid.UUID, role: str, on: date) -> dict[str, Any] | None:
        found = [
            r
            for r in self.role_rows.values()
            if (r["person_id"], r["role"]) == (person_id, role) and _holds(r, on, "start_on", "end_on")
        ]
        return dict(max(found, key=lambda r: r["start_on"])) if found else None

    async def open_roles(self, person_id: uuid.UUID) -> list[dict[str, Any]]:
        return [dict(r) for r in self.role_rows.values() if r["person_id"] == person_id and r["end_on"] is None]

    async def open_roles_in_unit(self, unit_id: uuid.UUID) -> list[dict[str, Any]]:
        return [dict(r) for r in self.role_rows.values() if r["unit_id"] == unit_id and r["end_on"] is None]

    async def insert_role(
        self, role_id: uuid.UUID, person_id: uuid.UUID, role: str, unit_id: uuid.UUID, start_on: date
    ) -> None:
        self.role_rows[role_id] = {
            "id": role_id,
            "person_id": person_id,
            "role": role,
            "unit_id": unit_id,
            "start_on": start_on,
            "end_on": None,
        }

    async def end_role(self, role_id: uuid.UUID, on: date) -> None:
        self.role_rows[role_id]["end_on"] = on

    # hours
    async def hours_logged_with(self, key: str) -> dict[str, Any] | None:
        return next((h for h in self.hours_rows if h.get("request_key") == key), None)

    async def insert_hours(
        self,
        entry_id: uuid.UUID,
        person_id: uuid.UUID,
        unit_id: uuid.UUID,
        hours: float,
        worked_on: date,
        request_key: str | None = None,
    ) -> None:
        self.hours_rows.append(
            {"id": entry_id, "person_id": person_id, "unit_id": unit_id, "hours": hours, "worked_on": worked_on,
             "request_key": request_key}
        )  # fmt: skip

    async def hours_on(self, person_id: uuid.UUID, worked_on: date) -> float:
        return sum(
            float(h["hours"]) for h in self.hours_rows if (h["person_id"], h["worked_on"]) == (person_id, worked_on)
        )

    async def hours_total(self, person_id: uuid.UUID) -> float:
        return sum(float(h["hours"]) for h in self.hours_rows if h["person_id"] == person_id)

    # training
    async def insert_training(self, training_id: uuid.UUID, person_id: uuid.UUID, record: dict[str, Any]) -> None:
        unit_code = self.units.code(record["unit_id"])
        unit_name = self.units.name(record["unit_id"])
        self.training_rows.append(
            {"id": training_id, "person_id": person_id, **record, "unit_code": unit_code, "unit_name": unit_name}
        )

    async def training(self, person_id: uuid.UUID) -> list[dict[str, Any]]:
        mine = [dict(t) for t in self.training_rows if t["person_id"] == person_id]
        return sorted(mine, key=lambda t: t["completed_on"], reverse=True)

    async def has_certificate(self, person_id: uuid.UUID, certificate_no: str) -> bool:
        return any((t["person_id"], t["certificate_no"]) == (person_id, certificate_no) for t in self.training_rows)

    async def courses_taken(self, person_id: uuid.UUID) -> list[dict[str, Any]]:
        out = []
        for (course_id, pid), a in self.groups.attendance_rows.items():
            if pid == person_id:
                c = self.groups.course_rows[course_id]
                out.append(
                    {
                        "course_id": course_id,
                        **{k: c[k] for k in ("title", "kind", "unit_id", "starts_on", "ends_on")},
                        "unit_code": self.units.code(c["unit_id"]),
                        "unit_name": self.units.name(c["unit_id"]),
                        "attended": a["attended"],
                        "passed": a["passed"],
                    }
                )
        return sorted(out, key=lambda c: c["ends_on"], reverse=True)


class FakeGroupRepository:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.member_rows: list[dict[str, Any]] = []
        self.course_rows: dict[uuid.UUID, dict[str, Any]] = {}
        self.attendance_rows: dict[tuple[uuid.UUID, uuid.UUID], dict[str, Any]] = {}

    async def add_group(self, group_id: uuid.UUID, unit_id: uuid.UUID, type: str, name: str, formed_on: date) -> None:
        self.rows[group_id] = {"id": group_id, "unit_id": unit_id, "type": type, "name": name, "formed_on": formed_on}

    async def get_group(self, group_id: uuid.UUID) -> dict[str, Any] | None:
        row = self.rows.get(group_id)
        return dict(row) if row is not None else None

    async def open_membership(self, group_id: uuid.UUID, person_id: uuid.UUID) -> dict[str, Any] | None:
        return next(
            (
                dict(m)
                for m in self.member_rows
                if (m["group_id"], m["person_id"]) == (group_id, person_id) and m["left_on"] is None
            ),
            None,
        )

    async def add_member(self, group_id: uuid.UUID, person_id: uuid.UUID, joined_on: date) -> None:
        self.member_rows.append({"group_id": group_id, "person_id": person_id, "joined_on": joined_on, "left_on": None})

    async def end_member(self, group_id: uuid.UUID, person_id: uuid.UUID, joined_on: date, left_on: date) -> None:
        for m in self.member_rows:
            if (m["group_id"], m["person_id"], m["joined_on"]) == (group_id, person_id, joined_on):
                m["left_on"] = left_on

    async def members_as_of(self, group_id: uuid.UUID, as_of: date) -> list[dict[str, Any]]:
        found = [m for m in self.member_rows if m["group_id"] == group_id and _holds(m, as_of, "joined_on", "left_on")]
        return [
            {k: m[k] for k in ("person_id", "joined_on", "left_on")}
            for m in sorted(found, key=lambda m: m["joined_on"])
        ]

    async def move_groups(self, from_unit_id: uuid.UUID, to_unit_id: uuid.UUID) -> None:
        for g in self.rows.values():
            if g["unit_id"] == from_unit_id:
                g["unit_id"] = to_unit_id

    async def add_course(
        self, course_id: uuid.UUID, unit_id: uuid.UUID, title: str, starts_on: date, ends_on: date, kind: str
    ) -> None:
        self.course_rows[course_id] = {
            "id": course_id,
            "unit_id": unit_id,
            "title": title,
            "kind": kind,
            "starts_on": starts_on,
            "ends_on": ends_on,
        }

    async def get_course(self, course_id: uuid.UUID) -> dict[str, Any] | None:
        row = self.course_rows.get(course_id)
        return dict(row) if row is not None else None

    async def record_attendance(self, course_id: uuid.UUID, person_id: uuid.UUID, attended: bool, passed: bool) -> None:
        self.attendance_rows[(course_id, person_id)] = {"person_id": person_id, "attended": attended, "passed": passed}

    async def attendance(self, course_id: uuid.UUID) -> list[dict[str, Any]]:
        return [
            dict(a) for (c, p), a in sorted(self.attendance_rows.items(), key=lambda kv: kv[0][1]) if c == course_id
        ]


class FakeUnitOfWork(FakeEvents, MembersUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.units = FakeUnitRepository()
        self.groups = FakeGroupRepository()
        self.people = FakePeopleRepository(self.units, self.groups)
