"""Events published by the campaigns service.

Topics: ``campaigns.campaigns`` (key: campaign_id), ``campaigns.beneficiaries`` (key:
beneficiary_id), ``campaigns.blood`` (key: session_id). No personal data: beneficiaries and
donors appear by opaque id, unit and non-identifying attributes only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from rc_shared.catalogue import register
from rc_shared.dates import Day
from rc_shared.envelope import Event
from rc_shared.notes import REASON

CAMPAIGNS_TOPIC = "campaigns.campaigns"
BENEFICIARIES_TOPIC = "campaigns.beneficiaries"
BLOOD_TOPIC = "campaigns.blood"

CampaignType = Literal[
    "emergency_relief",
    "tet_nhan_ai",
    "humanitarian_month",
    "blood_drive",
    "humanitarian_address",
    "disaster_preparedness",
    "community_health",
    "livelihood",
]
TargetKind = Literal["cash_vnd", "in_kind_value_vnd", "blood_units", "beneficiaries"]


class Targets(BaseModel):
    """A campaign's targets; a target that is absent or 0 is not tracked."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cash_vnd: int | None = Field(None, ge=0)
    in_kind_value_vnd: int | None = Field(None, ge=0)
    blood_units: int | None = Field(None, ge=0)
    beneficiaries: int | None = Field(None, ge=0)


class _CampaignEvent(Event):
    topic: ClassVar[str] = CAMPAIGNS_TOPIC
    aggregate_field: ClassVar[str] = "campaign_id"
    campaign_id: uuid.UUID


@register
class CampaignLaunched(_CampaignEvent):
    """A campaign was launched: contributions may be received from receiving_from to receiving_until."""

    event_type: ClassVar[str] = "campaigns.campaign.launched.v1"
    code: str
    name: str
    campaign_type: CampaignType
    organising_unit_id: uuid.UUID
    participating_unit_ids: list[uuid.UUID] = Field(default_factory=list)
    receiving_from: date
    receiving_until: date
    distribution_deadline: date
    targets: Targets
    parent_campaign_id: uuid.UUID | None = None


class CallDocument(BaseModel):
    """A document calling for contributions (Decree 93/2021 Art. 14 (a)): a decision, a letter, an appeal."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, max_length=300)
    number: str | None = Field(None, max_length=100, description="Its number, e.g. 15/QĐ-CTĐ.")
    issued_on: Day | None = None
    url: str | None = Field(
        None, max_length=1000, pattern="^https?://", description="Where the document is published (http or https)."
    )


class SupportLevel(BaseModel):
    """One level of the campaign's support policy (Art. 14 (c))."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, max_length=200)
    amount_vnd: int | None = Field(None, ge=0, description="Support per beneficiary at this level, if in cash.")
    description: str | None = Field(None, max_length=1000)


class ReceivingPoint(BaseModel):
    """Where, when and how contributions are received (Art. 14 (d)): the organisation's own accounts
    and offices (public organisational data, never a person's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    method: Literal["bank_transfer", "in_person", "e_wallet", "other"]
    bank: str | None = Field(None, max_length=200)
    account_no: str | None = Field(None, max_length=50, description="The organisation's campaign account.")
    account_holder: str | None = Field(None, max_length=200, description="The organisation holding the account.")
    location: str | None = Field(None, max_length=500, description="The office receiving in person.")
    hours: str | None = Field(None, max_length=300, description="When it receives.")
    note: str | None = Field(None, max_length=1000)


@register
class CampaignDisclosureUpdated(_CampaignEvent):
    """The campaign's Decree 93 disclosure changed (call documents, support policy and levels,
    receiving points); each event carries the whole disclosure and a version increasing by one."""

    event_type: ClassVar[str] = "campaigns.campaign.disclosure_updated.v1"
    version: int = Field(ge=1)
    call_documents: list[CallDocument] = Field(default_factory=list)
    support_policy: str | None = None
    support_levels: list[SupportLevel] = Field(default_factory=list)
    receiving_points: list[ReceivingPoint] = Field(default_factory=list)


@register
class CampaignClosed(_CampaignEvent):
    """The campaign closed its receiving: nothing dated after ``closed_on`` may be accepted.

    ``closed_on`` may be ahead of the event (a close decided for a later day): the ledger still takes gifts
    dated on or before it."""

    event_type: ClassVar[str] = "campaigns.campaign.closed.v1"
    closed_on: date
    distribution_deadline: date | None = Field(
        default=None,
        description="The last day of distribution, counted from the close (a campaign closed before its "
        "receiving period ends has an earlier one than its launch said). Absent in events written before "
        "catalogue 1.2.0: the launch's deadline stands.",
    )


@register
class CampaignSettled(_CampaignEvent):
    """Distribution finished and the campaign's accounts are settled."""

    event_type: ClassVar[str] = "campaigns.campaign.settled.v1"
    settled_on: date
    remainder_note: str = Field(
        "",
        description=(
            "What is done with what was left undistributed (the decision that allots it), as the settlement "
            "says it, phone, identity and account numbers masked; published on the public pages (Decree "
            "93/2021). Empty: nothing was left, or an event written before catalogue 1.3.0."
        ),
    )


