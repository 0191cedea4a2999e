"""Request bodies of the HTTP API: field constraints turn bad input into 422 with field messages."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator, model_validator

from rc_members.domain.people import HOURS_MIN, TRAINING_HOURS_MAX, TRAINING_HOURS_MIN
from rc_shared.api import TRIMMED, IdNumber, OffsetPage, Out, Page, Phone, patch_schema
from rc_shared.dates import Day
from rc_shared.events.members import CourseKind

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), TRIMMED]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), TRIMMED]
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,49}$"), TRIMMED]
Level = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50), TRIMMED]
CertificateNo = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50), TRIMMED]
FeeStatus = Literal["paid", "unpaid", "exempted"]
Status = Literal["active", "lapsed", "transferred", "resigned", "deceased"]
Gender = Literal["male", "female", "other"]
GroupType = Literal["club", "first_aid_team", "disaster_response_team", "mobile_medical_team"]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UnitIn(Body):
    code: Code = Field(description="Unique short code, e.g. BL or BL-HB.")
    name: Name
    level: Level
    parent_id: uuid.UUID | None = None
    valid_from: Day


class UnitBatchItem(Body):
    code: Code
    name: Name
    level: Level
    parent_id: uuid.UUID | None = None
    parent_code: Code | None = Field(None, description="The parent's code (an earlier item of the batch or existing).")
    valid_from: Day

    @model_validator(mode="after")
    def _one_parent(self) -> UnitBatchItem:
        if self.parent_id is not None and self.parent_code is not None:
            raise ValueError("give parent_id or parent_code, not both")
        return self


class UnitBatchIn(Body):
    units: list[UnitBatchItem] = Field(min_length=1, max_length=1000)


class RenameIn(Body):
    name: Name
    valid_from: Day


class MoveIn(Body):
    parent_id: uuid.UUID | None = Field(description="New parent (null: the unit becomes a root).")
    level: Level | None = Field(None, description="New level, when the move changes it.")
    valid_from: Day


class MergeIn(Body):
    into_unit_id: uuid.UUID
    valid_from: Day


class DissolveIn(Body):
    valid_from: Day
    reassign_children_to: uuid.UUID | None = Field(
        None, description="Unit that receives the child units (required when there are any)."
    )
    reassign_members_to: uuid.UUID | None = Field(
        None, description="Unit that receives open memberships and active roles (required when there are any)."
    )


class ConsentIn(Body):
    purpose: Name
    given_on: Day


class PersonIn(Body):
    unit_id: uuid.UUID | None = Field(
        None,
        description="The registering unit: who may see and change the person until they have a membership or a "
        "role (access control). Required unless you act for the whole organisation.",
    )
    full_name: Name
    gender: Gender | None = None
    birth_date: Day | None = None
    phone: Phone | None = None
    id_number: IdNumber | None = None
    address: LongText | None = None
    health_notes: LongText | None = Field(None, description="Sensitive health data (stored only with consent).")
    consent: ConsentIn = Field(description="Consent to store the personal data: required.")


class PersonPatch(Body):
    """The personal fields to change; null clears one (but ``full_name``, which a person always has)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=patch_schema(
            ("gender", "birth_date", "phone", "id_number", "address", "health_notes"), at_least_one=False
        ),
    )

    full_name: Name | None = None
    gender: Gender | None = None
    birth_date: Day | None = None
    phone: Phone | None = None
    id_number: IdNumber | None = None
    address: LongText | None = None
    health_notes: LongText | None = None

    @field_validator("full_name")
    @classmethod
    def _named(cls, value: str | None) -> str | None:
        if value is None:  # given as null (an absent field is not validated)
            raise ValueError("full_name cannot be removed")
        return value


class MembershipIn(Body):
    unit_id: uuid.UUID
    joined_on: Day
    fee_status: FeeStatus = "unpaid"
    fee_year: int | None = Field(None, ge=1900, le=2100, description="Year of fee_status (default: joined_on's).")
    member_code: Code | None = Field(None, description="The unit's card number.")


class StatusIn(Body):
    status: Status
    effective_on: Day


class DeathIn(Body):
    deceased_on: Day = Field(description="The day of death (not in the future).")


class FeeIn(Body):
    fee_status: FeeStatus


class TransferIn(Body):
    to_unit_id: uuid.UUID
    effective_on: Day
    move_roles: StrictBool = Field(
        True,
        description="Move the roles the person holds in the unit left (volunteer, youth…) with the membership: "
        "each ends there on effective_on and starts in to_unit_id that day. false: they stay where they are.",
    )


class RoleIn(Body):
    role: Level
    unit_id: uuid.UUID
    start_on: Day


class RoleEndIn(Body):
    end_on: Day


class HoursIn(Body):
    hours: float = Field(
        ge=HOURS_MIN, le=24, allow_inf_nan=False, description="From 0.01 to 24; stored to the hundredth (2.555: 2.56)."
    )
    worked_on: Day


