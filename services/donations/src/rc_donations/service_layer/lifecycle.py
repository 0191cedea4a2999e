"""A campaign's ledger follows the campaign: launched → open, closed/cancelled → closed, settled.

These run inside the consumer's transaction (one savepoint per event); the events they emit go to
the outbox in the same transaction, so a ledger change and its event commit together.
"""

from __future__ import annotations

import uuid

import asyncpg

from rc_donations.adapters.ledgers import LedgerRepository
from rc_shared.events.campaigns import (
    BeneficiaryEnrolled,
    BeneficiaryRegistered,
    BeneficiaryVerified,
    CampaignCancelled,
    CampaignClosed,
    CampaignDisclosureUpdated,
    CampaignLaunched,
    CampaignSettled,
)
from rc_shared.events.donations import LedgerClosed, LedgerOpened
from rc_shared.logging import get_logger
from rc_shared.outbox import envelope_for, write_events

log = get_logger(__name__)


async def campaign_launched(conn: asyncpg.Connection, e: CampaignLaunched, source: str) -> None:
    repo = LedgerRepository(conn)
    opened = await repo.open(
        campaign_id=e.campaign_id,
        code=e.code,
        name=e.name,
        campaign_type=e.campaign_type,
        organising_unit_id=e.organising_unit_id,
        participating_unit_ids=list(e.participating_unit_ids),
        receiving_from=e.receiving_from,
        receiving_until=e.receiving_until,
        distribution_deadline=e.distribution_deadline,
        targets=e.targets.model_dump(exclude_none=True),
    )
    if not opened:
        log.info("ledger_already_open", campaign_id=str(e.campaign_id))
        return
    ev = LedgerOpened(
        campaign_id=e.campaign_id, organising_unit_id=e.organising_unit_id, receiving_until=e.receiving_until
    )
    events = [envelope_for(ev, source)]
    ended = await repo.ending(e.campaign_id)
    if ended is not None:  # its ending came first (the launch was dead-lettered, then replayed): applied now
        log.warning("ledger_opened_after_its_ending", campaign_id=str(e.campaign_id), status=ended["status"])
        await repo.close(e.campaign_id, ended["status"], ended["ended_on"], ended["distribution_deadline"])
        events.append(envelope_for(LedgerClosed(campaign_id=e.campaign_id, closed_on=ended["ended_on"]), source))
        if ended["settled_on"] is not None:
            await repo.settle(e.campaign_id, ended["settled_on"])
    await write_events(conn, events)


async def campaign_ended(conn: asyncpg.Connection, e: CampaignClosed | CampaignCancelled, source: str) -> None:
    repo = LedgerRepository(conn)
    row = await repo.lock(e.campaign_id)
    if isinstance(e, CampaignClosed):
        status, on, deadline = "closed", e.closed_on, e.distribution_deadline
    else:
        status, on, deadline = "cancelled", e.cancelled_on, None
    if row is None:  # a draft cancelled, or a launch not (yet) here: kept for the launch, if it comes
        log.info("ledger_ending_kept_for_its_launch", campaign_id=str(e.campaign_id), status=status)
        await repo.remember_ending(e.campaign_id, status, on, deadline)
        return
    if row["status"] != "launched":
        return  # already closed, cancelled or settled: nothing changes
    await repo.close(e.campaign_id, status, on, deadline)
    await write_events(conn, [envelope_for(LedgerClosed(campaign_id=e.campaign_id, closed_on=on), source)])


async def campaign_settled(conn: asyncpg.Connection, e: CampaignSettled, source: str) -> None:
    repo = LedgerRepository(conn)
    row = await repo.lock(e.campaign_id)
    if row is None:  # kept for the launch, as an ending is (settled without a close here: closed that day)
        log.info("ledger_ending_kept_for_its_launch", campaign_id=str(e.campaign_id), status="settled")
        await repo.remember_ending(e.campaign_id, "closed", e.settled_on, settled_on=e.settled_on)
        return
    if row["status"] == "settled":
        return
    if row["status"] == "launched":  # settled without a close event: the ledger closes now
        await write_events(
            conn, [envelope_for(LedgerClosed(campaign_id=e.campaign_id, closed_on=e.settled_on), source)]
        )
    await repo.settle(e.campaign_id, e.settled_on, e.remainder_note)


async def beneficiary_registered(conn: asyncpg.Connection, e: BeneficiaryRegistered) -> None:
    await LedgerRepository(conn).beneficiary_registered(e.beneficiary_id, e.unit_id, e.kind, e.campaign_id)


async def beneficiary_enrolled(conn: asyncpg.Connection, e: BeneficiaryEnrolled) -> None:
    await LedgerRepository(conn).beneficiary_enrolled(e.beneficiary_id, e.campaign_id, e.enrolled_on)


async def beneficiary_verified(conn: asyncpg.Connection, e: BeneficiaryVerified) -> None:
    await LedgerRepository(conn).beneficiary_verified(e.beneficiary_id, e.unit_id, e.verified_on)


async def unit_named(conn: asyncpg.Connection, unit_id: uuid.UUID, code: str | None, name: str) -> None:
    """A unit's public name (created or renamed), shown on the public ledger's communes."""
    await conn.execute(
        "INSERT INTO unit_names (unit_id, code, name) VALUES ($1, $2, $3)"
        " ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name, code = coalesce(excluded.code, unit_names.code)",
        unit_id,
        code,
        name,
    )


async def disclosure_updated(conn: asyncpg.Connection, e: CampaignDisclosureUpdated) -> None:
    """Keep the newest version of a campaign's Decree 93 disclosure (for the public ledger page)."""
    content = e.model_dump(
        mode="json", include={"call_documents", "support_policy", "support_levels", "receiving_points"}
    )
    await conn.execute(
        "INSERT INTO ledger_disclosures AS d (campaign_id, version, content) VALUES ($1, $2, $3)"
        " ON CONFLICT (campaign_id) DO UPDATE SET version = excluded.version, content = excluded.content,"
        " updated_at = now() WHERE d.version < excluded.version",
        e.campaign_id,
        e.version,
        content,
    )
