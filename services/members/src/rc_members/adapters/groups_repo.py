"""SQL for clubs and response teams (groups with dated members) and training courses with attendance."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from rc_shared.db import insert_row


class GroupRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    # ------------------------------------------------------------------ groups
    async def add_group(self, group_id: uuid.UUID, unit_id: uuid.UUID, type: str, name: str, formed_on: date) -> None:
        await insert_row(self.conn, "groups", id=group_id, unit_id=unit_id, type=type, name=name, formed_on=formed_on)

    async def get_group(self, group_id: uuid.UUID) -> dict[str, Any] | None:
        g = await self.conn.fetchrow("SELECT * FROM groups WHERE id = $1", group_id)
        return dict(g.items()) if g is not None else None

    async def open_membership(self, group_id: uuid.UUID, person_id: uuid.UUID) -> asyncpg.Record | None:
        """The person's current (not left) membership of the group."""
        return await self.conn.fetchrow(
            "SELECT * FROM group_members WHERE group_id = $1 AND person_id = $2 AND left_on IS NULL",
            group_id,
            person_id,
        )

    async def add_member(self, group_id: uuid.UUID, person_id: uuid.UUID, joined_on: date) -> None:
        await insert_row(self.conn, "group_members", group_id=group_id, person_id=person_id, joined_on=joined_on)

    async def end_member(self, group_id: uuid.UUID, person_id: uuid.UUID, joined_on: date, left_on: date) -> None:
        await self.conn.execute(
            "UPDATE group_members SET left_on = $4 WHERE group_id = $1 AND person_id = $2 AND joined_on = $3",
            group_id,
            person_id,
            joined_on,
            left_on,
        )

    async def members_as_of(self, group_id: uuid.UUID, as_of: date) -> list[dict[str, Any]]:
        rows = await self.conn.fetch(
            "SELECT person_id, joined_on, left_on FROM group_members WHERE group_id = $1 AND joined_on <= $2"
            " AND (left_on IS NULL OR left_on > $2) ORDER BY joined_on",
            group_id,
            as_of,
        )
        return [dict(r.items()) for r in rows]

    async def move_groups(self, from_unit_id: uuid.UUID, to_unit_id: uuid.UUID) -> None:
        """The groups of a unit that ends go to its heir (the unit that takes its members, else its parent)."""
        await self.conn.execute("UPDATE groups SET unit_id = $2 WHERE unit_id = $1", from_unit_id, to_unit_id)

    # ----------------------------------------------------------------- courses
    async def add_course(
        self, course_id: uuid.UUID, unit_id: uuid.UUID, title: str, starts_on: date, ends_on: date, kind: str
    ) -> None:
        await insert_row(
            self.conn,
            "courses",
            id=course_id,
            unit_id=unit_id,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            kind=kind,
        )

    async def get_course(self, course_id: uuid.UUID) -> dict[str, Any] | None:
        c = await self.conn.fetchrow("SELECT * FROM courses WHERE id = $1", course_id)
        return dict(c.items()) if c is not None else None

    async def record_attendance(self, course_id: uuid.UUID, person_id: uuid.UUID, attended: bool, passed: bool) -> None:
        """One row per (course, person): a second record replaces the first."""
        await self.conn.execute(
            "INSERT INTO course_attendance (course_id, person_id, attended, passed) VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (course_id, person_id) DO UPDATE SET attended = EXCLUDED.attended, passed = EXCLUDED.passed",
            course_id,
            person_id,
            attended,
            passed,
        )

    async def attendance(self, course_id: uuid.UUID) -> list[dict[str, Any]]:
        rows = await self.conn.fetch(
            "SELECT person_id, attended, passed FROM course_attendance WHERE course_id = $1 ORDER BY person_id",
            course_id,
        )
        return [dict(r.items()) for r in rows]
