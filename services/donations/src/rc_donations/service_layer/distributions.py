"""Use cases of distributions: give cash or goods to a verified beneficiary, never beyond the balance.

The ledger row is locked (``SELECT … FOR UPDATE``) before the balance is read, so concurrent
requests are decided one at a time; the ledger's CHECK constraints are the last line of defence.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from rc_donations.adapters.distributions_repo import DistributionRepository
from rc_donations.adapters.donations_repo import DonationRepository
from rc_donations.adapters.ledgers import LedgerRepository, ledger_from, totals_from
from rc_donations.domain.ledger import check_can_distribute, check_covered_from, check_support
from rc_donations.service_layer import records
from rc_donations.service_layer.commands import Idempotency, RecordDistribution
from rc_donations.service_layer.donations import remember, replayed
from rc_donations.service_layer.policy import Policy
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.donations import DistributionRecorded, DistributionReversed
from rc_shared.notes import WITHHELD_REASON
from rc_shared.outbox import UnitOfWork


async def record_distribution(
    uow: UnitOfWork, policy: Policy, campaign_id: uuid.UUID, cmd: RecordDistribution, idem: Idempotency | None
) -> tuple[uuid.UUID, bool]:
    conn = uow.conn
    ledgers = LedgerRepository(conn)
    row = await ledgers.lock(campaign_id)
    if row is None:
        raise NotFound(f"no ledger for campaign {campaign_id}: it was never launched", campaign_id=str(campaign_id))
    ledger, totals = ledger_from(row), totals_from(row)
    scope = f"distribution:{campaign_id}"
    drepo = DonationRepository(conn)
    prior = await replayed(drepo, idem, scope)
    if prior is not None:
        return prior, False
    ledger.check_distributes(
        cmd.distributed_on, policy.today(), policy.enforce_distribution_deadline, policy.distribution_window
    )
    b = await ledgers.beneficiary(cmd.beneficiary_id)
    if b is None or b["verified_on"] is None:
        raise Conflict(
            f"beneficiary {cmd.beneficiary_id} is not a verified beneficiary"
            + (" (registered, not yet verified)" if b is not None else ""),
            field="beneficiary_id",
        )
    enrolled_on = None
    if b["campaign_id"] is not None and b["campaign_id"] != campaign_id:
        enrolled_on = await ledgers.enrolled_on(cmd.beneficiary_id, campaign_id)
    if enrolled_on is not None and cmd.distributed_on < enrolled_on:
        raise Conflict(
            f"distributed_on {cmd.distributed_on} is before the beneficiary was enrolled in this campaign"
            f" ({enrolled_on})",
            field="distributed_on",
        )
    if b["campaign_id"] is not None and b["campaign_id"] != campaign_id and enrolled_on is None:
        raise Conflict(
            f"beneficiary {cmd.beneficiary_id} was registered for campaign {b['campaign_id']}, not {ledger.label}:"
            " enrol it in this campaign first (the campaigns service's POST /beneficiaries/{id}/campaigns)",
            field="beneficiary_id",
        )
    if cmd.distributed_on < b["verified_on"]:
        raise Conflict(
            f"distributed_on {cmd.distributed_on} is before the beneficiary was verified ({b['verified_on']})",
            field="distributed_on",
        )
    unit_id = cmd.unit_id or ledger.organising_unit_id
    ledger.check_unit(unit_id, "unit_id")
    quantity = check_support(cmd.support_kind, cmd.quantity, policy.support_kinds)
    check_can_distribute(totals, cmd.kind, cmd.amount_vnd)
    if cmd.distributed_on < policy.today():  # dated back: covered on its day and every day since
        least = await ledgers.least_balance_from(campaign_id, cmd.distributed_on, cmd.kind)
        check_covered_from(cmd.kind, cmd.amount_vnd, cmd.distributed_on, least)
    amount = cmd.amount_vnd if cmd.kind == "cash" else 0
    value = cmd.amount_vnd if cmd.kind == "goods" else 0
    await ledgers.add(campaign_id, cash_distributed_vnd=amount, goods_distributed_vnd=value)
    distribution_id = uuid.uuid4()
    recorded = DistributionRecorded(  # the row is the event and the distribution's own papers
        campaign_id=campaign_id,
        distribution_id=distribution_id,
        beneficiary_id=cmd.beneficiary_id,
        kind=cmd.kind,
        amount_vnd=amount,
        value_vnd=value,
        unit_id=unit_id,
        distributed_on=cmd.distributed_on,
        support_kind=cmd.support_kind,
        quantity=quantity,
        people_reached=cmd.people_reached,
        support_level=cmd.support_level,  # (published: the central society counts beneficiaries by level)
        decision_no=cmd.decision_no,
    )
    await DistributionRepository(conn).insert(
        **recorded.model_dump(exclude={"distribution_id"}),
        id=distribution_id,
        description=cmd.description,
    )
    uow.emit(recorded)
    await remember(drepo, idem, scope, distribution_id)
    return distribution_id, True


def distribution_view(r: asyncpg.Record) -> dict[str, Any]:
    return records.view(r, DistributionRepository.COLUMNS)


async def get_distribution(conn: asyncpg.Connection, distribution_id: uuid.UUID) -> dict[str, Any]:
    r = await DistributionRepository(conn).get(distribution_id)
    if r is None:
        raise NotFound(f"distribution {distribution_id} not found")
    return distribution_view(r)


async def list_distributions(
    conn: asyncpg.Connection,
    campaign_id: uuid.UUID,
    limit: int,
    offset: int,
    after: int | None = None,
    beneficiary_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """A page of the campaign's distributions: at ``offset`` in the order of their dates, or ``after`` a
    ledger line in the order they were recorded (a cursor: a distribution dated back later is on a later
    page, never in one already read); ``next_after`` continues the latter. ``beneficiary_id``: only those to
    that recipient (by date, with offset)."""
    if after is not None and offset:
        raise Invalid("give after or offset, not both", field="after")
    if after is not None and beneficiary_id is not None:
        raise Invalid("give after or beneficiary_id, not both (one recipient's are read by offset)", field="after")
    repo = DistributionRepository(conn)
    if beneficiary_id is not None:
        rows = await repo.to_recipient(campaign_id, beneficiary_id, limit, offset)
        if not rows:
            await records.require_ledger(conn, campaign_id)
        items = [distribution_view(r) for r in rows]
        return {"count": len(rows), "limit": limit, "offset": offset, "items": items, "next_after": None}
    if after is None:
        page = await records.campaign_page(repo, campaign_id, limit, offset, distribution_view)
        page["next_after"] = None
        return page
    rows = await repo.after_line(campaign_id, after, limit)
    if not rows:  # a distribution references its ledger: asked only for an empty page
        await records.require_ledger(conn, campaign_id)
    return {
        "count": len(rows),
        "limit": limit,
        "offset": 0,
        "items": [distribution_view(r) for r in rows],
        "next_after": rows[-1]["line_no"] if rows and len(rows) == limit else None,
    }


async def reverse_distribution(
    uow: UnitOfWork, policy: Policy, distribution_id: uuid.UUID, reason: str, on: date | None = None
) -> dict[str, Any]:
    """A correction: the amount returns to the balance; nothing is deleted; refused twice. ``on``: the day it
    takes effect, from the distribution's day to today (None: today). A distribution recorded in error (the
    wrong household, the wrong amount) is corrected as of its own day, so that the one recorded in its place,
    on the day it was really made, is not refused for a balance the wrong record held until today."""
    today = policy.today()
    if on is not None and on > today:
        raise Invalid(f"reversed_on {on} is in the future (today is {today})", field="reversed_on")
    if on is not None:  # (no further back than a distribution may be dated: the one recorded in its place)
        policy.distribution_window.check("reversed_on", on, today)

    def check(_: Any, d: asyncpg.Record) -> None:
        if on is not None and on < d["distributed_on"]:
            raise Invalid(
                f"reversed_on {on} is before the distribution it corrects ({d['distributed_on']})",
                field="reversed_on",
            )

    return await records.reverse(
        uow,
        policy,
        DistributionRepository(uow.conn),
        distribution_id,
        reason,
        NotFound(f"distribution {distribution_id} not found"),
        lambda d: {
            "cash_distribution_reversed_vnd": int(d["amount_vnd"]),
            "goods_distribution_reversed_vnd": int(d["value_vnd"]),
        },
        DistributionReversed,
        check,
        on=on,
        withheld=lambda _: WITHHELD_REASON,  # a recipient's name, often: it stays here
    )
