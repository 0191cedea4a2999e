"""HTTP routes of the campaigns service (thin: check access, call a use case in a unit of work, answer).

Access policy (role action via ``require``; scope rule via :mod:`rc_campaigns.entrypoints.access`):

=======  ==========================================  ======  =================================================
method   path                                        action  scope
=======  ==========================================  ======  =================================================
POST     /campaigns                                  write   body organising_unit_id in scope (403)
GET      /campaigns                                  read    listed: organising/participating unit in subtree;
                                                             an explicit unit_id filter must be in scope (403)
GET      /campaigns/overdue                          read    as the listing (same unit_id filter)
GET      /campaigns/{campaign_id}                    read    organising or a participating unit (403)
PATCH    /campaigns/{campaign_id}                    write   organising unit, and a new one, in scope (403)
POST     /campaigns/{campaign_id}/launch|close|      manage  organising unit (403)
         settle|cancel
GET      /campaigns/{campaign_id}/beneficiaries/     public  none (Decree 93 disclosure, minimised)
         public
PUT      /campaigns/{campaign_id}/disclosure         manage  organising unit (403)
GET      /campaigns/{campaign_id}/disclosure         public  none (Decree 93 Art. 14 disclosure)
POST     /beneficiaries                              write   body unit_id (403); campaign_id, if any, readable;
                                                             a duplicate is named only if its unit is in scope
GET      /beneficiaries                              read    listed: unit in subtree; unit_id filter in scope
GET      /beneficiaries/{beneficiary_id}             read    its unit (404: personal data stays hidden)
PATCH    /beneficiaries/{beneficiary_id}             write   its unit (404); a verified one's name, identity
                                                             number or address: manage (403)
DELETE   /beneficiaries/{beneficiary_id}/personal... manage  its unit (404)
POST     /beneficiaries/{beneficiary_id}/verify      manage  its unit (404)
POST     /beneficiaries/{beneficiary_id}/sponsor...  manage  its unit (404)
POST     /campaigns/{campaign_id}/blood-sessions     write   campaign readable; session unit (default
                                                             organising unit) in scope (403)
GET      /campaigns/{campaign_id}/blood-sessions     read    campaign readable (403)
GET      /blood-sessions/{session_id}                read    session unit or campaign organiser (403)
POST     /blood-sessions/{session_id}/registrations  write   session unit or campaign organiser (403)
=======  ==========================================  ======  =================================================

Scope checks run before the endpoint takes its connection (see :mod:`~rc_campaigns.entrypoints.access`).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from rc_campaigns.adapters.beneficiaries_repo import BeneficiaryRepository
from rc_campaigns.adapters.blood_repo import BloodRepository
from rc_campaigns.adapters.campaigns_repo import CampaignRepository
from rc_campaigns.domain.beneficiaries import BeneficiaryFilter, DuplicateBeneficiary
from rc_campaigns.domain.campaigns import Action, CampaignFilter, State, campaign_query
from rc_campaigns.entrypoints import access
from rc_campaigns.entrypoints import schemas as s
from rc_campaigns.service_layer import beneficiaries, blood, campaigns
from rc_campaigns.service_layer.policy import Policy
from rc_campaigns.service_layer.unit_of_work import SqlUnitOfWork
from rc_shared import api
from rc_shared.api import AsOf, Limit, Offset, errors
from rc_shared.auth import MANAGE, READ, WRITE, principal
from rc_shared.contact import masked_id_number
from rc_shared.events.campaigns import CampaignType
from rc_shared.runtime import connection as _connection

router = APIRouter()
public_router = APIRouter()  # no token: the transparency pages


_unit_of_work = api.unit_of_work_of(SqlUnitOfWork)  # the service's repositories, events to the outbox
Pol = Annotated[Policy, Depends(api.policy)]


# ------------------------------------------------------------------ campaigns


@router.post(
    "/campaigns",
    status_code=201,
    tags=["campaigns"],
    summary="Create a draft campaign",
    dependencies=WRITE,
    response_model=s.CampaignOut,
    responses=errors(404, 409),
)
async def create_campaign(body: s.CampaignIn, request: Request, policy: Pol) -> dict[str, Any]:
    await access.unit(request, body.organising_unit_id, "organising_unit_id")
    async with _unit_of_work(request) as uow:
        campaign_id = await campaigns.create_campaign(uow, body.model_dump(), policy.periods)
        answer = await campaigns.get_campaign(uow.campaigns, policy, campaign_id)
        await uow.commit()
        return answer


@router.get(
    "/campaigns",
    tags=["campaigns"],
    summary="Campaigns by state, type, unit and code or name",
    dependencies=READ,
    response_model=s.CampaignsPageOut,
    responses=errors(404),
)
async def list_campaigns(
    request: Request,
    policy: Pol,
    state: State | None = None,
    campaign_type: Annotated[CampaignType | None, Query(alias="type")] = None,
    unit_id: Annotated[uuid.UUID | None, Query(description="Organising or participating unit.")] = None,
    parent_campaign_id: uuid.UUID | None = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description='A fragment of the code or name; diacritics and case are ignored ("tet nhan ai").',
        ),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    text = campaign_query(q) if q is not None else None
    within = await access.listing(request, unit_id)
    async with _connection(request) as conn:
        where = CampaignFilter(state, campaign_type, unit_id, parent_campaign_id, within, text)
        items = await campaigns.list_campaigns(CampaignRepository(conn), policy, where, limit, offset)
    return {"count": len(items), "items": items, "limit": limit, "offset": offset}


@router.get(
    "/campaigns/overdue",
    tags=["campaigns"],
    summary="Launched campaigns past their receiving period, closed ones past the distribution deadline",
    dependencies=READ,
    response_model=s.OverdueCampaignsOut,
    responses=errors(404),
)
async def overdue_campaigns(
    request: Request,
    policy: Pol,
    as_of: AsOf,
    unit_id: Annotated[uuid.UUID | None, Query(description="Organising or participating unit.")] = None,
) -> dict[str, Any]:
    day = as_of
    within = await access.listing(request, unit_id)
    if unit_id is not None:
        within = [unit_id]
    async with _connection(request) as conn:
        items = await campaigns.overdue_campaigns(CampaignRepository(conn), policy, day, within=within)
    return {"as_of": day, "count": len(items), "items": items}


@router.get(
    "/campaigns/{campaign_id}",
    tags=["campaigns"],
    summary="A campaign with its progress",
    dependencies=READ,
    response_model=s.CampaignOut,
    responses=errors(404),
)
async def get_campaign(campaign_id: uuid.UUID, request: Request, policy: Pol) -> dict[str, Any]:
    await access.read_campaign(request, campaign_id)
    async with _connection(request) as conn:
        return await campaigns.get_campaign(CampaignRepository(conn), policy, campaign_id)


@router.patch(
    "/campaigns/{campaign_id}",
    tags=["campaigns"],
    summary="Edit a draft campaign",
    dependencies=WRITE,
    response_model=s.CampaignOut,
    responses=errors(404, 409),
)
async def update_campaign(
    campaign_id: uuid.UUID, body: s.CampaignPatch, request: Request, policy: Pol
) -> dict[str, Any]:
    await access.change_campaign(request, campaign_id)
    if body.organising_unit_id is not None:
        await access.unit(request, body.organising_unit_id, "organising_unit_id")
    async with _unit_of_work(request) as uow:
        await campaigns.update_draft(uow, campaign_id, body.model_dump(exclude_unset=True), policy.periods)
        answer = await campaigns.get_campaign(uow.campaigns, policy, campaign_id)
        await uow.commit()
        return answer


async def _transition(
    request: Request, policy: Policy, campaign_id: uuid.UUID, action: Action, on: date | None, reason: str = ""
) -> dict[str, Any]:
    await access.change_campaign(request, campaign_id)
    async with _unit_of_work(request) as uow:
        await campaigns.transition(uow, policy, campaign_id, action, on, reason)
        answer = await campaigns.get_campaign(uow.campaigns, policy, campaign_id)
        await uow.commit()
        return answer


@router.post(
    "/campaigns/{campaign_id}/launch",
    tags=["campaigns"],
    summary="Launch: start receiving",
    dependencies=MANAGE,
    response_model=s.CampaignOut,
    responses=errors(404, 409),
)
async def launch(
    campaign_id: uuid.UUID, request: Request, policy: Pol, body: s.LaunchIn | None = None
) -> dict[str, Any]:
    return await _transition(request, policy, campaign_id, "launch", body.launched_on if body else None)


@router.post(
    "/campaigns/{campaign_id}/close",
    tags=["campaigns"],
    summary="Close: stop receiving",
    dependencies=MANAGE,
    response_model=s.CampaignOut,
    responses=errors(404, 409),
)
async def close(campaign_id: uuid.UUID, request: Request, policy: Pol, body: s.CloseIn | None = None) -> dict[str, Any]:
    return await _transition(request, policy, campaign_id, "close", body.closed_on if body else None)


@router.post(
    "/campaigns/{campaign_id}/settle",
    tags=["campaigns"],
    summary="Settle: distribution finished",
    dependencies=MANAGE,
    response_model=s.CampaignOut,
    responses=errors(404, 409),
)
async def settle(
    campaign_id: uuid.UUID, request: Request, policy: Pol, body: s.SettleIn | None = None
) -> dict[str, Any]:
    return await _transition(
        request, policy, campaign_id, "settle", body.settled_on if body else None, body.remainder_note if body else ""
    )


@router.post(
    "/campaigns/{campaign_id}/cancel",
    tags=["campaigns"],
    summary="Cancel a draft or launched campaign",
    dependencies=MANAGE,
    response_model=s.CampaignOut,
    responses=errors(404, 409),
)
async def cancel(
    campaign_id: uuid.UUID, request: Request, policy: Pol, body: s.CancelIn | None = None
) -> dict[str, Any]:
    return await _transition(
        request, policy, campaign_id, "cancel", body.cancelled_on if body else None, body.reason if body else ""
    )


@router.put(
    "/campaigns/{campaign_id}/disclosure",
    tags=["transparency"],
    summary="Publish the Decree 93 disclosure: call documents, support policy and levels, receiving points",
    dependencies=MANAGE,
    response_model=s.DisclosureOut,
    responses=errors(404),
)
async def put_disclosure(campaign_id: uuid.UUID, body: s.DisclosureIn, request: Request) -> dict[str, Any]:
    await access.change_campaign(request, campaign_id)
    async with _unit_of_work(request) as uow:
        await campaigns.set_disclosure(uow, campaign_id, body.model_dump(mode="json"))
        answer = await campaigns.get_disclosure(uow.campaigns, campaign_id)
        await uow.commit()
        return answer


@public_router.get(
    "/campaigns/{campaign_id}/disclosure",
    tags=["transparency"],
    summary="The Decree 93 disclosure of a campaign (public)",
    response_model=s.DisclosureOut,
    responses=errors(404),
)
async def get_disclosure(campaign_id: uuid.UUID, request: Request) -> dict[str, Any]:
    async with _connection(request) as conn:
        return await campaigns.get_disclosure(CampaignRepository(conn), campaign_id)


@public_router.get(
    "/campaigns/{campaign_id}/beneficiaries/public",
    tags=["transparency"],
    summary="Public beneficiary list (Decree 93): name, commune and support received only",
    response_model=s.PublicBeneficiariesOut,
    responses=errors(404),
)
async def public_beneficiaries(campaign_id: uuid.UUID, request: Request) -> dict[str, Any]:
    async with _connection(request) as conn:
        items = await beneficiaries.public_list(CampaignRepository(conn), BeneficiaryRepository(conn), campaign_id)
    return {"campaign_id": campaign_id, "count": len(items), "items": items}


# ------------------------------------------------------------------ beneficiaries


@router.post(
    "/beneficiaries",
    status_code=201,
    tags=["beneficiaries"],
    summary="Register a household or person",
    dependencies=WRITE,
    response_model=s.BeneficiaryOut,
    responses=errors(404, 409),
)
async def register_beneficiary(body: s.BeneficiaryIn, request: Request, policy: Pol) -> dict[str, Any]:
    await access.unit(request, body.unit_id, "unit_id")
    if body.campaign_id is not None:
        await access.read_campaign(request, body.campaign_id)
    try:
        async with _unit_of_work(request) as uow:
            beneficiary_id = await beneficiaries.register(uow, policy, body.model_dump())
            answer = await beneficiaries.get(uow.beneficiaries, beneficiary_id)
            await uow.commit()
            return answer
    except DuplicateBeneficiary as dup:
        raise await access.duplicate(request, dup) from None


@router.get(
    "/beneficiaries",
    tags=["beneficiaries"],
    summary="Beneficiaries by unit, verification, address",
    dependencies=READ,
    response_model=s.BeneficiariesPageOut,
    responses=errors(404),
)
async def list_beneficiaries(
    request: Request,
    unit_id: uuid.UUID | None = None,
    verified: bool | None = None,
    humanitarian_address: bool | None = None,
    campaign_id: uuid.UUID | None = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description='A fragment of the name, address or commune; diacritics and case are ignored ("nguyen thi'
            ' lan", "vinh trach").',
        ),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    text = campaign_query(q, "the name, address or commune") if q is not None else None
    within = await access.listing(request, unit_id)
    async with _connection(request) as conn:
        where = BeneficiaryFilter(unit_id, verified, humanitarian_address, campaign_id, within, text)
        items = await beneficiaries.list_beneficiaries(BeneficiaryRepository(conn), where, limit, offset)
    items = [_as_seen_by(request, b) for b in items]
    return {"count": len(items), "items": items, "limit": limit, "offset": offset}


def _as_seen_by(request: Request, beneficiary: dict[str, Any]) -> dict[str, Any]:
    """A beneficiary as the caller may read it: a read-only role (viewer) gets neither the circumstances
    (they may include health: sensitive data, Law 91/2025) nor the notes, and the identity number
    masked, as the members service keeps a person's health notes to the roles that keep the record."""
    if principal(request).can("write"):
        return beneficiary
    seen = beneficiary | {
        "situation": None,
        "notes": None,
        "id_number": masked_id_number(beneficiary.get("id_number")),
    }
    if "sponsorships" in beneficiary:  # (a sponsor's own contact: personal data of someone else)
        seen["sponsorships"] = [sp | {"sponsor_contact": None} for sp in beneficiary["sponsorships"]]
    return seen


