"""HTTP routes of the members service (thin: parse, check access, call a use case in a unit of work, answer).

Each route declares its action (``dependencies=auth.READ`` ...) and checks the scope of the
resource it touches before the use case runs: see :mod:`rc_members.entrypoints.access` for the
policy table.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from rc_members.adapters.groups_repo import GroupRepository
from rc_members.adapters.people_repo import PeopleRepository
from rc_members.adapters.units_repo import UnitRepository
from rc_members.domain.people import PAGE_MAX, hundredths
from rc_members.entrypoints import access
from rc_members.entrypoints import schemas as s
from rc_members.service_layer import groups, imports, people, units
from rc_members.service_layer.policy import Policy
from rc_members.service_layer.unit_of_work import SqlUnitOfWork
from rc_shared import api, auth
from rc_shared.api import SEARCH_PATTERN, AsOf, Limit, Offset, errors
from rc_shared.api import Connection as Conn
from rc_shared.contact import masked_id_number

router = APIRouter()
UoW = Annotated[SqlUnitOfWork, Depends(api.unit_of_work_dependency(SqlUnitOfWork))]
Pol = Annotated[Policy, Depends(api.policy)]
Year = Annotated[int, Path(ge=1900, le=2100)]


# ------------------------------------------------------------------------ units


@router.post(
    "/units",
    status_code=201,
    tags=["units"],
    summary="Create a unit of the organisation tree",
    dependencies=auth.MANAGE,
    response_model=s.UnitOut,
    responses=errors(404, 409),
)
async def create_unit(request: Request, body: s.UnitIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await access.unit(request, body.parent_id, "the parent unit")
    unit_id = await units.create_unit(
        uow,
        policy,
        code=body.code,
        name=body.name,
        level=body.level,
        parent_id=body.parent_id,
        valid_from=body.valid_from,
    )
    answer = await units.get_unit(uow.units, unit_id, body.valid_from)
    await uow.commit()
    return answer


@router.post(
    "/units/batch",
    tags=["units"],
    summary="Create many units (an existing code naming the same unit is left unchanged; another unit's: 409)",
    dependencies=auth.MANAGE,
    response_model=s.UnitBatchOut,
    responses=errors(409),
)
async def create_units_batch(request: Request, body: s.UnitBatchIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    items = [i.model_dump() for i in body.units]
    await access.unit_batch(request, items)
    results = await units.create_units_batch(uow, policy, items)
    await uow.commit()
    return {
        "created": sum(1 for r in results if r["status"] == "created"),
        "unchanged": sum(1 for r in results if r["status"] == "unchanged"),
        "results": results,
    }


@router.get(
    "/units",
    tags=["units"],
    summary="Units as of a date, by level and parent (in your scope)",
    dependencies=auth.READ,
    response_model=s.UnitsPageOut,
    responses=errors(404),
)
async def list_units(
    request: Request,
    conn: Conn,
    policy: Pol,
    as_of: AsOf,
    level: Annotated[str | None, Query(min_length=1, max_length=50)] = None,
    parent_id: uuid.UUID | None = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    if level is not None:
        policy.levels.rank(level)
    if parent_id is not None:
        await access.unit(request, parent_id, "parent_id", on=as_of)
    among = await access.subtree(request, on=as_of)
    items = await units.list_units(UnitRepository(conn), as_of, level, parent_id, limit, offset, among)
    return {"as_of": as_of, "count": len(items), "items": items, "limit": limit, "offset": offset}


@router.get(
    "/units/{unit_id}",
    tags=["units"],
    summary="A unit as of a date, with its ancestors",
    dependencies=auth.READ,
    response_model=s.UnitOut,
    responses=errors(404),
)
async def get_unit(request: Request, unit_id: uuid.UUID, conn: Conn, as_of: AsOf) -> dict[str, Any]:
    await access.unit(request, unit_id, on=as_of)
    return await units.get_unit(UnitRepository(conn), unit_id, as_of)


@router.get(
    "/units/{unit_id}/children",
    tags=["units"],
    summary="Child units as of a date",
    dependencies=auth.READ,
    response_model=s.UnitChildrenOut,
    responses=errors(404),
)
async def unit_children(request: Request, unit_id: uuid.UUID, conn: Conn, as_of: AsOf) -> dict[str, Any]:
    await access.unit(request, unit_id, on=as_of)
    items = await units.unit_children(UnitRepository(conn), unit_id, as_of)
    return {"as_of": as_of, "count": len(items), "items": items}


@router.get(
    "/units/{unit_id}/history",
    tags=["units"],
    summary="Every dated version of a unit",
    dependencies=auth.READ,
    response_model=s.UnitHistoryOut,
    responses=errors(404),
)
async def unit_history(request: Request, unit_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    await access.unit(request, unit_id)
    return await units.unit_history(UnitRepository(conn), unit_id)


@router.post(
    "/units/{unit_id}/rename",
    tags=["units"],
    summary="Rename a unit from a date",
    dependencies=auth.MANAGE,
    response_model=s.UnitOut,
    responses=errors(404, 409),
)
async def rename_unit(request: Request, unit_id: uuid.UUID, body: s.RenameIn, uow: UoW) -> dict[str, Any]:
    await access.unit(request, unit_id)
    await units.rename_unit(uow, unit_id, name=body.name, valid_from=body.valid_from)
    answer = await units.get_unit(uow.units, unit_id, body.valid_from)
    await uow.commit()
    return answer


@router.post(
    "/units/{unit_id}/move",
    tags=["units"],
    summary="Move a unit under another parent from a date",
    dependencies=auth.MANAGE,
    response_model=s.UnitOut,
    responses=errors(404, 409),
)
async def move_unit(request: Request, unit_id: uuid.UUID, body: s.MoveIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await access.unit(request, unit_id)
    await access.unit(request, body.parent_id, "the new parent unit")
    await units.move_unit(uow, policy, unit_id, parent_id=body.parent_id, valid_from=body.valid_from, level=body.level)
    answer = await units.get_unit(uow.units, unit_id, body.valid_from)
    await uow.commit()
    return answer


@router.post(
    "/units/{unit_id}/merge",
    tags=["units"],
    summary="Merge a unit into another (it ends)",
    dependencies=auth.MANAGE,
    response_model=s.UnitHistoryOut,
    responses=errors(404, 409),
)
async def merge_unit(request: Request, unit_id: uuid.UUID, body: s.MergeIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await access.unit(request, unit_id)
    await access.unit(request, body.into_unit_id, "into_unit_id")
    await units.merge_unit(uow, policy, unit_id, into_unit_id=body.into_unit_id, valid_from=body.valid_from)
    answer = await units.unit_history(uow.units, unit_id)
    await uow.commit()
    return answer


@router.post(
    "/units/{unit_id}/dissolve",
    tags=["units"],
    summary="Dissolve a unit (it ends)",
    dependencies=auth.MANAGE,
    response_model=s.UnitHistoryOut,
    responses=errors(404, 409),
)
async def dissolve_unit(
    request: Request, unit_id: uuid.UUID, body: s.DissolveIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.unit(request, unit_id)
    for target, what in (
        (body.reassign_children_to, "reassign_children_to"),
        (body.reassign_members_to, "reassign_members_to"),
    ):
        if target is not None:
            await access.unit(request, target, what)
    await units.dissolve_unit(
        uow,
        policy,
        unit_id,
        valid_from=body.valid_from,
        reassign_children_to=body.reassign_children_to,
        reassign_members_to=body.reassign_members_to,
    )
    answer = await units.unit_history(uow.units, unit_id)
    await uow.commit()
    return answer


@router.get(
    "/stats",
    tags=["units"],
    summary="Active members and roles as of a date (whole tree or a subtree; default: your scope)",
    dependencies=auth.READ,
    response_model=s.StatsOut,
    responses=errors(404),
)
async def stats(request: Request, conn: Conn, as_of: AsOf, unit_id: uuid.UUID | None = None) -> dict[str, Any]:
    if unit_id is None:
        unit_id = access.scope_root(request)
    else:
        await access.unit(request, unit_id, on=as_of)
    return await people.stats(conn, unit_id, as_of)


# ----------------------------------------------------------------------- people


@router.post(
    "/people",
    status_code=201,
    tags=["people"],
    summary="Register a person (consent required) for a unit",
    dependencies=auth.WRITE,
    response_model=s.PersonOut,
    response_model_exclude_unset=True,
    responses=errors(404, 409),
)
async def create_person(request: Request, body: s.PersonIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await access.unit(request, body.unit_id, "the registering unit (unit_id)")
    personal = body.model_dump(exclude={"consent", "unit_id"}, exclude_none=True)
    person_id = await people.register_person(
        uow,
        policy,
        personal=personal,
        consent_purpose=body.consent.purpose,
        consent_given_on=body.consent.given_on,
        unit_id=body.unit_id,
    )
    answer = await people.person_view(uow.people, person_id)
    await uow.commit()
    return answer


@router.get(
    "/people",
    tags=["people"],
    summary="Find people: accent-insensitive name search, filters, paging (in your scope)",
    response_model=s.PeoplePageOut,
    dependencies=auth.READ,
    responses=errors(404),
)
async def list_people(
    request: Request,
    conn: Conn,
    policy: Pol,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="A fragment of the name, with or without diacritics: 'nguyen van a' finds 'Nguyễn Văn An';"
            " or a whole phone or identity number, written any way ('+84 912 345 678', '095 190 001 234').",
            # No control character but whitespace (which the search collapses), as name_query checks.
            json_schema_extra={"pattern": SEARCH_PATTERN},
        ),
    ] = None,
    unit_id: Annotated[
        uuid.UUID | None, Query(description="Only people of this unit's subtree (it must be in your scope).")
    ] = None,
    status: Annotated[s.Status | None, Query(description="Status of the current membership.")] = None,
    role: Annotated[str | None, Query(min_length=1, max_length=50, description="A role held today.")] = None,
    fee_status: Annotated[s.FeeStatus | None, Query(description="Fee status of fee_year.")] = None,
    fee_year: Annotated[
        int | None, Query(ge=1900, le=2100, description="Year of fee_status (default: this year).")
    ] = None,
    after: Annotated[
        uuid.UUID | None, Query(description="The previous page's next_after: the page starts after that person.")
    ] = None,
    after_key: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=2000,  # (a name of 200 characters folds to at most 3 code points each)
            description="The previous page's next_after_key, with after: the page starts where the previous one "
            "ended, even if that person was renamed, erased or moved out of the listing since (nobody between is "
            "skipped; a person renamed is listed again under the new name if it sorts later). Without it, the "
            "person is looked up again by their name now.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=PAGE_MAX, description="People per page.")] = 50,
) -> dict[str, Any]:
    if unit_id is not None:
        await access.unit(request, unit_id, "unit_id")
    return await people.search_people(
        conn,
        policy,
        among=await access.subtree(request),
        unit_id=unit_id,
        q=q,
        status=status,
        role=role,
        fee_status=fee_status,
        fee_year=fee_year,
        after=after,
        after_key=after_key,
        limit=limit,
    )


@router.get(
    "/people/{person_id}",
    tags=["people"],
    summary="A person, memberships, roles, consents and training (health notes and the whole identity number only "
    "for roles that may write)",
    dependencies=auth.READ,
    response_model=s.PersonOut,
    response_model_exclude_unset=True,
    responses=errors(404),
)
async def get_person(request: Request, person_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    await access.person(request, person_id)
    view = await people.person_view(PeopleRepository(conn), person_id)
    if not auth.principal(request).can("write"):
        # Health notes are sensitive data (Law 91/2025): only the people who keep the record
        # (roles that may write it) read them; a read-only role never sees them, and sees the
        # identity number masked (its last 3 characters): a report reader has no use for it.
        view.pop("health_notes", None)
        if "id_number" in view:
            view["id_number"] = masked_id_number(view["id_number"])
    return view


@router.patch(
    "/people/{person_id}",
    tags=["people"],
    summary="Change personal data (needs an active consent)",
    dependencies=auth.WRITE,
    response_model=s.PersonOut,
    response_model_exclude_unset=True,
    responses=errors(404, 409),
)
async def patch_person(
    request: Request, person_id: uuid.UUID, body: s.PersonPatch, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.person(request, person_id)
    await people.update_person(uow, policy, person_id, s.dump(body))
    answer = await people.person_view(uow.people, person_id)
    await uow.commit()
    return answer


@router.delete(
    "/people/{person_id}/personal-data",
    tags=["people"],
    summary="Erase a person's personal data",
    dependencies=auth.MANAGE,
    response_model=s.ErasureOut,
    responses=errors(404, 409),
)
async def erase_person(request: Request, person_id: uuid.UUID, uow: UoW) -> dict[str, Any]:
    await access.person(request, person_id)
    erased_now = await people.erase(uow, person_id)
    await uow.commit()
    return {"id": person_id, "erased": True, "erased_now": erased_now}


@router.post(
    "/people/{person_id}/consents",
    status_code=201,
    tags=["people"],
    summary="Record a consent",
    dependencies=auth.WRITE,
    response_model=s.ConsentRecordedOut,
    responses=errors(404, 409),
)
async def add_consent(
    request: Request, person_id: uuid.UUID, body: s.ConsentIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.person(request, person_id)
    consent_id = await people.add_consent(uow, policy, person_id, purpose=body.purpose, given_on=body.given_on)
    await uow.commit()
    return {"id": consent_id, "person_id": person_id, "purpose": body.purpose, "given_on": body.given_on}


@router.post(
    "/people/{person_id}/consents/{consent_id}/withdraw",
    tags=["people"],
    summary="Withdraw a consent",
    dependencies=auth.WRITE,
    response_model=s.ConsentWithdrawnOut,
    responses=errors(404, 409),
)
async def withdraw_consent(
    request: Request, person_id: uuid.UUID, consent_id: uuid.UUID, body: s.WithdrawIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.person(request, person_id)
    await people.withdraw_consent(uow, policy, person_id, consent_id, withdrawn_on=body.withdrawn_on)
    await uow.commit()
    return {"id": consent_id, "withdrawn_on": body.withdrawn_on}


@router.post(
    "/people/{person_id}/membership",
    status_code=201,
    tags=["memberships"],
    summary="Start a membership",
    dependencies=auth.WRITE,
    response_model=s.MembershipStartedOut,
    responses=errors(404, 409),
)
async def start_membership(
    request: Request, person_id: uuid.UUID, body: s.MembershipIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.person(request, person_id)
    await access.unit(request, body.unit_id, "unit_id")
    mid = await people.start_membership(
        uow,
        policy,
        person_id,
        unit_id=body.unit_id,
        joined_on=body.joined_on,
        fee_status=body.fee_status,
        fee_year=body.fee_year,
        member_code=body.member_code,
    )
    await uow.commit()
    return {"id": mid, "person_id": person_id, "unit_id": body.unit_id, "status": "active"}


@router.patch(
    "/people/{person_id}/membership",
    tags=["memberships"],
    summary="Change the membership's status",
    dependencies=auth.WRITE,
    response_model=s.PersonOut,
    response_model_exclude_unset=True,
    responses=errors(404, 409),
)
async def change_status(
    request: Request, person_id: uuid.UUID, body: s.StatusIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.membership(request, person_id)
    await people.change_membership_status(uow, policy, person_id, status=body.status, effective_on=body.effective_on)
    answer = await people.person_view(uow.people, person_id)
    await uow.commit()
    return answer


@router.post(
    "/people/{person_id}/death",
    tags=["people"],
    summary="Record a person's death, member or volunteer: an open membership becomes deceased, roles end",
    dependencies=auth.WRITE,
    response_model=s.PersonOut,
    response_model_exclude_unset=True,
    responses=errors(404, 409),
)
async def record_death(
    request: Request, person_id: uuid.UUID, body: s.DeathIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.membership(request, person_id)
    await people.record_death(uow, policy, person_id, deceased_on=body.deceased_on)
    answer = await people.person_view(uow.people, person_id)
    await uow.commit()
    return answer


@router.put(
    "/people/{person_id}/membership/fees/{year}",
    tags=["memberships"],
    summary="Set a year's fee status",
    dependencies=auth.WRITE,
    response_model=s.FeeOut,
    responses=errors(404, 409),
)
async def set_fee(request: Request, person_id: uuid.UUID, year: Year, body: s.FeeIn, uow: UoW) -> dict[str, Any]:
    await access.membership(request, person_id)
    await people.set_fee_status(uow, person_id, year=year, fee_status=body.fee_status)
    await uow.commit()
    return {"person_id": person_id, "year": year, "fee_status": body.fee_status}


@router.post(
    "/people/{person_id}/transfers",
    tags=["memberships"],
    summary="Transfer the membership to a unit (both in your scope)",
    dependencies=auth.WRITE,
    response_model=s.TransferOut,
    responses=errors(404, 409),
)
async def transfer(request: Request, person_id: uuid.UUID, body: s.TransferIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await access.membership(request, person_id)
    await access.unit(request, body.to_unit_id, "to_unit_id")
    mid, moved = await people.transfer(
        uow, policy, person_id, to_unit_id=body.to_unit_id, effective_on=body.effective_on, move_roles=body.move_roles
    )
    await uow.commit()
    return {"membership_id": mid, "to_unit_id": body.to_unit_id, "effective_on": body.effective_on,
            "moved_role_ids": moved}  # fmt: skip


@router.post(
    "/people/{person_id}/roles",
    status_code=201,
    tags=["roles"],
    summary="Assign a role",
    dependencies=auth.WRITE,
    response_model=s.RoleAssignedOut,
    responses=errors(404, 409),
)
async def assign_role(request: Request, person_id: uuid.UUID, body: s.RoleIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    await access.person(request, person_id)
    await access.unit(request, body.unit_id, "unit_id")
    role_id = await people.assign_role(
        uow, policy, person_id, role=body.role, unit_id=body.unit_id, start_on=body.start_on
    )
    await uow.commit()
    return {
        "id": role_id,
        "person_id": person_id,
        "role": body.role,
        "unit_id": body.unit_id,
        "start_on": body.start_on,
    }


@router.post(
    "/people/{person_id}/roles/{role_id}/end",
    tags=["roles"],
    summary="End a role",
    dependencies=auth.WRITE,
    response_model=s.RoleEndedOut,
    responses=errors(404, 409),
)
async def end_role(
    request: Request, person_id: uuid.UUID, role_id: uuid.UUID, body: s.RoleEndIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.person(request, person_id)
    await people.end_role(uow, policy, person_id, role_id, end_on=body.end_on)
    await uow.commit()
    return {"id": role_id, "end_on": body.end_on}


@router.post(
    "/people/{person_id}/hours",
    status_code=201,
    tags=["roles"],
    summary="Log volunteer hours",
    dependencies=auth.WRITE,
    response_model=s.HoursOut,
    responses={**api.replayed(s.HoursOut), **errors(404, 409)},
)
async def log_hours(
    request: Request,
    response: Response,
    person_id: uuid.UUID,
    body: s.HoursIn,
    uow: UoW,
    policy: Pol,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            description="Sending the request again with the same key answers the entry it logged (200) instead of "
            "logging the hours twice (a form sent twice, a retry after a timeout). Keys are kept for good: a new UUID "
            "per new entry. The same key with another person, day or number of hours is a 422 naming Idempotency-Key.",
        ),
    ] = None,
) -> dict[str, Any]:
    await access.person(request, person_id)
    entry_id, logged = await people.log_hours(
        uow, policy, person_id, hours=body.hours, worked_on=body.worked_on, key=key
    )
    await uow.commit()
    if not logged:
        response.status_code = 200
    return {"id": entry_id, "person_id": person_id, "hours": hundredths(body.hours), "worked_on": body.worked_on}


@router.post(
    "/people/{person_id}/training",
    status_code=201,
    tags=["training"],
    summary="Record a training the person completed",
    dependencies=auth.WRITE,
    response_model=s.TrainingRecordedOut,
    responses=errors(404, 409),
)
async def record_training(
    request: Request, person_id: uuid.UUID, body: s.TrainingIn, uow: UoW, policy: Pol
) -> dict[str, Any]:
    await access.person(request, person_id)
    await access.unit(request, body.unit_id, "unit_id")
    training_id = await people.record_training(uow, policy, person_id, **body.model_dump())
    await uow.commit()
    return {
        "id": training_id,
        "person_id": person_id,
        "kind": body.kind,
        "completed_on": body.completed_on,
        "hours": hundredths(body.hours),  # (as stored)
    }


# ------------------------------------------------------------- groups, training


@router.post(
    "/groups",
    status_code=201,
    tags=["groups"],
    summary="Create a club or response team",
    dependencies=auth.WRITE,
    response_model=s.GroupOut,
    responses=errors(404, 409),
)
async def create_group(request: Request, body: s.GroupIn, uow: UoW) -> dict[str, Any]:
    await access.unit(request, body.unit_id, "unit_id")
    gid = await groups.create_group(uow, unit_id=body.unit_id, type=body.type, name=body.name, formed_on=body.formed_on)
    answer = await groups.group_view(uow.groups, gid, body.formed_on)
    await uow.commit()
    return answer


@router.get(
    "/groups/{group_id}",
    tags=["groups"],
    summary="A group and its members as of a date",
    dependencies=auth.READ,
    response_model=s.GroupOut,
    responses=errors(404),
)
async def get_group(request: Request, group_id: uuid.UUID, conn: Conn, as_of: AsOf) -> dict[str, Any]:
    await access.group(request, group_id, on=as_of)
    return await groups.group_view(GroupRepository(conn), group_id, as_of)


@router.post(
    "/groups/{group_id}/members",
    status_code=201,
    tags=["groups"],
    summary="Add a person to a group",
    dependencies=auth.WRITE,
    response_model=s.GroupMembershipOut,
    responses=errors(404, 409),
)
async def add_group_member(request: Request, group_id: uuid.UUID, body: s.GroupMemberIn, uow: UoW) -> dict[str, Any]:
    await access.group(request, group_id)
    await access.person(request, body.person_id)
    await groups.add_group_member(uow, group_id, person_id=body.person_id, joined_on=body.joined_on)
    await uow.commit()
    return {"group_id": group_id, "person_id": body.person_id, "joined_on": body.joined_on}


@router.post(
    "/groups/{group_id}/members/{person_id}/remove",
    tags=["groups"],
    summary="Remove a person from a group",
    dependencies=auth.WRITE,
    response_model=s.GroupLeftOut,
    responses=errors(404, 409),
)
async def remove_group_member(
    request: Request, group_id: uuid.UUID, person_id: uuid.UUID, body: s.GroupLeaveIn, uow: UoW
) -> dict[str, Any]:
    await access.group(request, group_id)
    await access.person(request, person_id)
    await groups.remove_group_member(uow, group_id, person_id, left_on=body.left_on)
    await uow.commit()
    return {"group_id": group_id, "person_id": person_id, "left_on": body.left_on}


@router.post(
    "/courses",
    status_code=201,
    tags=["training"],
    summary="Create a training course",
    dependencies=auth.WRITE,
    response_model=s.CourseOut,
    responses=errors(404, 409),
)
async def create_course(request: Request, body: s.CourseIn, uow: UoW) -> dict[str, Any]:
    await access.unit(request, body.unit_id, "unit_id")
    cid = await groups.create_course(
        uow, unit_id=body.unit_id, title=body.title, starts_on=body.starts_on, ends_on=body.ends_on, kind=body.kind
    )
    answer = await groups.course_view(uow.groups, cid)
    await uow.commit()
    return answer


@router.get(
    "/courses/{course_id}",
    tags=["training"],
    summary="A course and its attendance",
    dependencies=auth.READ,
    response_model=s.CourseOut,
    responses=errors(404),
)
async def get_course(request: Request, course_id: uuid.UUID, conn: Conn) -> dict[str, Any]:
    await access.course(request, course_id)
    return await groups.course_view(GroupRepository(conn), course_id)


@router.post(
    "/courses/{course_id}/attendance",
    tags=["training"],
    summary="Record a person's attendance",
    dependencies=auth.WRITE,
    response_model=s.AttendanceRecordedOut,
    responses=errors(404, 409),
)
async def record_attendance(request: Request, course_id: uuid.UUID, body: s.AttendanceIn, uow: UoW) -> dict[str, Any]:
    await access.course(request, course_id)
    await access.person(request, body.person_id)
    await groups.record_attendance(uow, course_id, person_id=body.person_id, attended=body.attended, passed=body.passed)
    await uow.commit()
    return {"course_id": course_id, "person_id": body.person_id, "attended": body.attended, "passed": body.passed}


# ----------------------------------------------------------------------- import


@router.post(
    "/imports/members",
    tags=["imports"],
    summary="Import members (at most 2000 rows per request; every row's unit in your scope)",
    dependencies=auth.WRITE,
    response_model=s.ImportOut,
    responses=errors(409),
)
async def import_members(request: Request, body: s.ImportIn, uow: UoW, policy: Pol) -> dict[str, Any]:
    among = await access.subtree(request)
    scope = set(among) if among is not None else None
    result = await imports.import_members(uow, policy, body.rows, first_row=body.first_row, scope=scope)
    await uow.commit()
    return {"source": body.source, **result}
