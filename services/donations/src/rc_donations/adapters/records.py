"""SQL that donations and distributions share: a movement with its reversal, by id or a campaign's page."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

import asyncpg

from rc_shared.db import insert_row


class RecordRepository:
    """A ledger movement of one kind (``NOUN``: donation, distribution) read through ``VIEW`` (its row
    with ``reversal_id``, ``reversal_reason`` and ``reversed_on``), and its reversals."""

    NOUN: ClassVar[str]  # the table is NOUN + "s"
    COLUMNS: ClassVar[tuple[str, ...]]  # the columns a use case writes
    VIEW: ClassVar[str]  # aliases: d the movement, r its reversal
    CAMPAIGN_ORDER: ClassVar[str]

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def insert(self, **values: Any) -> None:
        cols = [c for c in self.COLUMNS if c in values]
        await self.conn.execute(
            f"INSERT INTO {self.NOUN}s ({', '.join(cols)}) VALUES ({', '.join(f'${i + 1}' for i in range(len(cols)))})",
            *(values[c] for c in cols),
        )

    async def get(self, record_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow(self.VIEW + " WHERE d.id = $1", record_id)

    async def for_campaign(self, campaign_id: uuid.UUID, limit: int, offset: int) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = await self.conn.fetch(
            f"{self.VIEW} WHERE d.campaign_id = $1 ORDER BY {self.CAMPAIGN_ORDER} LIMIT $2 OFFSET $3",
            campaign_id,
            limit,
            offset,
        )
        return rows

    async def insert_reversal(
        self,
        reversal_id: uuid.UUID,
        record_id: uuid.UUID,
        campaign_id: uuid.UUID,
        reason: str,
        on: date,
        columns: Mapping[str, Any] | None = None,
    ) -> None:
        """The reversal's row; ``columns``: its table's own columns beside the shared ones (names from the code)."""
        await insert_row(
            self.conn,
            f"{self.NOUN}_reversals",
            id=reversal_id,
            **{f"{self.NOUN}_id": record_id},
            campaign_id=campaign_id,
            reason=reason,
            reversed_on=on,
            **(columns or {}),
        )
