"""Campaign projection handlers: each campaigns / beneficiaries / ledger event becomes one statement.

Registered on ``campaigns_consumer`` (consumer group ``reporting.campaigns``); the shared library
runs them idempotently inside the batch transaction, for the live consumer and for ``rebuild``.
Events that carry no business date are dated by their CloudEvents time (``domain.campaigns.local_date``).
"""

from __future__ import annotations

import asyncpg

from rc_reporting.adapters import campaign_projection as repo
from rc_reporting.domain.campaigns import local_date
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
from rc_shared.events.campaigns import (
    BeneficiaryEnrolled,
    BeneficiaryRegistered,
    BeneficiaryVerified,
    CampaignCancelled,
    CampaignClosed,
    CampaignLaunched,
    CampaignSettled,
    CampaignTargetReached,
)
from rc_shared.events.donations import (
    DistributionRecorded,
    DistributionReversed,
    DonationRecorded,
    DonationReversed,
    LedgerClosed,
    LedgerOpened,
    PledgeRecorded,
)

CAMPAIGNS_CONSUMER_NAME = "reporting.campaigns"

campaigns_consumer = Consumer(CAMPAIGNS_CONSUMER_NAME)


@campaigns_consumer.on(CampaignLaunched)
async def on_campaign_launched(conn: asyncpg.Connection, env: Envelope[CampaignLaunched]) -> None:
    e = env.data
    t = e.targets
    await repo.launch_campaign(
        conn, e.campaign_id, env.time, e.code, e.name, e.campaign_type, e.organising_unit_id,
        e.participating_unit_ids, e.parent_campaign_id, e.receiving_from, e.receiving_until,
        e.distribution_deadline, (t.cash_vnd, t.in_kind_value_vnd, t.blood_units, t.beneficiaries),
    )  # fmt: skip


@campaigns_consumer.on(CampaignClosed)
async def on_campaign_closed(conn: asyncpg.Connection, env: Envelope[CampaignClosed]) -> None:
    e = env.data
    await repo.set_lifecycle_date(conn, e.campaign_id, "closed_on", e.closed_on)
    if e.distribution_deadline is not None:  # counted from the close: replaces the launch's
        await repo.set_lifecycle_date(conn, e.campaign_id, "distribution_deadline", e.distribution_deadline)


@campaigns_consumer.on(CampaignSettled)
async def on_campaign_settled(conn: asyncpg.Connection, env: Envelope[CampaignSettled]) -> None:
    e = env.data
    await repo.set_lifecycle_date(conn, e.campaign_id, "settled_on", e.settled_on)
    await repo.set_remainder_note(conn, e.campaign_id, e.remainder_note)


@campaigns_consumer.on(CampaignCancelled)
async def on_campaign_cancelled(conn: asyncpg.Connection, env: Envelope[CampaignCancelled]) -> None:
    e = env.data
    await repo.set_lifecycle_date(conn, e.campaign_id, "cancelled_on", e.cancelled_on, e.reason)


@campaigns_consumer.on(CampaignTargetReached)
async def on_target_reached(conn: asyncpg.Connection, env: Envelope[CampaignTargetReached]) -> None:
    e = env.data
    await repo.record_target_reached(
        conn, e.campaign_id, e.target, e.target_value, e.reached_value, e.reached_at, local_date(e.reached_at)
    )


@campaigns_consumer.on(BeneficiaryRegistered)
async def on_beneficiary_registered(conn: asyncpg.Connection, env: Envelope[BeneficiaryRegistered]) -> None:
    e = env.data
    await repo.register_beneficiary(
        conn, e.beneficiary_id, e.kind, e.unit_id, e.campaign_id, e.humanitarian_address, e.household_size,
        local_date(env.time),
    )  # fmt: skip


@campaigns_consumer.on(BeneficiaryEnrolled)
async def on_beneficiary_enrolled(conn: asyncpg.Connection, env: Envelope[BeneficiaryEnrolled]) -> None:
    e = env.data
    await repo.enrol_beneficiary(conn, e.beneficiary_id, e.campaign_id, e.enrolled_on)


@campaigns_consumer.on(BeneficiaryVerified)
async def on_beneficiary_verified(conn: asyncpg.Connection, env: Envelope[BeneficiaryVerified]) -> None:
    e = env.data
    await repo.verify_beneficiary(conn, e.beneficiary_id, e.unit_id, e.verified_on)


@campaigns_consumer.on(LedgerOpened)
async def on_ledger_opened(conn: asyncpg.Connection, env: Envelope[LedgerOpened]) -> None:
    e = env.data
    await repo.open_ledger(conn, e.campaign_id, e.organising_unit_id, e.receiving_until)


@campaigns_consumer.on(LedgerClosed)
async def on_ledger_closed(conn: asyncpg.Connection, env: Envelope[LedgerClosed]) -> None:
    e = env.data
    await repo.set_lifecycle_date(conn, e.campaign_id, "ledger_closed_on", e.closed_on)


@campaigns_consumer.on_many(DonationRecorded)
async def on_donations_recorded(conn: asyncpg.Connection, envs: list[Envelope[DonationRecorded]]) -> None:
    """A run of donations (the hot path of a bank-statement import): two set-based statements."""
    rows: list[repo.DonationRow] = []
    for env in envs:
        e = env.data
        rows.append((
            e.donation_id, e.campaign_id, e.kind, e.amount_vnd, e.value_vnd, e.blood_units, e.donor_id,
            e.donor_type, e.unit_id, e.credited_unit_id, e.pledge_id, e.received_on,
        ))  # fmt: skip
    await repo.record_donations(conn, rows)


@campaigns_consumer.on_many(DonationReversed)
async def on_donations_reversed(conn: asyncpg.Connection, envs: list[Envelope[DonationReversed]]) -> None:
    """A run of reversals: one statement, like donations."""
    rows: list[repo.ReversalRow] = []
    for env in envs:
        e = env.data
        rows.append((
            e.donation_id, e.campaign_id, e.kind, e.amount_vnd, e.value_vnd, e.blood_units, e.donor_id, e.unit_id,
            e.reversal_id, e.reversed_on,
        ))  # fmt: skip
    await repo.reverse_donations(conn, rows)


@campaigns_consumer.on(PledgeRecorded)
async def on_pledge_recorded(conn: asyncpg.Connection, env: Envelope[PledgeRecorded]) -> None:
    e = env.data
    await repo.record_pledge(
        conn, e.pledge_id, e.campaign_id, e.donor_id, e.amount_vnd, e.unit_id, e.instalments, e.first_due_on,
        local_date(env.time),
    )  # fmt: skip


def _distribution(e: DistributionRecorded | DistributionReversed) -> repo.Distribution:
    return repo.Distribution(
        e.distribution_id, e.campaign_id, e.beneficiary_id, e.kind, e.amount_vnd, e.value_vnd, e.unit_id
    )


@campaigns_consumer.on(DistributionRecorded)
async def on_distribution_recorded(conn: asyncpg.Connection, env: Envelope[DistributionRecorded]) -> None:
    e = env.data
    await repo.record_distribution(
        conn, _distribution(e), e.distributed_on, e.support_kind, e.quantity, e.people_reached
    )


@campaigns_consumer.on(DistributionReversed)
async def on_distribution_reversed(conn: asyncpg.Connection, env: Envelope[DistributionReversed]) -> None:
    e = env.data
    await repo.reverse_distribution(conn, _distribution(e), e.reversal_id, e.reversed_on)
