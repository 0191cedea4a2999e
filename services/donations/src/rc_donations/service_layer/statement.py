"""Bank-statement import: many cash rows in one unit of work, deduplicated by bank reference.

Rows are accepted by date as single donations are (:meth:`Ledger.check_accepts`): after the close,
rows received on or before the close date are recorded late, later ones are rejected.

One request: validate each row and serialise each valid row's DonationRecorded (its receipt number
left blank) against the ledger as read, then lock the ledger (and, should it have changed meanwhile,
do that again against the locked one), look up the references already recorded, number the new
rows' receipts in one step (under the lock: no gaps), insert them with one ``unnest`` statement
(``ON CONFLICT DO NOTHING``), and write their events, numbered, in one outbox insert. So the lock is
held for the database's work and little of the service's: with several requests in flight, the next
batch's checks run while this one's statements do.

A request that names its import and batch number (the importer with several requests in flight)
numbers its rows only once the batch before it has committed (``statement_imports``, read under the
ledger lock, so any replica may answer any batch): otherwise it rolls back, waits a moment without a
connection and tries again, at most ``statement_turn_wait_s``, then answers 503 with Retry-After.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg

from rc_donations.adapters.donations_repo import DonationRepository, value_places
from rc_donations.adapters.ledgers import LedgerRepository, ledger_from
from rc_donations.domain import statement
from rc_donations.domain.ledger import Ledger
from rc_donations.domain.receipts import allocate, receipt_number
from rc_donations.service_layer.donations import lock_open_ledger
from rc_donations.service_layer.policy import Policy
from rc_shared.db import waiting_without_connection
from rc_shared.errors import Invalid, Unavailable
from rc_shared.events.donations import DonationRecorded
from rc_shared.ids import uuid4s
from rc_shared.metrics import STATEMENT_TURN_WAITS
from rc_shared.outbox import UnitOfWork, envelopes_for, outbox_rows, write_rows

# a statement row's event: the fields that differ from row to row, in their order in its JSON
_VARYING = ("donation_id", "amount_vnd", "received_on", "receipt_no")


class NotInTurn(Exception):
    """The batch before this one in its import has not committed yet: nothing was written."""


async def import_in_turn(
    begin: Callable[[], AbstractAsyncContextManager[UnitOfWork]],
    policy: Policy,
    campaign_id: uuid.UUID,
    rows: Sequence[Any],
    turn: statement.Turn | None = None,
) -> dict[str, Any]:
    """:func:`import_statement` in a unit of work of ``begin``, committed; a batch out of its turn is
    tried again in a new one until the batch before it has committed, at most ``statement_turn_wait_s``
    (then 503 with Retry-After: the client sends it again)."""
    _check_size(policy, rows)
    deadline = time.monotonic() + policy.statement_turn_wait_s
    pause = 0.002
    waited = False
    early: _Prepared | None = None  # kept while the batch waits for its turn: prepared once
    while True:
        try:
            async with begin() as uow:
                if early is None:
                    early = await prepare(uow.conn, campaign_id, rows, policy.today(), uow.source)
                out = await import_statement(uow, policy, campaign_id, rows, turn, early)
                await uow.commit()
            return out
        except NotInTurn:
            assert turn is not None
            if not waited:
                STATEMENT_TURN_WAITS.labels("donations").inc()
                waited = True
            if time.monotonic() + pause > deadline:
                raise Unavailable(
                    f"batch_no {turn.batch} of import {turn.import_id} waits for batch_no {turn.batch - 1}, "
                    f"not committed after {policy.statement_turn_wait_s:g} s: send it again",
                    field="import_batch",
                ) from None
            with waiting_without_connection():
                await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)


@dataclass(frozen=True)
class _Prepared:
    """The rows checked against ``ledger`` and, for each valid one, its donation id and its event
    serialised with ``receipt_no`` 0 (its outbox row; ``heads``/``tails``: the payload cut there)."""

    ledger: Ledger
    today: date
    checked: list[statement.StatementRow | statement.Decision]
    position: dict[int, int]  # row index -> place among the valid rows
    ids: list[uuid.UUID]
    outbox: list[list[Any]]  # event_id, topic, key, event_type, headers (no payload)
    heads: list[str]
    tails: list[str]


async def _prepare(ledger: Ledger, rows: Sequence[Any], today: date, source: str) -> _Prepared:
    """What a batch can do before it holds the ledger lock (a third of its Python time), yielding to
    the event loop now and then: the batch holding the lock in this process goes on meanwhile."""
    closed_on = ledger.closed_on if ledger.closed else None  # rows are accepted as Ledger.check_accepts says
    checked: list[statement.StatementRow | statement.Decision] = []
    for i, raw in enumerate(rows):
        checked.append(statement.validate_row(i, raw, ledger.receiving_from, ledger.receiving_until, today, closed_on))
        if i % 500 == 499:
            await asyncio.sleep(0)
    valid = [c for c in checked if isinstance(c, statement.StatementRow)]
    ids = uuid4s(len(valid))
    heads: list[str] = []
    tails: list[str] = []
    outbox: list[list[Any]] = [[] for _ in range(5)]
    if valid:
        # The rows' events differ only in the donation, its amount and its day (and the receipt number,
        # filled in under the lock): the first is validated and serialised by its model, and the others'
        # JSON is its pieces joined with their values' JSON (an id's text, a whole number, an ISO date),
        # not a model validated and serialised per row (this preparation 22 -> 17 µs a row). Their envelopes
        # share that first event as their data (same type, topic and subject; own ids and trace spans).
        first = DonationRecorded(
            campaign_id=ledger.campaign_id,
            donation_id=ids[0],
            kind="cash",
            amount_vnd=valid[0].amount_vnd,
            donor_type="anonymous",
            unit_id=ledger.organising_unit_id,
            channel="bank_transfer",
            received_on=valid[0].received_on,
            receipt_no=0,  # its place: numbered under the lock
            recorded_after_close=ledger.late(today),
        )
        payload = first.model_dump_json()
        p = value_places(payload, _VARYING)
        heads = [
            f'{p[0]}"{did}"{p[1]}{r.amount_vnd:d}{p[2]}"{r.received_on.isoformat()}"{p[3]}'
            for r, did in zip(valid, ids, strict=True)
        ]
        tails = [p[4]] * len(valid)
        if heads[0] + "0" + tails[0] != payload:  # the pieces are where they were taken from
            raise AssertionError(f"a statement's event put together unlike its model's JSON: {heads[0]}0{tails[0]}")
        await asyncio.sleep(0)
        outbox = outbox_rows(envelopes_for([first] * len(valid), source), payloads=False)
        await asyncio.sleep(0)
    position = {r.index: k for k, r in enumerate(valid)}
    return _Prepared(ledger, today, checked, position, ids, outbox, heads, tails)


async def prepare(
    conn: asyncpg.Connection, campaign_id: uuid.UUID, rows: Sequence[Any], today: date, source: str
) -> _Prepared | None:
    """:func:`_prepare` against the ledger as it is now, read without the lock (None: no ledger)."""
    seen = await LedgerRepository(conn).get(campaign_id)
    return None if seen is None else await _prepare(ledger_from(seen), rows, today, source)


def _check_size(policy: Policy, rows: Sequence[Any]) -> None:
    if len(rows) > policy.statement_max_rows:
        raise Invalid(f"at most {policy.statement_max_rows} rows per request, got {len(rows)}", field="rows")


async def import_statement(
    uow: UnitOfWork,
    policy: Policy,
    campaign_id: uuid.UUID,
    rows: Sequence[Any],
    turn: statement.Turn | None = None,
    early: _Prepared | None = None,
) -> dict[str, Any]:
    """The rows recorded in ``uow`` (not committed); :class:`NotInTurn` before anything is written if
    ``turn``'s previous batch has not committed yet.

    ``early``: the rows checked and their events serialised before the lock (:func:`prepare`), used
    if the ledger under the lock and the day are still those it was prepared against (else done again)."""
    _check_size(policy, rows)
    conn = uow.conn
    today = policy.today()
    ledger, _ = await lock_open_ledger(conn, campaign_id)
    ledger.check_not_cancelled()
    repo = DonationRepository(conn)
    if turn is not None:
        if not turn.may_number(await repo.import_progress(campaign_id, turn.import_id)):
            raise NotInTurn
        await repo.import_batch_done(campaign_id, turn.import_id, turn.batch)
    fresh = early is not None and early.ledger == ledger and early.today == today
    prep = early if early is not None and fresh else await _prepare(ledger, rows, today, uow.source)
    refs = [c.bank_reference for c in prep.checked if isinstance(c, statement.StatementRow)]
    existing, voided = await repo.existing_references(campaign_id, refs) if refs else ({}, {})
    decisions = statement.plan(
        prep.checked, existing, {ref: (i, receipt_number(ledger.code, no)) for ref, (i, no) in voided.items()}
    )
    if ledger.status == "settled":  # nothing new in final books; a re-run's duplicates are still said
        decisions = statement.refuse_new(
            decisions, f"the campaign was settled on {ledger.settled_on}: its accounts are final"
        )
    new = [d.row for d in decisions if d.status == "new" and d.row is not None]
    ids: dict[str, uuid.UUID] = {}
    receipts: list[int] = []
    if new:
        total = sum(r.amount_vnd for r in new)
        row = await LedgerRepository(conn).add(campaign_id, receipts=len(new), cash_received_vnd=total)
        receipts = list(allocate(int(row["last_receipt_no"]) - len(new), len(new)))
        places = [prep.position[r.index] for r in new]
        new_ids = [prep.ids[k] for k in places]
        try:
            await repo.bulk_insert_bank(
                campaign_id,
                ledger.organising_unit_id,
                new_ids,
                [r.amount_vnd for r in new],
                [r.bank_reference for r in new],
                [r.payer_name for r in new],
                [r.description for r in new],
                [r.received_on for r in new],
                receipts,
                ledger.late(today),
            )
        except asyncpg.UniqueViolationError as exc:  # impossible under the ledger lock; never leave a receipt gap
            raise RuntimeError(
                f"bank statement: {len(new)} rows not inserted ({exc.constraint_name}); rolled back"
            ) from exc
        ids = {r.bank_reference: i for r, i in zip(new, new_ids, strict=True)}
        payloads = [prep.heads[k] + str(no) + prep.tails[k] for k, no in zip(places, receipts, strict=True)]
        await write_rows(conn, [*([col[k] for k in places] for col in prep.outbox), payloads])
    receipt_of = {r.bank_reference: no for r, no in zip(new, receipts, strict=True)}
    results: list[dict[str, Any]] = []
    counts = {"created": 0, "duplicate": 0, "rejected": 0}
    amounts = {"created": 0, "duplicate": 0}
    closed = ledger.late(today)
    for d in decisions:
        status = "created" if d.status == "new" else d.status
        counts[status] += 1
        # every field of StatementRowOut, in its order: the answer is serialised as it is (see the route)
        if status == "created":
            assert d.row is not None
            ref = d.row.bank_reference
            results.append(
                {
                    "index": d.index,
                    "bank_reference": d.bank_reference,
                    "status": status,
                    "donation_id": ids[ref],
                    "receipt_no": receipt_of[ref],
                    "recorded_after_close": closed,
                    "reason": None,
                }
            )
            amounts["created"] += d.row.amount_vnd
            continue
        donation_id = None
        if status == "duplicate":
            donation_id = d.existing_id or (ids.get(d.bank_reference) if d.bank_reference else None)
            assert d.row is not None
            amounts["duplicate"] += d.row.amount_vnd
        results.append(
            {
                "index": d.index,
                "bank_reference": d.bank_reference,
                "status": status,
                "donation_id": donation_id,
                "receipt_no": None,
                "recorded_after_close": None,
                "reason": d.reason,
            }
        )
    return {
        "campaign_id": campaign_id,
        "rows": len(rows),
        "created": counts["created"],
        "duplicate": counts["duplicate"],
        "rejected": counts["rejected"],
        "created_amount_vnd": amounts["created"],
        "duplicate_amount_vnd": amounts["duplicate"],
        "results": results,
    }
