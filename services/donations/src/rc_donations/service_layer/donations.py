"""Use cases of contributions: record (cash, in kind, blood), receipts, reversals, donors.

Every writer of a campaign's ledger first locks the ledger row (``SELECT … FOR UPDATE``): receipt
numbers, idempotency checks and running sums are then decided one request at a time per campaign.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import asyncpg

from rc_donations.adapters.donations_repo import DonationRepository
from rc_donations.adapters.ledgers import LedgerRepository, ledger_from, totals_from
from rc_donations.domain import blood
from rc_donations.domain.donations import in_kind_value, public_name
from rc_donations.domain.ledger import Ledger, check_can_reverse_donation
from rc_donations.domain.receipts import receipt_number
from rc_donations.service_layer.commands import DonorInput, Idempotency, RecordDonation
from rc_donations.service_layer.policy import Policy
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.donations import DonationRecorded, DonationReversed
from rc_shared.outbox import UnitOfWork
from rc_shared.scope import UnitTree


async def lock_open_ledger(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> tuple[Ledger, asyncpg.Record]:
    """The campaign's ledger, locked; 409 if the donations service has not seen it launched."""
    row = await LedgerRepository(conn).lock(campaign_id)
    if row is None:
        raise Conflict(
            f"campaign {campaign_id} is not open for contributions: no launched campaign with this id is known "
            "(it is not launched yet, or does not exist)",
            campaign_id=str(campaign_id),
        )
    return ledger_from(row), row


async def replayed(repo: DonationRepository, idem: Idempotency | None, scope: str) -> uuid.UUID | None:
    """The resource an earlier request with the same Idempotency-Key created (None: a new key)."""
    if idem is None:
        return None
    prior = await repo.idempotency_key(idem.key)
    if prior is None:
        return None
    if prior["scope"] != scope or prior["request_hash"] != idem.request_hash:
        raise Invalid(
            f"Idempotency-Key {idem.key!r} was already used for a different request; use a new key for a new request",
            field="Idempotency-Key",
        )
    rid: uuid.UUID = prior["resource_id"]
    return rid


async def remember(repo: DonationRepository, idem: Idempotency | None, scope: str, resource_id: uuid.UUID) -> None:
    if idem is not None and not await repo.save_idempotency_key(idem.key, scope, idem.request_hash, resource_id):
        raise Conflict(f"Idempotency-Key {idem.key!r} is being used by a concurrent request; retry", field="key")


async def resolve_donor(repo: DonationRepository, donor: DonorInput | None) -> tuple[uuid.UUID | None, str, bool]:
    """(donor id, donor type, publicly named). Anonymous gifts have no donor record."""
    if donor is None or donor.type == "anonymous":
        return None, "anonymous", False
    if donor.id is not None:
        row = await repo.donor(donor.id, lock=True)
        if row is None or row["erased_at"] is not None:
            raise Conflict(f"donor {donor.id} is not known (or was erased)", field="donor.id")
        await repo.update_donor(donor.id, donor.phone, donor.birth_date, donor.consent_to_be_named)
        return donor.id, str(row["donor_type"]), donor.consent_to_be_named
    found = await repo.find_donor(donor.type, donor.name, donor.phone, donor.id_number)
    if found is not None:
        await repo.update_donor(found["id"], donor.phone, donor.birth_date, donor.consent_to_be_named)
        return found["id"], donor.type, donor.consent_to_be_named
    donor_id = await repo.insert_donor(
        donor.type, donor.name, donor.phone, donor.id_number, donor.birth_date, donor.consent_to_be_named
    )
    return donor_id, donor.type, donor.consent_to_be_named


