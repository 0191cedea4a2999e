"""HTTP routes of the campaigns service (thin: parse, call a use case in a unit of work, answer)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from rc_campaigns.adapters.beneficiaries_repo import BeneficiaryRepository
from rc_campaigns.adapters.blood_repo import BloodRepository
from rc_campaigns.adapters.campaigns_repo import CampaignRepository
from rc_campaigns.domain.campaigns import Action, State
from rc_campaigns.entrypoints import schemas as s
from rc_campaigns.service_layer import beneficiaries, blood, campaigns
from rc_campaigns.service_layer.policy import Policy
from rc_shared.events.campaigns import CampaignType
from rc_shared.outbox import UnitOfWork
from rc_shared.runtime import Runtime

router = APIRouter()


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def _policy(request: Request) -> Policy:
    return request.app.state.policy  # type: ignore[no-any-return]


async def _uow(request: Request) -> AsyncIterator[UnitOfWork]:
    rt = _runtime(request)
    async with UnitOfWork(rt.db(), rt.source) as uow:
        yield uow


async def _conn(request: Request) -> AsyncIterator[Any]:
    async with _runtime(request).db().acquire() as conn:
        yield conn


UoW = Annotated[UnitOfWork, Depends(_uow)]
Conn = Annotated[Any, Depends(_conn)]
Pol = Annotated[Policy, Depends(_policy)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
AsOf = Annotated[date | None, Query(ge=s.MIN_DATE, le=s.MAX_DATE, description="Default: today.")]


# ------------------------------------------------------------------ campaigns


@router.post("/campaigns", status_code=201, tags=["campaigns"], summary="Create a draft campaign")
async def create_campaign(body: s.CampaignIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    campaign_id = await campaigns.create_campaign(uow, body.model_dump())
    await uow.commit()
    return await campaigns.get_campaign(CampaignRepository(uow.conn), policy, campaign_id)


@router.get("/campaigns", tags=["campaigns"], summary="Campaigns by state, type and unit")
async def list_campaigns(
    conn: Conn,
    policy: Pol,
    state: State | None = None,
    campaign_type: Annotated[CampaignType | None, Query(alias="type")] = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="Organising or participating unit.")] = None,
    parent_campaign_id: uuid.UUID | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    items = await campaigns.list_campaigns(
        CampaignRepository(conn), policy, state, campaign_type, unit_id, parent_campaign_id, limit, offset
    )
    return {"count": len(items), "items": items}


@router.get(
    "/campaigns/overdue",
    tags=["campaigns"],
    summary="Launched campaigns past their receiving period, closed ones past the distribution deadline",
)
async def overdue_campaigns(conn: Conn, policy: Pol, as_of: AsOf = None) -> dict[str, Any]:
    day = as_of or policy.today()
    items = await campaigns.overdue_campaigns(CampaignRepository(conn), policy, day)
    return {"as_of": day, "count": len(items), "items": items}


@router.get("/campaigns/{campaign_id}", tags=["campaigns"], summary="A campaign with its progress")
async def get_campaign(campaign_id: uuid.UUID, conn: Conn, policy: Pol) -> dict[str, Any]:
    return await campaigns.get_campaign(CampaignRepository(conn), policy, campaign_id)


@router.patch("/campaigns/{campaign_id}", tags=["campaigns"], summary="Edit a draft campaign")
async def update_campaign(campaign_id: uuid.UUID, body: s.CampaignPatch, uow: UoW, policy: Pol) -> dict[str, Any]:
    await campaigns.update_draft(uow, campaign_id, body.model_dump(exclude_unset=True))
    await uow.commit()
    return await campaigns.get_campaign(CampaignRepository(uow.conn), policy, campaign_id)


async def _transition(
    uow: UnitOfWork, policy: Policy, campaign_id: uuid.UUID, action: Action, on: date | None, reason: str = ""
) -> dict[str, Any]:
    await campaigns.transition(uow, policy, campaign_id, action, on, reason)
    await uow.commit()
    return await campaigns.get_campaign(CampaignRepository(uow.conn), policy, campaign_id)


@router.post("/campaigns/{campaign_id}/launch", tags=["campaigns"], summary="Launch: start receiving")
async def launch(campaign_id: uuid.UUID, uow: UoW, policy: Pol, body: s.LaunchIn | None = None) -> dict[str, Any]:
    return await _transition(uow, policy, campaign_id, "launch", body.launched_on if body else None)


@router.post("/campaigns/{campaign_id}/close", tags=["campaigns"], summary="Close: stop receiving")
async def close(campaign_id: uuid.UUID, uow: UoW, policy: Pol, body: s.CloseIn | None = None) -> dict[str, Any]:
    return await _transition(uow, policy, campaign_id, "close", body.closed_on if body else None)


@router.post("/campaigns/{campaign_id}/settle", tags=["campaigns"], summary="Settle: distribution finished")
async def settle(campaign_id: uuid.UUID, uow: UoW, policy: Pol, body: s.SettleIn | None = None) -> dict[str, Any]:
    return await _transition(uow, policy, campaign_id, "settle", body.settled_on if body else None)


@router.post("/campaigns/{campaign_id}/cancel", tags=["campaigns"], summary="Cancel a draft or launched campaign")
async def cancel(campaign_id: uuid.UUID, uow: UoW, policy: Pol, body: s.CancelIn | None = None) -> dict[str, Any]:
    return await _transition(
        uow, policy, campaign_id, "cancel", body.cancelled_on if body else None, body.reason if body else ""
    )


@router.get(
    "/campaigns/{campaign_id}/beneficiaries/public",
    tags=["transparency"],
    summary="Public beneficiary list (Decree 93): name, commune and support received only",
)
async def public_beneficiaries(campaign_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    items = await beneficiaries.public_list(conn, campaign_id)
    return {"campaign_id": campaign_id, "count": len(items), "items": items}


# ------------------------------------------------------------------ beneficiaries


@router.post("/beneficiaries", status_code=201, tags=["beneficiaries"], summary="Register a household or person")
async def register_beneficiary(body: s.BeneficiaryIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    beneficiary_id = await beneficiaries.register(uow, policy, body.model_dump())
    await uow.commit()
    return await beneficiaries.get(BeneficiaryRepository(uow.conn), beneficiary_id)


@router.get("/beneficiaries", tags=["beneficiaries"], summary="Beneficiaries by unit, verification, address")
async def list_beneficiaries(
    conn: Conn,
    unit_id: uuid.UUID | None = None,
    verified: bool | None = None,
    humanitarian_address: bool | None = None,
    campaign_id: uuid.UUID | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    items = await beneficiaries.list_beneficiaries(
        BeneficiaryRepository(conn), unit_id, verified, humanitarian_address, campaign_id, limit, offset
    )
    return {"count": len(items), "items": items}


@router.get("/beneficiaries/{beneficiary_id}", tags=["beneficiaries"], summary="A beneficiary (personal data)")
async def get_beneficiary(beneficiary_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    return await beneficiaries.get(BeneficiaryRepository(conn), beneficiary_id)


@router.post("/beneficiaries/{beneficiary_id}/verify", tags=["beneficiaries"], summary="Record verification")
async def verify_beneficiary(beneficiary_id: uuid.UUID, body: s.VerifyIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await beneficiaries.verify(uow, policy, beneficiary_id, body.verified_by, body.verified_on)
    await uow.commit()
    return await beneficiaries.get(BeneficiaryRepository(uow.conn), beneficiary_id)


@router.post(
    "/beneficiaries/{beneficiary_id}/sponsorships",
    status_code=201,
    tags=["beneficiaries"],
    summary="Pair a sponsor with a verified humanitarian address",
)
async def add_sponsorship(beneficiary_id: uuid.UUID, body: s.SponsorshipIn, uow: UoW) -> dict[str, Any]:
    out = await beneficiaries.add_sponsorship(uow, beneficiary_id, body.model_dump())
    await uow.commit()
    return out


# ------------------------------------------------------------------ blood drives


@router.post(
    "/campaigns/{campaign_id}/blood-sessions",
    status_code=201,
    tags=["blood"],
    summary="Schedule a session of a blood drive",
)
async def schedule_session(campaign_id: uuid.UUID, body: s.BloodSessionIn, uow: UoW) -> dict[str, Any]:
    session_id = await blood.schedule_session(
        uow, campaign_id, held_on=body.held_on, place=body.place, capacity=body.capacity, unit_id=body.unit_id
    )
    await uow.commit()
    return await blood.get_session(BloodRepository(uow.conn), session_id)


@router.get("/campaigns/{campaign_id}/blood-sessions", tags=["blood"], summary="Sessions of a blood drive")
async def list_sessions(campaign_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    items = await blood.campaign_sessions(conn, campaign_id)
    return {"count": len(items), "items": items}


@router.get("/blood-sessions/{session_id}", tags=["blood"], summary="A session with places left")
async def get_session(session_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    return await blood.get_session(BloodRepository(conn), session_id)


@router.post(
    "/blood-sessions/{session_id}/registrations",
    status_code=201,
    tags=["blood"],
    summary="Register a donor (by opaque id) for a session",
)
async def register_donor(session_id: uuid.UUID, body: s.RegistrationIn, uow: UoW) -> dict[str, Any]:
    out = await blood.register_donor(
        uow, session_id, donor_ref=body.donor_ref, blood_group=body.blood_group, note=body.note
    )
    await uow.commit()
    return out
