"""What donations and distributions share: a campaign's page of them, their reversal entries, reversing one."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import asyncpg

from rc_donations.adapters.ledgers import LedgerRepository, ledger_from, totals_from
from rc_donations.adapters.records import RecordRepository
from rc_donations.domain.ledger import Totals
from rc_donations.service_layer.policy import Policy
from rc_shared.envelope import Event
from rc_shared.errors import Conflict, NotFound
from rc_shared.notes import BLOOD_REASON, mask_note
from rc_shared.outbox import UnitOfWork


def view(r: asyncpg.Record | Mapping[str, Any], columns: Iterable[str]) -> dict[str, Any]:
    """A movement as the API shows it: these columns of its row, its reversal and ``created_at``."""
    return {
        **{c: r[c] for c in columns},
        "reversed": r["reversal_id"] is not None,
        "reversal": None
        if r["reversal_id"] is None
        else {"id": r["reversal_id"], "reason": r["reversal_reason"], "reversed_on": r["reversed_on"]},
        "created_at": r["created_at"],
    }


async def require_ledger(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> None:
    """NotFound when the campaign has no ledger."""
    if await LedgerRepository(conn).get(campaign_id) is None:
        raise NotFound(f"no ledger for campaign {campaign_id}")


async def campaign_page(
    repo: RecordRepository,
    campaign_id: uuid.UUID,
    limit: int,
    offset: int,
    view: Callable[[asyncpg.Record], dict[str, Any]],
) -> dict[str, Any]:
    """A page of a campaign's movements of one kind; NotFound when the campaign has no ledger (asked only
    when the page is empty: a movement references its ledger)."""
    rows = await repo.for_campaign(campaign_id, limit, offset)
    if not rows:
        await require_ledger(repo.conn, campaign_id)
    return {"count": len(rows), "limit": limit, "offset": offset, "items": [view(r) for r in rows]}


async def reverse(
    uow: UnitOfWork,
    policy: Policy,
    repo: RecordRepository,
    record_id: uuid.UUID,
    reason: str,
    missing: NotFound,
    reversed_totals: Callable[[asyncpg.Record], dict[str, int]],
    event: type[Event],
    check: Callable[[Totals, asyncpg.Record], None] | None = None,
    columns: Callable[[asyncpg.Record], Mapping[str, Any]] | None = None,
    on: date | None = None,
    withheld: Callable[[asyncpg.Record], str | None] | None = None,
) -> dict[str, Any]:
    """A correction entry for a movement; nothing is deleted. It is re-read under the ledger lock and
    refused twice, when the ledger takes no corrections, or by ``check`` (on the ledger's totals);
    ``reversed_totals`` are added to the ledger and ``event`` is emitted: the reversal's fields and
    the movement's columns of the same names. ``missing`` is raised when there is no such movement.
    ``columns(movement)``: the reversal row's own columns (decided once the movement is read under the lock);
    ``on``: the day the correction takes effect (None: today; the caller checks it); ``withheld(movement)``: what
    the event carries instead of the reason (None: the reason, masked)."""
    first = await repo.get(record_id)
    if first is None:
        raise missing
    ledgers = LedgerRepository(repo.conn)
    row = await ledgers.lock(first["campaign_id"])
    assert row is not None
    r = await repo.get(record_id)  # re-read under the ledger lock
    assert r is not None
    if r["reversal_id"] is not None:
        raise Conflict(
            f"{repo.NOUN} {record_id} was already reversed on {r['reversed_on']} ({r['reversal_reason']})",
            reversal_id=str(r["reversal_id"]),
        )
    ledger_from(row).check_corrections()
    if check is not None:
        check(totals_from(row), r)
    own = {} if columns is None else columns(r)
    await ledgers.add(r["campaign_id"], **reversed_totals(r))
    reversal_id = uuid.uuid4()
    day = on or policy.today()
    await repo.insert_reversal(reversal_id, record_id, r["campaign_id"], reason, day, own)
    out = {"reversal_id": reversal_id, f"{repo.NOUN}_id": record_id, "reason": reason, "reversed_on": day}
    # the reason leaves the service in the event: phone, identity and account numbers masked (rc_shared.notes);
    # a blood gift's is health data (a unit discarded after testing) and stays here whole
    instead = withheld(r) if withheld is not None else None
    shown = BLOOD_REASON if r.get("kind") == "blood" else instead or mask_note(reason) or ""
    published = {**out, "reason": shown}
    uow.emit(event(**{f: r[f] for f in event.model_fields if f not in out}, **published))
    return out
