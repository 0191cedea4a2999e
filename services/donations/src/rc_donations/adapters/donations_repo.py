"""SQL for donors, donations, reversals, pledges and idempotency keys."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

import asyncpg

from rc_donations.adapters.records import RecordRepository
from rc_donations.domain.blood import PastDonation
from rc_donations.domain.ledger import Ledger
from rc_shared.envelope import Envelope
from rc_shared.outbox import NOTIFY_CHANNEL, outbox_columns

DONATION_COLUMNS = (
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
# A blood gift ``d`` the donor gave: not voided, or voided with its blood drawn (a unit discarded after testing:
# it counts in the donor's interval and age checks all the same; migration 0034)
BLOOD_GIVEN = "NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id AND r.blood_drawn IS NOT TRUE)"
# Why a named individual's gift is refused when upsert_donor finds their identity number under another name
# (it says neither whose number it is nor the name on record)
ID_NUMBER_CLASH = (
    "the identity number given is on record for a donor of another name: check the number and the name (a record "
    "whose name is wrong is corrected with PATCH /donors/{id})"
)
PERSONAL_COLUMNS = ("payer_name",)  # from a bank statement: never shown by the API nor sent in an event
_RECEIPT_KEY = '"receipt_no":'
_RECEIPT_PLACE = _RECEIPT_KEY + "0"  # in an event's JSON (compact: one key of that name, outside any string)


def receipt_places(payloads: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each event's JSON (with ``receipt_no`` 0) cut at its number: head + str(number) + tail is the
    event numbered."""
    heads, tails = [], []
    for payload in payloads:
        head, sep, tail = payload.partition(_RECEIPT_PLACE)
        if not sep or _RECEIPT_PLACE in tail:
            raise ValueError(f"an event without one receipt_no 0 to number: {payload}")
        heads.append(head + _RECEIPT_KEY)
        tails.append(tail)
    return heads, tails


_BULK_INSERT = (
    "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_type, unit_id, channel, bank_reference,"
    " payer_name, description, received_on, receipt_no, recorded_after_close)"
    " SELECT u.id, $1, 'cash', u.amount, 'anonymous', $2, 'bank_transfer', u.ref, u.payer, u.descr, u.on_, u.no,"
    " $10"
    " FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::date[], $9::bigint[])"
    " AS u(id, amount, ref, payer, descr, on_, no)"
)


def value_places(payload: str, fields: Sequence[str]) -> list[str]:
    """An event's compact JSON (scalar fields, ``fields`` in their order in it, each key once, outside
    any string) cut around those fields' values: ``len(fields) + 1`` pieces; the event with other values
    is the pieces joined with each value's JSON text between them (a statement's thousands of events
    differ in a few fields: one serialised, the others joined)."""
    pieces: list[str] = []
    at = 0
    for name in fields:
        key = f'"{name}":'
        start = payload.find(key, at)
        if start < 0 or key in payload[start + len(key) :]:
            raise ValueError(f"an event without one {name} to fill in: {payload}")
        start += len(key)
        if payload.startswith('"', start):  # a string without escapes (an id, a date)
            end = payload.index('"', start + 1) + 1
        else:  # a number, true, false or null
            end = min(i for i in (payload.find(",", start), payload.find("}", start)) if i >= 0)
        pieces.append(payload[at:start])
        at = end
    pieces.append(payload[at:])
    return pieces