async def record_donation(
    uow: UnitOfWork, policy: Policy, campaign_id: uuid.UUID, cmd: RecordDonation, idem: Idempotency | None
) -> tuple[uuid.UUID, bool]:
    """Record a contribution; returns (donation id, created). A resubmission returns the original."""
    conn = uow.conn
    repo = DonationRepository(conn)
    ledger, _ = await lock_open_ledger(conn, campaign_id)
    scope = f"donation:{campaign_id}"
    prior = await replayed(repo, idem, scope)
    if prior is not None:
        return prior, False
    if cmd.bank_reference is not None:
        same = await repo.by_bank_reference(campaign_id, cmd.bank_reference)
        if same is not None:
            if (
                same["kind"] != cmd.kind
                or same["amount_vnd"] != cmd.amount_vnd
                or same["received_on"] != cmd.received_on
            ):
                raise Conflict(
                    f"bank_reference {cmd.bank_reference!r} is already recorded in {ledger.label} as donation "
                    f"{same['id']} ({same['amount_vnd']} VND on {same['received_on']}), not {cmd.amount_vnd} VND "
                    f"on {cmd.received_on}",
                    field="bank_reference",
                    donation_id=str(same["id"]),
                )
            await remember(repo, idem, scope, same["id"])
            return same["id"], False
    today = policy.today()
    late = ledger.check_accepts(cmd.received_on, today)
    unit_id = cmd.unit_id or ledger.organising_unit_id
    ledger.check_unit(unit_id, "unit_id")
    # the units the request names must be in the tree on the day of the gift (422 naming the field)
    await UnitTree(conn).check_known(
        {"unit_id": cmd.unit_id, "credited_unit_id": cmd.credited_unit_id}, cmd.received_on
    )

    donor = cmd.donor
    if cmd.pledge_id is not None:
        pledge = await repo.pledge(cmd.pledge_id)
        if pledge is None or pledge["campaign_id"] != campaign_id:
            raise Conflict(f"pledge {cmd.pledge_id} is not a pledge to {ledger.label}", field="pledge_id")
        if donor is None and pledge["donor_id"] is not None:
            donor = DonorInput(type=pledge["donor_type"], id=pledge["donor_id"])
    donor_id, donor_type, named = await resolve_donor(repo, donor)

    amount = value = units = 0
    if cmd.kind == "cash":
        amount = cmd.amount_vnd
    elif cmd.kind == "in_kind":
        value = in_kind_value(cmd.items)
    else:
        units = cmd.blood_units
        if donor_id is None or donor_type != "individual" or cmd.blood_kind is None:
            raise Invalid("a blood donation needs an identified individual donor and a blood_kind", field="donor")
        donor_row = await repo.donor(donor_id)
        assert donor_row is not None
        history = await repo.blood_history(donor_id)
        blood.check_eligible(policy.blood, history, cmd.received_on, cmd.blood_kind, donor_row["birth_date"])

    row = await LedgerRepository(conn).add(
        campaign_id, receipts=1, cash_received_vnd=amount, in_kind_received_vnd=value, blood_units=units
    )
    receipt_no = int(row["last_receipt_no"])
    donation_id = uuid.uuid4()
    await repo.insert(
        id=donation_id,
        campaign_id=campaign_id,
        kind=cmd.kind,
        amount_vnd=amount,
        value_vnd=value,
        blood_units=units,
        blood_kind=cmd.blood_kind if cmd.kind == "blood" else None,
        items=[dataclasses.asdict(i) for i in cmd.items] if cmd.kind == "in_kind" else None,
        donor_id=donor_id,
        donor_type=donor_type,
        publicly_named=named,
        unit_id=unit_id,
        credited_unit_id=cmd.credited_unit_id,
        credited_person_id=cmd.credited_person_id,
        pledge_id=cmd.pledge_id,
        channel=cmd.channel,
        bank_reference=cmd.bank_reference,
        description=cmd.description,
        received_on=cmd.received_on,
        receipt_no=receipt_no,
        recorded_after_close=late,
    )
    uow.emit(
        DonationRecorded(
            campaign_id=campaign_id,
            donation_id=donation_id,
            kind=cmd.kind,
            amount_vnd=amount,
            value_vnd=value,
            blood_units=units,
            donor_id=donor_id,
            donor_type=donor_type,
            publicly_named=named,
            unit_id=unit_id,
            credited_unit_id=cmd.credited_unit_id,
            credited_person_id=cmd.credited_person_id,
            pledge_id=cmd.pledge_id,
            channel=cmd.channel,
            received_on=cmd.received_on,
            receipt_no=receipt_no,
            blood_kind=cmd.blood_kind if cmd.kind == "blood" else None,
            recorded_after_close=late,
        )
    )
    await remember(repo, idem, scope, donation_id)
    return donation_id, True


