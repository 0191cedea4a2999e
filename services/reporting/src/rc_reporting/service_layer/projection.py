"""Projection handlers: each members event becomes one or two statements on the projection.

The handlers are registered on ``members_consumer``; the shared library runs them idempotently
(``processed_events``) inside the batch transaction, both for the live consumer group and for the
``rebuild`` command, which replays the topics from the beginning through the same handlers.
"""

from __future__ import annotations

import asyncpg

from rc_reporting.adapters import projection as repo
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
from rc_shared.events.members import (
    CourseAttendanceRecorded,
    CourseHeld,
    GroupFormed,
    GroupMemberJoined,
    GroupMemberLeft,
    MembershipFeeStatusChanged,
    MembershipStarted,
    MembershipStatusChanged,
    MemberTransferred,
    PersonErased,
    RoleAssigned,
    RoleEnded,
    UnitCreated,
    UnitDissolved,
    UnitMerged,
    UnitMoved,
    UnitRenamed,
    VolunteerHoursLogged,
)

CONSUMER_NAME = "reporting.members"

members_consumer = Consumer(CONSUMER_NAME)


@members_consumer.on(UnitCreated)
async def on_unit_created(conn: asyncpg.Connection, env: Envelope[UnitCreated]) -> None:
    e = env.data
    await repo.create_unit(conn, e.unit_id, e.valid_from, e.code, e.name, e.level, e.parent_id)


@members_consumer.on(UnitRenamed)
async def on_unit_renamed(conn: asyncpg.Connection, env: Envelope[UnitRenamed]) -> None:
    e = env.data
    await repo.rename_unit(conn, e.unit_id, e.valid_from, e.name)


@members_consumer.on(UnitMoved)
async def on_unit_moved(conn: asyncpg.Connection, env: Envelope[UnitMoved]) -> None:
    e = env.data
    await repo.move_unit(conn, e.unit_id, e.valid_from, e.parent_id, e.level)


@members_consumer.on(UnitMerged)
async def on_unit_merged(conn: asyncpg.Connection, env: Envelope[UnitMerged]) -> None:
    e = env.data
    await repo.end_unit(conn, e.unit_id, e.valid_from, "merged", e.into_unit_id)


@members_consumer.on(UnitDissolved)
async def on_unit_dissolved(conn: asyncpg.Connection, env: Envelope[UnitDissolved]) -> None:
    e = env.data
    await repo.end_unit(conn, e.unit_id, e.valid_from, "dissolved", None, e.heir_unit_id)


@members_consumer.on(MembershipStarted)
async def on_membership_started(conn: asyncpg.Connection, env: Envelope[MembershipStarted]) -> None:
    e = env.data
    fee_year = e.fee_year or e.joined_on.year  # (absent in events written before the field: joined_on's year)
    await repo.start_membership(
        conn, env.id, e.membership_id, e.person_id, e.unit_id, e.joined_on, e.fee_status, fee_year
    )


@members_consumer.on(MembershipStatusChanged)
async def on_membership_status_changed(conn: asyncpg.Connection, env: Envelope[MembershipStatusChanged]) -> None:
    e = env.data
    await repo.change_membership_status(conn, env.id, e.membership_id, e.person_id, e.unit_id, e.status, e.effective_on)


@members_consumer.on(MemberTransferred)
async def on_member_transferred(conn: asyncpg.Connection, env: Envelope[MemberTransferred]) -> None:
    e = env.data
    await repo.transfer_membership(
        conn, env.id, e.membership_id, e.person_id, e.from_unit_id, e.to_unit_id, e.effective_on
    )


@members_consumer.on(MembershipFeeStatusChanged)
async def on_fee_status_changed(conn: asyncpg.Connection, env: Envelope[MembershipFeeStatusChanged]) -> None:
    e = env.data
    await repo.set_fee_status(conn, e.membership_id, e.person_id, e.unit_id, e.year, e.fee_status)


@members_consumer.on(RoleAssigned)
async def on_role_assigned(conn: asyncpg.Connection, env: Envelope[RoleAssigned]) -> None:
    e = env.data
    await repo.assign_role(conn, e.role_id, e.person_id, e.role, e.unit_id, e.start_on)


@members_consumer.on(RoleEnded)
async def on_role_ended(conn: asyncpg.Connection, env: Envelope[RoleEnded]) -> None:
    e = env.data
    await repo.end_role(conn, e.role_id, e.person_id, e.role, e.unit_id, e.end_on)


@members_consumer.on(VolunteerHoursLogged)
async def on_hours_logged(conn: asyncpg.Connection, env: Envelope[VolunteerHoursLogged]) -> None:
    e = env.data
    await repo.log_hours(conn, e.entry_id, e.person_id, e.unit_id, e.hours, e.worked_on)


@members_consumer.on(PersonErased)
async def on_person_erased(conn: asyncpg.Connection, env: Envelope[PersonErased]) -> None:
    e = env.data
    await repo.mark_erased(conn, e.person_id)


@members_consumer.on(GroupFormed)
async def on_group_formed(conn: asyncpg.Connection, env: Envelope[GroupFormed]) -> None:
    e = env.data
    await repo.form_group(conn, e.group_id, e.unit_id, e.group_type, e.formed_on)


@members_consumer.on(GroupMemberJoined)
async def on_group_member_joined(conn: asyncpg.Connection, env: Envelope[GroupMemberJoined]) -> None:
    e = env.data
    await repo.join_group(conn, e.group_id, e.person_id, e.unit_id, e.joined_on)


@members_consumer.on(GroupMemberLeft)
async def on_group_member_left(conn: asyncpg.Connection, env: Envelope[GroupMemberLeft]) -> None:
    e = env.data
    await repo.leave_group(conn, e.group_id, e.person_id, e.unit_id, e.joined_on, e.left_on)


@members_consumer.on(CourseHeld)
async def on_course_held(conn: asyncpg.Connection, env: Envelope[CourseHeld]) -> None:
    e = env.data
    await repo.hold_course(conn, e.course_id, e.unit_id, e.course_kind, e.starts_on, e.ends_on)


@members_consumer.on(CourseAttendanceRecorded)
async def on_attendance(conn: asyncpg.Connection, env: Envelope[CourseAttendanceRecorded]) -> None:
    e = env.data
    await repo.record_attendance(conn, e.course_id, e.person_id, e.unit_id, e.attended, e.passed)
