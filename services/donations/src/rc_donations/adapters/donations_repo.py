"""SQL for donors, donations, reversals, pledges and idempotency keys."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg

from rc_donations.domain.blood import PastDonation

_DONATION_COLS = (
    "id",
    "campaign_id",
    "kind",
    "amount_vnd",
    "value_vnd",
    "blood_units",
    "blood_kind",
    "items",
    "donor_id",
    "donor_type",
    "publicly_named",
    "unit_id",
    "credited_unit_id",
    "credited_person_id",
    "pledge_id",
    "channel",
    "bank_reference",
    "payer_name",
    "description",
    "received_on",
    "receipt_no",
    "recorded_after_close",
)

_BULK_INSERT = (
    "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, bank_reference,"
    " payer_name, description, received_on, receipt_no, recorded_after_close)"
    " SELECT u.id, $1, 'cash', u.amount, 'anonymous', $2, 'bank_transfer', u.ref, u.payer, u.descr, u.on_, u.no,"
    " $10"
    " FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::date[], $9::bigint[])"
    " AS u(id, amount, ref, payer, descr, on_, no)"
    " ON CONFLICT DO NOTHING RETURNING id"
)

DONATION_VIEW = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on,"
    " l.code AS campaign_code, l.name AS campaign_name"
    " FROM donations d JOIN ledgers l ON l.campaign_id = d.campaign_id"
    " LEFT JOIN donation_reversals r ON r.donation_id = d.id"
)


class DonationRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    # ---------------------------------------------------------------- donors

    async def donor(self, donor_id: uuid.UUID, *, lock: bool = False) -> asyncpg.Record | None:
        return await self.conn.fetchrow(
            "SELECT * FROM donors WHERE id = $1" + (" FOR UPDATE" if lock else ""), donor_id
        )

    async def find_donor(
        self, donor_type: str, name: str | None, phone: str | None, id_number: str | None
    ) -> asyncpg.Record | None:
        """The same donor seen before: by identity number, else by phone and name."""
        if id_number:
            return await self.conn.fetchrow(
                "SELECT * FROM donors WHERE donor_type = $1 AND id_number = $2 AND erased_at IS NULL FOR UPDATE",
                donor_type,
                id_number,
            )
        if phone and name:
            return await self.conn.fetchrow(
                "SELECT * FROM donors WHERE donor_type = $1 AND phone = $2 AND lower(name) = lower($3)"
                " AND erased_at IS NULL ORDER BY created_at LIMIT 1 FOR UPDATE",
                donor_type,
                phone,
                name,
            )
        return None

    async def insert_donor(
        self,
        donor_type: str,
        name: str | None,
        phone: str | None,
        id_number: str | None,
        birth_date: date | None,
        consent: bool,
    ) -> uuid.UUID:
        """A new donor; a concurrent insert of the same identity number yields that donor instead."""
        donor_id: uuid.UUID = await self.conn.fetchval(
            "INSERT INTO donors (id, donor_type, name, phone, id_number, birth_date, consent_to_be_named)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)"
            " ON CONFLICT (donor_type, id_number) WHERE id_number IS NOT NULL"
            " DO UPDATE SET consent_to_be_named = EXCLUDED.consent_to_be_named RETURNING id",
            uuid.uuid4(),
            donor_type,
            name,
            phone,
            id_number,
            birth_date,
            consent,
        )
        return donor_id

    async def update_donor(
        self, donor_id: uuid.UUID, phone: str | None, birth_date: date | None, consent: bool
    ) -> None:
        await self.conn.execute(
            "UPDATE donors SET phone = coalesce($2, phone), birth_date = coalesce($3, birth_date),"
            " consent_to_be_named = $4 WHERE id = $1",
            donor_id,
            phone,
            birth_date,
            consent,
        )

    async def erase_donor(self, donor_id: uuid.UUID) -> bool:
        return bool(
            await self.conn.fetchval(
                "UPDATE donors SET name = NULL, phone = NULL, id_number = NULL, birth_date = NULL,"
                " consent_to_be_named = false, erased_at = now() WHERE id = $1 AND erased_at IS NULL RETURNING true",
                donor_id,
            )
        )

    async def blood_history(self, donor_id: uuid.UUID) -> list[PastDonation]:
        rows = await self.conn.fetch(
            "SELECT d.received_on, d.blood_kind FROM donations d"
            " WHERE d.donor_id = $1 AND d.kind = 'blood'"
            " AND NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id)",
            donor_id,
        )
        return [PastDonation(r["received_on"], r["blood_kind"]) for r in rows]

    # ---------------------------------------------------------------- donations

    async def insert(self, **values: Any) -> None:
        cols = [c for c in _DONATION_COLS if c in values]
        await self.conn.execute(
            f"INSERT INTO donations ({', '.join(cols)}) VALUES ({', '.join(f'${i + 1}' for i in range(len(cols)))})",
            *(values[c] for c in cols),
        )

    async def bulk_insert_bank(
        self,
        campaign_id: uuid.UUID,
        unit_id: uuid.UUID,
        ids: Sequence[uuid.UUID],
        amounts: Sequence[int],
        refs: Sequence[str],
        payers: Sequence[str | None],
        descriptions: Sequence[str | None],
        dates: Sequence[date],
        receipt_nos: Sequence[int],
        recorded_after_close: bool,
    ) -> int:
        rows = await self.conn.fetch(
            _BULK_INSERT,
            campaign_id,
            unit_id,
            ids,
            amounts,
            refs,
            payers,
            descriptions,
            dates,
            receipt_nos,
            recorded_after_close,
        )
        return len(rows)

    async def get(self, donation_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow(DONATION_VIEW + " WHERE d.id = $1", donation_id)

    async def by_bank_reference(self, campaign_id: uuid.UUID, ref: str) -> asyncpg.Record | None:
        return await self.conn.fetchrow(
            DONATION_VIEW + " WHERE d.campaign_id = $1 AND d.bank_reference = $2", campaign_id, ref
        )

    async def existing_references(
        self, campaign_id: uuid.UUID, refs: Sequence[str]
    ) -> dict[str, tuple[uuid.UUID, int, date]]:
        rows = await self.conn.fetch(
            "SELECT id, bank_reference, amount_vnd, received_on FROM donations"
            " WHERE campaign_id = $1 AND bank_reference = ANY($2::text[])",
            campaign_id,
            list(refs),
        )
        return {r["bank_reference"]: (r["id"], int(r["amount_vnd"]), r["received_on"]) for r in rows}

    async def for_campaign(self, campaign_id: uuid.UUID, limit: int, offset: int) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = await self.conn.fetch(
            DONATION_VIEW + " WHERE d.campaign_id = $1 ORDER BY d.receipt_no LIMIT $2 OFFSET $3",
            campaign_id,
            limit,
            offset,
        )
        return rows

    async def insert_reversal(
        self, reversal_id: uuid.UUID, donation_id: uuid.UUID, campaign_id: uuid.UUID, reason: str, on: date
    ) -> None:
        await self.conn.execute(
            "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
            " VALUES ($1, $2, $3, $4, $5)",
            reversal_id,
            donation_id,
            campaign_id,
            reason,
            on,
        )

    # ---------------------------------------------------------------- pledges

    async def insert_pledge(self, **v: Any) -> None:
        await self.conn.execute(
            "INSERT INTO pledges (id, campaign_id, donor_id, donor_type, amount_vnd, instalments, first_due_on,"
            " interval_days, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            v["id"],
            v["campaign_id"],
            v["donor_id"],
            v["donor_type"],
            v["amount_vnd"],
            v["instalments"],
            v["first_due_on"],
            v["interval_days"],
            v["unit_id"],
        )

    async def pledge(self, pledge_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM pledges WHERE id = $1", pledge_id)

    async def pledge_paid(self, pledge_id: uuid.UUID) -> tuple[int, int]:
        """(VND paid towards a pledge, number of payments), reversed payments excluded."""
        r = await self.conn.fetchrow(
            "SELECT coalesce(sum(d.amount_vnd), 0)::bigint AS paid, count(*) AS n FROM donations d"
            " WHERE d.pledge_id = $1 AND NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id)",
            pledge_id,
        )
        assert r is not None
        return int(r["paid"]), int(r["n"])

    # ---------------------------------------------------------------- idempotency keys

    async def idempotency_key(self, key: str) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM idempotency_keys WHERE key = $1", key)

    async def save_idempotency_key(self, key: str, scope: str, request_hash: str, resource_id: uuid.UUID) -> bool:
        return bool(
            await self.conn.fetchval(
                "INSERT INTO idempotency_keys (key, scope, request_hash, resource_id) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (key) DO NOTHING RETURNING true",
                key,
                scope,
                request_hash,
                resource_id,
            )
        )
