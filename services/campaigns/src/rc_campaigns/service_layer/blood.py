"""Use cases of blood drives: sessions of a blood_drive campaign and donor registrations."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rc_campaigns.domain.blood import BloodSession, Registration, check_capacity, donor_id_for
from rc_campaigns.service_layer.campaigns import require as require_campaign
from rc_campaigns.service_layer.unit_of_work import BloodRepo, CampaignRepo, CampaignsUnitOfWork
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.campaigns import BloodDonorRegistered, BloodSessionScheduled
from rc_shared.uow import columns

OPEN_STATES = ("draft", "launched")


async def schedule_session(
    uow: CampaignsUnitOfWork,
    campaign_id: uuid.UUID,
    *,
    held_on: date,
    place: str,
    capacity: int,
    unit_id: uuid.UUID | None,
) -> uuid.UUID:
    campaign = await require_campaign(uow.campaigns, campaign_id, for_update=True)
    if campaign.campaign_type != "blood_drive":
        raise Conflict(
            f"campaign {campaign_id} has type {campaign.campaign_type}: blood sessions belong to blood_drive campaigns",
            campaign_type=campaign.campaign_type,
        )
    if campaign.state not in OPEN_STATES:
        raise Conflict(f"campaign {campaign_id} is {campaign.state}: no new sessions", state=campaign.state)
    if not campaign.receiving_from <= held_on <= campaign.receiving_until:
        raise Invalid(
            f"held_on ({held_on.isoformat()}) is outside the campaign's period "
            f"({campaign.receiving_from.isoformat()} to {campaign.receiving_until.isoformat()})",
            field="held_on",
        )
    # the unit running it must be in the tree on that day (422 naming unit_id), as a campaign's organiser is
    await uow.units.check_known({"unit_id": unit_id}, held_on)
    session_id = uuid.uuid4()
    unit = unit_id or campaign.organising_unit_id
    await uow.blood.add_session(BloodSession(session_id, campaign_id, unit, held_on, place, capacity))
    uow.emit(
        BloodSessionScheduled(
            session_id=session_id, campaign_id=campaign_id, unit_id=unit, held_on=held_on, capacity=capacity
        )
    )
    return session_id


async def require_session(repo: BloodRepo, session_id: uuid.UUID, *, for_update: bool = False) -> Any:
    row = await repo.get_session(session_id, for_update=for_update)
    if row is None:
        raise NotFound(f"blood session {session_id} not found", session_id=str(session_id))
    return row


async def register_donor(
    uow: CampaignsUnitOfWork, session_id: uuid.UUID, *, donor_ref: str, blood_group: str | None, note: str
) -> dict[str, Any]:
    repo = uow.blood
    session = await require_session(repo, session_id, for_update=True)  # serialises registrations
    campaign = await require_campaign(uow.campaigns, session["campaign_id"])
    if campaign.state not in OPEN_STATES:
        raise Conflict(f"campaign {campaign.id} is {campaign.state}: registrations are closed", state=campaign.state)
    donor_id = donor_id_for(donor_ref)
    existing = await repo.registration_of(session_id, donor_id)
    if existing is not None:
        raise Conflict(
            f"donor {donor_id} is already registered for this session (registration {existing})",
            registration_id=str(existing),
            donor_id=str(donor_id),
        )
    check_capacity(int(session["registered"]), int(session["capacity"]))
    registration_id = uuid.uuid4()
    registration = Registration(registration_id, session_id, donor_id, donor_ref.strip(), blood_group, note)
    await repo.add_registration(registration)
    uow.emit(
        BloodDonorRegistered(
            session_id=session_id, registration_id=registration_id, campaign_id=campaign.id, donor_id=donor_id
        )
    )
    return {"id": registration_id, "session_id": session_id, "donor_id": donor_id}


def session_view(row: Any) -> dict[str, Any]:
    return {
        **columns(row, "id", "campaign_id", "unit_id", "held_on", "place", "capacity"),
        "registered": int(row["registered"]),
        "places_left": max(0, int(row["capacity"]) - int(row["registered"])),
    }


async def get_session(repo: BloodRepo, session_id: uuid.UUID) -> dict[str, Any]:
    return session_view(await require_session(repo, session_id))


async def campaign_sessions(campaigns: CampaignRepo, repo: BloodRepo, campaign_id: uuid.UUID) -> list[dict[str, Any]]:
    await require_campaign(campaigns, campaign_id)
    return [session_view(r) for r in await repo.sessions(campaign_id)]
