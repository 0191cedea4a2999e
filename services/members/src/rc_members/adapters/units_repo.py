"""SQL for the dated organisation tree."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from typing import Any

import asyncpg

from rc_members.domain.units import UnitVersion
from rc_shared.db import insert_row

_AS_OF = "v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1)"


def _version(r: asyncpg.Record) -> UnitVersion:
    return UnitVersion(r["unit_id"], r["name"], r["level"], r["parent_id"], r["valid_from"], r["valid_to"])


class UnitRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return list(await self.conn.fetch(sql, *args))

    async def get(self, unit_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM units WHERE id = $1", unit_id)

    async def get_by_code(self, code: str) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM units WHERE code = $1", code)

    async def ids_by_code(self, codes: list[str]) -> dict[str, uuid.UUID]:
        rows = await self._fetch("SELECT code, id FROM units WHERE code = ANY($1::text[])", codes)
        return {r["code"]: r["id"] for r in rows}

    async def versions_by_code(self, codes: list[str]) -> dict[str, list[UnitVersion]]:
        """Every dated version of the units with these codes, by code."""
        rows = await self._fetch(
            "SELECT u.code, v.* FROM units u JOIN unit_versions v ON v.unit_id = u.id WHERE u.code = ANY($1::text[])",
            codes,
        )
        out: dict[str, list[UnitVersion]] = {}
        for r in rows:
            out.setdefault(r["code"], []).append(_version(r))
        return out

    async def heir_codes(self, unit_ids: list[uuid.UUID], on: date) -> dict[uuid.UUID, str]:
        """The code of the heir of each of these units that has ended or ends (the unit it was merged into, or
        that took over its members), followed as ``unit_heir`` follows it: on ``on``, or on the day the unit ends
        if that is later."""
        rows = await self._fetch(
            "SELECT u.id, h.code FROM units u JOIN units h ON h.id = unit_heir(u.id, greatest(u.ended_on, $2))"
            " WHERE u.id = ANY($1::uuid[]) AND u.ended_on IS NOT NULL AND h.id <> u.id",
            unit_ids,
            on,
        )
        return {r["id"]: r["code"] for r in rows}

    async def versions(self, unit_id: uuid.UUID) -> list[UnitVersion]:
        rows = await self._fetch("SELECT * FROM unit_versions WHERE unit_id = $1 ORDER BY valid_from, id", unit_id)
        return [_version(r) for r in rows]

    async def history(self, unit_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch(
            "SELECT v.*, p.code AS parent_code FROM unit_versions v LEFT JOIN units p ON p.id = v.parent_id"
            " WHERE v.unit_id = $1 ORDER BY v.valid_from, v.id",
            unit_id,
        )

    async def latest(self, unit_id: uuid.UUID) -> UnitVersion | None:
        r = await self.conn.fetchrow(
            "SELECT * FROM unit_versions WHERE unit_id = $1 ORDER BY valid_from DESC, id DESC LIMIT 1", unit_id
        )
        return _version(r) if r else None

    async def as_of(self, unit_id: uuid.UUID, d: date) -> UnitVersion | None:
        r = await self.conn.fetchrow(f"SELECT * FROM unit_versions v WHERE {_AS_OF} AND v.unit_id = $2", d, unit_id)
        return _version(r) if r else None

    async def versions_as_of(self, unit_ids: list[uuid.UUID], d: date) -> dict[uuid.UUID, UnitVersion]:
        rows = await self._fetch(
            f"SELECT * FROM unit_versions v WHERE {_AS_OF} AND v.unit_id = ANY($2::uuid[])", d, unit_ids
        )
        return {r["unit_id"]: _version(r) for r in rows}

    async def ancestors(self, unit_id: uuid.UUID, d: date) -> list[asyncpg.Record]:
        """The unit and its ancestors as of ``d`` (the unit first, root last)."""
        return await self._fetch(
            f"""
            WITH RECURSIVE up(unit_id, parent_id, depth, path) AS (
                SELECT v.unit_id, v.parent_id, 0, ARRAY[v.unit_id] FROM unit_versions v
                 WHERE {_AS_OF} AND v.unit_id = $2
                UNION ALL
                SELECT v.unit_id, v.parent_id, up.depth + 1, up.path || v.unit_id
                  FROM unit_versions v JOIN up ON v.unit_id = up.parent_id
                 WHERE {_AS_OF} AND NOT v.unit_id = ANY(up.path) AND up.depth < 100
            )
            SELECT up.depth, u.id, u.code, v.name, v.level, v.parent_id
              FROM up JOIN units u ON u.id = up.unit_id
              JOIN unit_versions v ON v.unit_id = up.unit_id AND {_AS_OF}
             ORDER BY up.depth
            """,
            d,
            unit_id,
        )

    async def subtree_ids(self, unit_id: uuid.UUID, d: date) -> list[uuid.UUID]:
        rows = await self._fetch(
            f"""
            WITH RECURSIVE down(unit_id, depth) AS (
                SELECT $2::uuid, 0
                UNION ALL
                SELECT v.unit_id, down.depth + 1 FROM unit_versions v JOIN down ON v.parent_id = down.unit_id
                 WHERE {_AS_OF} AND down.depth < 100
            )
            SELECT DISTINCT unit_id FROM down
            """,
            d,
            unit_id,
        )
        return [r["unit_id"] for r in rows]

    async def within(self, root: uuid.UUID, unit_id: uuid.UUID, d: date) -> bool:
        """Whether ``unit_id`` lies in the subtree rooted at ``root`` in the tree valid on ``d``."""
        if root == unit_id:
            return True
        return bool(
            await self.conn.fetchval(
                f"""
                WITH RECURSIVE up(unit_id, depth) AS (
                    SELECT $2::uuid, 0
                    UNION ALL
                    SELECT v.parent_id, up.depth + 1 FROM up JOIN unit_versions v ON v.unit_id = up.unit_id
                     WHERE {_AS_OF} AND v.parent_id IS NOT NULL AND up.depth < 100
                )
                SELECT EXISTS (SELECT 1 FROM up WHERE unit_id = $3::uuid)
                """,
                d,
                unit_id,
                root,
            )
        )

    async def list_as_of(
        self,
        d: date,
        level: str | None = None,
        parent_id: uuid.UUID | None = None,
        limit: int = 1000,
        offset: int = 0,
        among: list[uuid.UUID] | None = None,
    ) -> list[asyncpg.Record]:
        """Units valid on ``d`` (only those in ``among`` when given)."""
        return await self._fetch(
            f"""
            SELECT u.id, u.code, v.name, v.level, v.parent_id, p.code AS parent_code, v.valid_from, v.valid_to
              FROM unit_versions v JOIN units u ON u.id = v.unit_id LEFT JOIN units p ON p.id = v.parent_id
             WHERE {_AS_OF} AND ($2::text IS NULL OR v.level = $2) AND ($3::uuid IS NULL OR v.parent_id = $3)
               AND ($6::uuid[] IS NULL OR v.unit_id = ANY($6::uuid[]))
             ORDER BY u.code LIMIT $4 OFFSET $5
            """,
            d,
            level,
            parent_id,
            limit,
            offset,
            among,
        )

    async def children(self, unit_id: uuid.UUID, d: date) -> list[asyncpg.Record]:
        return await self.list_as_of(d, parent_id=unit_id, limit=100000)

    async def insert_unit(self, unit_id: uuid.UUID, code: str) -> None:
        await insert_row(self.conn, "units", id=unit_id, code=code)

    async def insert_version(self, v: UnitVersion, change: str) -> None:
        await insert_row(self.conn, "unit_versions", **asdict(v), change=change)

    async def change(
        self, unit_id: uuid.UUID, on: date, *, name: str, level: str, parent_id: uuid.UUID | None, change: str
    ) -> None:
        """Close the open version on ``on`` and open a new one (or amend it when it starts that day)."""
        amended = await self.conn.execute(
            "UPDATE unit_versions SET name = $3, level = $4, parent_id = $5, change = change || ',' || $6"
            " WHERE unit_id = $1 AND valid_to IS NULL AND valid_from = $2",
            unit_id,
            on,
            name,
            level,
            parent_id,
            change,
        )
        if amended != "UPDATE 0":
            return
        await self.conn.execute(
            "UPDATE unit_versions SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL", unit_id, on
        )
        await self.insert_version(UnitVersion(unit_id, name, level, parent_id, on, None), change)

    async def end(
        self, unit_id: uuid.UUID, on: date, reason: str, merged_into: uuid.UUID | None, heir: uuid.UUID | None
    ) -> None:
        """The unit ends on ``on``; ``heir``: who takes over its former members' records (migration 0010)."""
        await self.conn.execute(
            "DELETE FROM unit_versions WHERE unit_id = $1 AND valid_to IS NULL AND valid_from >= $2", unit_id, on
        )
        await self.conn.execute(
            "UPDATE unit_versions SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL", unit_id, on
        )
        await self.conn.execute(
            "UPDATE units SET ended_on = $2, end_reason = $3, merged_into = $4, heir_id = $5 WHERE id = $1",
            unit_id,
            on,
            reason,
            merged_into,
            heir,
        )

    async def active_counts(self, unit_id: uuid.UUID) -> dict[str, Any]:
        r = await self.conn.fetchrow(
            "SELECT (SELECT count(*) FROM memberships WHERE unit_id = $1 AND status IN ('active','lapsed')) AS members,"
            " (SELECT count(*) FROM roles WHERE unit_id = $1 AND end_on IS NULL) AS roles",
            unit_id,
        )
        return dict(r.items())