@register
class CampaignCancelled(_CampaignEvent):
    """The campaign was cancelled (from draft or launched)."""

    event_type: ClassVar[str] = "campaigns.campaign.cancelled.v1"
    cancelled_on: date
    reason: str = Field("", description=REASON)


@register
class CampaignTargetReached(_CampaignEvent):
    """A target was reached; emitted exactly once per campaign and target."""

    event_type: ClassVar[str] = "campaigns.campaign.target_reached.v1"
    target: TargetKind
    target_value: int = Field(
        description="The target, in its unit: VND (cash_vnd, in_kind_value_vnd), blood units, people."
    )
    reached_value: int = Field(description="What had been reached when it was reached, in the same unit.")
    reached_at: datetime


class _BeneficiaryEvent(Event):
    topic: ClassVar[str] = BENEFICIARIES_TOPIC
    aggregate_field: ClassVar[str] = "beneficiary_id"
    beneficiary_id: uuid.UUID


@register
class BeneficiaryRegistered(_BeneficiaryEvent):
    """A household or person in need was registered (identity stays in the campaigns database)."""

    event_type: ClassVar[str] = "campaigns.beneficiary.registered.v1"
    kind: Literal["household", "person"]
    unit_id: uuid.UUID
    campaign_id: uuid.UUID | None = None
    humanitarian_address: bool = False
    household_size: int | None = Field(None, ge=1)


@register
class BeneficiaryEnrolled(_BeneficiaryEvent):
    """A beneficiary registered before (for another campaign, or none) was enrolled in a campaign as well: a
    household supported in last year's flood appeal is supported by this year's, one record (events 1.4.0).
    Its verification stands; distributions of the campaign may go to it."""

    event_type: ClassVar[str] = "campaigns.beneficiary.enrolled.v1"
    kind: Literal["household", "person"]
    unit_id: uuid.UUID
    campaign_id: uuid.UUID
    enrolled_on: date
    humanitarian_address: bool = False
    household_size: int | None = Field(None, ge=1)


@register
class BeneficiaryVerified(_BeneficiaryEvent):
    """A beneficiary was verified: distributions to them may now be recorded."""

    event_type: ClassVar[str] = "campaigns.beneficiary.verified.v1"
    unit_id: uuid.UUID
    verified_on: date


@register
class SponsorPaired(_BeneficiaryEvent):
    """A sponsor (organisation or person, by opaque id) took on a humanitarian address."""

    event_type: ClassVar[str] = "campaigns.beneficiary.sponsor_paired.v1"
    sponsorship_id: uuid.UUID
    sponsor_id: uuid.UUID
    sponsor_type: Literal["organisation", "individual"]
    unit_id: uuid.UUID
    start_on: date
    end_on: date | None = None


class _BloodEvent(Event):
    topic: ClassVar[str] = BLOOD_TOPIC
    aggregate_field: ClassVar[str] = "session_id"
    session_id: uuid.UUID


@register
class BloodSessionScheduled(_BloodEvent):
    """A blood donation session of a drive was scheduled."""

    event_type: ClassVar[str] = "campaigns.blood.session_scheduled.v1"
    campaign_id: uuid.UUID
    unit_id: uuid.UUID
    held_on: date
    capacity: int = Field(ge=1)


@register
class BloodDonorRegistered(_BloodEvent):
    """A donor registered for a session (the donor by opaque id only)."""

    event_type: ClassVar[str] = "campaigns.blood.donor_registered.v1"
    registration_id: uuid.UUID
    campaign_id: uuid.UUID
    donor_id: uuid.UUID = Field(
        description="The donor's id as registered: a donations-service donor id when one was given, else a uuid5 "
        "(namespace 6b1f3c52-7a4e-4f0e-9a61-2f3d0c9b8e15) of the blood service's own donor number, lower case."
    )
