"""A service's view of the organisation tree for access control, projected from ``members.units``.

Services other than members keep this small projection (unit, parent, validity) so that a scope
check ("is this unit inside the user's subtree today?") is a local query. The members service
answers from its own tables instead.
"""

from __future__ import annotations

import uuid

import asyncpg

from rc_shared import clock
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
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
    """``within(root, unit)`` walks up from ``unit``, ``subtree(root)`` down from ``root``, through the
    tree valid today."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def within(self, root: uuid.UUID, unit_id: uuid.UUID) -> bool:
        if root == unit_id:
            return True
        async with self.pool.acquire() as conn:
            return bool(await conn.fetchval(_WITHIN, root, unit_id, clock.today()))

    async def subtree(self, root: uuid.UUID) -> list[uuid.UUID]:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(_SUBTREE, root, clock.today())
        return [r["unit_id"] for r in rows]
