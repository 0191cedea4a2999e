"""SQL for distributions and their reversals."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

DISTRIBUTION_VIEW = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on"
    " FROM distributions d LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
)


class DistributionRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def insert(self, **v: Any) -> None:
        await self.conn.execute(
            "INSERT INTO distributions (id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id,"
            " distributed_on, description, support_level, decision_no, support_kind, quantity, people_reached)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            v["id"],
            v["campaign_id"],
            v["beneficiary_id"],
            v["kind"],
            v["amount_vnd"],
            v["value_vnd"],
            v["unit_id"],
            v["distributed_on"],
            v["description"],
            v.get("support_level"),
            v.get("decision_no"),
            v["support_kind"],
            v["quantity"],
            v["people_reached"],
        )

    async def get(self, distribution_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow(DISTRIBUTION_VIEW + " WHERE d.id = $1", distribution_id)

    async def for_campaign(self, campaign_id: uuid.UUID, limit: int, offset: int) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = await self.conn.fetch(
            DISTRIBUTION_VIEW + " WHERE d.campaign_id = $1 ORDER BY d.distributed_on, d.created_at, d.id"
            " LIMIT $2 OFFSET $3",
            campaign_id,
            limit,
            offset,
        )
        return rows

    async def insert_reversal(
        self, reversal_id: uuid.UUID, distribution_id: uuid.UUID, campaign_id: uuid.UUID, reason: str, on: date
    ) -> None:
        await self.conn.execute(
            "INSERT INTO distribution_reversals (id, distribution_id, campaign_id, reason, reversed_on)"
            " VALUES ($1, $2, $3, $4, $5)",
            reversal_id,
            distribution_id,
            campaign_id,
            reason,
            on,
        )