class TrainingIn(Body):
    kind: CourseKind = Field(description="What the training was for (the catalogue courses use).")
    title: Name | None = Field(None, description="The course's name, e.g. 'Sơ cấp cứu ban đầu'.")
    completed_on: Day
    hours: float = Field(ge=TRAINING_HOURS_MIN, le=TRAINING_HOURS_MAX, allow_inf_nan=False)
    unit_id: uuid.UUID = Field(description="The unit that gave or records the training (in your scope).")
    provider: Name | None = Field(None, description="An outside organiser (a blood centre, a hospital...).")
    certificate_no: CertificateNo | None = Field(None, description="The certificate's number (once per person).")


class WithdrawIn(Body):
    withdrawn_on: Day


class GroupIn(Body):
    unit_id: uuid.UUID
    type: GroupType
    name: Name
    formed_on: Day


class GroupMemberIn(Body):
    person_id: uuid.UUID
    joined_on: Day


class GroupLeaveIn(Body):
    left_on: Day


class CourseIn(Body):
    unit_id: uuid.UUID
    title: Name
    kind: CourseKind = Field("other", description="What the course trains for (reviews count each apart).")
    starts_on: Day
    ends_on: Day


class AttendanceIn(Body):
    person_id: uuid.UUID
    attended: StrictBool
    passed: StrictBool


Cell = str | int | float | bool | date | None


class ImportIn(Body):
    rows: list[dict[str, Cell]] = Field(min_length=1, max_length=2000)
    source: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), TRIMMED]
    first_row: int = Field(1, ge=1, description="Row number of rows[0] in the source file (for the results).")


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(exclude_unset=True)


# ------------------------------------------------------------------ responses


class HeldRoleOut(Out):
    id: uuid.UUID
    role: str
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    start_on: date


class CurrentMembershipOut(Out):
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    member_code: str | None
    joined_on: date
    status: Status
    status_since: date
    fee_status: FeeStatus | None = Field(
        description="For the listing's fee_year; none recorded counts as unpaid for an open membership joined by "
        "then; null: not a member that year."
    )


class PersonSummaryOut(Out):
    id: uuid.UUID
    full_name: str
    gender: Gender | None
    birth_date: date | None
    deceased_on: date | None
    registered_unit_id: uuid.UUID | None
    membership: CurrentMembershipOut | None = Field(description="The open membership, else the latest one.")
    roles: list[HeldRoleOut] = Field(description="Roles held today.")


class PeoplePageOut(Page[PersonSummaryOut]):
    as_of: date = Field(description="Today: the day scopes, roles and memberships are read for.")
    fee_year: int
    next_after: uuid.UUID | None = Field(description="Pass as `after` for the next page; null: this is the last page.")
    next_after_key: str | None = Field(
        default=None,
        description="Pass as `after_key`, with `after`, for the next page: where this page ended in the listing's "
        "order (the last person's name, folded), so that a rename or an erasure before the next request skips "
        "nobody. Null with next_after.",
    )


# ------------------------------------------------------------------ units


class UnitRefOut(Out):
    id: uuid.UUID
    code: str
    name: str
    level: str


class UnitOut(Out):
    id: uuid.UUID
    code: str
    name: str
    level: str
    parent_id: uuid.UUID | None
    valid_from: date = Field(description="First day of the version valid on as_of.")
    valid_to: date | None = Field(description="The day that version ends (exclusive); null: still valid.")
    as_of: date
    ended_on: date | None = Field(description="The day the unit ended (merged or dissolved).")
    end_reason: Literal["merged", "dissolved"] | None
    merged_into: uuid.UUID | None
    path: list[UnitRefOut] = Field(description="Ancestors on as_of, from the root down.")


class UnitListItemOut(Out):
    id: uuid.UUID
    code: str
    name: str
    level: str
    parent_id: uuid.UUID | None
    parent_code: str | None
    valid_from: date
    valid_to: date | None


class UnitsPageOut(OffsetPage[UnitListItemOut]):
    as_of: date


class UnitChildrenOut(Page[UnitListItemOut]):
    as_of: date


class UnitVersionOut(Out):
    name: str
    level: str
    parent_id: uuid.UUID | None
    parent_code: str | None
    valid_from: date
    valid_to: date | None
    change: str = Field(description="What started the version: created, renamed, moved ... (comma-separated).")


class UnitHistoryOut(Out):
    id: uuid.UUID
    code: str
    ended_on: date | None
    end_reason: Literal["merged", "dissolved"] | None
    merged_into: uuid.UUID | None
    versions: list[UnitVersionOut]


class UnitBatchResultOut(Out):
    index: int
    code: str
    status: Literal["created", "unchanged"]
    id: uuid.UUID


class UnitBatchOut(Out):
    created: int
    unchanged: int
    results: list[UnitBatchResultOut]


