"""Use cases of pledges: a promise with an instalment schedule, paid by donations that cite it."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from rc_donations.adapters.donations_repo import DonationRepository
from rc_donations.domain.pledges import schedule, settle
from rc_donations.service_layer.commands import Idempotency, RecordPledge
from rc_donations.service_layer.donations import lock_open_ledger, remember, replayed, resolve_donor
from rc_donations.service_layer.policy import Policy
from rc_shared.errors import Conflict, NotFound
from rc_shared.events.donations import PledgeRecorded
from rc_shared.outbox import UnitOfWork
from rc_shared.scope import UnitTree


async def record_pledge(
    uow: UnitOfWork, policy: Policy, campaign_id: uuid.UUID, cmd: RecordPledge, idem: Idempotency | None
) -> tuple[uuid.UUID, bool]:
    conn = uow.conn
    repo = DonationRepository(conn)
    ledger, _ = await lock_open_ledger(conn, campaign_id)
    scope = f"pledge:{campaign_id}"
    prior = await replayed(repo, idem, scope)
    if prior is not None:
        return prior, False
    ledger.check_pledges(policy.today())
    plan = schedule(cmd.amount_vnd, cmd.instalments, cmd.first_due_on, cmd.interval_days)
    # (a close dated ahead ends receiving on its day: an instalment due after it could not be paid)
    until = min(ledger.receiving_until, ledger.closed_on) if ledger.closed_on else ledger.receiving_until
    if plan[0].due_on < ledger.receiving_from or plan[-1].due_on > until:
        raise Conflict(
            f"the schedule runs from {plan[0].due_on} to {plan[-1].due_on}, outside the receiving period of "
            f"{ledger.label} ({ledger.receiving_from} to {until}): instalments due after it "
            "could not be accepted",
            field="first_due_on",
        )
    unit_id = cmd.unit_id or ledger.organising_unit_id
    ledger.check_unit(unit_id, "unit_id")
    await UnitTree(conn).check_known({"unit_id": cmd.unit_id}, plan[0].due_on, plan[-1].due_on)
    donor_id, donor_type, _named = await resolve_donor(repo, cmd.donor)
    pledge_id = uuid.uuid4()
    recorded = PledgeRecorded(  # the row is the event and the donor's type
        campaign_id=campaign_id,
        pledge_id=pledge_id,
        donor_id=donor_id,
        amount_vnd=cmd.amount_vnd,
        unit_id=unit_id,
        instalments=cmd.instalments,
        first_due_on=cmd.first_due_on,
        interval_days=cmd.interval_days,
    )
    await repo.insert_pledge(**recorded.model_dump(exclude={"pledge_id"}), id=pledge_id, donor_type=donor_type)
    uow.emit(recorded)
    await remember(repo, idem, scope, pledge_id)
    return pledge_id, True


async def get_pledge(conn: asyncpg.Connection, policy: Policy, pledge_id: uuid.UUID) -> dict[str, Any]:
    repo = DonationRepository(conn)
    p = await repo.pledge(pledge_id)
    if p is None:
        raise NotFound(f"pledge {pledge_id} not found")
    paid, payments = await repo.pledge_paid(pledge_id)
    plan = schedule(int(p["amount_vnd"]), p["instalments"], p["first_due_on"], p["interval_days"])
    today = policy.today()
    instalments = settle(plan, paid, today)
    due_now = sum(i["amount_vnd"] - i["paid_vnd"] for i in instalments if i["status"] in ("due", "overdue"))
    return {
        "id": p["id"],
        "campaign_id": p["campaign_id"],
        "donor_id": p["donor_id"],
        "donor_type": p["donor_type"],
        "unit_id": p["unit_id"],
        "pledged_vnd": p["amount_vnd"],
        "paid_vnd": paid,
        "outstanding_vnd": max(int(p["amount_vnd"]) - paid, 0),
        "due_now_vnd": due_now,
        "payments": payments,
        "instalments_count": p["instalments"],
        "interval_days": p["interval_days"],
        "first_due_on": p["first_due_on"],
        "fulfilled": paid >= int(p["amount_vnd"]),
        "instalments": instalments,
    }
