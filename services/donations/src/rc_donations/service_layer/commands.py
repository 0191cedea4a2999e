"""Inputs of the use cases (plain data; the HTTP schemas validate and convert into these)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from rc_donations.domain.blood import BloodKind
from rc_donations.domain.donations import Item
from rc_donations.domain.statement import bank_reference

DonorType = Literal["individual", "organisation", "anonymous"]


@dataclass(frozen=True)
class DonorInput:
    type: DonorType = "anonymous"
    id: uuid.UUID | None = None
    name: str | None = None
    phone: str | None = None
    id_number: str | None = None
    birth_date: date | None = None
    consent_to_be_named: bool = False


@dataclass(frozen=True)
class RecordDonation:
    kind: Literal["cash", "in_kind", "blood"]
    received_on: date
    donor: DonorInput | None = None
    unit_id: uuid.UUID | None = None
    credited_unit_id: uuid.UUID | None = None
    credited_person_id: uuid.UUID | None = None
    pledge_id: uuid.UUID | None = None
    channel: str = "cash"
    bank_reference: str | None = None
    amount_vnd: int = 0
    items: list[Item] = field(default_factory=list)
    blood_units: int = 0
    blood_kind: BloodKind | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        # a bank reference as it is kept and compared (as the database writes it: migration 0028), whoever
        # builds the command (the HTTP route, the CLI, a test)
        if self.bank_reference is not None:
            object.__setattr__(self, "bank_reference", bank_reference(self.bank_reference))


@dataclass(frozen=True)
class RecordDistribution:
    beneficiary_id: uuid.UUID
    kind: Literal["cash", "goods"]
    amount_vnd: int
    distributed_on: date
    unit_id: uuid.UUID | None = None
    description: str | None = None
    support_level: str | None = None
    decision_no: str | None = None
    support_kind: str | None = None
    quantity: int | None = None
    people_reached: int | None = None


@dataclass(frozen=True)
class RecordPledge:
    amount_vnd: int
    instalments: int
    first_due_on: date
    interval_days: int
    donor: DonorInput | None = None
    unit_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Idempotency:
    """An ``Idempotency-Key`` and the hash of the request it was sent with."""

    key: str
    request_hash: str
