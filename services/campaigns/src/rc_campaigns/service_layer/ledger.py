"""Progress from the donations ledger, and CampaignTargetReached exactly once per (campaign, target).

Runs inside the consumer's transaction (one savepoint per event, the event id already recorded as
processed by the library). Each donation and distribution is applied once (by its own id, too, so a
producer that re-sent the same donation under a new event id is not double counted). When a total
first reaches a tracked target, a row goes into ``campaign_targets_reached`` (unique on campaign and
target) and the event into the outbox, both on the same connection and transaction: either both
commit or neither does, and a redelivery or a restart finds the row and emits nothing.

A reversal that drops a total back below its target does not "un-reach" it, and reaching it again
later emits nothing: the event announces the first time the target was met (documented on
:func:`rc_campaigns.domain.progress.newly_reached`). The current figures are in GET /campaigns/{id}.

No target is reached after the close or a cancellation: a gift received on or before the close
date but recorded afterwards (``recorded_after_close``), or any ledger event of a cancelled
campaign, still counts in the figures, but a target it crosses emits no CampaignTargetReached and
is not recorded as reached. The one exception is the ``beneficiaries`` target of a closed (or since
settled) campaign, which distributions reach in the distribution period that follows the close
(:meth:`rc_campaigns.domain.campaigns.Campaign.announces`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from rc_campaigns.adapters.campaigns_repo import CampaignRepository, LedgerRepository
from rc_campaigns.domain.progress import newly_reached
from rc_shared.events.campaigns import CampaignTargetReached
from rc_shared.events.donations import (
    DistributionRecorded,
    DistributionReversed,
    DonationRecorded,
    DonationReversed,
)
from rc_shared.outbox import envelope_for, write_events

SOURCE = "/campaigns"

LedgerEvent = DonationRecorded | DonationReversed | DistributionRecorded | DistributionReversed


async def apply(conn: asyncpg.Connection, event: LedgerEvent, at: datetime) -> list[CampaignTargetReached]:
    """Apply one ledger event; return the target-reached events it caused (already in the outbox)."""
    ledger = LedgerRepository(conn)
    if isinstance(event, DonationRecorded):
        await ledger.record_donation(
            event.campaign_id,
            event.donation_id,
            event.kind,
            event.amount_vnd,
            event.value_vnd,
            event.blood_units,
            event.received_on,
        )
    elif isinstance(event, DonationReversed):
        await ledger.reverse_donation(
            event.campaign_id,
            event.donation_id,
            event.kind,
            event.amount_vnd,
            event.value_vnd,
            event.blood_units,
            event.reversed_on,
        )
    elif isinstance(event, DistributionRecorded):
        await ledger.record_distribution(
            event.campaign_id,
            event.distribution_id,
            event.beneficiary_id,
            event.kind,
            event.amount_vnd,
            event.value_vnd,
            event.distributed_on,
        )
    else:
        await ledger.reverse_distribution(
            event.campaign_id,
            event.distribution_id,
            event.beneficiary_id,
            event.kind,
            event.amount_vnd,
            event.value_vnd,
            event.reversed_on,
        )
    return await check_targets(conn, event.campaign_id, at)


async def check_targets(conn: asyncpg.Connection, campaign_id: uuid.UUID, at: datetime) -> list[CampaignTargetReached]:
    repo = CampaignRepository(conn)
    campaign = await repo.get(campaign_id)
    if campaign is None:  # a ledger for a campaign this service does not know: totals only
        return []
    totals = await repo.totals(campaign_id)
    emitted: list[CampaignTargetReached] = []
    for crossing in newly_reached(campaign.targets, totals, await repo.reached(campaign_id)):
        if not campaign.announces(crossing.target):  # after the close or a cancellation: totals only
            continue
        event = CampaignTargetReached(
            campaign_id=campaign_id,
            target=crossing.target,
            target_value=crossing.target_value,
            reached_value=crossing.reached_value,
            reached_at=at,
        )
        envelope = envelope_for(event, SOURCE)
        if await repo.record_reached(
            campaign_id, crossing.target, crossing.target_value, crossing.reached_value, at, envelope.id
        ):
            await write_events(conn, [envelope])
            emitted.append(event)
    return emitted
