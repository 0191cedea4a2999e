"""Bank-statement import: many cash rows in one unit of work, deduplicated by bank reference.

Rows are accepted by date as single donations are (:meth:`Ledger.check_accepts`): after the close,
rows received on or before the close date are recorded late, later ones are rejected.

One request: lock the ledger, validate each row, look up the references already recorded, number
the new rows' receipts in one step (under the lock: no gaps), insert them with one ``unnest``
statement (``ON CONFLICT DO NOTHING``), and emit every DonationRecorded in one outbox insert.

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
from typing import Any

from rc_donations.adapters.donations_repo import DonationRepository
from rc_donations.adapters.ledgers import LedgerRepository
from rc_donations.domain import statement
from rc_donations.domain.receipts import allocate
from rc_donations.service_layer.donations import lock_open_ledger
from rc_donations.service_layer.policy import Policy
from rc_shared.db import waiting_without_connection
from rc_shared.errors import Invalid, Unavailable
from rc_shared.events.donations import DonationRecorded
from rc_shared.ids import uuid4s
from rc_shared.metrics import STATEMENT_TURN_WAITS
from rc_shared.outbox import UnitOfWork


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
    deadline = time.monotonic() + policy.statement_turn_wait_s
    pause = 0.002
    waited = False
    while True:
        try:
            async with begin() as uow:
                out = await import_statement(uow, policy, campaign_id, rows, turn)
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
                    field="batch_no",
                ) from None
            with waiting_without_connection():
                await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)


async def import_statement(
    uow: UnitOfWork,
    policy: Policy,
    campaign_id: uuid.UUID,
    rows: Sequence[Any],
    turn: statement.Turn | None = None,
) -> dict[str, Any]:
    """The rows recorded in ``uow`` (not committed); :class:`NotInTurn` before anything is written if
    ``turn``'s previous batch has not committed yet."""
    if len(rows) > policy.statement_max_rows:
        raise Invalid(f"at most {policy.statement_max_rows} rows per request, got {len(rows)}", field="rows")
    conn = uow.conn
    ledger, _ = await lock_open_ledger(conn, campaign_id)
    ledger.check_not_cancelled()
    repo = DonationRepository(conn)
    if turn is not None:
        if not turn.may_number(await repo.import_progress(campaign_id, turn.import_id)):
            raise NotInTurn
        await repo.import_batch_done(campaign_id, turn.import_id, turn.batch)
    today = policy.today()
    closed_on = ledger.closed_on if ledger.closed else None  # rows are accepted as Ledger.check_accepts says
    checked = [
        statement.validate_row(i, raw, ledger.receiving_from, ledger.receiving_until, today, closed_on)
        for i, raw in enumerate(rows)
    ]
    refs = [c.bank_reference for c in checked if isinstance(c, statement.StatementRow)]
    existing = await repo.existing_references(campaign_id, refs) if refs else {}
    decisions = statement.plan(checked, existing)
    new = [d.row for d in decisions if d.status == "new" and d.row is not None]
    ids: dict[str, uuid.UUID] = {}
    receipts: list[int] = []
    if new:
        total = sum(r.amount_vnd for r in new)
        row = await LedgerRepository(conn).add(campaign_id, receipts=len(new), cash_received_vnd=total)
        receipts = list(allocate(int(row["last_receipt_no"]) - len(new), len(new)))
        new_ids = uuid4s(len(new))
        inserted = await repo.bulk_insert_bank(
            campaign_id,
            ledger.organising_unit_id,
            new_ids,
            [r.amount_vnd for r in new],
            [r.bank_reference for r in new],
            [r.payer_name for r in new],
            [r.description for r in new],
            [r.received_on for r in new],
            receipts,
            ledger.closed,
        )
        if inserted != len(new):  # impossible under the ledger lock; never leave a receipt gap
            raise RuntimeError(f"bank statement: inserted {inserted} of {len(new)} rows; rolled back")
        ids = {r.bank_reference: i for r, i in zip(new, new_ids, strict=True)}
        uow.emit(
            *(
                DonationRecorded(
                    campaign_id=campaign_id,
                    donation_id=did,
                    kind="cash",
                    amount_vnd=r.amount_vnd,
                    donor_type="anonymous",
                    unit_id=ledger.organising_unit_id,
                    channel="bank_transfer",
                    received_on=r.received_on,
                    receipt_no=no,
                    recorded_after_close=ledger.closed,
                )
                for r, did, no in zip(new, new_ids, receipts, strict=True)
            )
        )
    receipt_of = {r.bank_reference: no for r, no in zip(new, receipts, strict=True)}
    results: list[dict[str, Any]] = []
    counts = {"created": 0, "duplicate": 0, "rejected": 0}
    amounts = {"created": 0, "duplicate": 0}
    for d in decisions:
        status = "created" if d.status == "new" else d.status
        counts[status] += 1
        res: dict[str, Any] = {"index": d.index, "bank_reference": d.bank_reference, "status": status}
        if status == "created":
            assert d.row is not None
            res["donation_id"] = ids[d.row.bank_reference]
            res["receipt_no"] = receipt_of[d.row.bank_reference]
            res["recorded_after_close"] = ledger.closed
            amounts["created"] += d.row.amount_vnd
        elif status == "duplicate":
            res["donation_id"] = d.existing_id or (ids.get(d.bank_reference) if d.bank_reference else None)
            res["reason"] = d.reason
            assert d.row is not None
            amounts["duplicate"] += d.row.amount_vnd
        else:
            res["reason"] = d.reason
        results.append(res)
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
