"""Progress from the donations ledger, and CampaignTargetReached exactly once per (campaign, target).

Runs inside the consumer's transaction (one savepoint per event, the event id already recorded as
processed by the library). Each donation and distribution is applied once (by its own id, too, so a
producer that re-sent the same donation under a new event id is not double counted). When a total
first reaches a tracked target, a row goes into ``campaign_targets_reached`` (unique on campaign and
target) and the event into the outbox, both on the same connection and transaction: either both
commit or neither does, and a redelivery or a restart finds the row and emits nothing.

Donations recorded (the bulk of the stream) are applied a run at a time (:func:`apply_donations`):
one insert of the run, one totals update per campaign, one read of its targets; the value at each
target's crossing is found from the running sum of the run, so ``reached_value`` and ``reached_at``
are those the event-by-event path gives.

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
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from rc_campaigns.adapters.campaigns_repo import CampaignRepository, LedgerRepository
from rc_campaigns.domain.campaigns import Campaign
from rc_campaigns.domain.progress import Crossing, Totals, newly_reached, tracked
from rc_shared import clock
from rc_shared.envelope import Envelope
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
        await ledger.record_donation(event)
    elif isinstance(event, DonationReversed):
        await ledger.reverse_donation(event)
    elif isinstance(event, DistributionRecorded):
        await ledger.record_distribution(event)
    else:
        await ledger.reverse_distribution(event, at.astimezone(clock.zone()).date())
    return await check_targets(conn, event.campaign_id, at)


async def apply_donations(
    conn: asyncpg.Connection, envelopes: Sequence[Envelope[DonationRecorded]]
) -> list[CampaignTargetReached]:
    """Apply a run of DonationRecorded events (in stream order) as :func:`apply` would one by one."""
    events = [(e.data, e.time) for e in envelopes]
    counted = await LedgerRepository(conn).record_donations([d for d, _ in events])
    runs: dict[uuid.UUID, list[tuple[DonationRecorded, datetime]]] = {}
    for d, at in events:
        if d.donation_id in counted:  # its first occurrence only (a re-sent copy never counts)
            counted.discard(d.donation_id)
            runs.setdefault(d.campaign_id, []).append((d, at))
    emitted: list[CampaignTargetReached] = []
    repo = CampaignRepository(conn)
    for campaign_id, run in runs.items():
        campaign = await repo.get(campaign_id)
        if campaign is None or not tracked(campaign.targets):
            continue
        after = await repo.totals(campaign_id)  # the run is already added
        reached = set(await repo.reached(campaign_id))
        if not newly_reached(campaign.targets, after, reached):
            continue  # amounts are never negative: no total within the run crossed what its end did not
        campaign = await _locked(repo, campaign_id)
        cash, value, blood = (
            after.cash_vnd - sum(d.amount_vnd for d, _ in run),
            after.in_kind_value_vnd - sum(d.value_vnd for d, _ in run),
            after.blood_units - sum(d.blood_units for d, _ in run),
        )
        for d, at in run:  # the totals after each event of the run: a running sum
            cash, value, blood = cash + d.amount_vnd, value + d.value_vnd, blood + d.blood_units
            totals = Totals(cash, value, blood, after.beneficiaries)
            day = at.astimezone(clock.zone()).date()
            crossings = [
                c for c in newly_reached(campaign.targets, totals, reached) if campaign.announces(c.target, day)
            ]
            for event in await _record_crossings(conn, campaign_id, crossings, at):
                reached.add(event.target)
                emitted.append(event)
    return emitted


async def check_targets(conn: asyncpg.Connection, campaign_id: uuid.UUID, at: datetime) -> list[CampaignTargetReached]:
    repo = CampaignRepository(conn)
    campaign = await repo.get(campaign_id)
    if campaign is None:  # a ledger for a campaign this service does not know: totals only
        return []
    totals = await repo.totals(campaign_id)
    crossings = newly_reached(campaign.targets, totals, await repo.reached(campaign_id))
    if crossings:
        campaign = await _locked(repo, campaign_id)
    # after the close or a cancellation: totals only (see the module docstring)
    day = at.astimezone(clock.zone()).date()
    announced = [c for c in crossings if campaign.announces(c.target, day)]
    return await _record_crossings(conn, campaign_id, announced, at)


async def _locked(repo: CampaignRepository, campaign_id: uuid.UUID) -> Campaign:
    """The campaign read again under its row lock, before a target is announced: a close or cancellation
    committing meanwhile (it takes the same lock) is either seen here (no announcement) or waits for this
    transaction, so its event follows the announcement in the outbox (an integrator's finding: read without
    the lock, a TargetReached was written beside a close that committed first, and followed it on the
    campaign's partition)."""
    campaign = await repo.get(campaign_id, for_update=True)
    assert campaign is not None  # read a moment ago in this transaction; campaigns are never deleted
    return campaign


async def _record_crossings(
    conn: asyncpg.Connection, campaign_id: uuid.UUID, crossings: list[Crossing], at: datetime
) -> list[CampaignTargetReached]:
    repo = CampaignRepository(conn)
    emitted: list[CampaignTargetReached] = []
    for crossing in crossings:
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
