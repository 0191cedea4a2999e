"""SQL for blood donation sessions and registrations."""

from __future__ import annotations

import uuid
from dataclasses import asdict

import asyncpg

from rc_campaigns.domain.blood import BloodSession, Registration
from rc_shared.db import insert_row


class BloodRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def add_session(self, s: BloodSession) -> None:
        await insert_row(self.conn, "blood_sessions", **asdict(s))

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

    async def add_registration(self, r: Registration) -> None:
        await insert_row(self.conn, "blood_registrations", **asdict(r))
