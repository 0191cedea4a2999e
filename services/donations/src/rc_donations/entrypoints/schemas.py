"""Request bodies of the donations API: every constraint here answers 422 with the field at fault."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from rc_donations.domain.ledger import MAX_VND
from rc_shared.dates import IsoOnly, bounds

MIN_DAY = date(2000, 1, 1)
MAX_DAY = date(2100, 12, 31)

Money = Annotated[int, Field(strict=True, gt=0, le=MAX_VND, description="Whole VND (an integer), 1 to 10^15.")]
Day = Annotated[date, bounds(MIN_DAY, MAX_DAY), IsoOnly]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9]{8,15}$")]
IdNumber = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9A-Za-z-]{6,20}$")]
BankRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Channel = Literal["bank_transfer", "cash", "momo", "zalopay", "vnpay", "card", "cash_box", "other"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DonorIn(_In):
    """Who gave. Personal data stays in this service; events carry an opaque donor id."""

    type: Literal["individual", "organisation", "anonymous"]
    id: uuid.UUID | None = Field(None, description="An existing donor (instead of name/phone/id_number).")
    name: Name | None = None
    phone: Phone | None = None
    id_number: IdNumber | None = Field(None, description="CCCD / tax code; used to recognise a returning donor.")
    birth_date: Annotated[date, bounds(date(1900, 1, 1), MAX_DAY), IsoOnly] | None = None
    consent_to_be_named: bool = Field(False, strict=True, description="May the donor be named publicly?")

    @model_validator(mode="after")
    def _rules(self) -> DonorIn:
        if self.type == "anonymous":
            if any(v is not None for v in (self.id, self.name, self.phone, self.id_number, self.birth_date)):
                raise ValueError("an anonymous donor carries no identity (no id, name, phone, id_number, birth_date)")
            if self.consent_to_be_named:
                raise ValueError("an anonymous donor cannot consent to be named")
        elif self.id is None and self.name is None:
            raise ValueError(f"name is required for an {self.type} donor (or give the id of a known donor)")
        return self


class _DonationIn(_In):
    received_on: Day
    donor: DonorIn | None = Field(None, description="Absent: an anonymous gift.")
    unit_id: uuid.UUID | None = Field(None, description="Receiving unit (default: the organising unit).")
    credited_unit_id: uuid.UUID | None = Field(None, description="Soft credit: the unit that mobilised the gift.")
    credited_person_id: uuid.UUID | None = Field(None, description="Soft credit: the person who mobilised it.")
    description: Text | None = None


class CashDonationIn(_DonationIn):
    kind: Literal["cash"]
    amount_vnd: Money
    channel: Channel
    bank_reference: BankRef | None = Field(
        None, description="Unique per campaign: a resubmission returns the original."
    )
    pledge_id: uuid.UUID | None = Field(None, description="The pledge this payment is an instalment of.")


class ItemIn(_In):
    item: Name
    quantity: int = Field(strict=True, gt=0, le=10**9)
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    assessed_value_vnd: Money


class InKindDonationIn(_DonationIn):
    kind: Literal["in_kind"]
    items: list[ItemIn] = Field(min_length=1, max_length=500)
    channel: Literal["in_person", "delivery", "other"] = "in_person"


class BloodDonationIn(_DonationIn):
    kind: Literal["blood"]
    units: int = Field(strict=True, ge=1, le=4)
    blood_kind: Literal["whole_blood", "apheresis"]
    donor: DonorIn

    @model_validator(mode="after")
    def _individual(self) -> BloodDonationIn:
        if self.donor.type != "individual":
            raise ValueError("a blood donor must be an identified individual")
        return self


DonationIn = Annotated[CashDonationIn | InKindDonationIn | BloodDonationIn, Field(discriminator="kind")]


class ReversalIn(_In):
    reason: Reason


class DistributionIn(_In):
    beneficiary_id: uuid.UUID
    kind: Literal["cash", "goods"]
    amount_vnd: Money | None = Field(None, description="Cash given (kind cash).")
    value_vnd: Money | None = Field(None, description="Value of the goods given (kind goods).")
    distributed_on: Day
    unit_id: uuid.UUID | None = Field(None, description="Distributing unit (default: the organising unit).")
    description: Text | None = None

    @model_validator(mode="after")
    def _amount(self) -> DistributionIn:
        if self.kind == "cash" and (self.amount_vnd is None or self.value_vnd is not None):
            raise ValueError("a cash distribution needs amount_vnd (and no value_vnd)")
        if self.kind == "goods" and (self.value_vnd is None or self.amount_vnd is not None):
            raise ValueError("a goods distribution needs value_vnd (and no amount_vnd)")
        return self

    @property
    def vnd(self) -> int:
        v = self.amount_vnd if self.kind == "cash" else self.value_vnd
        assert v is not None
        return v


class PledgeIn(_In):
    donor: DonorIn | None = None
    amount_vnd: Money
    instalments: int = Field(strict=True, ge=1, le=120)
    first_due_on: Day
    interval_days: int = Field(30, strict=True, ge=1, le=366)
    unit_id: uuid.UUID | None = None


class StatementIn(_In):
    rows: list[Any] = Field(
        min_length=1,
        max_length=5000,
        description="Rows {bank_reference, received_on, amount_vnd, payer_name?, description?}; each row is "
        "checked on its own (created | duplicate | rejected with a reason).",
    )