_INSERT_MANY = (
    "INSERT INTO donations (id, campaign_id, kind, amount_vnd, value_vnd, blood_units, blood_kind, items, donor_id,"
    " donor_type, publicly_named, unit_id, credited_unit_id, credited_person_id, pledge_id, channel, bank_reference,"
    " description, received_on, receipt_no, recorded_after_close)"
    " SELECT u.id, $1, u.kind, u.amount, u.value, u.units, u.blood_kind, u.items::jsonb, u.donor_id, u.donor_type,"
    " u.named, u.unit_id, u.credited_unit_id, u.credited_person_id, u.pledge_id, u.channel, u.ref, u.descr, u.on_,"
    " u.no, u.late"
    " FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::int[], $7::text[], $8::text[], $9::uuid[],"
    " $10::text[], $11::bool[], $12::uuid[], $13::uuid[], $14::uuid[], $15::uuid[], $16::text[], $17::text[],"
    " $18::text[], $19::date[], $20::bigint[], $21::bool[])"
    " AS u(id, kind, amount, value, units, blood_kind, items, donor_id, donor_type, named, unit_id, credited_unit_id,"
    " credited_person_id, pledge_id, channel, ref, descr, on_, no, late)"
)
# The ledger's receipt counter and running sums moved by the donations inserted, in the same statement:
# only from the counter read under the row lock ($26), else nothing is written.
_INSERT_NUMBERED = (
    "WITH led AS (UPDATE ledgers SET last_receipt_no = last_receipt_no + $22,"
    " cash_received_vnd = cash_received_vnd + $23, in_kind_received_vnd = in_kind_received_vnd + $24,"
    " blood_units = blood_units + $25, updated_at = now() WHERE campaign_id = $1 AND last_receipt_no = $26"
    " RETURNING campaign_id) " + _INSERT_MANY + " WHERE EXISTS (SELECT FROM led) RETURNING created_at"
)
_INSERT_MANY_COLS = tuple(c for c in DONATION_COLUMNS if c not in ("campaign_id", "payer_name"))  # $2, $3, …

_RECORD_BATCH = "SELECT first_no, created_at FROM record_donation_batch({})".format(
    ", ".join(f"${n}" for n in range(1, 42))
)
_BATCH_COLS = tuple(c for c in _INSERT_MANY_COLS if c != "receipt_no")  # record_donation_batch's order

_INTAKE = "SELECT * FROM donation_intake({})".format(", ".join(f"${n}" for n in range(1, 20)))
_INTAKE_BATCH = "SELECT * FROM donation_intake_batch({})".format(", ".join(f"${n}" for n in range(1, 19)))


class NewDonor(NamedTuple):
    """A named donor given without an id, as ``upsert_donor`` takes it (found or created)."""

    donor_type: str
    name: str | None
    phone: str | None
    id_number: str | None
    birth_date: date | None
    consent: bool


def _ledger_args(ledger: Ledger) -> tuple[Any, ...]:
    """The ledger's decision fields as the SQL functions compare them (code ... settled_on)."""
    return (
        ledger.code,
        ledger.status,
        ledger.organising_unit_id,
        list(ledger.participating_unit_ids),
        ledger.receiving_from,
        ledger.receiving_until,
        ledger.distribution_deadline,
        ledger.closed_on,
        ledger.settled_on,
    )


DONATION_VIEW = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on,"
    " l.code AS campaign_code, l.name AS campaign_name"
    " FROM donations d JOIN ledgers l ON l.campaign_id = d.campaign_id"
    " LEFT JOIN donation_reversals r ON r.donation_id = d.id"
)


