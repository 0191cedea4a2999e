"""SQL for blood donation sessions and registrations."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg


class BloodRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def add_session(
        self,
        session_id: uuid.UUID,
        campaign_id: uuid.UUID,
        unit_id: uuid.UUID,
        held_on: date,
        place: str,
        capacity: int,
    ) -> None:
        await self.conn.execute(
            "INSERT INTO blood_sessions (id, campaign_id, unit_id, held_on, place, capacity)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            session_id,
            campaign_id,
            unit_id,
            held_on,
            place,
            capacity,
        )

    async def get_session(self, session_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
        lock = " FOR UPDATE OF s" if for_update else ""
        return await self.conn.fetchrow(
            "SELECT s.*, (SELECT count(*) FROM blood_registrations r WHERE r.session_id = s.id) AS registered"
            f" FROM blood_sessions s WHERE s.id = $1{lock}",
            session_id,
        )

    async def sessions(self, campaign_id: uuid.UUID) -> list[asyncpg.Record]:
        return list(
            await self.conn.fetch(
                "SELECT s.*, (SELECT count(*) FROM blood_registrations r WHERE r.session_id = s.id) AS registered"
                " FROM blood_sessions s WHERE s.campaign_id = $1 ORDER BY s.held_on, s.id",
                campaign_id,
            )
        )

    async def registration_of(self, session_id: uuid.UUID, donor_id: uuid.UUID) -> uuid.UUID | None:
        return await self.conn.fetchval(  # type: ignore[no-any-return]
            "SELECT id FROM blood_registrations WHERE session_id = $1 AND donor_id = $2", session_id, donor_id
        )

    async def add_registration(
        self,
        registration_id: uuid.UUID,
        session_id: uuid.UUID,
        donor_id: uuid.UUID,
        donor_ref: str,
        blood_group: str | None,
        note: str,
    ) -> None:
        await self.conn.execute(
            "INSERT INTO blood_registrations (id, session_id, donor_id, donor_ref, blood_group, note)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            registration_id,
            session_id,
            donor_id,
            donor_ref,
            blood_group,
            note,
        )
