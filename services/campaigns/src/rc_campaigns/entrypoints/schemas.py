"""Request bodies of the HTTP API: field constraints turn bad input into 422 with field messages."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)

from rc_campaigns.domain.campaigns import Action, OverdueAction, OverdueReason, State
from rc_shared.api import TRIMMED, IdNumber, OffsetPage, Out, Page, PatchBody, not_null, patch_schema
from rc_shared.dates import MAX_DATE as MAX_DATE  # re-exported: the bounds of every date
from rc_shared.dates import MIN_DATE as MIN_DATE
from rc_shared.dates import Day
from rc_shared.events.campaigns import CallDocument, CampaignType, ReceivingPoint, SupportLevel

MAX_VND = 10**15  # a quadrillion đồng: far above any campaign, far below bigint

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), TRIMMED]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), TRIMMED]
OptText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), TRIMMED]
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,49}$"), TRIMMED]
Vnd = Annotated[int, Field(ge=0, le=MAX_VND)]
Count = Annotated[int, Field(ge=0, le=10**9)]
BloodGroup = Literal["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetsIn(Body):
    cash_vnd: Vnd | None = Field(None, description="Cash to raise, VND (absent or 0: not tracked).")
    in_kind_value_vnd: Vnd | None = Field(None, description="Value of goods to raise, VND.")
    blood_units: Count | None = Field(None, description="Blood units to collect.")
    beneficiaries: Count | None = Field(None, description="Distinct beneficiaries to reach by distributions.")


class CampaignIn(Body):
    code: Code = Field(description="Unique short code, e.g. TNA-2025.")
    name: Name
    description: OptText = ""
    campaign_type: CampaignType
    organising_unit_id: uuid.UUID
    participating_unit_ids: list[uuid.UUID] = Field(default_factory=list, max_length=500)
    receiving_from: Day
    receiving_until: Day
    targets: TargetsIn = Field(default_factory=TargetsIn)
    parent_campaign_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _period(self) -> CampaignIn:
        if self.receiving_until < self.receiving_from:
            raise ValueError("receiving_until is before receiving_from")
        return self


_Patch = PatchBody


PATCH_NULLABLE = frozenset({"parent_campaign_id", "description"})  # the fields a PATCH may set to null


class CampaignPatch(_Patch):
    """Any subset of a draft's fields; ``targets`` are merged with the existing ones."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=patch_schema(PATCH_NULLABLE, at_least_one=True))

    code: Code | None = None
    name: Name | None = None
    description: OptText | None = None
    campaign_type: CampaignType | None = None
    organising_unit_id: uuid.UUID | None = None
    participating_unit_ids: list[uuid.UUID] | None = Field(None, max_length=500)
    receiving_from: Day | None = None
    receiving_until: Day | None = None
    targets: TargetsIn | None = None
    parent_campaign_id: uuid.UUID | None = None

    _given_not_null = field_validator(
        "code",
        "name",
        "campaign_type",
        "organising_unit_id",
        "participating_unit_ids",
        "receiving_from",
        "receiving_until",
        "targets",
    )(not_null)  # (``PATCH_NULLABLE`` ones may be null)


class LaunchIn(Body):
    launched_on: Day | None = Field(
        None,
        description="The call's date (default: today). Not after the receiving period ends; a call before the "
        "period starts counts toward its length (Decree 93/2021: at most 90 days from the call, configurable).",
    )


class CloseIn(Body):
    closed_on: Day | None = Field(None, description="Default: today.")


class SettleIn(Body):
    settled_on: Day | None = Field(
        None, description="Default: today. Not before the close, nor before the campaign's last distribution."
    )
    remainder_note: OptText = Field(
        "",
        description="What is done with the money or goods still undistributed (the decision that allots them): "
        "required while the campaign holds any (409 otherwise, with cash_vnd and goods_vnd).",
    )


class CancelIn(Body):
    cancelled_on: Day | None = Field(
        None,
        description="Default: today. Never ahead of today (a cancellation takes effect when it is recorded); a "
        "launched campaign's never before today either (contributions received up to today stand).",
    )
    reason: OptText = ""


_PUBLISH_NAME = (
    "May the name be published on the campaign's public list of those supported (the Decree 93 disclosure)? A purpose "
    "of its own (Law 91/2025): without this consent the list shows the commune and the support under an anonymous "
    "label."
)


class ConsentIn(Body):
    purpose: Text = Field(description="What the personal data is processed for (Law 91/2025: per purpose).")
    given_on: Day
    publish_name: StrictBool = Field(False, description=_PUBLISH_NAME)


