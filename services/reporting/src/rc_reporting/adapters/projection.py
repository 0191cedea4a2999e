"""Writes to the projection tables: one SQL statement per event, deterministic and idempotent.

Interval tables (unit versions, membership spans) are changed by *splitting at a date*: the row
covering the date is closed there and a new row, copying it with the change applied, opens there
and runs until the old row's end. A change dated on a row's first day updates that row in place.
So applying the same events in the same per-key order always gives the same rows, and applying an
event twice changes nothing the second time.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

import asyncpg

PROJECTION_TABLES = (
    "rpt_unit_versions",
    "rpt_membership_spans",
    "rpt_membership_changes",
    "rpt_role_spans",
    "rpt_volunteer_hours",
    "rpt_fee_statuses",
    "rpt_erased_people",
    "rpt_groups",
    "rpt_group_members",
    "rpt_courses",
    "rpt_course_attendance",
)

# $1 unit_id, $2 date, $3 create (bool), $4 code, $5 name, $6 level, $7 set_parent (bool), $8 parent_id
_SPLIT_UNIT = """
WITH cur AS (
    SELECT * FROM rpt_unit_versions
    WHERE unit_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
), nxt AS (
    SELECT min(valid_from) AS valid_from FROM rpt_unit_versions WHERE unit_id = $1 AND valid_from > $2
), closed AS (
    UPDATE rpt_unit_versions u SET valid_to = $2
    FROM cur WHERE u.unit_id = cur.unit_id AND u.valid_from = cur.valid_from AND cur.valid_from < $2
)
INSERT INTO rpt_unit_versions AS u (unit_id, valid_from, valid_to, code, name, level, parent_id)
SELECT $1::uuid, $2::date,
       CASE WHEN cur.unit_id IS NOT NULL THEN cur.valid_to ELSE nxt.valid_from END,
       coalesce($4::text, cur.code), coalesce($5::text, cur.name), coalesce($6::text, cur.level),
       CASE WHEN $7::bool THEN $8::uuid ELSE cur.parent_id END
FROM nxt LEFT JOIN cur ON true
WHERE cur.unit_id IS NOT NULL OR $3::bool
ON CONFLICT (unit_id, valid_from) DO UPDATE
    SET code = EXCLUDED.code, name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id
"""

_END_UNIT = """
WITH closed AS (
    UPDATE rpt_unit_versions SET valid_to = $2, end_reason = $3, merged_into = $4,
                                 heir_id = coalesce($5::uuid, $4::uuid, parent_id)
    WHERE unit_id = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2)
)
DELETE FROM rpt_unit_versions WHERE unit_id = $1 AND valid_from >= $2
"""


async def create_unit(
    conn: asyncpg.Connection,
    unit_id: uuid.UUID,
    valid_from: date,
    code: str,
    name: str,
    level: str,
    parent_id: uuid.UUID | None,
) -> None:
    await conn.execute(_SPLIT_UNIT, unit_id, valid_from, True, code, name, level, True, parent_id)


async def rename_unit(conn: asyncpg.Connection, unit_id: uuid.UUID, valid_from: date, name: str) -> None:
    await conn.execute(_SPLIT_UNIT, unit_id, valid_from, False, None, name, None, False, None)


async def move_unit(
    conn: asyncpg.Connection, unit_id: uuid.UUID, valid_from: date, parent_id: uuid.UUID | None, level: str
) -> None:
    await conn.execute(_SPLIT_UNIT, unit_id, valid_from, False, None, None, level, True, parent_id)


async def end_unit(
    conn: asyncpg.Connection,
    unit_id: uuid.UUID,
    valid_from: date,
    reason: str,
    merged_into: uuid.UUID | None,
    heir_id: uuid.UUID | None = None,
) -> None:
    """Merged or dissolved: the unit's last version ends on ``valid_from``; later versions go. Its heir:
    ``heir_id``, else the unit it merged into, else the unit it was under."""
    await conn.execute(_END_UNIT, unit_id, valid_from, reason, merged_into, heir_id)


# $1 membership_id, $2 date, $3 start (bool), $4 person_id, $5 unit_id (NULL: keep), $6 status
# (NULL: keep), $7 event_id, $8 kind, $9 logged status, $10 from_unit_id, $11 logged unit_id
_SPLIT_MEMBERSHIP = """
WITH cur AS (
    SELECT * FROM rpt_membership_spans
    WHERE membership_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
), nxt AS (
    SELECT min(valid_from) AS valid_from FROM rpt_membership_spans WHERE membership_id = $1 AND valid_from > $2
), closed AS (
    UPDATE rpt_membership_spans s SET valid_to = $2
    FROM cur WHERE s.membership_id = cur.membership_id AND s.valid_from = cur.valid_from AND cur.valid_from < $2
), logged AS (
    INSERT INTO rpt_membership_changes
        (event_id, membership_id, person_id, kind, status, from_unit_id, unit_id, effective_on)
    VALUES ($7::uuid, $1::uuid, $4::uuid, $8::text, $9::text, $10::uuid, $11::uuid, $2::date)
    ON CONFLICT (event_id) DO NOTHING
)
INSERT INTO rpt_membership_spans AS s (membership_id, valid_from, valid_to, person_id, unit_id, status)
SELECT $1::uuid, $2::date,
       CASE WHEN cur.membership_id IS NOT NULL THEN cur.valid_to ELSE nxt.valid_from END,
       $4::uuid, coalesce($5::uuid, cur.unit_id), coalesce($6::text, cur.status)
