"""Kafka consumers of the campaigns service."""

from __future__ import annotations

import asyncpg

from rc_campaigns.service_layer import ledger
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
from rc_shared.events.donations import DistributionRecorded, DistributionReversed, DonationRecorded, DonationReversed

ledger_consumer = Consumer("campaigns.ledger")


@ledger_consumer.on_many(DonationRecorded)
async def on_donations(conn: asyncpg.Connection, envs: list[Envelope[DonationRecorded]]) -> None:
    """A run of recorded donations at once (the bulk of the stream)."""
    await ledger.apply_donations(conn, envs)


@ledger_consumer.on(DonationReversed, DistributionRecorded, DistributionReversed)
async def on_ledger_event(
    conn: asyncpg.Connection, env: Envelope[DonationReversed | DistributionRecorded | DistributionReversed]
) -> None:
    """Progress totals and target-reached events; other ledger events are ignored by the library."""
    await ledger.apply(conn, env.data, env.time)
