"""A service's view of the organisation tree, projected from ``members.units``.

Services other than members keep this small projection (unit, parent, validity) so that a scope
check ("is this unit inside the user's subtree on that day?") is a local query, and so that a unit id
a request names can be checked against the tree (:class:`UnitTree`). The members service answers
from its own tables instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import asyncpg

from rc_shared import clock
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
from rc_shared.errors import Invalid
from rc_shared.events.members import UnitCreated, UnitDissolved, UnitMerged, UnitMoved

_CLOSE = "UPDATE scope_unit_versions SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL AND valid_from < $2"
_OPEN = (
    "INSERT INTO scope_unit_versions (unit_id, parent_id, valid_from) VALUES ($1, $2, $3)"
    " ON CONFLICT (unit_id, valid_from) DO UPDATE SET parent_id = EXCLUDED.parent_id, valid_to = NULL"
)


def units_consumer(service: str) -> Consumer:
    """The consumer that keeps ``scope_unit_versions`` up to date for ``service``."""
    consumer = Consumer(f"{service}.scope-units")

    @consumer.on(UnitCreated)
    async def created(conn: asyncpg.Connection, env: Envelope[UnitCreated]) -> None:
        await conn.execute(_OPEN, env.data.unit_id, env.data.parent_id, env.data.valid_from)

    @consumer.on(UnitMoved)
    async def moved(conn: asyncpg.Connection, env: Envelope[UnitMoved]) -> None:
        await conn.execute(_CLOSE, env.data.unit_id, env.data.valid_from)
        await conn.execute(_OPEN, env.data.unit_id, env.data.parent_id, env.data.valid_from)

    @consumer.on(UnitMerged, UnitDissolved)
    async def ended(conn: asyncpg.Connection, env: Envelope[UnitMerged | UnitDissolved]) -> None:
        await conn.execute(_CLOSE, env.data.unit_id, env.data.valid_from)

    return consumer


_WITHIN = """
WITH RECURSIVE up(unit_id, depth) AS (
    SELECT $2::uuid, 0
    UNION ALL
    SELECT v.parent_id, up.depth + 1
    FROM up JOIN scope_unit_versions v
      ON v.unit_id = up.unit_id AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to > $3)
    WHERE v.parent_id IS NOT NULL AND up.depth < 32
)
SELECT EXISTS (SELECT 1 FROM up WHERE unit_id = $1)
"""


# Every unit below ``$1`` (and itself) in the tree valid on ``$2``.
_SUBTREE = """
WITH RECURSIVE down(unit_id, depth) AS (
    SELECT $1::uuid, 0
    UNION
    SELECT v.unit_id, down.depth + 1
    FROM down JOIN scope_unit_versions v
      ON v.parent_id = down.unit_id AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to > $2)
    WHERE down.depth < 32
)
SELECT DISTINCT unit_id FROM down
"""


class PgScopeResolver:
    """``within(root, unit, on)`` walks up from ``unit``, ``subtree(root, on)`` down from ``root``, through
    the tree valid on ``on`` (default: today)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def within(self, root: uuid.UUID, unit_id: uuid.UUID, on: date | None = None) -> bool:
        if root == unit_id:
            return True
        async with self.pool.acquire() as conn:
            return bool(await conn.fetchval(_WITHIN, root, unit_id, on or clock.today()))

    async def subtree(self, root: uuid.UUID, on: date | None = None) -> list[uuid.UUID]:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(_SUBTREE, root, on or clock.today())
        return [r["unit_id"] for r in rows]


# The ``reason`` of UnitTree's 422s: a unit the tree does not know (perhaps not yet: members.units is
# asynchronous, a client that has just created the unit may retry), or one not valid on the day(s).
UNKNOWN_UNIT = "unknown_unit"
UNIT_NOT_VALID = "unit_not_valid_then"
# Each version of the units in $1 (their validity).
_VERSIONS = "SELECT unit_id, valid_from, valid_to FROM scope_unit_versions WHERE unit_id = ANY($1::uuid[])"


class UnitTree:
    """The unit tree as this service learnt it from ``members.units`` (``scope_unit_versions``)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def is_top(self, unit_id: uuid.UUID, on: date) -> bool:
        """Whether the unit is at the top of the tree on ``on`` (no parent: the whole organisation is under it)."""
        return bool(
            await self.conn.fetchval(
                "SELECT EXISTS (SELECT 1 FROM scope_unit_versions WHERE unit_id = $1 AND parent_id IS NULL"
                " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2))",
                unit_id,
                on,
            )
        )

    async def changes(self, units: Iterable[uuid.UUID], after: date, until: date) -> list[tuple[uuid.UUID, date, bool]]:
        """(unit, day, ended) for each change of ``units`` on a day in (``after``, ``until``]: a new version (moved,
        renamed) from that day, or its end with no version after it (merged, dissolved)."""
        rows = await self.conn.fetch(
            """
            SELECT unit_id, valid_from AS day, false AS ended FROM scope_unit_versions
             WHERE unit_id = ANY($1::uuid[]) AND valid_from > $2 AND valid_from <= $3
            UNION ALL
            SELECT v.unit_id, v.valid_to, true FROM scope_unit_versions v
             WHERE v.unit_id = ANY($1::uuid[]) AND v.valid_to > $2 AND v.valid_to <= $3
               AND NOT EXISTS (SELECT 1 FROM scope_unit_versions n
                                WHERE n.unit_id = v.unit_id AND n.valid_from = v.valid_to)
             ORDER BY 2
            """,
            list(units),
            after,
            until,
        )
        return [(r["unit_id"], r["day"], r["ended"]) for r in rows]

    async def check_known(self, units: Mapping[str, uuid.UUID | None], first: date, last: date | None = None) -> None:
        """Invalid (422 naming the field) for the first of ``units`` (field name -> unit id; None: not
        given, nothing to check) that the tree does not know, or that is valid on no day from ``first``
        to ``last`` (default: ``first`` only)."""
        given = {name: unit for name, unit in units.items() if unit is not None}
        if not given:
            return
        rows = await self.conn.fetch(_VERSIONS, list(given.values()))
        check_versions(given, rows, first, last)


def check_versions(
    given: Mapping[str, uuid.UUID], rows: Sequence[Mapping[str, Any]], first: date, last: date | None = None
) -> None:
    """The decision of :meth:`UnitTree.check_known` over the versions ``rows`` (``unit_id``,
    ``valid_from``, ``valid_to``) of the ``given`` units (field name -> unit id)."""
    last = last or first
    for name, unit in given.items():
        versions = [r for r in rows if r["unit_id"] == unit]
        if not versions:
            raise Invalid(
                f"{name}: unit {unit} is not in the organisation tree (a unit created in the members service "
                "is known here once its event has arrived, normally within seconds)",
                field=name,
                unit_id=str(unit),
                reason=UNKNOWN_UNIT,
            )
        if not any(v["valid_from"] <= last and (v["valid_to"] is None or v["valid_to"] > first) for v in versions):
            when = f"on {first}" if first == last else f"between {first} and {last}"
            raise Invalid(
                f"{name}: unit {unit} is not in the organisation tree {when}",
                field=name,
                unit_id=str(unit),
                reason=UNIT_NOT_VALID,
            )
