"""SQL for the public ledger's lines (written by the triggers of migration 0004).

Every read is an index range in line order: newest first, keyset on the line number (``after``),
never OFFSET and never a count over the campaign. The donor's name comes from ``donors`` at read
time, and only while the gift was given with consent, the donor still consents and is not erased;
never for a blood donation (health data).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from rc_donations.domain.lines import LineFilter

_COLUMNS = (
    "l.id, l.line_no, l.movement, l.direction, l.kind, l.on_date, l.recorded_at, l.amount_vnd, l.value_vnd,"
    " l.blood_units, l.cash_balance_vnd, l.goods_balance_vnd, l.channel, l.receipt_no, l.unit_id,"
    " l.beneficiary_kind, l.support_level, l.decision_no, l.note, l.items,"
    # a blood donor is never named (that a person gave blood is health data), even with consent
    " CASE WHEN l.publicly_named AND l.kind <> 'blood' AND o.consent_to_be_named AND o.erased_at IS NULL"
    " THEN o.name END AS named"
)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(campaign_id: uuid.UUID, f: LineFilter, after: int | None) -> tuple[str, list[Any]]:
    args: list[Any] = [campaign_id]

    def arg(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    where = ["l.campaign_id = $1"]
    if f.q is not None:
        where.append(f"l.name_key LIKE '%' || rc_fold({arg(_escape_like(f.q))}) || '%' AND l.kind <> 'blood'")
    if f.amount_min is not None and f.amount_min == f.amount_max:
        # "check my gift of 200,000": an equality, so the amount index yields the lines in line order
        # and the page stops after `limit` of them, whatever the plan (prepared statements go generic)
        where.append(f"l.amount_vnd + l.value_vnd = {arg(f.amount_min)}")
    else:
        if f.amount_min is not None:
            where.append(f"l.amount_vnd + l.value_vnd >= {arg(f.amount_min)}")
        if f.amount_max is not None:
            where.append(f"l.amount_vnd + l.value_vnd <= {arg(f.amount_max)}")
    if f.date_from is not None:
        where.append(f"l.on_date >= {arg(f.date_from)}")
    if f.date_to is not None:
        where.append(f"l.on_date <= {arg(f.date_to)}")
    if f.reference is not None:
        p = arg(_escape_like(f.reference[::-1]) + "%")
        where.append(f"(l.reference_rev LIKE {p} OR l.bank_ref_rev LIKE {p})")
    if f.direction is not None:
        where.append(f"l.direction = {arg(f.direction)}")
    if after is not None:
        where.append(f"l.line_no < {arg(after)}")
    return " AND ".join(where), args


class LineRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def page(self, campaign_id: uuid.UUID, f: LineFilter, after: int | None, limit: int) -> list[asyncpg.Record]:
        """The ledger's code and lines' head (``ledger_code``, ``head_line_no``, ``head_at``) with at most
        ``limit`` lines, newest first, before line number ``after`` (None: from the newest), each with
        its unit's name (``unit_name``): one statement, one snapshot. No row: no ledger; one row whose
        ``id`` is NULL: no line matches."""
        where, args = _where(campaign_id, f, after)
        args.append(limit)
        rows: list[asyncpg.Record] = await self.conn.fetch(
            "SELECT g.code AS ledger_code, h.last_line_no AS head_line_no, h.updated_at AS head_at, x.*"
            " FROM ledgers g LEFT JOIN ledger_line_heads h ON h.campaign_id = g.campaign_id"
            f" LEFT JOIN LATERAL (SELECT {_COLUMNS}, u.name AS unit_name FROM ledger_lines l"
            " LEFT JOIN donors o ON o.id = l.donor_id LEFT JOIN unit_names u ON u.unit_id = l.unit_id"
            f" WHERE {where} ORDER BY l.line_no DESC LIMIT ${len(args)}) x ON true"
            " WHERE g.campaign_id = $1",
            *args,
        )
        return rows

    async def stream(
        self, campaign_id: uuid.UUID, f: LineFilter, prefetch: int = 1000
    ) -> AsyncIterator[asyncpg.Record]:
        """Every matching line, newest first, through a server-side cursor (the caller holds a
        transaction): memory stays bounded by ``prefetch`` rows whatever the campaign's size."""
        where, args = _where(campaign_id, f, None)
        query = (
            f"SELECT {_COLUMNS} FROM ledger_lines l LEFT JOIN donors o ON o.id = l.donor_id"
            f" WHERE {where} ORDER BY l.line_no DESC"
        )
        async for row in self.conn.cursor(query, *args, prefetch=prefetch):
            yield row

    async def head(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        """The last line number, the balances after it and when it was written."""
        return await self.conn.fetchrow(
            "SELECT last_line_no, cash_balance_vnd, goods_balance_vnd, updated_at FROM ledger_line_heads"
            " WHERE campaign_id = $1",
            campaign_id,
        )

    async def version(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        """What a public answer of the campaign shows, as a version (migration 0007): the ledger row's
        xmin, the lines' head, the disclosure's version, the donors' labels and units' names counters
        (None: no ledger). One statement on primary keys."""
        return await self.conn.fetchrow(
            "SELECT l.xmin::text AS ledger, h.last_line_no, d.version AS disclosure, v.labels, v.units"
            " FROM ledgers l LEFT JOIN ledger_line_heads h ON h.campaign_id = l.campaign_id"
            " LEFT JOIN ledger_disclosures d ON d.campaign_id = l.campaign_id"
            " CROSS JOIN ledger_public_versions v WHERE l.campaign_id = $1",
            campaign_id,
        )

    async def daily(self, campaign_id: uuid.UUID, days: int) -> list[asyncpg.Record]:
        """Cash and goods in and out per day, the last ``days`` days that have lines, oldest first."""
        rows: list[asyncpg.Record] = await self.conn.fetch(
            "SELECT * FROM (SELECT on_date, cash_in_vnd, cash_out_vnd, goods_in_vnd, goods_out_vnd FROM ledger_daily"
            " WHERE campaign_id = $1 ORDER BY on_date DESC LIMIT $2) x ORDER BY on_date",
            campaign_id,
            days,
        )
        return rows

    async def beneficiaries(self, campaign_id: uuid.UUID) -> list[asyncpg.Record]:
        """Distinct beneficiaries of live distributions per commune (unit) and support level: counts only."""
        rows: list[asyncpg.Record] = await self.conn.fetch(
            "SELECT b.unit_id, d.support_level, count(DISTINCT d.beneficiary_id) AS beneficiaries,"
            " coalesce(sum(d.amount_vnd), 0)::bigint AS amount_vnd, coalesce(sum(d.value_vnd), 0)::bigint AS value_vnd"
            " FROM distributions d JOIN beneficiaries b ON b.id = d.beneficiary_id"
            " WHERE d.campaign_id = $1"
            " AND NOT EXISTS (SELECT 1 FROM distribution_reversals r WHERE r.distribution_id = d.id)"
            " GROUP BY 1, 2 ORDER BY 1, 2",
            campaign_id,
        )
        return rows
