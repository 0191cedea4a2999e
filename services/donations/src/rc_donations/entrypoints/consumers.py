"""Consumers: the campaign lifecycle opens and closes ledgers; verified beneficiaries and unit names
are kept locally."""

from __future__ import annotations

import asyncpg

from rc_donations.service_layer import lifecycle
from rc_shared.consumer import Consumer
from rc_shared.envelope import Envelope
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
from rc_shared.events.members import UnitCreated, UnitRenamed


def build_consumers(source: str) -> list[Consumer]:
    campaigns = Consumer("donations.campaigns")
    beneficiaries = Consumer("donations.beneficiaries")

    @campaigns.on(CampaignLaunched)
    async def _launched(conn: asyncpg.Connection, env: Envelope[CampaignLaunched]) -> None:
        await lifecycle.campaign_launched(conn, env.data, source)

    @campaigns.on(CampaignClosed, CampaignCancelled)
    async def _ended(conn: asyncpg.Connection, env: Envelope[CampaignClosed | CampaignCancelled]) -> None:
        await lifecycle.campaign_ended(conn, env.data, source)

    @campaigns.on(CampaignDisclosureUpdated)
    async def _disclosure(conn: asyncpg.Connection, env: Envelope[CampaignDisclosureUpdated]) -> None:
        await lifecycle.disclosure_updated(conn, env.data)

    @campaigns.on(CampaignSettled)
    async def _settled(conn: asyncpg.Connection, env: Envelope[CampaignSettled]) -> None:
        await lifecycle.campaign_settled(conn, env.data, source)

    @beneficiaries.on(BeneficiaryRegistered)
    async def _registered(conn: asyncpg.Connection, env: Envelope[BeneficiaryRegistered]) -> None:
        await lifecycle.beneficiary_registered(conn, env.data)

    @beneficiaries.on(BeneficiaryEnrolled)
    async def _enrolled(conn: asyncpg.Connection, env: Envelope[BeneficiaryEnrolled]) -> None:
        await lifecycle.beneficiary_enrolled(conn, env.data)

    @beneficiaries.on(BeneficiaryVerified)
    async def _verified(conn: asyncpg.Connection, env: Envelope[BeneficiaryVerified]) -> None:
        await lifecycle.beneficiary_verified(conn, env.data)

    units = Consumer("donations.unit-names")

    @units.on(UnitCreated, UnitRenamed)
    async def _unit_named(conn: asyncpg.Connection, env: Envelope[UnitCreated | UnitRenamed]) -> None:
        e = env.data
        await lifecycle.unit_named(conn, e.unit_id, e.code if isinstance(e, UnitCreated) else None, e.name)

    return [campaigns, beneficiaries, units]