class BeneficiaryIn(Body):
    kind: Literal["household", "person"]
    unit_id: uuid.UUID
    full_name: Name = Field(description="The person, or the head of household.")
    id_number: IdNumber | None = None
    address: Text
    commune: Name
    household_size: Annotated[int, Field(ge=1, le=100)] | None = None
    situation: OptText = Field("", description="Circumstances (may include health: sensitive, never published).")
    notes: OptText = ""
    humanitarian_address: StrictBool = False
    campaign_id: uuid.UUID | None = None
    consent: ConsentIn


class BeneficiaryPatch(_Patch):
    """A correction of a beneficiary's personal details (the data subject's right, Law 91/2025): any subset;
    null clears the identity number, the circumstances or the notes."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra=patch_schema(("id_number", "situation", "notes"), at_least_one=True)
    )

    full_name: Name | None = Field(None, description="The person, or the head of household.")
    id_number: IdNumber | None = None
    address: Text | None = None
    commune: Name | None = None
    situation: OptText | None = None
    notes: OptText | None = None
    publish_name: StrictBool | None = Field(
        None, description="The consent to publish the name, given (true) or withdrawn (false). " + _PUBLISH_NAME
    )

    _given_not_null = field_validator("full_name", "address", "commune", "publish_name")(not_null)


class BeneficiaryErasedOut(Out):
    beneficiary_id: uuid.UUID
    erased: bool
    already_erased: bool


class VerifyIn(Body):
    verified_by: Name = Field(description="Who verified (staff name or id).")
    verified_on: Day


class SponsorshipIn(Body):
    sponsor_type: Literal["organisation", "individual"]
    sponsor_name: Name
    sponsor_contact: Name
    start_on: Day
    end_on: Day | None = None
    commitment: Text = Field(description="What the sponsor commits to, e.g. 500,000 VND a month.")

    @model_validator(mode="after")
    def _period(self) -> SponsorshipIn:
        if self.end_on is not None and self.end_on < self.start_on:
            raise ValueError("end_on is before start_on")
        return self


class BloodSessionIn(Body):
    held_on: Day
    place: Name
    capacity: Annotated[int, Field(ge=1, le=100000)]
    unit_id: uuid.UUID | None = Field(None, description="Unit running the session (default: the organising unit).")


class RegistrationIn(Body):
    donor_ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), TRIMMED] = Field(
        description="Opaque donor id (UUID) or an external donor number; never a name."
    )
    blood_group: BloodGroup | None = None
    note: OptText = ""


# ------------------------------------------------------------------ responses


class TargetsOut(Out):
    cash_vnd: int | None
    in_kind_value_vnd: int | None
    blood_units: int | None
    beneficiaries: int | None


class TargetProgressOut(Out):
    raised: int
    target: int | None = Field(description="Null: not tracked.")
    percent: float | None = Field(description="raised / target in percent, one decimal; null: not tracked.")
    target_reached_at: datetime | None


class ProgressOut(Out):
    cash_vnd: TargetProgressOut
    in_kind_value_vnd: TargetProgressOut
    blood_units: TargetProgressOut
    beneficiaries: TargetProgressOut


class OverdueOut(Out):
    reason: OverdueReason
    due_on: date
    action: OverdueAction = Field(description="What to do: close (receiving ended) or settle (deadline passed).")


class CampaignSummaryOut(Out):
    id: uuid.UUID
    code: str
    name: str
    description: str
    campaign_type: CampaignType
    organising_unit_id: uuid.UUID
    participating_unit_ids: list[uuid.UUID]
    receiving_from: date
    receiving_until: date
    targets: TargetsOut
    parent_campaign_id: uuid.UUID | None
    state: State
    allowed_actions: list[Action]
    launched_on: date | None
    closed_on: date | None
    settled_on: date | None
    cancelled_on: date | None
    cancel_reason: str
    remainder_note: str = Field("", description="The settlement's note on what was left undistributed (empty: none).")
    distribution_deadline: date | None


class CampaignOut(CampaignSummaryOut):
    progress: ProgressOut = Field(description="Per target kind, from the donations ledger.")
    overdue: OverdueOut | None


class CampaignsPageOut(OffsetPage[CampaignSummaryOut]):
    pass


class OverdueCampaignOut(Out):
    id: uuid.UUID
    code: str
    name: str
    campaign_type: CampaignType
    organising_unit_id: uuid.UUID
    state: State
    receiving_until: date
    closed_on: date | None
    reason: OverdueReason
    action_needed: OverdueAction
    due_on: date
    days_overdue: int


class OverdueCampaignsOut(Page[OverdueCampaignOut]):
    as_of: date


class PublicBeneficiaryOut(Out):
    name: str
    commune: str
    support_received_vnd: int
    cash_vnd: int
    goods_value_vnd: int


class PublicBeneficiariesOut(Page[PublicBeneficiaryOut]):
    campaign_id: uuid.UUID


class ConsentOut(Out):
    purpose: str
    given_on: date
    publish_name: bool = Field(description=_PUBLISH_NAME)


class BeneficiarySummaryOut(Out):
    id: uuid.UUID
    kind: Literal["household", "person"]
    unit_id: uuid.UUID
    full_name: str
    id_number: str | None = Field(
        description="For a read-only role (viewer): masked, its last 3 characters shown (••••••••••789)."
    )
    address: str
    commune: str
    household_size: int | None
    situation: str | None = Field(
        description="The household's circumstances (may include health: sensitive data); null for a read-only "
        "role (viewer)."
    )
    notes: str | None = Field(description="Staff notes; null for a read-only role (viewer).")
    humanitarian_address: bool
    campaign_id: uuid.UUID | None
    consent: ConsentOut
    verified: bool
    verified_by: str | None
    verified_on: date | None
    erased: bool = Field(
        False,
        description="Their personal data was erased at their request: name, identity number, address, "
        "circumstances and notes are empty; the support they received stays.",
    )


class SupportOut(Out):
    cash_vnd: int
    goods_value_vnd: int


class SponsorshipOut(Out):
    id: uuid.UUID
    sponsor_id: uuid.UUID
    sponsor_type: Literal["organisation", "individual"]
    sponsor_name: str
    sponsor_contact: str | None = Field(description="The sponsor's contact; null for a read-only role (viewer).")
    start_on: date
    end_on: date | None
    commitment: str


class BeneficiaryOut(BeneficiarySummaryOut):
    support_received: SupportOut
    sponsorships: list[SponsorshipOut]
    enrolled_campaign_ids: list[uuid.UUID] = Field(
        default_factory=list,
        description="The campaigns it was enrolled in after its registration (POST /beneficiaries/{id}/campaigns), "
        "besides campaign_id, the one it was registered for.",
    )


class EnrolmentIn(Body):
    campaign_id: uuid.UUID


class EnrolmentOut(Out):
    beneficiary_id: uuid.UUID
    campaign_id: uuid.UUID
    enrolled_now: bool = Field(
        description="True when this request enrolled it; false when it already was (its registration's campaign, "
        "or an earlier enrolment): nothing changed."
    )


class BeneficiariesPageOut(OffsetPage[BeneficiarySummaryOut]):
    pass


class SponsorshipAddedOut(Out):
    id: uuid.UUID
    sponsor_id: uuid.UUID
    beneficiary_id: uuid.UUID


class BloodSessionOut(Out):
    id: uuid.UUID
    campaign_id: uuid.UUID
    unit_id: uuid.UUID
    held_on: date
    place: str
    capacity: int
    registered: int
    places_left: int


class BloodSessionsOut(Page[BloodSessionOut]):
    pass


class RegistrationOut(Out):
    id: uuid.UUID
    session_id: uuid.UUID
    donor_id: uuid.UUID = Field(description="The opaque donor id the donor_ref stands for.")


class DisclosureIn(Body):
    """A campaign's Decree 93/2021 Art. 14 disclosure, replaced whole: (a) the call documents, (c) the
    support policy and levels, (d) the receiving points. Published on the public ledger page."""

    call_documents: list[CallDocument] = Field(default_factory=list, max_length=50)
    support_policy: Text | None = Field(None, description="Who is supported and how (Art. 14 (c)).")
    support_levels: list[SupportLevel] = Field(default_factory=list, max_length=50)
    receiving_points: list[ReceivingPoint] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _links(self) -> DisclosureIn:
        for d in self.call_documents:
            if d.url is not None and not d.url.startswith(("https://", "http://")):
                raise ValueError(f"call document {d.title!r}: url must start with https:// or http://")
        return self


class DisclosureOut(Out):
    campaign_id: uuid.UUID
    version: int = Field(description="0: never published; then 1, 2, ... for each change.")
    updated_at: datetime | None
    call_documents: list[CallDocument]
    support_policy: str | None
    support_levels: list[SupportLevel]
    receiving_points: list[ReceivingPoint]
