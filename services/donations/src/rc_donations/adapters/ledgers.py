"""SQL for ledgers (one row per campaign: status, receipt counter, running sums) and beneficiaries."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Literal

import asyncpg

from rc_donations.domain.ledger import Ledger, Totals

_TOTALS = tuple(Totals.__dataclass_fields__)

LedgerRecord = Literal["donations", "pledges", "distributions"]

# A record's own unit and the organising unit of its campaign's ledger (both answer for it).
_RECORD_UNITS: dict[LedgerRecord, str] = {
    table: f"SELECT x.unit_id, l.organising_unit_id FROM {table} x JOIN ledgers l USING (campaign_id) WHERE x.id = $1"
    for table in ("donations", "pledges", "distributions")
}
_DONOR_UNITS = """
SELECT d.unit_id, l.organising_unit_id FROM donations d JOIN ledgers l USING (campaign_id) WHERE d.donor_id = $1
UNION
SELECT p.unit_id, l.organising_unit_id FROM pledges p JOIN ledgers l USING (campaign_id) WHERE p.donor_id = $1
"""


def ledger_from(r: asyncpg.Record) -> Ledger:
    return Ledger(
        campaign_id=r["campaign_id"],
        code=r["code"],
        status=r["status"],
        organising_unit_id=r["organising_unit_id"],
        participating_unit_ids=list(r["participating_unit_ids"] or ()),
        receiving_from=r["receiving_from"],
        receiving_until=r["receiving_until"],
        distribution_deadline=r["distribution_deadline"],
        closed_on=r["closed_on"],
        settled_on=r["settled_on"],
    )


def totals_from(r: asyncpg.Record) -> Totals:
    return Totals(**{k: int(r[k]) for k in _TOTALS})


class LedgerRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def open(
        self,
        *,
        campaign_id: uuid.UUID,
        code: str,
        name: str,
        campaign_type: str,
        organising_unit_id: uuid.UUID,
        participating_unit_ids: list[uuid.UUID],
        receiving_from: date,
        receiving_until: date,
        distribution_deadline: date | None,
        targets: dict[str, Any],
    ) -> bool:
        """Insert the ledger; False if it already exists (a campaign is launched once)."""
        return bool(
            await self.conn.fetchval(
                "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id,"
                " participating_unit_ids, receiving_from, receiving_until, distribution_deadline, targets)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                " ON CONFLICT (campaign_id) DO NOTHING RETURNING true",
                campaign_id,
                code,
                name,
                campaign_type,
                organising_unit_id,
                participating_unit_ids,
                receiving_from,
                receiving_until,
                distribution_deadline,
                targets,
            )
        )

    async def get(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM ledgers WHERE campaign_id = $1", campaign_id)

    async def lock(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        """The ledger row, locked until the transaction ends: every writer of a ledger serialises here."""
        return await self.conn.fetchrow("SELECT * FROM ledgers WHERE campaign_id = $1 FOR UPDATE", campaign_id)

    async def close(
        self, campaign_id: uuid.UUID, status: str, closed_on: date, distribution_deadline: date | None = None
    ) -> None:
        """Closed or cancelled on a date; a close's distribution deadline (counted from the close) replaces
        the launch's."""
        await self.conn.execute(
            "UPDATE ledgers SET status = $2, closed_on = $3,"
            " distribution_deadline = coalesce($4, distribution_deadline), updated_at = now() WHERE campaign_id = $1",
            campaign_id,
            status,
            closed_on,
            distribution_deadline,
        )

    async def remember_ending(
        self,
        campaign_id: uuid.UUID,
        status: str,
        ended_on: date,
        distribution_deadline: date | None = None,
        settled_on: date | None = None,
    ) -> None:
        """Keep how a campaign without a ledger here ended (its launch has not arrived, or never will):
        the first close or cancellation stands, a settlement is added to it (migration 0022)."""
        await self.conn.execute(
            "INSERT INTO ledger_endings AS e (campaign_id, status, ended_on, distribution_deadline, settled_on)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id) DO UPDATE"
            " SET settled_on = coalesce(e.settled_on, excluded.settled_on)",
            campaign_id,
            status,
            ended_on,
            distribution_deadline,
            settled_on,
        )

    async def ending(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        """How the campaign ended before its ledger existed (None: it had not)."""
        return await self.conn.fetchrow("SELECT * FROM ledger_endings WHERE campaign_id = $1", campaign_id)

    async def settle(self, campaign_id: uuid.UUID, settled_on: date, remainder_note: str = "") -> None:
        await self.conn.execute(
            "UPDATE ledgers SET status = 'settled', settled_on = $2, closed_on = coalesce(closed_on, $2),"
            " remainder_note = nullif($3, ''), updated_at = now() WHERE campaign_id = $1",
            campaign_id,
            settled_on,
            remainder_note,
        )

    async def add(self, campaign_id: uuid.UUID, receipts: int = 0, **deltas: int) -> asyncpg.Record:
        """Add to the running sums (and take ``receipts`` receipt numbers); returns the new row.

        Callers hold the row lock, so ``last_receipt_no`` advances without gaps.
        """
        unknown = set(deltas) - set(_TOTALS)
        if unknown:
            raise ValueError(f"unknown ledger columns {sorted(unknown)}")
        sets = ["last_receipt_no = last_receipt_no + $2", "updated_at = now()"]
        args: list[Any] = [campaign_id, receipts]
        for col, v in deltas.items():
            args.append(v)
            sets.append(f"{col} = {col} + ${len(args)}")
        row = await self.conn.fetchrow(
            f"UPDATE ledgers SET {', '.join(sets)} WHERE campaign_id = $1 RETURNING *", *args
        )
        assert row is not None
        return row

    # ---------------------------------------------------------------- beneficiaries

    async def beneficiary_registered(
        self, beneficiary_id: uuid.UUID, unit_id: uuid.UUID, kind: str, campaign_id: uuid.UUID | None
    ) -> None:
        await self.conn.execute(
            "INSERT INTO beneficiaries (id, unit_id, kind, campaign_id, registered_at) VALUES ($1, $2, $3, $4, now())"
            " ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, kind = EXCLUDED.kind,"
            " campaign_id = EXCLUDED.campaign_id, registered_at = coalesce(beneficiaries.registered_at, now())",
            beneficiary_id,
            unit_id,
            kind,
            campaign_id,
        )

    async def beneficiary_verified(self, beneficiary_id: uuid.UUID, unit_id: uuid.UUID, verified_on: date) -> None:
        await self.conn.execute(
            "INSERT INTO beneficiaries (id, unit_id, verified_on) VALUES ($1, $2, $3)"
            " ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, verified_on = EXCLUDED.verified_on",
            beneficiary_id,
            unit_id,
            verified_on,
        )

    async def least_balance_from(self, campaign_id: uuid.UUID, day: date, kind: str) -> int:
        """The campaign's lowest balance (cash, or goods by value) on ``day`` and every later day it moved,
        from its days (``ledger_daily``: a row per day with a movement, never one per gift)."""
        value = await self.conn.fetchval(
            "WITH d AS (SELECT on_date, sum(CASE WHEN $3 = 'cash' THEN cash_in_vnd - cash_out_vnd"
            "                                   ELSE goods_in_vnd - goods_out_vnd END) OVER (ORDER BY on_date) AS bal"
            "           FROM ledger_daily WHERE campaign_id = $1)"
            " SELECT least(coalesce((SELECT bal FROM d WHERE on_date <= $2 ORDER BY on_date DESC LIMIT 1), 0),"
            "              (SELECT min(bal) FROM d WHERE on_date > $2))",
            campaign_id,
            day,
            kind,
        )
        return int(value)

    async def beneficiary(self, beneficiary_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM beneficiaries WHERE id = $1", beneficiary_id)

    async def beneficiary_enrolled(self, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID, on: date) -> None:
        await self.conn.execute(
            "INSERT INTO beneficiary_campaigns (beneficiary_id, campaign_id, enrolled_on) VALUES ($1, $2, $3)"
            " ON CONFLICT DO NOTHING",
            beneficiary_id,
            campaign_id,
            on,
        )

    async def enrolled_on(self, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID) -> date | None:
        """The day the beneficiary was enrolled in the campaign after its registration (for another); None: not."""
        on: date | None = await self.conn.fetchval(
            "SELECT enrolled_on FROM beneficiary_campaigns WHERE beneficiary_id = $1 AND campaign_id = $2",
            beneficiary_id,
            campaign_id,
        )
        return on

    async def record_units(self, table: LedgerRecord, record_id: uuid.UUID) -> asyncpg.Record | None:
        """A donation's, pledge's or distribution's ``unit_id`` and its ledger's ``organising_unit_id``."""
        return await self.conn.fetchrow(_RECORD_UNITS[table], record_id)

    async def donor_units(self, donor_id: uuid.UUID) -> list[asyncpg.Record]:
        """``(unit_id, organising_unit_id)`` of each distinct pair among the donor's gifts and pledges."""
        return list(await self.conn.fetch(_DONOR_UNITS, donor_id))