@router.get(
    "/beneficiaries/{beneficiary_id}",
    tags=["beneficiaries"],
    summary="A beneficiary (personal data)",
    dependencies=READ,
    response_model=s.BeneficiaryOut,
    responses=errors(404),
)
async def get_beneficiary(beneficiary_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.beneficiary(request, beneficiary_id)
    async with _connection(request) as conn:
        return _as_seen_by(request, await beneficiaries.get(BeneficiaryRepository(conn), beneficiary_id))


@router.patch(
    "/beneficiaries/{beneficiary_id}",
    tags=["beneficiaries"],
    summary="Correct a beneficiary's personal details (name, identity number, address, circumstances, notes)",
    dependencies=WRITE,
    response_model=s.BeneficiaryOut,
    responses=errors(404, 409),
)
async def correct_beneficiary(beneficiary_id: uuid.UUID, body: s.BeneficiaryPatch, request: Request) -> dict[str, Any]:
    await access.beneficiary(request, beneficiary_id)
    try:
        async with _unit_of_work(request) as uow:
            may_verify = principal(request).can("manage")
            await beneficiaries.correct(uow, beneficiary_id, body.model_dump(exclude_unset=True), may_verify=may_verify)
            answer = await beneficiaries.get(uow.beneficiaries, beneficiary_id)
            await uow.commit()
            return answer
    except DuplicateBeneficiary as dup:
        raise await access.duplicate(request, dup) from None


@router.delete(
    "/beneficiaries/{beneficiary_id}/personal-data",
    tags=["beneficiaries"],
    summary="Erase a beneficiary's personal data at their request (the record and its support stay)",
    dependencies=MANAGE,
    response_model=s.BeneficiaryErasedOut,
    responses=errors(404),
)
async def erase_beneficiary(beneficiary_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.beneficiary(request, beneficiary_id)
    async with _unit_of_work(request) as uow:
        erased = await beneficiaries.erase(uow, beneficiary_id)
        await uow.commit()
    return {"beneficiary_id": beneficiary_id, "erased": True, "already_erased": not erased}


@router.post(
    "/beneficiaries/{beneficiary_id}/campaigns",
    tags=["beneficiaries"],
    summary="Enrol a beneficiary registered before in a campaign too (a verifier's decision)",
    dependencies=MANAGE,
    response_model=s.EnrolmentOut,
    responses=errors(404, 409),
)
async def enrol_beneficiary(
    beneficiary_id: uuid.UUID, body: s.EnrolmentIn, request: Request, policy: Pol
) -> dict[str, Any]:
    """A household supported by an earlier appeal (its registration is refused as a duplicate) is supported by
    this one on the same record: its distributions may go to it, its verification stands. The role that may
    verify decides it (a verified household becomes the campaign's at once, as a verification makes it). The
    same request again changes nothing (``enrolled_now`` false)."""
    await access.beneficiary(request, beneficiary_id)
    await access.read_campaign(request, body.campaign_id)
    async with _unit_of_work(request) as uow:
        now = await beneficiaries.enrol(uow, policy, beneficiary_id, body.campaign_id)
        await uow.commit()
    return {"beneficiary_id": beneficiary_id, "campaign_id": body.campaign_id, "enrolled_now": now}


@router.post(
    "/beneficiaries/{beneficiary_id}/verify",
    tags=["beneficiaries"],
    summary="Record verification",
    dependencies=MANAGE,
    response_model=s.BeneficiaryOut,
    responses=errors(404, 409),
)
async def verify_beneficiary(
    beneficiary_id: uuid.UUID, body: s.VerifyIn, request: Request, policy: Pol
) -> dict[str, Any]:
    await access.beneficiary(request, beneficiary_id)
    async with _unit_of_work(request) as uow:
        await beneficiaries.verify(uow, policy, beneficiary_id, body.verified_by, body.verified_on)
        answer = await beneficiaries.get(uow.beneficiaries, beneficiary_id)
        await uow.commit()
        return answer


@router.post(
    "/beneficiaries/{beneficiary_id}/sponsorships",
    status_code=201,
    tags=["beneficiaries"],
    summary="Pair a sponsor with a verified humanitarian address",
    dependencies=MANAGE,
    response_model=s.SponsorshipAddedOut,
    responses=errors(404, 409),
)
async def add_sponsorship(beneficiary_id: uuid.UUID, body: s.SponsorshipIn, request: Request) -> dict[str, Any]:
    await access.beneficiary(request, beneficiary_id)
    async with _unit_of_work(request) as uow:
        out = await beneficiaries.add_sponsorship(uow, beneficiary_id, body.model_dump())
        await uow.commit()
    return out


# ------------------------------------------------------------------ blood drives


@router.post(
    "/campaigns/{campaign_id}/blood-sessions",
    status_code=201,
    tags=["blood"],
    summary="Schedule a session of a blood drive",
    dependencies=WRITE,
    response_model=s.BloodSessionOut,
    responses=errors(404, 409),
)
async def schedule_session(campaign_id: uuid.UUID, body: s.BloodSessionIn, request: Request) -> dict[str, Any]:
    await access.schedule_session(request, campaign_id, body.unit_id)
    async with _unit_of_work(request) as uow:
        session_id = await blood.schedule_session(
            uow, campaign_id, held_on=body.held_on, place=body.place, capacity=body.capacity, unit_id=body.unit_id
        )
        answer = await blood.get_session(uow.blood, session_id)
        await uow.commit()
        return answer


@router.get(
    "/campaigns/{campaign_id}/blood-sessions",
    tags=["blood"],
    summary="Sessions of a blood drive",
    dependencies=READ,
    response_model=s.BloodSessionsOut,
    responses=errors(404),
)
async def list_sessions(campaign_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.read_campaign(request, campaign_id)
    async with _connection(request) as conn:
        items = await blood.campaign_sessions(CampaignRepository(conn), BloodRepository(conn), campaign_id)
    return {"count": len(items), "items": items}


@router.get(
    "/blood-sessions/{session_id}",
    tags=["blood"],
    summary="A session with places left",
    dependencies=READ,
    response_model=s.BloodSessionOut,
    responses=errors(404),
)
async def get_session(session_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.blood_session(request, session_id)
    async with _connection(request) as conn:
        return await blood.get_session(BloodRepository(conn), session_id)


@router.post(
    "/blood-sessions/{session_id}/registrations",
    status_code=201,
    tags=["blood"],
    summary="Register a donor (by opaque id) for a session",
    dependencies=WRITE,
    response_model=s.RegistrationOut,
    responses=errors(404, 409),
)
async def register_donor(session_id: uuid.UUID, body: s.RegistrationIn, request: Request) -> dict[str, Any]:
    await access.blood_session(request, session_id)
    async with _unit_of_work(request) as uow:
        out = await blood.register_donor(
            uow, session_id, donor_ref=body.donor_ref, blood_group=body.blood_group, note=body.note
        )
        await uow.commit()
    return out