FROM nxt LEFT JOIN cur ON true
WHERE cur.membership_id IS NOT NULL OR $3::bool
ON CONFLICT (membership_id, valid_from) DO UPDATE
    SET person_id = EXCLUDED.person_id, unit_id = EXCLUDED.unit_id, status = EXCLUDED.status
"""

_FEE = """
INSERT INTO rpt_fee_statuses (membership_id, year, person_id, unit_id, fee_status)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (membership_id, year) DO UPDATE
    SET fee_status = EXCLUDED.fee_status, unit_id = EXCLUDED.unit_id, person_id = EXCLUDED.person_id
"""

_INITIAL_FEE = """
INSERT INTO rpt_fee_statuses (membership_id, year, person_id, unit_id, fee_status)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (membership_id, year) DO NOTHING
"""


async def start_membership(
    conn: asyncpg.Connection,
    event_id: uuid.UUID,
    membership_id: uuid.UUID,
    person_id: uuid.UUID,
    unit_id: uuid.UUID,
    joined_on: date,
    fee_status: str,
    fee_year: int,
) -> None:
    await conn.execute(
        _SPLIT_MEMBERSHIP, membership_id, joined_on, True, person_id, unit_id, "active",
        event_id, "joined", "active", None, unit_id,
    )  # fmt: skip
    await conn.execute(_INITIAL_FEE, membership_id, fee_year, person_id, unit_id, fee_status)


async def change_membership_status(
    conn: asyncpg.Connection,
    event_id: uuid.UUID,
    membership_id: uuid.UUID,
    person_id: uuid.UUID,
    unit_id: uuid.UUID,
    status: str,
    effective_on: date,
) -> None:
    await conn.execute(
        _SPLIT_MEMBERSHIP, membership_id, effective_on, False, person_id, unit_id, status,
        event_id, "status", status, None, unit_id,
    )  # fmt: skip


async def transfer_membership(
    conn: asyncpg.Connection,
    event_id: uuid.UUID,
    membership_id: uuid.UUID,
    person_id: uuid.UUID,
    from_unit_id: uuid.UUID,
    to_unit_id: uuid.UUID,
    effective_on: date,
) -> None:
    await conn.execute(
        _SPLIT_MEMBERSHIP, membership_id, effective_on, False, person_id, to_unit_id, None,
        event_id, "transfer", None, from_unit_id, to_unit_id,
    )  # fmt: skip


async def set_fee_status(
    conn: asyncpg.Connection,
    membership_id: uuid.UUID,
    person_id: uuid.UUID,
    unit_id: uuid.UUID,
    year: int,
    fee_status: str,
) -> None:
    await conn.execute(_FEE, membership_id, year, person_id, unit_id, fee_status)


async def assign_role(
    conn: asyncpg.Connection,
    role_id: uuid.UUID,
    person_id: uuid.UUID,
    role: str,
    unit_id: uuid.UUID,
    start_on: date,
) -> None:
    await conn.execute(
        """
        INSERT INTO rpt_role_spans (role_id, person_id, role, unit_id, start_on) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (role_id) DO UPDATE
            SET person_id = EXCLUDED.person_id, role = EXCLUDED.role, unit_id = EXCLUDED.unit_id,
                start_on = EXCLUDED.start_on
        """,
        role_id, person_id, role, unit_id, start_on,
    )  # fmt: skip


async def end_role(
    conn: asyncpg.Connection,
    role_id: uuid.UUID,
    person_id: uuid.UUID,
    role: str,
    unit_id: uuid.UUID,
    end_on: date,
) -> None:
    await conn.execute(
        """
        INSERT INTO rpt_role_spans (role_id, person_id, role, unit_id, end_on) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (role_id) DO UPDATE SET end_on = EXCLUDED.end_on
        """,
        role_id, person_id, role, unit_id, end_on,
    )  # fmt: skip


async def log_hours(
    conn: asyncpg.Connection,
    entry_id: uuid.UUID,
    person_id: uuid.UUID,
    unit_id: uuid.UUID,
    hours: float,
    worked_on: date,
) -> None:
    await conn.execute(
        """
        INSERT INTO rpt_volunteer_hours (entry_id, person_id, unit_id, hours, worked_on) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (entry_id) DO UPDATE
            SET person_id = EXCLUDED.person_id, unit_id = EXCLUDED.unit_id, hours = EXCLUDED.hours,
                worked_on = EXCLUDED.worked_on
        """,
        entry_id, person_id, unit_id, hours, worked_on,
    )  # fmt: skip


async def mark_erased(conn: asyncpg.Connection, person_id: uuid.UUID) -> None:
    await conn.execute("INSERT INTO rpt_erased_people (person_id) VALUES ($1) ON CONFLICT DO NOTHING", person_id)


async def reset(conn: asyncpg.Connection, consumer: str, tables: Sequence[str] = PROJECTION_TABLES) -> None:
    """Empty a consumer's projection tables and forget which events it applied."""
    await conn.execute(f"TRUNCATE {', '.join(tables)}")
    await conn.execute("DELETE FROM processed_events WHERE consumer = $1", consumer)