class DonationRepository(RecordRepository):
    NOUN = "donation"
    COLUMNS = DONATION_COLUMNS
    VIEW = DONATION_VIEW
    CAMPAIGN_ORDER = "d.receipt_no"

    async def after_receipt(self, campaign_id: uuid.UUID, after: int, limit: int) -> list[asyncpg.Record]:
        """The campaign's donations with a receipt number above ``after``, by receipt (the unique index)."""
        rows: list[asyncpg.Record] = await self.conn.fetch(
            f"{self.VIEW} WHERE d.campaign_id = $1 AND d.receipt_no > $2 ORDER BY d.receipt_no LIMIT $3",
            campaign_id,
            after,
            limit,
        )
        return rows

    # ---------------------------------------------------------------- donors

    async def named_now(self, donation_id: uuid.UUID) -> bool:
        """Whether the gift is named as the public ledger names it: given with consent, its donor still consenting
        and not erased."""
        named = await self.conn.fetchval(
            "SELECT d.publicly_named AND coalesce(o.consent_to_be_named, false) AND o.erased_at IS NULL"
            " FROM donations d LEFT JOIN donors o ON o.id = d.donor_id WHERE d.id = $1",
            donation_id,
        )
        return bool(named)

    async def donor(self, donor_id: uuid.UUID, *, lock: bool = False) -> asyncpg.Record | None:
        return await self.conn.fetchrow(
            "SELECT * FROM donors WHERE id = $1" + (" FOR UPDATE" if lock else ""), donor_id
        )

    async def upsert_donor(
        self,
        donor_type: str,
        name: str | None,
        phone: str | None,
        id_number: str | None,
        birth_date: date | None,
        consent: bool,
    ) -> uuid.UUID | None:
        """The same donor seen before (by identity number, else by phone and name), updated as
        :meth:`update_donor` does, or a new donor; one statement. A concurrent insert of the same
        identity number yields that donor instead. None, and nothing written: an individual's identity
        number is on record under another name (migration 0035; :data:`ID_NUMBER_CLASH`)."""
        donor_id: uuid.UUID | None = await self.conn.fetchval(
            "SELECT upsert_donor($1, $2, $3, $4, $5, $6, $7)",  # migration 0009
            donor_type,
            name,
            phone,
            id_number,
            birth_date,
            consent,
            uuid.uuid4(),
        )
        return donor_id

    async def update_donor(
        self, donor_id: uuid.UUID, phone: str | None, birth_date: date | None, consent: bool
    ) -> None:
        await self.conn.execute(
            # a gift fills in a missing phone or birth date, never replaces one (migration 0021)
            "UPDATE donors SET phone = coalesce(phone, $2), birth_date = coalesce(birth_date, $3),"
            # a gift gives the donor's consent, never takes it, and never undoes a withdrawal (migration 0019)
            " consent_to_be_named = consent_to_be_named OR ($4 AND consent_withdrawn_at IS NULL) WHERE id = $1",
            donor_id,
            phone,
            birth_date,
            consent,
        )

    async def erase_donor(self, donor_id: uuid.UUID) -> bool:
        """The donor's personal data, their gifts' public naming and notes (staff often write a donor's name
        or phone there, and the public ledger's lines copy them; a reversal's reason stays, as the
        correction's own record). Whether the donor was not erased before."""
        erased = bool(
            await self.conn.fetchval(
                "UPDATE donors SET name = NULL, phone = NULL, id_number = NULL, birth_date = NULL,"
                " consent_to_be_named = false, erased_at = now() WHERE id = $1 AND erased_at IS NULL RETURNING true",
                donor_id,
            )
        )
        await self.conn.execute(
            "UPDATE donations SET publicly_named = false, description = NULL WHERE donor_id = $1", donor_id
        )
        await self.conn.execute(
            "UPDATE ledger_lines SET note = NULL WHERE donor_id = $1 AND movement = 'donation'", donor_id
        )
        return erased

    async def erase_payer(self, donation_id: uuid.UUID) -> bool:
        """A gift's payer as the bank statement named them (never a donor record) and its transfer note, which
        the public ledger's line copies (masked); the gift, its amount and bank reference stay. Whether there
        was anything to erase."""
        erased = bool(
            await self.conn.fetchval(
                "UPDATE donations SET payer_name = NULL, description = NULL"
                " WHERE id = $1 AND (payer_name IS NOT NULL OR description IS NOT NULL) RETURNING true",
                donation_id,
            )
        )
        cleared = await self.conn.fetchval(
            # a donation's line has the donation's id (migration 0011): the primary key, not a scan of every line
            "UPDATE ledger_lines SET note = NULL WHERE id = $1 AND movement = 'donation' AND note IS NOT NULL"
            " RETURNING true",
            donation_id,
        )
        if cleared:  # the public answers cached by version are renewed (the labels' counter, migration 0007)
            await self.conn.execute("UPDATE ledger_public_versions SET labels = labels + 1")
        return erased

    async def lock_donors(self, donor_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, asyncpg.Record]:
        """Donor rows locked in id order (a consistent order: no deadlock between batches)."""
        rows = await self.conn.fetch(
            "SELECT * FROM donors WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE", sorted(set(donor_ids))
        )
        return {r["id"]: r for r in rows}

    async def blood_histories(self, donor_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[PastDonation]]:
        """Each donor's blood gifts given (:data:`BLOOD_GIVEN`: voided ones too, when the blood was drawn), with
        those of the records that are the same person's: an individual of the same name (its folded key) and
        phone, or of the same name and birth date, unless both hold identity numbers that differ (two people). A
        donor recorded once by phone and once by identity number (or by name and birth date alone) is two
        records, and the 84-day rule looked at one: the same person gave again a month later (migration 0027)."""
        rows = await self.conn.fetch(
            "SELECT me.id AS donor_id, d.received_on, d.blood_kind FROM donors me"
            " JOIN donors o ON o.id = me.id OR (o.donor_type = 'individual' AND o.erased_at IS NULL"
            "     AND rc_name_key(o.name) = rc_name_key(me.name)"
            "     AND (o.phone = me.phone OR o.birth_date = me.birth_date)"
            # two identity numbers that differ are two people, whatever else they share
            "     AND (o.id_number IS NULL OR me.id_number IS NULL OR o.id_number = me.id_number))"
            " JOIN donations d ON d.donor_id = o.id AND d.kind = 'blood'"
            f" WHERE me.id = ANY($1::uuid[]) AND {BLOOD_GIVEN}",
            list(set(donor_ids)),
        )
        out: dict[uuid.UUID, list[PastDonation]] = {i: [] for i in donor_ids}
        for r in rows:
            out[r["donor_id"]].append(PastDonation(r["received_on"], r["blood_kind"]))
        return out

    async def blood_history(self, donor_id: uuid.UUID) -> list[PastDonation]:
        """The donor's blood gifts with those of the same person's other records (:meth:`blood_histories`)."""
        return (await self.blood_histories([donor_id]))[donor_id]

    # ---------------------------------------------------------------- donations

    async def insert_numbered(
        self, campaign_id: uuid.UUID, last_receipt_no: int, rows: Sequence[dict[str, Any]]
    ) -> datetime:
        """Many donations of one campaign (each row has the columns of ``_INSERT_MANY_COLS``, receipt
        numbers following ``last_receipt_no``) and the ledger row's counter and sums moved by them, in
        one statement; returns their ``created_at`` (the transaction's ``now()``).

        The caller holds the ledger row lock and read ``last_receipt_no`` under it; a counter that moved
        anyway writes nothing and raises (numbers are never given twice)."""
        columns = {c: [r[c] for r in rows] for c in _INSERT_MANY_COLS}
        columns["items"] = [None if i is None else json.dumps(i) for i in columns["items"]]  # a list is no array
        created_at: datetime | None = await self.conn.fetchval(
            _INSERT_NUMBERED,
            campaign_id,
            *columns.values(),
            len(rows),
            sum(columns["amount_vnd"]),
            sum(columns["value_vnd"]),
            sum(columns["blood_units"]),
            last_receipt_no,
        )
        if created_at is None:
            raise RuntimeError(f"the receipt counter of campaign {campaign_id} moved from {last_receipt_no}")
        return created_at

    async def record_batch(
        self,
        ledger: Ledger,
        rows: Sequence[dict[str, Any]],
        keys: Sequence[tuple[str, str, uuid.UUID]],
        events: Sequence[Envelope],
    ) -> tuple[int, datetime] | None:
        """A batch of new donations to ``ledger``'s campaign (rows of ``_INSERT_MANY_COLS``, their
        ``receipt_no`` ignored), their Idempotency-Keys (key, request hash, donation) and their events (each
        with ``receipt_no`` 0, its place), in one statement with its own commit (migration 0008); returns
        the first receipt number it took and ``created_at``, or None (nothing written) if the ledger is
        no longer as given. Raises UniqueViolationError (nothing written) if a key or bank reference was
        recorded meanwhile. Call it outside a transaction: the lock is held for this statement alone."""
        columns = {c: [r[c] for r in rows] for c in _BATCH_COLS}
        columns["items"] = [None if i is None else json.dumps(i) for i in columns["items"]]  # a list is no array
        outbox = outbox_columns(events)
        heads, tails = receipt_places(outbox.pop())
        r = await self.conn.fetchrow(
            _RECORD_BATCH,
            ledger.campaign_id,
            *_ledger_args(ledger),
            *columns.values(),
            [k for k, _, _ in keys],
            f"donation:{ledger.campaign_id}",
            [h for _, h, _ in keys],
            [d for _, _, d in keys],
            *outbox,
            heads,
            tails,
            NOTIFY_CHANNEL,
        )
        if r is None or r["first_no"] is None:
            return None
        return int(r["first_no"]), r["created_at"]

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
    ) -> None:
        """Insert a bank statement's new rows, all or none: a bank reference, receipt number or id
        recorded before raises ``UniqueViolationError`` and the statement writes nothing. A plain
        INSERT: ``ON CONFLICT DO NOTHING`` (no target) probed every unique index of each row before
        inserting it, a third of the INSERT's own time, for conflicts the ledger lock already rules out."""
        await self.conn.execute(
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

    async def intake(
        self,
        campaign_id: uuid.UUID,
        key: str | None,
        ref: str | None,
        decided: Ledger | None = None,
        donor: NewDonor | None = None,
    ) -> asyncpg.Record | None:
        """The ledger (unlocked, ``ledger_from``'s columns), with an Idempotency-Key's earlier request
        (``idem_*``) and the donation already recorded with a bank reference (``ref_*``), in one round
        trip; None: no ledger. Given the ledger the request was ``decided`` against (accepted) and its new
        named ``donor``, the donor is found or created in the same statement (``donor_id``) if the ledger
        is still as decided and neither the key nor the reference is known; else ``donor_id`` is None and
        nothing was written (migration 0009). Call it outside a transaction: a donor it writes does not
        wait for the disk (the donation citing it does)."""
        if self.conn.is_in_transaction():
            raise RuntimeError("the donation intake runs in its own transaction")
        led = (None,) * 9 if decided is None or donor is None else _ledger_args(decided)
        who = (None,) * 7 if decided is None or donor is None else (*donor, uuid.uuid4())
        row: asyncpg.Record = await self.conn.fetchrow(_INTAKE, campaign_id, key, ref, *led, *who)
        return None if row["campaign_id"] is None else row

    async def intake_batch(
        self,
        decided: Ledger,
        keys: Sequence[str | None],
        refs: Sequence[str | None],
        donors: Sequence[NewDonor | None],
    ) -> tuple[list[dict[str, Any] | None], list[dict[str, Any] | None], list[uuid.UUID | None]]:
        """Per item of a batch, in one round trip (migration 0010): its Idempotency-Key's earlier request
        (``scope``, ``request_hash``, ``resource_id``; None: unknown), the donation of the campaign already
        recorded with its bank reference (``id``, ``kind``, ``amount_vnd``, ``received_on``; None: none),
        and its named donor found or created when one is given, neither is known and the ledger is still
        as ``decided`` (else None: nothing written). Call it outside a transaction: a donor it writes does
        not wait for the disk (the donations citing it do)."""
        if self.conn.is_in_transaction():
            raise RuntimeError("the donation intake runs in its own transaction")
        fields = [[d[f] if d is not None else None for d in donors] for f in range(len(NewDonor._fields))]
        r = await self.conn.fetchrow(
            _INTAKE_BATCH, decided.campaign_id, list(keys), list(refs), *_ledger_args(decided), *fields
        )
        assert r is not None
        prior = [
            None if scope is None else {"scope": scope, "request_hash": h, "resource_id": rid}
            for scope, h, rid in zip(r["idem_scopes"], r["idem_hashes"], r["idem_resources"], strict=True)
        ]
        same = [
            None if i is None else {"id": i, "kind": k, "amount_vnd": a, "received_on": on}
            for i, k, a, on in zip(r["ref_ids"], r["ref_kinds"], r["ref_amounts"], r["ref_received_on"], strict=True)
        ]
        return prior, same, list(r["donor_ids"])

    async def known(
        self, campaign_id: uuid.UUID, keys: Sequence[str], refs: Sequence[str]
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """Idempotency-Keys already saved (their rows by key) and donations of the campaign already
        recorded with these bank references (``id``, ``kind``, ``amount_vnd``, ``received_on`` by
        reference), in one round trip."""
        rows = await self.conn.fetch(
            "SELECT true AS is_key, key AS name, scope, request_hash, resource_id AS id, NULL AS kind,"
            " NULL::bigint AS amount_vnd, NULL::date AS received_on FROM idempotency_keys WHERE key = ANY($1::text[])"
            " UNION ALL SELECT false, bank_reference, NULL, NULL, id, kind, amount_vnd, received_on FROM donations"
            " WHERE campaign_id = $2 AND bank_reference = ANY($3::text[])",
            list(keys),
            campaign_id,
            list(refs),
        )
        by_key = {
            r["name"]: {
                "key": r["name"],
                "scope": r["scope"],
                "request_hash": r["request_hash"],
                "resource_id": r["id"],
            }
            for r in rows
            if r["is_key"]
        }
        by_ref = {
            r["name"]: {k: r[k] for k in ("id", "kind", "amount_vnd", "received_on")} for r in rows if not r["is_key"]
        }
        return by_key, by_ref

    async def existing_references(
        self, campaign_id: uuid.UUID, refs: Sequence[str]
    ) -> tuple[dict[str, tuple[uuid.UUID, int, date]], dict[str, tuple[uuid.UUID, int]]]:
        """Of ``refs``, the campaign's live gifts by bank reference (id, amount, date) and its voided ones
        (id, receipt number: the last voided when a transfer was voided twice), migration 0031."""
        rows = await self.conn.fetch(
            "SELECT id, bank_reference, voided_bank_reference, amount_vnd, received_on, receipt_no FROM donations"
            " WHERE campaign_id = $1 AND (bank_reference = ANY($2::text[]) OR voided_bank_reference = ANY($2::text[]))"
            " ORDER BY receipt_no",
            campaign_id,
            list(refs),
        )
        live = {
            r["bank_reference"]: (r["id"], int(r["amount_vnd"]), r["received_on"])
            for r in rows
            if r["bank_reference"] is not None
        }
        voided = {
            r["voided_bank_reference"]: (r["id"], int(r["receipt_no"]))
            for r in rows
            if r["voided_bank_reference"] is not None
        }
        return live, voided

    async def import_progress(self, campaign_id: uuid.UUID, import_id: uuid.UUID) -> int | None:
        """The highest batch of a statement import committed (None: none yet)."""
        last: int | None = await self.conn.fetchval(
            "SELECT last_batch FROM statement_imports WHERE campaign_id = $1 AND import_id = $2",
            campaign_id,
            import_id,
        )
        return last

    async def import_batch_done(self, campaign_id: uuid.UUID, import_id: uuid.UUID, batch: int) -> None:
        """Record a statement import's batch as committed (with the transaction); a resent earlier batch
        leaves the progress as it is. An import's first batch deletes the campaign's imports idle for 7
        days (the table holds one row per recent import)."""
        if batch == 0:
            await self.conn.execute(
                "DELETE FROM statement_imports WHERE campaign_id = $1 AND updated_at < now() - interval '7 days'",
                campaign_id,
            )
        await self.conn.execute(
            "INSERT INTO statement_imports AS s (campaign_id, import_id, last_batch) VALUES ($1, $2, $3)"
            " ON CONFLICT (campaign_id, import_id)"
            " DO UPDATE SET last_batch = greatest(s.last_batch, EXCLUDED.last_batch), updated_at = now()",
            campaign_id,
            import_id,
            batch,
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

    async def save_idempotency_keys(
        self, keys: Sequence[str], scope: str, hashes: Sequence[str], resource_ids: Sequence[uuid.UUID]
    ) -> set[str]:
        """Insert many keys of one scope; returns those inserted (the others exist already)."""
        rows = await self.conn.fetch(
            "INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)"
            " SELECT k, $2, h, r FROM unnest($1::text[], $3::text[], $4::uuid[]) AS u(k, h, r)"
            " ON CONFLICT (key) DO NOTHING RETURNING key",
            list(keys),
            scope,
            list(hashes),
            list(resource_ids),
        )
        return {r["key"] for r in rows}

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