def donation_view(r: asyncpg.Record) -> dict[str, Any]:
    """A donation as the API shows it (no donor personal data: the donor by id)."""
    return {
        "id": r["id"],
        "campaign_id": r["campaign_id"],
        "kind": r["kind"],
        "amount_vnd": r["amount_vnd"],
        "value_vnd": r["value_vnd"],
        "blood_units": r["blood_units"],
        "blood_kind": r["blood_kind"],
        "items": r["items"],
        "donor_id": r["donor_id"],
        "donor_type": r["donor_type"],
        "publicly_named": r["publicly_named"],
        "unit_id": r["unit_id"],
        "credited_unit_id": r["credited_unit_id"],
        "credited_person_id": r["credited_person_id"],
        "pledge_id": r["pledge_id"],
        "channel": r["channel"],
        "bank_reference": r["bank_reference"],
        "description": r["description"],
        "received_on": r["received_on"],
        "receipt_no": r["receipt_no"],
        "receipt_number": receipt_number(r["campaign_code"], r["receipt_no"]),
        "recorded_after_close": r["recorded_after_close"],
        "reversed": r["reversal_id"] is not None,
        "reversal": None
        if r["reversal_id"] is None
        else {"id": r["reversal_id"], "reason": r["reversal_reason"], "reversed_on": r["reversed_on"]},
        "created_at": r["created_at"],
    }


async def get_donation(conn: asyncpg.Connection, donation_id: uuid.UUID) -> dict[str, Any]:
    r = await DonationRepository(conn).get(donation_id)
    if r is None:
        raise NotFound(f"donation {donation_id} not found", donation_id=str(donation_id))
    return donation_view(r)


async def list_donations(conn: asyncpg.Connection, campaign_id: uuid.UUID, limit: int, offset: int) -> dict[str, Any]:
    if await LedgerRepository(conn).get(campaign_id) is None:
        raise NotFound(f"no ledger for campaign {campaign_id}")
    rows = await DonationRepository(conn).for_campaign(campaign_id, limit, offset)
    return {"count": len(rows), "limit": limit, "offset": offset, "items": [donation_view(r) for r in rows]}


async def receipt(conn: asyncpg.Connection, policy: Policy, donation_id: uuid.UUID) -> dict[str, Any]:
    """The receipt of one contribution (issued to the donor on request: it carries the donor's name)."""
    repo = DonationRepository(conn)
    r = await repo.get(donation_id)
    if r is None:
        raise NotFound(f"donation {donation_id} not found", donation_id=str(donation_id))
    donor = await repo.donor(r["donor_id"]) if r["donor_id"] else None
    name = donor["name"] if donor and donor["name"] else (r["payer_name"] or policy.anonymous_label)
    return {
        "receipt_number": receipt_number(r["campaign_code"], r["receipt_no"]),
        "receipt_no": r["receipt_no"],
        "campaign_id": r["campaign_id"],
        "campaign_code": r["campaign_code"],
        "campaign_name": r["campaign_name"],
        "donation_id": r["id"],
        "received_on": r["received_on"],
        "kind": r["kind"],
        "amount_vnd": r["amount_vnd"],
        "value_vnd": r["value_vnd"],
        "blood_units": r["blood_units"],
        "items": r["items"],
        "channel": r["channel"],
        "bank_reference": r["bank_reference"],
        "received_from": name,
        "unit_id": r["unit_id"],
        "issued_on": policy.today(),
        "void": r["reversal_id"] is not None,
        "void_reason": r["reversal_reason"],
    }


