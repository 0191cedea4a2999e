"""Use cases for clubs and response teams, and training courses with attendance."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rc_members.adapters.units_repo import UnitRepository
from rc_members.service_layer.units import _referenced_unit
from rc_shared.errors import Conflict, NotFound
from rc_shared.outbox import UnitOfWork


async def _require_person(conn: Any, person_id: uuid.UUID) -> None:
    if await conn.fetchval("SELECT 1 FROM people WHERE id = $1", person_id) is None:
        raise Conflict(f"person_id {person_id} does not exist", field="person_id")


async def create_group(uow: UnitOfWork, *, unit_id: uuid.UUID, type: str, name: str, formed_on: date) -> uuid.UUID:
    await _referenced_unit(UnitRepository(uow.conn), unit_id, formed_on, "unit_id")
    group_id = uuid.uuid4()
    await uow.conn.execute(
        "INSERT INTO groups (id, unit_id, type, name, formed_on) VALUES ($1, $2, $3, $4, $5)",
        group_id,
        unit_id,
        type,
        name,
        formed_on,
    )
    return group_id


async def _group(conn: Any, group_id: uuid.UUID) -> Any:
    g = await conn.fetchrow("SELECT * FROM groups WHERE id = $1", group_id)
    if g is None:
        raise NotFound(f"group {group_id} not found")
    return g


async def add_group_member(uow: UnitOfWork, group_id: uuid.UUID, *, person_id: uuid.UUID, joined_on: date) -> None:
    g = await _group(uow.conn, group_id)
    await _require_person(uow.conn, person_id)
    if joined_on < g["formed_on"]:
        raise Conflict(f"the group was formed on {g['formed_on'].isoformat()}")
    if await uow.conn.fetchval(
        "SELECT 1 FROM group_members WHERE group_id = $1 AND person_id = $2 AND left_on IS NULL", group_id, person_id
    ):
        raise Conflict("the person is already in the group")
    await uow.conn.execute(
        "INSERT INTO group_members (group_id, person_id, joined_on) VALUES ($1, $2, $3)", group_id, person_id, joined_on
    )


async def remove_group_member(uow: UnitOfWork, group_id: uuid.UUID, person_id: uuid.UUID, *, left_on: date) -> None:
    await _group(uow.conn, group_id)
    row = await uow.conn.fetchrow(
        "SELECT * FROM group_members WHERE group_id = $1 AND person_id = $2 AND left_on IS NULL", group_id, person_id
    )
    if row is None:
        raise NotFound("the person is not in the group")
    if left_on < row["joined_on"]:
        raise Conflict(f"left_on is before the person joined ({row['joined_on'].isoformat()})")
    await uow.conn.execute(
        "UPDATE group_members SET left_on = $4 WHERE group_id = $1 AND person_id = $2 AND joined_on = $3",
        group_id,
        person_id,
        row["joined_on"],
        left_on,
    )


async def group_view(conn: Any, group_id: uuid.UUID, as_of: date) -> dict[str, Any]:
    g = await _group(conn, group_id)
    members = await conn.fetch(
        "SELECT person_id, joined_on, left_on FROM group_members WHERE group_id = $1 AND joined_on <= $2"
        " AND (left_on IS NULL OR left_on > $2) ORDER BY joined_on",
        group_id,
        as_of,
    )
    return {**dict(g.items()), "as_of": as_of, "members": [dict(m.items()) for m in members]}


async def create_course(
    uow: UnitOfWork, *, unit_id: uuid.UUID, title: str, starts_on: date, ends_on: date
) -> uuid.UUID:
    if ends_on < starts_on:
        raise Conflict("ends_on is before starts_on")
    await _referenced_unit(UnitRepository(uow.conn), unit_id, starts_on, "unit_id")
    course_id = uuid.uuid4()
    await uow.conn.execute(
        "INSERT INTO courses (id, unit_id, title, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)",
        course_id,
        unit_id,
        title,
        starts_on,
        ends_on,
    )
    return course_id


async def record_attendance(
    uow: UnitOfWork, course_id: uuid.UUID, *, person_id: uuid.UUID, attended: bool, passed: bool
) -> None:
    if await uow.conn.fetchval("SELECT 1 FROM courses WHERE id = $1", course_id) is None:
        raise NotFound(f"course {course_id} not found")
    await _require_person(uow.conn, person_id)
    if passed and not attended:
        raise Conflict("a person who did not attend cannot have passed")
    await uow.conn.execute(
        "INSERT INTO course_attendance (course_id, person_id, attended, passed) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (course_id, person_id) DO UPDATE SET attended = EXCLUDED.attended, passed = EXCLUDED.passed",
        course_id,
        person_id,
        attended,
        passed,
    )


async def course_view(conn: Any, course_id: uuid.UUID) -> dict[str, Any]:
    c = await conn.fetchrow("SELECT * FROM courses WHERE id = $1", course_id)
    if c is None:
        raise NotFound(f"course {course_id} not found")
    rows = await conn.fetch(
        "SELECT person_id, attended, passed FROM course_attendance WHERE course_id = $1 ORDER BY person_id", course_id
    )
    return {**dict(c.items()), "attendance": [dict(r.items()) for r in rows]}
