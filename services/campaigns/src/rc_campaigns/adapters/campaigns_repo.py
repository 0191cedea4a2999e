"""SQL for campaigns, their ledger-derived totals and the targets they reached."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Literal

import asyncpg

from rc_campaigns.domain.campaigns import Campaign, CampaignFilter, Holdings
from rc_campaigns.domain.progress import Totals
from rc_shared.db import all_new_or, like_escaped
from rc_shared.events.campaigns import Targets
from rc_shared.events.donations import (
    DistributionRecorded,
    DistributionReversed,
    DonationRecorded,
    DonationReversed,
)

_COLUMNS = (
    "id, code, name, description, campaign_type, organising_unit_id, participating_unit_ids, receiving_from,"
    " receiving_until, target_cash_vnd, target_in_kind_value_vnd, target_blood_units, target_beneficiaries,"
    " parent_campaign_id, state, launched_on, closed_on, settled_on, cancelled_on, cancel_reason,"
    " settle_note, distribution_deadline"
)

# A run of recorded donations (their first occurrences): nearly always all new, so inserted as such
# (:func:`~rc_shared.db.all_new_or`); with ``_UNLESS_KNOWN``, a donation recorded before (a re-sent copy,
# a reversal's tombstone) is skipped and the ones that counted returned.
_INSERT_LEDGER_DONATIONS = (
    "INSERT INTO ledger_donations (donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, received_on)"
    " SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::date[])"
)
_UNLESS_KNOWN = " ON CONFLICT (donation_id) DO NOTHING RETURNING donation_id"


_HOLDINGS = """
SELECT coalesce(t.cash_vnd, 0) - d.cash AS cash_vnd, coalesce(t.in_kind_value_vnd, 0) - d.goods AS goods_vnd,
       greatest(d.last_on, (SELECT max(reversed_on) FROM ledger_donations
                             WHERE campaign_id = $1 AND reversed_on IS NOT NULL)) AS last_on
  FROM (SELECT coalesce(sum(amount_vnd) FILTER (WHERE reversed_on IS NULL), 0) AS cash,
               coalesce(sum(value_vnd) FILTER (WHERE reversed_on IS NULL), 0) AS goods,
               max(greatest(distributed_on, reversed_on)) AS last_on
          FROM ledger_distributions WHERE campaign_id = $1) AS d
  LEFT JOIN campaign_totals t ON t.campaign_id = $1
