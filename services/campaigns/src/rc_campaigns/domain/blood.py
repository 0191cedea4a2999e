"""Blood drives: sessions and donor registrations (pure).

The Red Cross mobilises donors and runs sessions; blood centres collect and test. Donors are
referred to by an opaque id: either a UUID the caller already has (a member or donor id), or an
external donor reference (e.g. the blood centre's donor number), turned into a stable UUID so that
the same reference always yields the same opaque id and nothing identifying leaves this service.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from rc_shared.errors import Conflict

DONOR_NAMESPACE = uuid.UUID("6b1f3c52-7a4e-4f0e-9a61-2f3d0c9b8e15")


@dataclass(frozen=True)
class BloodSession:
    """A donation session of a blood drive: where, when, for how many donors."""

    id: uuid.UUID
    campaign_id: uuid.UUID
    unit_id: uuid.UUID
    held_on: date
    place: str
    capacity: int


@dataclass(frozen=True)
class Registration:
    """A donor registered for a session (``donor_id`` opaque: :func:`donor_id_for`)."""

    id: uuid.UUID
    session_id: uuid.UUID
    donor_id: uuid.UUID
    donor_ref: str
    blood_group: str | None
    note: str


def donor_id_for(donor_ref: str) -> uuid.UUID:
    """A UUID reference is kept as is; any other reference maps to a stable uuid5."""
    ref = donor_ref.strip()
    try:
        return uuid.UUID(ref)
    except ValueError:
        return uuid.uuid5(DONOR_NAMESPACE, ref.casefold())


def check_capacity(registered: int, capacity: int) -> None:
    if registered >= capacity:
        raise Conflict(
            f"the session is full: {registered} of {capacity} places taken",
            registered=registered,
            capacity=capacity,
        )
