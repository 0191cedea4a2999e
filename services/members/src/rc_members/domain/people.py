"""Rules about people, memberships, roles and hours (pure: no I/O)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from rc_shared import contact
from rc_shared.errors import Conflict, Invalid

MembershipStatus = Literal["active", "lapsed", "transferred", "resigned", "deceased"]
FeeStatus = Literal["paid", "unpaid", "exempted"]
OPEN_STATUSES: frozenset[str] = frozenset({"active", "lapsed"})
FINAL_STATUSES: frozenset[str] = frozenset({"deceased"})
GroupType = Literal["club", "first_aid_team", "disaster_response_team", "mobile_medical_team"]

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
PAGE_MAX = 200  # most people one listing page holds
HOURS_MIN = 0.01  # volunteer hours are stored to the hundredth
TRAINING_HOURS_MIN = 0.5  # a training record counts half an hour at least
TRAINING_HOURS_MAX = 1000  # and at most this (a long course, e.g. a staff training of several months)


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on ``on``."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


@dataclass(frozen=True)
class RoleRules:
    """Which roles exist and their age bounds (inclusive) on the role's start date."""

    roles: tuple[str, ...] = ("volunteer", "youth", "collaborator")
    volunteer_min_age: int = 18
    youth_min_age: int = 16
    youth_max_age: int = 30
    volunteer: str = "volunteer"  # the role whose hours are logged and which has the volunteer's minimum age
    youth: str = "youth"  # the role of the Red Cross youth age bounds

    @classmethod
    def parse(
        cls,
        roles: str,
        volunteer_min_age: int,
        youth_min_age: int,
        youth_max_age: int,
        volunteer: str = "volunteer",
        youth: str = "youth",
    ) -> RoleRules:
        """The roles of RC_ROLES; ``volunteer`` (RC_ROLE_VOLUNTEER) must be one of them (ValueError)."""
        names = tuple(r.strip() for r in roles.split(",") if r.strip())
        if volunteer not in names:
            raise ValueError(f"the volunteers' role {volunteer!r} is not one of the roles {', '.join(names)}")
        return cls(names, volunteer_min_age, youth_min_age, youth_max_age, volunteer, youth)

    def bounds(self, role: str) -> tuple[int | None, int | None]:
        if role == self.volunteer:
            return self.volunteer_min_age, None
        if role == self.youth:
            return self.youth_min_age, self.youth_max_age
        return None, None

    def check(self, role: str, birth_date: date | None, start_on: date) -> None:
        """Raise Invalid for an unknown role, Conflict when the person's age breaks the role's bounds."""
        if role not in self.roles:
            raise Invalid(f"unknown role {role!r}; roles are {', '.join(self.roles)}", field="role")
        lo, hi = self.bounds(role)
        if lo is None and hi is None:
            return
        if birth_date is None:
            raise Conflict(f"the birth date is needed to check the age of a {role}", role=role)
        age = age_on(birth_date, start_on)
        if lo is not None and age < lo:
            if role == self.volunteer:
                msg = f"{role} must be {lo} or older (age on {start_on.isoformat()}: {age})"
            else:
                msg = f"{role} must be aged {lo}" + (f"–{hi}" if hi is not None else "+") + f" (age: {age})"
            raise Conflict(msg, role=role, age=age, min_age=lo)
        if hi is not None and age > hi:
            raise Conflict(
                f"{role} must be aged {lo}–{hi} (age on {start_on.isoformat()}: {age})", role=role, age=age, max_age=hi
            )


def check_status_change(current: str, new: str, since: date, effective_on: date) -> None:
    """Deceased is final; a change repeats nothing and does not go back before the current status."""
    if current in FINAL_STATUSES:
        raise Conflict(f"membership status {current} is final", current_status=current)
    if new == current:
        raise Conflict(f"membership is already {current}", current_status=current)
    if effective_on < since:
        raise Conflict(
            f"effective date {effective_on.isoformat()} is before the current status date {since.isoformat()}",
            since=since.isoformat(),
        )


def hundredths(hours: float) -> float:
    """Hours as stored, to the hundredth (numeric(…, 2)), half up: what the answer and the event carry too
    (2.555 is 2.56)."""
    return float(Decimal(repr(hours)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def check_hours(hours: float, worked_on: date, today: date) -> None:
    """Hours of one day: from 0.01 (a hundredth: 0.001 was stored as 0 and refused by the table as a
    conflict naming its check) to 24; more decimals are rounded (:func:`hundredths`)."""
    if not HOURS_MIN <= hours <= 24:
        raise Invalid(f"hours must be from {HOURS_MIN} to 24", field="hours")
    if worked_on > today:
        raise Invalid("worked_on cannot be in the future", field="worked_on")


def check_training(hours: float, completed_on: date, today: date, birth_date: date | None) -> None:
    """A training record's hours lie in bounds; it was completed by today, and not before the person's birth."""
    if not TRAINING_HOURS_MIN <= hours <= TRAINING_HOURS_MAX:
        raise Invalid(f"hours must be from {TRAINING_HOURS_MIN:g} to {TRAINING_HOURS_MAX}", field="hours")
    if completed_on > today:
        raise Invalid("completed_on cannot be in the future", field="completed_on")
    if birth_date is not None and completed_on < birth_date:
        raise Conflict(
            f"completed_on is before the person's birth date ({birth_date.isoformat()})", field="completed_on"
        )


def name_query(q: str) -> str:
    """A name fragment to search for: NFC, whitespace collapsed; at least one letter, no control
    characters (Invalid naming ``q``). Diacritics and case are folded by the database (``rc_fold``)."""
    text = " ".join(unicodedata.normalize("NFC", q).split())
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise Invalid("q must not contain control characters", field="q")
    if not any(ch.isalpha() for ch in text):
        raise Invalid(
            "q must contain at least one letter of the name, or be a whole phone or identity number", field="q"
        )
    return text


def number_query(q: str) -> tuple[str | None, str | None] | None:
    """(phone, identity number) in their stored forms (rc_shared.contact) when ``q`` is a whole phone or
    identity number ("0912 345 678", "+84 912 345 678", "095 190 001 234", a passport's "C1234567");
    else None (a name is searched)."""
    text = q.strip()
    if not any(ch.isdigit() for ch in text):
        return None
    if any(ch.isalpha() for ch in text):  # a passport's or an old card's number ("C1234567"), or a name
        return (None, contact.id_number_key(text)) if contact.is_id_number(text) else None
    phone = contact.phone_key(text) if contact.is_phone(text) else None
    id_number = contact.id_number_key(text) if contact.is_id_number(text) else None
    return (phone, id_number) if phone or id_number else None
