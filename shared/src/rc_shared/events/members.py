"""Events published by the members service.

Topics: ``members.units`` (key: unit_id) and ``members.people`` (key: person_id; a group's or a course's
own facts: its id). No personal data:
ids, units, dates, roles and statuses only. Names of *units* are public organisational data.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from rc_shared.catalogue import register
from rc_shared.envelope import Event

UNITS_TOPIC = "members.units"
PEOPLE_TOPIC = "members.people"

MembershipStatus = Literal["active", "lapsed", "transferred", "resigned", "deceased"]
FeeStatus = Literal["paid", "unpaid", "exempted"]


class _UnitEvent(Event):
    topic: ClassVar[str] = UNITS_TOPIC
    aggregate_field: ClassVar[str] = "unit_id"
    unit_id: uuid.UUID
    valid_from: date = Field(description="Date from which the change holds (the tree is dated).")


@register
class UnitCreated(_UnitEvent):
    """A unit of the organisation tree was created."""

    event_type: ClassVar[str] = "members.unit.created.v1"
    code: str
    name: str
    level: str = Field(
        description="One of the configured levels, e.g. province, district, commune, grassroots, branch."
    )
    parent_id: uuid.UUID | None


@register
class UnitRenamed(_UnitEvent):
    """A unit changed its name."""

    event_type: ClassVar[str] = "members.unit.renamed.v1"
    name: str


@register
class UnitMoved(_UnitEvent):
    """A unit moved under another parent."""

    event_type: ClassVar[str] = "members.unit.moved.v1"
    parent_id: uuid.UUID | None
    level: str


@register
class UnitMerged(_UnitEvent):
    """A unit was merged into another; it ends on valid_from and its children, members and groups moved.

    Its groups (clubs, teams) are not announced one by one: their later events carry into_unit_id."""

    event_type: ClassVar[str] = "members.unit.merged.v1"
    into_unit_id: uuid.UUID


@register
class UnitDissolved(_UnitEvent):
    """A unit was dissolved; it ends on valid_from.

    Its groups (clubs, teams) go to heir_unit_id, not announced one by one: their later events carry it."""

    event_type: ClassVar[str] = "members.unit.dissolved.v1"
    heir_unit_id: uuid.UUID | None = Field(
        None,
        description=(
            "The unit that takes over what the dissolved unit leaves (its members, groups, and what is still "
            "booked to it afterwards): the unit its members were sent to, else the unit it was under. Absent in "
            "events written before catalogue 1.3.0: read it as the unit it was under."
        ),
    )


class _PersonEvent(Event):
    topic: ClassVar[str] = PEOPLE_TOPIC
    aggregate_field: ClassVar[str] = "person_id"
    person_id: uuid.UUID


@register
class MembershipStarted(_PersonEvent):
    """A person became a member of a unit."""

    event_type: ClassVar[str] = "members.membership.started.v1"
    membership_id: uuid.UUID
    unit_id: uuid.UUID
    joined_on: date
    fee_status: FeeStatus = Field("unpaid", description="The membership fee's status for fee_year.")
    fee_year: int | None = Field(
        None,
        ge=1900,
        le=2100,
        description="The year fee_status is for (absent, as in events written before this field: joined_on's year).",
    )


@register
class MembershipStatusChanged(_PersonEvent):
    """A membership changed status (lapsed, transferred, resigned, deceased, or active again)."""

    event_type: ClassVar[str] = "members.membership.status_changed.v1"
    membership_id: uuid.UUID
    unit_id: uuid.UUID
    status: MembershipStatus
    effective_on: date


@register
class MemberTransferred(_PersonEvent):
    """A membership moved from one unit to another."""

    event_type: ClassVar[str] = "members.membership.transferred.v1"
    membership_id: uuid.UUID
    from_unit_id: uuid.UUID
    to_unit_id: uuid.UUID
    effective_on: date


@register
class MembershipFeeStatusChanged(_PersonEvent):
    """A membership's fee status for a year changed (paid, unpaid, exempted)."""

    event_type: ClassVar[str] = "members.membership.fee_status_changed.v1"
    membership_id: uuid.UUID
    unit_id: uuid.UUID
    fee_status: FeeStatus
    year: int


