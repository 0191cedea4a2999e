"""SQL for distributions and their reversals."""

from __future__ import annotations

import uuid

import asyncpg

from rc_donations.adapters.records import RecordRepository

DISTRIBUTION_VIEW = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on"
    " FROM distributions d LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
)


# A campaign's distributions recorded after a ledger line (migration 0033's partial index: its predicate is this
# query's movement = 'distribution').
AFTER_LINE = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on, l.line_no"
    " FROM ledger_lines l JOIN distributions d ON d.id = l.distribution_id"
    " LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
    " WHERE l.campaign_id = $1 AND l.movement = 'distribution' AND l.line_no > $2"
    " ORDER BY l.line_no LIMIT $3"
)


class DistributionRepository(RecordRepository):
    NOUN = "distribution"
    COLUMNS = (
        "id",
        "campaign_id",
        "beneficiary_id",
        "kind",
        "amount_vnd",
        "value_vnd",
        "unit_id",
        "distributed_on",
        "description",
        "support_level",
        "decision_no",
        "support_kind",
        "quantity",
        "people_reached",
    )
    VIEW = DISTRIBUTION_VIEW
    CAMPAIGN_ORDER = "d.distributed_on, d.created_at, d.id"

    async def after_line(self, campaign_id: uuid.UUID, after: int, limit: int) -> list[asyncpg.Record]:
        """The campaign's distributions recorded after its ledger line ``after``, in recording order, each
        with its ``line_no`` (migration 0033's index)."""
        rows: list[asyncpg.Record] = await self.conn.fetch(AFTER_LINE, campaign_id, after, limit)
        return rows

    async def to_recipient(
        self, campaign_id: uuid.UUID, beneficiary_id: uuid.UUID, limit: int, offset: int
    ) -> list[asyncpg.Record]:
        """The campaign's distributions to one beneficiary, reversed ones too, by date (migration 0039's index)."""
        rows: list[asyncpg.Record] = await self.conn.fetch(
            f"{self.VIEW} WHERE d.campaign_id = $1 AND d.beneficiary_id = $2 ORDER BY {self.CAMPAIGN_ORDER}"
            " LIMIT $3 OFFSET $4",
            campaign_id,
            beneficiary_id,
            limit,
            offset,
        )
        return rows