"""


def _campaign(r: asyncpg.Record) -> Campaign:
    return Campaign(
        id=r["id"],
        code=r["code"],
        name=r["name"],
        description=r["description"],
        campaign_type=r["campaign_type"],
        organising_unit_id=r["organising_unit_id"],
        participating_unit_ids=list(r["participating_unit_ids"]),
        receiving_from=r["receiving_from"],
        receiving_until=r["receiving_until"],
        targets=Targets(
            cash_vnd=r["target_cash_vnd"],
            in_kind_value_vnd=r["target_in_kind_value_vnd"],
            blood_units=r["target_blood_units"],
            beneficiaries=r["target_beneficiaries"],
        ),
        parent_campaign_id=r["parent_campaign_id"],
        state=r["state"],
        launched_on=r["launched_on"],
        closed_on=r["closed_on"],
        settled_on=r["settled_on"],
        cancelled_on=r["cancelled_on"],
        cancel_reason=r["cancel_reason"],
        settle_note=r["settle_note"],
        distribution_deadline=r["distribution_deadline"],
    )


def _values(c: Campaign) -> list[Any]:
    return [
        c.id,
        c.code,
        c.name,
        c.description,
        c.campaign_type,
        c.organising_unit_id,
        c.participating_unit_ids,
        c.receiving_from,
        c.receiving_until,
        c.targets.cash_vnd,
        c.targets.in_kind_value_vnd,
        c.targets.blood_units,
        c.targets.beneficiaries,
        c.parent_campaign_id,
        c.state,
        c.launched_on,
        c.closed_on,
        c.settled_on,
        c.cancelled_on,
        c.cancel_reason,
        c.settle_note,
        c.distribution_deadline,
    ]


class CampaignRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def get(self, campaign_id: uuid.UUID, *, for_update: bool = False) -> Campaign | None:
        lock = " FOR UPDATE" if for_update else ""
        r = await self.conn.fetchrow(f"SELECT {_COLUMNS} FROM campaigns WHERE id = $1{lock}", campaign_id)
        return _campaign(r) if r else None

    async def id_by_code(self, code: str) -> uuid.UUID | None:
        return await self.conn.fetchval("SELECT id FROM campaigns WHERE code = $1", code)  # type: ignore[no-any-return]

    async def add(self, c: Campaign) -> None:
        params = ", ".join(f"${i}" for i in range(1, len(_values(c)) + 1))
        await self.conn.execute(f"INSERT INTO campaigns ({_COLUMNS}) VALUES ({params})", *_values(c))

    async def save(self, c: Campaign) -> None:
        names = [n.strip() for n in _COLUMNS.split(",")]
        sets = ", ".join(f"{n} = ${i}" for i, n in enumerate(names, start=1) if n != "id")
        await self.conn.execute(f"UPDATE campaigns SET {sets}, updated_at = now() WHERE id = $1", *_values(c))

    async def save_disclosure(self, campaign_id: uuid.UUID, content: dict[str, Any]) -> int:
        """Replace the campaign's disclosure; returns its new version (1, 2, ...)."""
        version: int = await self.conn.fetchval(
            "INSERT INTO campaign_disclosures AS d (campaign_id, version, content) VALUES ($1, 1, $2)"
            " ON CONFLICT (campaign_id) DO UPDATE SET version = d.version + 1, content = excluded.content,"
            " updated_at = now() RETURNING version",
            campaign_id,
            content,
        )
        return version

    async def disclosure(self, campaign_id: uuid.UUID) -> dict[str, Any] | None:
        """(version, content, updated_at) of the campaign's disclosure; None: never published."""
        r = await self.conn.fetchrow(
            "SELECT version, content, updated_at FROM campaign_disclosures WHERE campaign_id = $1", campaign_id
        )
        return dict(r) if r else None

    async def ancestors(self, campaign_id: uuid.UUID) -> list[uuid.UUID]:
        """The campaign and its parents, nearest first."""
        rows = await self.conn.fetch(
            """
            WITH RECURSIVE up(id, parent, depth) AS (
                SELECT id, parent_campaign_id, 0 FROM campaigns WHERE id = $1
                UNION ALL
                SELECT c.id, c.parent_campaign_id, up.depth + 1 FROM campaigns c JOIN up ON c.id = up.parent
                 WHERE up.depth < 100
            )
            SELECT id FROM up ORDER BY depth
            """,
            campaign_id,
        )
        return [r["id"] for r in rows]

    async def search(self, where: CampaignFilter, limit: int, offset: int) -> list[Campaign]:
        rows = await self.conn.fetch(
            f"""
            SELECT {_COLUMNS} FROM campaigns
             WHERE ($1::text IS NULL OR state = $1)
               AND ($2::text IS NULL OR campaign_type = $2)
               AND ($3::uuid IS NULL OR organising_unit_id = $3 OR $3 = ANY(participating_unit_ids))
               AND ($4::uuid IS NULL OR parent_campaign_id = $4)
               AND ($7::uuid[] IS NULL OR organising_unit_id = ANY($7) OR participating_unit_ids && $7)
               AND ($8::text IS NULL OR rc_fold(code || ' ' || name) LIKE '%' || rc_fold($8) || '%')
             ORDER BY receiving_from DESC, code
             LIMIT $5 OFFSET $6
            """,
            where.state,
            where.campaign_type,
            where.unit_id,
            where.parent_campaign_id,
            limit,
            offset,
            None if where.within is None else list(where.within),
            None if where.q is None else like_escaped(where.q),
        )
        return [_campaign(r) for r in rows]

    async def open_or_closed(self) -> list[Campaign]:
        """Campaigns that can be overdue: launched or closed."""
        rows = await self.conn.fetch(
            f"SELECT {_COLUMNS} FROM campaigns WHERE state IN ('launched', 'closed') ORDER BY receiving_until, code"
        )
        return [_campaign(r) for r in rows]

    # ------------------------------------------------------------------ progress

    async def totals(self, campaign_id: uuid.UUID) -> Totals:
        """The campaign's totals and the beneficiaries its distributions reached, in one query (zeros before
        its first donation)."""
        r = await self.conn.fetchrow(
            "SELECT coalesce(t.cash_vnd, 0) AS cash_vnd, coalesce(t.in_kind_value_vnd, 0) AS in_kind_value_vnd,"
            " coalesce(t.blood_units, 0) AS blood_units,"
            " (SELECT count(DISTINCT beneficiary_id) FROM ledger_distributions"
            "   WHERE campaign_id = $1 AND reversed_on IS NULL) AS reached"
            " FROM (SELECT 1) AS one LEFT JOIN campaign_totals t ON t.campaign_id = $1",
            campaign_id,
        )
        return Totals(int(r["cash_vnd"]), int(r["in_kind_value_vnd"]), int(r["blood_units"]), int(r["reached"]))

    async def holdings(self, campaign_id: uuid.UUID) -> Holdings:
        """What the campaign still holds (raised less distributed, cash and goods) and the last day a
        distribution, its reversal or a gift's reversal was dated, as projected from the donations ledger's
        events (a gift's reversal through migration 0008's index)."""
        r = await self.conn.fetchrow(
            _HOLDINGS,
            campaign_id,
        )
        return Holdings(int(r["cash_vnd"]), int(r["goods_vnd"]), r["last_on"])

    async def reached(self, campaign_id: uuid.UUID) -> dict[str, datetime]:
        rows = await self.conn.fetch(
            "SELECT target, reached_at FROM campaign_targets_reached WHERE campaign_id = $1", campaign_id
        )
        return {r["target"]: r["reached_at"] for r in rows}

    async def record_reached(
        self,
        campaign_id: uuid.UUID,
        target: str,
        target_value: int,
        reached_value: int,
        reached_at: datetime,
        event_id: uuid.UUID,
    ) -> bool:
        """Record a target as reached; False when it already was (the unique key decides)."""
        inserted = await self.conn.fetchval(
            "INSERT INTO campaign_targets_reached"
            " (campaign_id, target, target_value, reached_value, reached_at, event_id)"
            " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (campaign_id, target) DO NOTHING RETURNING true",
            campaign_id,
            target,
            target_value,
            reached_value,
            reached_at,
            event_id,
        )
        return bool(inserted)