@register
class RoleAssigned(_PersonEvent):
    """A person took a role in a unit: volunteer, youth, collaborator (configurable list)."""

    event_type: ClassVar[str] = "members.role.assigned.v1"
    role_id: uuid.UUID
    role: str
    unit_id: uuid.UUID
    start_on: date


@register
class RoleEnded(_PersonEvent):
    """A person's role ended."""

    event_type: ClassVar[str] = "members.role.ended.v1"
    role_id: uuid.UUID
    role: str
    unit_id: uuid.UUID
    end_on: date


@register
class VolunteerHoursLogged(_PersonEvent):
    """Hours of volunteer work were logged."""

    event_type: ClassVar[str] = "members.volunteer.hours_logged.v1"
    entry_id: uuid.UUID
    unit_id: uuid.UUID
    hours: float = Field(gt=0, le=24)
    worked_on: date


@register
class PersonErased(_PersonEvent):
    """A person's personal data was erased; their anonymous statistics remain."""

    event_type: ClassVar[str] = "members.person.erased.v1"


GroupType = Literal["club", "first_aid_team", "disaster_response_team", "mobile_medical_team"]
CourseKind = Literal["first_aid", "disaster_preparedness", "community_health", "blood_donation", "staff", "other"]


class _ActivityEvent(Event):
    """Facts of a unit's activity (groups, courses), on ``members.people`` keyed by their own id: only the
    reporting service reads that topic, so the services that follow ``members.units`` for their scope
    never meet these types."""

    topic: ClassVar[str] = PEOPLE_TOPIC
    unit_id: uuid.UUID


@register
class GroupFormed(_ActivityEvent):
    """A club or a first-aid / disaster-response / mobile medical team was formed in a unit."""

    event_type: ClassVar[str] = "members.group.formed.v1"
    aggregate_field: ClassVar[str] = "group_id"
    group_id: uuid.UUID
    group_type: GroupType
    formed_on: date


@register
class CourseHeld(_ActivityEvent):
    """A training course (first aid, disaster preparedness, staff skills, ...) was organised by a unit."""

    event_type: ClassVar[str] = "members.course.held.v1"
    aggregate_field: ClassVar[str] = "course_id"
    course_id: uuid.UUID
    title: str = Field(description="The course's title (organisational data, never about a person).")
    course_kind: CourseKind = Field("other", description="What the course trains for.")
    starts_on: date
    ends_on: date


@register
class GroupMemberJoined(_PersonEvent):
    """A person joined a group (``unit_id``: the group's unit)."""

    event_type: ClassVar[str] = "members.group.member_joined.v1"
    group_id: uuid.UUID
    unit_id: uuid.UUID
    joined_on: date


@register
class GroupMemberLeft(_PersonEvent):
    """A person left a group."""

    event_type: ClassVar[str] = "members.group.member_left.v1"
    group_id: uuid.UUID
    unit_id: uuid.UUID
    joined_on: date = Field(description="When the membership that ends began.")
    left_on: date


@register
class CourseAttendanceRecorded(_PersonEvent):
    """A person's attendance of a course (``unit_id``: the course's unit); a later record replaces it."""

    event_type: ClassVar[str] = "members.course.attendance_recorded.v1"
    course_id: uuid.UUID
    unit_id: uuid.UUID
    attended: bool
    passed: bool


@register
class TrainingRecorded(_PersonEvent):
    """A person's completed training was recorded (``unit_id``: the unit that gave or records it); its
    title, provider and certificate number stay in the members service."""

    event_type: ClassVar[str] = "members.training.recorded.v1"
    training_id: uuid.UUID
    unit_id: uuid.UUID
    course_kind: CourseKind = Field(description="What the training was for (the courses' catalogue).")
    completed_on: date
    hours: float = Field(gt=0, le=1000)
