"""Use cases for clubs and response teams, and training courses with attendance.

Each change is published (``members.group.*``, ``members.course.*``: ids, types and dates; a course's
title) so that the reporting service can count groups, their members and the people trained.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, cast

from rc_members.service_layer.unit_of_work import GroupRepo, MembersUnitOfWork, PeopleRepo
from rc_members.service_layer.units import _referenced_unit
from rc_shared.errors import Conflict, NotFound
from rc_shared.events.members import (
    CourseAttendanceRecorded,
    CourseHeld,
    CourseKind,
    GroupFormed,
    GroupMemberJoined,
    GroupMemberLeft,
    GroupType,
)


async def _require_person(repo: PeopleRepo, person_id: uuid.UUID) -> None:
    if await repo.get(person_id) is None:
        raise Conflict(f"person_id {person_id} does not exist", field="person_id")


async def create_group(
    uow: MembersUnitOfWork, *, unit_id: uuid.UUID, type: str, name: str, formed_on: date
) -> uuid.UUID:
    await _referenced_unit(uow.units, unit_id, formed_on, "unit_id")
    group_id = uuid.uuid4()
    await uow.groups.add_group(group_id, unit_id, type, name, formed_on)
    uow.emit(GroupFormed(unit_id=unit_id, group_id=group_id, group_type=cast(GroupType, type), formed_on=formed_on))
    return group_id


async def _group(repo: GroupRepo, group_id: uuid.UUID) -> dict[str, Any]:
    g = await repo.get_group(group_id)
    if g is None:
        raise NotFound(f"group {group_id} not found")
    return g


async def add_group_member(
    uow: MembersUnitOfWork, group_id: uuid.UUID, *, person_id: uuid.UUID, joined_on: date
) -> None:
    g = await _group(uow.groups, group_id)
    await _require_person(uow.people, person_id)
    if joined_on < g["formed_on"]:
        raise Conflict(f"the group was formed on {g['formed_on'].isoformat()}")
    if await uow.groups.open_membership(group_id, person_id) is not None:
        raise Conflict("the person is already in the group")
    await uow.groups.add_member(group_id, person_id, joined_on)
    uow.emit(GroupMemberJoined(person_id=person_id, group_id=group_id, unit_id=g["unit_id"], joined_on=joined_on))


async def remove_group_member(
    uow: MembersUnitOfWork, group_id: uuid.UUID, person_id: uuid.UUID, *, left_on: date
) -> None:
    g = await _group(uow.groups, group_id)
    row = await uow.groups.open_membership(group_id, person_id)
    if row is None:
        raise NotFound("the person is not in the group")
    if left_on < row["joined_on"]:
        raise Conflict(f"left_on is before the person joined ({row['joined_on'].isoformat()})")
    await uow.groups.end_member(group_id, person_id, row["joined_on"], left_on)
    uow.emit(
        GroupMemberLeft(
            person_id=person_id, group_id=group_id, unit_id=g["unit_id"], joined_on=row["joined_on"], left_on=left_on
        )
    )


async def group_view(repo: GroupRepo, group_id: uuid.UUID, as_of: date) -> dict[str, Any]:
    g = await _group(repo, group_id)
    return {**g, "as_of": as_of, "members": await repo.members_as_of(group_id, as_of)}


async def create_course(
    uow: MembersUnitOfWork,
    *,
    unit_id: uuid.UUID,
    title: str,
    starts_on: date,
    ends_on: date,
    kind: CourseKind = "other",
) -> uuid.UUID:
    if ends_on < starts_on:
        raise Conflict("ends_on is before starts_on")
    await _referenced_unit(uow.units, unit_id, starts_on, "unit_id")
    course_id = uuid.uuid4()
    await uow.groups.add_course(course_id, unit_id, title, starts_on, ends_on, kind)
    uow.emit(
        CourseHeld(
            unit_id=unit_id, course_id=course_id, title=title, course_kind=kind, starts_on=starts_on, ends_on=ends_on
        )
    )
    return course_id


async def record_attendance(
    uow: MembersUnitOfWork, course_id: uuid.UUID, *, person_id: uuid.UUID, attended: bool, passed: bool
) -> None:
    course = await uow.groups.get_course(course_id)
    if course is None:
        raise NotFound(f"course {course_id} not found")
    await _require_person(uow.people, person_id)
    if passed and not attended:
        raise Conflict("a person who did not attend cannot have passed")
    await uow.groups.record_attendance(course_id, person_id, attended, passed)
    uow.emit(
        CourseAttendanceRecorded(
            person_id=person_id, course_id=course_id, unit_id=course["unit_id"], attended=attended, passed=passed
        )
    )


async def course_view(repo: GroupRepo, course_id: uuid.UUID) -> dict[str, Any]:
    c = await repo.get_course(course_id)
    if c is None:
        raise NotFound(f"course {course_id} not found")
    return {**c, "attendance": await repo.attendance(course_id)}