async def form_group(
    conn: asyncpg.Connection, group_id: uuid.UUID, unit_id: uuid.UUID, group_type: str, formed_on: date
) -> None:
    await conn.execute(
        "INSERT INTO rpt_groups (group_id, unit_id, group_type, formed_on) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (group_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, group_type = EXCLUDED.group_type,"
        " formed_on = EXCLUDED.formed_on",
        group_id,
        unit_id,
        group_type,
        formed_on,
    )


async def join_group(
    conn: asyncpg.Connection, group_id: uuid.UUID, person_id: uuid.UUID, unit_id: uuid.UUID, joined_on: date
) -> None:
    await conn.execute(
        "INSERT INTO rpt_group_members (group_id, person_id, joined_on, unit_id) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (group_id, person_id, joined_on) DO NOTHING",
        group_id,
        person_id,
        joined_on,
        unit_id,
    )


async def leave_group(
    conn: asyncpg.Connection,
    group_id: uuid.UUID,
    person_id: uuid.UUID,
    unit_id: uuid.UUID,
    joined_on: date,
    left_on: date,
) -> None:
    """Ends the membership that began on ``joined_on`` (creating it if its start was not seen)."""
    await conn.execute(
        "INSERT INTO rpt_group_members (group_id, person_id, joined_on, unit_id, left_on) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (group_id, person_id, joined_on) DO UPDATE SET left_on = EXCLUDED.left_on",
        group_id,
        person_id,
        joined_on,
        unit_id,
        left_on,
    )


async def hold_course(
    conn: asyncpg.Connection, course_id: uuid.UUID, unit_id: uuid.UUID, kind: str, starts_on: date, ends_on: date
) -> None:
    await conn.execute(
        "INSERT INTO rpt_courses (course_id, unit_id, kind, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (course_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, kind = EXCLUDED.kind,"
        " starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on",
        course_id,
        unit_id,
        kind,
        starts_on,
        ends_on,
    )


async def record_attendance(
    conn: asyncpg.Connection,
    course_id: uuid.UUID,
    person_id: uuid.UUID,
    unit_id: uuid.UUID,
    attended: bool,
    passed: bool,
) -> None:
    await conn.execute(
        "INSERT INTO rpt_course_attendance (course_id, person_id, unit_id, attended, passed)"
        " VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (course_id, person_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, attended = EXCLUDED.attended,"
        " passed = EXCLUDED.passed",
        course_id,
        person_id,
        unit_id,
        attended,
        passed,
    )
