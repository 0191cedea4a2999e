"""Events published by the donations service.

Topic ``donations.ledger``, key: campaign_id, so one campaign's ledger is totally ordered. Amounts
are integer VND. Donors appear by opaque id and type only; whether a donor may be named publicly is
a flag, the name itself stays in the donations database.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from rc_shared.catalogue import register
from rc_shared.envelope import Event
from rc_shared.notes import REASON
from rc_shared.support import SUPPORT_KIND_PATTERN

LEDGER_TOPIC = "donations.ledger"

DonationKind = Literal["cash", "in_kind", "blood"]
DonorType = Literal["individual", "organisation", "anonymous"]


class _LedgerEvent(Event):
    topic: ClassVar[str] = LEDGER_TOPIC
    aggregate_field: ClassVar[str] = "campaign_id"
    campaign_id: uuid.UUID


@register
class LedgerOpened(_LedgerEvent):
    """The donations service opened a campaign's ledger (it saw the campaign launched)."""

    event_type: ClassVar[str] = "donations.ledger.opened.v1"
    organising_unit_id: uuid.UUID
    receiving_until: date


@register
class LedgerClosed(_LedgerEvent):
    """The campaign closed or was cancelled: the ledger takes no gift dated after ``closed_on``.

    ``closed_on`` may be ahead of the event (a close decided for a later day): gifts and pledges dated on or
    before it may still follow on this key; a gift recorded after the close day carries
    ``recorded_after_close``."""

    event_type: ClassVar[str] = "donations.ledger.closed.v1"
    closed_on: date


@register
class DonationRecorded(_LedgerEvent):
    """A contribution was received: cash (amount_vnd), in kind (value_vnd), or blood (blood_units)."""

    event_type: ClassVar[str] = "donations.donation.recorded.v1"
    donation_id: uuid.UUID
    kind: DonationKind
    amount_vnd: int = Field(0, ge=0, description="Cash amount; 0 for in-kind and blood.")
    value_vnd: int = Field(0, ge=0, description="Assessed value of goods; 0 for cash and blood.")
    blood_units: int = Field(0, ge=0)
    donor_id: uuid.UUID | None = Field(None, description="Opaque donor id; null for anonymous gifts.")
    donor_type: DonorType = Field(
        description="individual or organisation: a donor on record (donor_id). anonymous: no donor on record, which "
        "is either a donor who chose anonymity or a gift imported from a bank statement (the payer's name stays "
        "in the donations service, and is not a donor record): not a count of donors who chose anonymity."
    )
    publicly_named: bool = Field(
        False,
        description="The consent to be named given with this gift, at recording. The donor may withdraw it"
        " later for every gift (the donations service's PUT /donors/{id}/consent; no event says so): a consumer"
        " that shows donors' names reads the public ledger, not this flag.",
    )
    unit_id: uuid.UUID = Field(description="Unit that received the contribution.")
    credited_unit_id: uuid.UUID | None = Field(None, description="Soft credit: the unit that mobilised it.")
    pledge_id: uuid.UUID | None = None
    channel: str = Field(
        description="How it was received: a cash gift's bank_transfer, cash, momo, zalopay, vnpay, card, cash_box "
        "or other; goods' in_person, delivery or other; blood_drive for blood."
    )
    received_on: date
    receipt_no: int = Field(
        description="The gift's number in its campaign's gapless sequence (1, 2, ...); the receipt printed for the "
        "donor reads <campaign code>-NNNNNN."
    )
    credited_person_id: uuid.UUID | None = Field(
        None, description="Soft credit: the person (opaque id) who mobilised it; never a second gift."
    )
    blood_kind: Literal["whole_blood", "apheresis"] | None = Field(None, description="For blood: how it was given.")
    recorded_after_close: bool = Field(
        False,
        description="Recorded once the campaign's close had reached the ledger and its day had come (a close "
        "dated ahead leaves the campaign receiving until that day): received on or before the close date, so it "
        "counts, but it arrived late.",
    )


@register
class DonationReversed(_LedgerEvent):
    """A correction: the donation's amounts are reversed (nothing is deleted)."""

    event_type: ClassVar[str] = "donations.donation.reversed.v1"
    reversal_id: uuid.UUID
    donation_id: uuid.UUID
    kind: DonationKind
    amount_vnd: int = Field(0, ge=0)
    value_vnd: int = Field(0, ge=0)
    blood_units: int = Field(0, ge=0)
    donor_id: uuid.UUID | None = None
    unit_id: uuid.UUID
    reason: str = Field(description=REASON)
    reversed_on: date = Field(
        description="The day the correction takes effect in the books. A gift's reversal: the day it was recorded. "
        "A distribution's: since events 1.4.0 it may be dated back to the distribution's own day (donations "
        "1.9.0, within the distribution window); ce_time is when it was recorded."
    )


@register
class PledgeRecorded(_LedgerEvent):
    """A donor promised an amount, payable by a schedule."""

    event_type: ClassVar[str] = "donations.pledge.recorded.v1"
    pledge_id: uuid.UUID
    donor_id: uuid.UUID | None = Field(description="Opaque donor id; null for an anonymous pledge.")
    amount_vnd: int = Field(gt=0)
    unit_id: uuid.UUID = Field(description="The unit the pledge is made to.")
    instalments: int = Field(ge=1)
    first_due_on: date
    interval_days: int | None = Field(None, ge=1, description="Days between instalments.")


@register
class DistributionRecorded(_LedgerEvent):
    """Cash or goods were given to a verified beneficiary."""

    event_type: ClassVar[str] = "donations.distribution.recorded.v1"
    distribution_id: uuid.UUID
    beneficiary_id: uuid.UUID
    kind: Literal["cash", "goods"]
    amount_vnd: int = Field(0, ge=0)
    value_vnd: int = Field(0, ge=0)
    unit_id: uuid.UUID = Field(
        description="The distributing unit (default: the organising unit); the public ledger's line of the "
        "distribution shows the beneficiary's unit instead."
    )
    distributed_on: date
    support_kind: str | None = Field(
        None,
        pattern=SUPPORT_KIND_PATTERN,
        description="Kind of support from the deployment's catalogue (RC_SUPPORT_KINDS: gift_package, "
        "house_built, ...); null when none was given (optional, and absent before support kinds existed).",
    )
    quantity: int | None = Field(None, ge=1, description="How many of the support kind (packages, houses, ...).")
    people_reached: int | None = Field(
        None, ge=0, description="Person-times supported by this distribution; null: not counted at entry."
    )
    support_level: str | None = Field(
        None,
        max_length=200,
        description="The support level of the campaign's policy, as entered (published on the public ledger); null: "
        "none given, or recorded before events 1.6.0.",
    )
    decision_no: str | None = Field(
        None,
        max_length=200,
        description="Number of the distribution decision (published); null: none given, or before events 1.6.0.",
    )


@register
class DistributionReversed(_LedgerEvent):
    """A correction of a distribution (nothing is deleted)."""

    event_type: ClassVar[str] = "donations.distribution.reversed.v1"
    reversal_id: uuid.UUID
    distribution_id: uuid.UUID
    beneficiary_id: uuid.UUID
    kind: Literal["cash", "goods"]
    amount_vnd: int = Field(0, ge=0)
    value_vnd: int = Field(0, ge=0)
    unit_id: uuid.UUID
    reason: str = Field(description=REASON)
    reversed_on: date = Field(
        description="The day the correction takes effect in the books. A gift's reversal: the day it was recorded. "
        "A distribution's: since events 1.4.0 it may be dated back to the distribution's own day (donations "
        "1.9.0, within the distribution window); ce_time is when it was recorded."
    )
