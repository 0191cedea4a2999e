"""SQL for beneficiaries and sponsorships (the only place their personal data lives)."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from typing import Any

import asyncpg

from rc_campaigns.domain.beneficiaries import BeneficiaryFilter, DedupKey, Sponsorship
from rc_shared.db import insert_row, like_escaped

_PUBLIC_FIELDS = "id, kind, unit_id, full_name, commune"


class BeneficiaryRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def get(self, beneficiary_id: uuid.UUID, *, for_update: bool = False) -> asyncpg.Record | None:
        lock = " FOR UPDATE" if for_update else ""
        return await self.conn.fetchrow(f"SELECT * FROM beneficiaries WHERE id = $1{lock}", beneficiary_id)

    async def correct(self, beneficiary_id: uuid.UUID, key: DedupKey, fields: dict[str, Any]) -> None:
        """The personal details as corrected (``fields``: all of them, the unchanged ones as they were)."""
        await self.conn.execute(
            "UPDATE beneficiaries SET full_name = $2, name_key = $3, id_number = $4, address = $5,"
            " address_key = $6, commune = $7, situation = $8, notes = $9 WHERE id = $1",
            beneficiary_id,
            fields["full_name"],
            key.name_key,
            key.id_number,
            fields["address"],
            key.address_key,
            fields["commune"],
            fields["situation"],
            fields["notes"],
        )

    async def erase(self, beneficiary_id: uuid.UUID) -> bool:
        """Their personal data gone, the record kept (its keys unique to it: the deduplication index holds);
        whether it was not erased before."""
        erased = bool(
            await self.conn.fetchval(
                "UPDATE beneficiaries SET full_name = '', name_key = 'erased:' || id, id_number = NULL,"
                " address = '', address_key = 'erased:' || id, situation = '', notes = '', consent_to_publish = false,"
                " erased_at = now()"
                " WHERE id = $1 AND erased_at IS NULL RETURNING true",
                beneficiary_id,
            )
        )
        # (a sponsor's commitment is often written about the person: "học phí cho cháu Lan")
        await self.conn.execute("UPDATE sponsorships SET commitment = '' WHERE beneficiary_id = $1", beneficiary_id)
        return erased

    async def find_duplicate(
        self, key: DedupKey, other_than: uuid.UUID | None = None
    ) -> tuple[uuid.UUID, uuid.UUID, str] | None:
        """(id, unit, by) of an existing beneficiary anywhere in the organisation with the same ID number,
        or the same kind/name/address. Locks both keys until the transaction ends, so two concurrent
        registrations of one household (in any units) cannot both pass."""
        locks = [f"beneficiary:{key.kind}:{key.name_key}:{key.address_key}"]
        if key.id_number is not None:
            locks.append(f"beneficiary-id:{key.id_number}")
        for lock in sorted(locks):
            await self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", lock)
        if key.id_number is not None:
            row = await self.conn.fetchrow(
                "SELECT id, unit_id FROM beneficiaries WHERE id_number = $1 AND id IS DISTINCT FROM $2",
                key.id_number,
                other_than,
            )
            if row is not None:
                return row["id"], row["unit_id"], "id_number"
        row = await self.conn.fetchrow(
            "SELECT id, unit_id FROM beneficiaries WHERE kind = $1 AND name_key = $2 AND address_key = $3"
            " AND id IS DISTINCT FROM $4 ORDER BY created_at, id LIMIT 1",
            key.kind,
            key.name_key,
            key.address_key,
            other_than,
        )
        return (row["id"], row["unit_id"], "name_and_address") if row is not None else None

    async def add(self, beneficiary_id: uuid.UUID, key: DedupKey, fields: dict[str, Any]) -> None:
        await self.conn.execute(
            """
            INSERT INTO beneficiaries (id, kind, unit_id, full_name, name_key, id_number, address, address_key,
                commune, household_size, situation, notes, humanitarian_address, campaign_id,
                consent_purpose, consent_given_on, consent_to_publish)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """,
            beneficiary_id,
            key.kind,
            key.unit_id,
            fields["full_name"],
            key.name_key,
            key.id_number,
            fields["address"],
            key.address_key,
            fields["commune"],
            fields.get("household_size"),
            fields.get("situation") or "",
            fields.get("notes") or "",
            fields.get("humanitarian_address", False),
            fields.get("campaign_id"),
            fields["consent_purpose"],
            fields["consent_given_on"],
            fields.get("consent_to_publish", False),
        )

    async def consent_to_publish(self, beneficiary_id: uuid.UUID, given: bool) -> None:
        await self.conn.execute("UPDATE beneficiaries SET consent_to_publish = $2 WHERE id = $1", beneficiary_id, given)

    async def verify(self, beneficiary_id: uuid.UUID, verified_by: str, verified_on: date) -> None:
        await self.conn.execute(
            "UPDATE beneficiaries SET verified_by = $2, verified_on = $3 WHERE id = $1",
            beneficiary_id,
            verified_by,
            verified_on,
        )

    async def search(self, where: BeneficiaryFilter, limit: int, offset: int) -> list[asyncpg.Record]:
        return list(
            await self.conn.fetch(
                """
            SELECT * FROM beneficiaries
             WHERE ($1::uuid IS NULL OR unit_id = $1)
               AND ($2::boolean IS NULL OR (verified_on IS NOT NULL) = $2)
               AND ($3::boolean IS NULL OR humanitarian_address = $3)
               AND ($4::uuid IS NULL OR campaign_id = $4
                    OR id IN (SELECT beneficiary_id FROM beneficiary_campaigns WHERE campaign_id = $4))
               AND ($7::uuid[] IS NULL OR unit_id = ANY($7))
               AND ($8::text IS NULL
                    OR rc_fold(full_name || ' ' || address || ' ' || commune) LIKE '%' || rc_fold($8) || '%')
             ORDER BY commune, full_name, id
             LIMIT $5 OFFSET $6
            """,
                where.unit_id,
                where.verified,
                where.humanitarian_address,
                where.campaign_id,
                limit,
                offset,
                None if where.within is None else list(where.within),
                None if where.q is None else like_escaped(where.q),
            )
        )

    async def enrol(self, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID, on: date) -> bool:
        """Enrol the beneficiary in the campaign; False when it already was."""
        done = await self.conn.fetchval(
            "INSERT INTO beneficiary_campaigns (beneficiary_id, campaign_id, enrolled_on) VALUES ($1, $2, $3)"
            " ON CONFLICT DO NOTHING RETURNING true",
            beneficiary_id,
            campaign_id,
            on,
        )
        return bool(done)

    async def campaigns_of(self, beneficiary_id: uuid.UUID) -> list[uuid.UUID]:
        """The campaigns the beneficiary was enrolled in after its registration, by day."""
        rows = await self.conn.fetch(
            "SELECT campaign_id FROM beneficiary_campaigns WHERE beneficiary_id = $1 ORDER BY enrolled_on, created_at",
            beneficiary_id,
        )
        return [r["campaign_id"] for r in rows]

    async def public_list(self, campaign_id: uuid.UUID) -> list[asyncpg.Record]:
        """Beneficiaries of a campaign, minimised: those given support in it, and those registered for it and
        verified (the approved list); not a registration still unchecked."""
        return list(
            await self.conn.fetch(
                """
            WITH support AS (
                SELECT beneficiary_id, sum(amount_vnd)::bigint AS cash_vnd, sum(value_vnd)::bigint AS goods_value_vnd
                  FROM ledger_distributions WHERE campaign_id = $1 AND reversed_on IS NULL
                 GROUP BY beneficiary_id
            )
            SELECT CASE WHEN b.erased_at IS NULL THEN b.full_name END AS full_name, b.consent_to_publish,
                   b.commune, b.kind,
                   b.verified_on IS NOT NULL AS verified,
                   coalesce(s.cash_vnd, 0) AS cash_vnd, coalesce(s.goods_value_vnd, 0) AS goods_value_vnd
              FROM beneficiaries b LEFT JOIN support s ON s.beneficiary_id = b.id
             WHERE s.beneficiary_id IS NOT NULL
                OR (b.verified_on IS NOT NULL
                    AND (b.campaign_id = $1
                         OR b.id IN (SELECT beneficiary_id FROM beneficiary_campaigns WHERE campaign_id = $1)))
             -- the named by name, then the unnamed (an unnamed row among the named would tell its name's place)
             ORDER BY b.commune, CASE WHEN b.consent_to_publish AND b.erased_at IS NULL THEN b.full_name END NULLS LAST,
                      b.id
            """,
                campaign_id,
            )
        )

    # ------------------------------------------------------------------ sponsors

    async def sponsor_id(
        self, sponsor_type: str, name: str, name_key: str, contact: str, contact_key: str
    ) -> uuid.UUID:
        """The opaque id of a sponsor (the same type, name and contact: the same sponsor), recorded now if
        new. One statement: two first pairings of one sponsor at once find one record, and the keys are
        compared as the insert trigger stores them (migrations 0011, 0014), whatever the caller computed."""
        found: uuid.UUID = await self.conn.fetchval(
            "INSERT INTO sponsors (id, sponsor_type, name, name_key, contact, contact_key)"
            " VALUES ($1, $2, $3, $4, $5, $6)"
            " ON CONFLICT (sponsor_type, name_key, contact_key) DO UPDATE SET name = sponsors.name RETURNING id",
            uuid.uuid4(),
            sponsor_type,
            name,
            name_key,
            contact,
            contact_key,
        )
        return found

    async def overlapping_sponsorship(
        self, beneficiary_id: uuid.UUID, sponsor_id: uuid.UUID, start_on: date, end_on: date | None
    ) -> uuid.UUID | None:
        return await self.conn.fetchval(  # type: ignore[no-any-return]
            """
            SELECT id FROM sponsorships
             WHERE beneficiary_id = $1 AND sponsor_id = $2
               AND daterange(start_on, end_on, '[]') && daterange($3::date, $4::date, '[]')
             LIMIT 1
            """,
            beneficiary_id,
            sponsor_id,
            start_on,
            end_on,
        )

    async def add_sponsorship(self, s: Sponsorship) -> None:
        await insert_row(self.conn, "sponsorships", **asdict(s))

    async def sponsorships(self, beneficiary_id: uuid.UUID) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in await self.conn.fetch(
                "SELECT s.id, s.sponsor_id, p.sponsor_type, p.name AS sponsor_name, p.contact AS sponsor_contact,"
                " s.start_on, s.end_on, s.commitment FROM sponsorships s JOIN sponsors p ON p.id = s.sponsor_id"
                " WHERE s.beneficiary_id = $1 ORDER BY s.start_on, s.id",
                beneficiary_id,
            )
        ]

    async def support_received(self, beneficiary_id: uuid.UUID) -> dict[str, int]:
        r = await self.conn.fetchrow(
            "SELECT coalesce(sum(amount_vnd), 0)::bigint AS cash_vnd, coalesce(sum(value_vnd), 0)::bigint AS goods"
            " FROM ledger_distributions WHERE beneficiary_id = $1 AND reversed_on IS NULL",
            beneficiary_id,
        )
        return {"cash_vnd": int(r["cash_vnd"]), "goods_value_vnd": int(r["goods"])}