async def reverse_donation(uow: UnitOfWork, policy: Policy, donation_id: uuid.UUID, reason: str) -> dict[str, Any]:
    """A correction entry; nothing is deleted. Refused twice, or if the money was already distributed."""
    conn = uow.conn
    repo = DonationRepository(conn)
    first = await repo.get(donation_id)
    if first is None:
        raise NotFound(f"donation {donation_id} not found", donation_id=str(donation_id))
    row = await LedgerRepository(conn).lock(first["campaign_id"])
    assert row is not None
    ledger, totals = ledger_from(row), totals_from(row)
    d = await repo.get(donation_id)  # re-read under the ledger lock
    assert d is not None
    if d["reversal_id"] is not None:
        raise Conflict(
            f"donation {donation_id} was already reversed on {d['reversed_on']} ({d['reversal_reason']})",
            reversal_id=str(d["reversal_id"]),
        )
    ledger.check_corrections()
    check_can_reverse_donation(totals, d["kind"], int(d["amount_vnd"]), int(d["value_vnd"]))
    await LedgerRepository(conn).add(
        d["campaign_id"],
        cash_reversed_vnd=int(d["amount_vnd"]),
        in_kind_reversed_vnd=int(d["value_vnd"]),
        blood_units_reversed=int(d["blood_units"]),
    )
    reversal_id = uuid.uuid4()
    today = policy.today()
    await repo.insert_reversal(reversal_id, donation_id, d["campaign_id"], reason, today)
    uow.emit(
        DonationReversed(
            campaign_id=d["campaign_id"],
            reversal_id=reversal_id,
            donation_id=donation_id,
            kind=d["kind"],
            amount_vnd=d["amount_vnd"],
            value_vnd=d["value_vnd"],
            blood_units=d["blood_units"],
            donor_id=d["donor_id"],
            unit_id=d["unit_id"],
            reason=reason,
            reversed_on=today,
        )
    )
    return {"reversal_id": reversal_id, "donation_id": donation_id, "reason": reason, "reversed_on": today}


async def blood_eligibility(
    conn: asyncpg.Connection, policy: Policy, donor_id: uuid.UUID, on: Any, kind: blood.BloodKind
) -> dict[str, Any]:
    repo = DonationRepository(conn)
    donor = await repo.donor(donor_id)
    if donor is None or donor["erased_at"] is not None:
        raise NotFound(f"donor {donor_id} not found")
    history = await repo.blood_history(donor_id)
    reason = None
    try:
        blood.check_eligible(policy.blood, history, on, kind, donor["birth_date"])
    except (Conflict, Invalid) as exc:
        reason = exc.message
    return {
        "donor_id": donor_id,
        "on": on,
        "kind": kind,
        "eligible": reason is None,
        "reason": reason,
        "next_eligible_on": blood.next_eligible_on(policy.blood, [h for h in history if h.on <= on]),
        "donations": len(history),
    }


async def donor_record(conn: asyncpg.Connection, policy: Policy, donor_id: uuid.UUID) -> dict[str, Any]:
    """A donor's own record (access right of the data subject)."""
    d = await DonationRepository(conn).donor(donor_id)
    if d is None:
        raise NotFound(f"donor {donor_id} not found")
    gifts = await conn.fetch(
        "SELECT d.id, d.campaign_id, d.kind, d.amount_vnd, d.value_vnd, d.blood_units, d.received_on, d.receipt_no,"
        " (r.id IS NOT NULL) AS reversed FROM donations d LEFT JOIN donation_reversals r ON r.donation_id = d.id"
        " WHERE d.donor_id = $1 ORDER BY d.received_on",
        donor_id,
    )
    return {
        "id": d["id"],
        "type": d["donor_type"],
        "name": d["name"],
        "public_name": public_name(d["consent_to_be_named"], d["name"], policy.anonymous_label),
        "phone": d["phone"],
        "id_number": d["id_number"],
        "birth_date": d["birth_date"],
        "consent_to_be_named": d["consent_to_be_named"],
        "erased": d["erased_at"] is not None,
        "donations": [dict(g) for g in gifts],
    }


async def erase_donor(conn: asyncpg.Connection, donor_id: uuid.UUID) -> dict[str, Any]:
    """Erase a donor's personal data (Law 91/2025); the donations stay, by opaque id, anonymised."""
    repo = DonationRepository(conn)
    if await repo.donor(donor_id) is None:
        raise NotFound(f"donor {donor_id} not found")
    async with conn.transaction():
        erased = await repo.erase_donor(donor_id)
        await conn.execute("UPDATE donations SET publicly_named = false WHERE donor_id = $1", donor_id)
    return {"donor_id": donor_id, "erased": True, "already_erased": not erased}
