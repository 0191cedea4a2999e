"""Blood donor eligibility (Circular 26/2013/TT-BYT): intervals between donations and age (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from rc_shared.errors import Conflict, Invalid

BloodKind = Literal["whole_blood", "apheresis"]


@dataclass(frozen=True)
class BloodRules:
    whole_blood_interval_days: int = 84
    apheresis_interval_days: int = 14
    min_age: int = 18
    max_age: int = 60

    def interval(self, kind: BloodKind) -> int:
        return self.whole_blood_interval_days if kind == "whole_blood" else self.apheresis_interval_days


@dataclass(frozen=True)
class PastDonation:
    on: date
    kind: BloodKind


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on a date."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def next_eligible_on(rules: BloodRules, history: Sequence[PastDonation]) -> date | None:
    """The first day the donor may give again; the latest donation's kind sets the interval."""
    if not history:
        return None
    last = max(history, key=lambda d: d.on)
    return last.on + timedelta(days=rules.interval(last.kind))


def check_eligible(
    rules: BloodRules,
    history: Sequence[PastDonation],
    on: date,
    kind: BloodKind,
    birth_date: date | None,
) -> None:
    """Raise Conflict (with the next eligible date) if the donor may not give blood on ``on``.

    The age rule cannot be skipped: without a birth date (given now, or on file for a known donor)
    the donation is Invalid (422, field ``donor.birth_date``)."""
    if birth_date is None:
        raise Invalid(
            f"a blood donor's birth date is needed to check the {rules.min_age}–{rules.max_age} age rule: "
            "give donor.birth_date (it is not on file for this donor)",
            field="donor.birth_date",
        )
    if birth_date > on:
        raise Invalid(
            f"the donor's birth date {birth_date} is after the day of the gift ({on}): correct donor.birth_date",
            field="donor.birth_date",
        )
    age = age_on(birth_date, on)
    if age < rules.min_age or age > rules.max_age:
        raise Conflict(
            f"the donor is {age} on {on}: blood donors must be {rules.min_age}–{rules.max_age} years old",
            age=age,
        )
    before = [d for d in history if d.on <= on]
    nxt = next_eligible_on(rules, before)
    if nxt is not None and on < nxt:
        last = max(before, key=lambda d: d.on)
        raise Conflict(
            f"the donor is not eligible to give blood on {on}: the last donation ({last.kind} on {last.on}) "
            f"needs {rules.interval(last.kind)} days; next eligible date {nxt}",
            next_eligible_on=nxt,
            last_donation_on=last.on,
        )
    after = sorted((d for d in history if d.on > on), key=lambda d: d.on)
    if after and after[0].on < on + timedelta(days=rules.interval(kind)):
        raise Conflict(
            f"the donor gave blood on {after[0].on}: a {kind} donation on {on} would be less than "
            f"{rules.interval(kind)} days before it",
            later_donation_on=after[0].on,
        )


def drawn_when_voided(kind: str, blood_drawn: bool | None) -> bool | None:
    """What a gift's reversal records of the blood drawn: for a blood gift, ``blood_drawn``, which it must give
    (a 422 naming it): true, a unit drawn and then discarded (after testing, spoiled), which still counts in the
    donor's interval; false, a record made in error (the wrong donor, units, kind or day; entered twice), which
    does not, so that the gift recorded again in its place is not refused by it. No default either way: the
    first shut a donor out for 84 days after a typo was corrected, the second let a donor whose unit was
    discarded give again two weeks later. For any other gift nothing, and saying it is a 422."""
    if kind != "blood":
        if blood_drawn is not None:
            raise Invalid(f"blood_drawn is for a blood gift's reversal only (this gift is {kind})", field="blood_drawn")
        return None
    if blood_drawn is None:
        raise Invalid(
            "blood_drawn is required for a blood gift's reversal: true when the unit was drawn and discarded (after "
            "testing, spoiled: it still counts in the donor's interval), false when this record was made in error "
            "(the wrong donor, units, kind or day; entered twice: record the gift again as it was)",
            field="blood_drawn",
        )
    return blood_drawn