class StatsOut(BaseModel):
    """Counts on as_of; every role name is a further integer field (people holding it)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, int] = Field(init=False)
    as_of: date
    unit_id: uuid.UUID | None = Field(description="The subtree's root; null: the whole organisation.")
    units: int | None = Field(description="Units of the subtree on as_of; null: the whole organisation.")
    members: int = Field(description="Active memberships on as_of.")


# ------------------------------------------------------------------ people


class MembershipPeriodOut(Out):
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    status: Status
    valid_from: date
    valid_to: date | None = Field(description="The day the next period began (exclusive); null: the current one.")


class MembershipOut(Out):
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    member_code: str | None
    joined_on: date
    status: Status
    status_since: date
    fees: dict[int, FeeStatus] = Field(description="Fee status per year.")
    history: list[MembershipPeriodOut] = Field(
        default_factory=list,
        description="The membership's units and statuses over time, oldest first: a transfer or a change of "
        "status closes one period and opens the next (the unit a member was in before a transfer).",
    )


class RoleOut(Out):
    id: uuid.UUID
    role: str
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    start_on: date
    end_on: date | None


class ConsentOut(Out):
    id: uuid.UUID
    purpose: str
    given_on: date
    withdrawn_on: date | None


class TrainingOut(Out):
    id: uuid.UUID
    kind: CourseKind
    title: str | None
    completed_on: date
    hours: float
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    provider: str | None
    certificate_no: str | None


class CourseTakenOut(Out):
    course_id: uuid.UUID
    title: str
    kind: CourseKind
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str = Field(description="The unit's name as staff know it now (its version in force today).")
    starts_on: date
    ends_on: date
    attended: bool
    passed: bool


class PersonOut(Out):
    """A person; the personal fields are absent once the person is erased."""

    id: uuid.UUID
    registered_unit_id: uuid.UUID | None
    erased: bool
    full_name: str | None = None
    gender: Gender | None = None
    birth_date: date | None = None
    phone: str | None = None
    id_number: str | None = Field(
        None, description="For a read-only role (viewer): masked, its last 3 characters shown (••••••••••789)."
    )
    address: str | None = None
    health_notes: str | None = Field(None, description="Absent for a read-only role (viewer): sensitive data.")
    deceased_on: date | None
    memberships: list[MembershipOut]
    roles: list[RoleOut]
    consents: list[ConsentOut]
    volunteer_hours_total: float
    training: list[TrainingOut] = Field(description="Training the person completed, the latest first.")
    courses: list[CourseTakenOut] = Field(description="Courses with the person's attendance, the latest first.")


class ErasureOut(Out):
    id: uuid.UUID
    erased: bool
    erased_now: bool = Field(description="False: the person was already erased.")


class ConsentRecordedOut(Out):
    id: uuid.UUID
    person_id: uuid.UUID
    purpose: str
    given_on: date


class ConsentWithdrawnOut(Out):
    id: uuid.UUID
    withdrawn_on: date


class MembershipStartedOut(Out):
    id: uuid.UUID
    person_id: uuid.UUID
    unit_id: uuid.UUID
    status: Status


class FeeOut(Out):
    person_id: uuid.UUID
    year: int
    fee_status: FeeStatus


class TransferOut(Out):
    membership_id: uuid.UUID
    to_unit_id: uuid.UUID
    effective_on: date
    moved_role_ids: list[uuid.UUID] = Field(description="The new ids of the roles moved with the membership.")


class RoleAssignedOut(Out):
    id: uuid.UUID
    person_id: uuid.UUID
    role: str
    unit_id: uuid.UUID
    start_on: date


class RoleEndedOut(Out):
    id: uuid.UUID
    end_on: date


class TrainingRecordedOut(Out):
    id: uuid.UUID
    person_id: uuid.UUID
    kind: CourseKind
    completed_on: date
    hours: float


class HoursOut(Out):
    id: uuid.UUID
    person_id: uuid.UUID
    hours: float
    worked_on: date


# ------------------------------------------------------------------ groups, training


class GroupMemberOut(Out):
    person_id: uuid.UUID
    joined_on: date
    left_on: date | None


class GroupOut(Out):
    id: uuid.UUID
    unit_id: uuid.UUID
    type: GroupType
    name: str
    formed_on: date
    created_at: datetime
    as_of: date
    members: list[GroupMemberOut] = Field(description="Members on as_of.")


class GroupMembershipOut(Out):
    group_id: uuid.UUID
    person_id: uuid.UUID
    joined_on: date


class GroupLeftOut(Out):
    group_id: uuid.UUID
    person_id: uuid.UUID
    left_on: date


class AttendanceOut(Out):
    person_id: uuid.UUID
    attended: bool
    passed: bool


class CourseOut(Out):
    id: uuid.UUID
    unit_id: uuid.UUID
    title: str
    kind: CourseKind
    starts_on: date
    ends_on: date
    attendance: list[AttendanceOut]


class AttendanceRecordedOut(Out):
    course_id: uuid.UUID
    person_id: uuid.UUID
    attended: bool
    passed: bool


# ------------------------------------------------------------------ import


class ImportRowOut(Out):
    row: int
    status: Literal["created", "unchanged", "rejected"]
    reason: str | None
    person_id: uuid.UUID | None


class ImportOut(Out):
    source: str
    created: int
    unchanged: int
    rejected: int
    results: list[ImportRowOut]