class LedgerRepository:
    """The campaign's view of the donations ledger: each donation and distribution once."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def _add_totals(self, campaign_id: uuid.UUID, sign: int, cash: int, value: int, blood: int) -> None:
        await self.conn.execute(
            "INSERT INTO campaign_totals AS t (campaign_id, cash_vnd, in_kind_value_vnd, blood_units)"
            " VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (campaign_id) DO UPDATE SET cash_vnd = t.cash_vnd + excluded.cash_vnd,"
            " in_kind_value_vnd = t.in_kind_value_vnd + excluded.in_kind_value_vnd,"
            " blood_units = t.blood_units + excluded.blood_units, updated_at = now()",
            campaign_id,
            sign * cash,
            sign * value,
            sign * blood,
        )

    async def record_donation(self, d: DonationRecorded) -> bool:
        """Record a donation once (as :meth:`record_donations`); whether it counted."""
        return d.donation_id in await self.record_donations([d])

    async def record_donations(self, donations: Sequence[DonationRecorded]) -> set[uuid.UUID]:
        """Record many donations in one statement (each once; a tombstone of an earlier reversal
        wins) and add the new ones to their campaigns' totals; returns the ids that counted."""
        first: dict[uuid.UUID, DonationRecorded] = {}
        for d in donations:
            first.setdefault(d.donation_id, d)
        rows = list(first.values())
        columns = (
            [d.donation_id for d in rows],
            [d.campaign_id for d in rows],
            [d.kind for d in rows],
            [d.amount_vnd for d in rows],
            [d.value_vnd for d in rows],
            [d.blood_units for d in rows],
            [d.received_on for d in rows],
        )

        async def all_new() -> set[uuid.UUID]:
            await self.conn.execute(_INSERT_LEDGER_DONATIONS, *columns)
            return set(first)

        async def some_known() -> set[uuid.UUID]:  # a re-sent copy, or a reversal's tombstone
            inserted = await self.conn.fetch(_INSERT_LEDGER_DONATIONS + _UNLESS_KNOWN, *columns)
            return {r["donation_id"] for r in inserted}

        counted = await all_new_or(self.conn, all_new, some_known)
        sums: dict[uuid.UUID, list[int]] = {}
        for d in rows:
            if d.donation_id in counted:
                s = sums.setdefault(d.campaign_id, [0, 0, 0])
                s[0], s[1], s[2] = s[0] + d.amount_vnd, s[1] + d.value_vnd, s[2] + d.blood_units
        if sums:
            await self.conn.execute(
                "INSERT INTO campaign_totals AS t (campaign_id, cash_vnd, in_kind_value_vnd, blood_units)"
                " SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[])"
                " ON CONFLICT (campaign_id) DO UPDATE SET cash_vnd = t.cash_vnd + excluded.cash_vnd,"
                " in_kind_value_vnd = t.in_kind_value_vnd + excluded.in_kind_value_vnd,"
                " blood_units = t.blood_units + excluded.blood_units, updated_at = now()",
                list(sums),
                [s[0] for s in sums.values()],
                [s[1] for s in sums.values()],
                [s[2] for s in sums.values()],
            )
        return counted

    async def reverse_donation(self, r: DonationReversed) -> bool:
        row = await self.conn.fetchrow(
            "UPDATE ledger_donations SET reversed_on = $2 WHERE donation_id = $1 AND reversed_on IS NULL"
            " RETURNING campaign_id, amount_vnd, value_vnd, blood_units",
            r.donation_id,
            r.reversed_on,
        )
        if row is not None:
            await self._add_totals(row["campaign_id"], -1, row["amount_vnd"], row["value_vnd"], row["blood_units"])
            return True
        # reversed before it was recorded (or reversed twice): a tombstone that never counts
        await self.conn.execute(
            "INSERT INTO ledger_donations"
            " (donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, reversed_on)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (donation_id) DO NOTHING",
            r.donation_id,
            r.campaign_id,
            r.kind,
            r.amount_vnd,
            r.value_vnd,
            r.blood_units,
            r.reversed_on,
        )
        return False

    async def record_distribution(self, d: DistributionRecorded) -> bool:
        return await self._insert_distribution(d, "distributed_on", d.distributed_on)

    async def reverse_distribution(self, r: DistributionReversed, recorded_on: date | None = None) -> bool:
        """``reversed_on`` here is the day the books changed: the later of the reversal's own day (it may be
        the distribution's, donations 1.9.0) and ``recorded_on``, the day it was recorded. It ends the
        distribution's holding, and a settlement may not be dated before it (``_HOLDINGS``)."""
        on = max(r.reversed_on, recorded_on) if recorded_on is not None else r.reversed_on
        done = await self.conn.fetchval(
            "UPDATE ledger_distributions SET reversed_on = $2 WHERE distribution_id = $1 AND reversed_on IS NULL"
            " RETURNING true",
            r.distribution_id,
            on,
        )
        if done:
            return True
        await self._insert_distribution(r, "reversed_on", on)  # a tombstone, as for donations
        return False

    async def _insert_distribution(
        self, d: DistributionRecorded | DistributionReversed, dated: Literal["distributed_on", "reversed_on"], on: date
    ) -> bool:
        """The distribution's row, once (by its id), dated in column ``dated``; whether it was new."""
        inserted = await self.conn.fetchval(
            "INSERT INTO ledger_distributions"
            f" (distribution_id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, {dated})"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (distribution_id) DO NOTHING RETURNING true",
            d.distribution_id,
            d.campaign_id,
            d.beneficiary_id,
            d.kind,
            d.amount_vnd,
            d.value_vnd,
            on,
        )
        return bool(inserted)
