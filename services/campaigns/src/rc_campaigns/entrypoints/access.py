"""Scope rules of the campaigns service: which unit a resource belongs to, and whether it lies in the
user's subtree. What a *role* may do is checked by ``require(action)`` on each route (see the policy
table in :mod:`rc_campaigns.entrypoints.routes`); this module checks the *unit*.

- A campaign belongs to its organising unit. Its participating units may read it too; changing it
  (edit, lifecycle) needs the organising unit in scope. Out of scope: 403 (campaign names and
  existence are not secret: launched campaigns are on the public pages).
- A beneficiary belongs to its unit. Outside the scope it does not exist: 404 with the same answer
  as an unknown id (it is personal data; its existence is not disclosed).
- Duplicate detection for beneficiaries is organisation-wide; its 409 names the existing
  beneficiary only when its unit is in scope (otherwise: "exists elsewhere", and whom to contact).
- A blood session belongs to its own unit (default: the organising unit) and to its campaign's
  organising unit: either one in scope is enough to read it and register donors. Scheduling one
  needs its unit in scope and the campaign readable (so a participating unit schedules its own
  sessions, an organiser those of units in its subtree).
- Listings are restricted to the user's subtree; an explicit ``unit_id`` filter must be in scope.

Each check runs on its own short-lived connection *before* the endpoint opens its connection or
unit of work, so a request never holds one pooled connection while waiting for another (the scope
resolver takes its own). Organisation-wide users (admins without a unit, or access control turned
off) skip the checks and their lookups entirely.

Every check here is ``async def check(request, <ids>)``, as in the other services: the lookups go
through this service's adapters, the answer comes from the shared helpers of :mod:`rc_shared.auth`
(``check_scope``, ``require_any``, ``in_scope``, ``scope_units``).
"""

from __future__ import annotations

import uuid

from fastapi import Request

from rc_campaigns.adapters.beneficiaries_repo import BeneficiaryRepository
from rc_campaigns.adapters.blood_repo import BloodRepository
from rc_campaigns.adapters.campaigns_repo import CampaignRepository
from rc_campaigns.domain.beneficiaries import DuplicateBeneficiary
from rc_campaigns.domain.campaigns import Campaign
from rc_shared.auth import check_scope, in_scope, require_any, scope_filter, scope_units
from rc_shared.errors import Conflict, NotFound
from rc_shared.runtime import connection as _connection


async def _campaign(request: Request, campaign_id: uuid.UUID) -> Campaign | None:
    async with _connection(request) as conn:
        return await CampaignRepository(conn).get(campaign_id)


async def read_campaign(request: Request, campaign_id: uuid.UUID) -> None:
    """The campaign's organising unit or one of its participating units must be in scope.

    An unknown campaign passes: the use case answers 404 as it always did."""
    if scope_filter(request) is None:
        return
    c = await _campaign(request, campaign_id)
    if c is not None:
        await require_any(request, [c.organising_unit_id, *c.participating_unit_ids], f"campaign {campaign_id}")


async def change_campaign(request: Request, campaign_id: uuid.UUID) -> Campaign | None:
    """The campaign's organising unit must be in scope (edits and the lifecycle)."""
    if scope_filter(request) is None:
        return None
    c = await _campaign(request, campaign_id)
    if c is not None:
        await check_scope(request, c.organising_unit_id, f"campaign {campaign_id}")
    return c


async def beneficiary(request: Request, beneficiary_id: uuid.UUID) -> None:
    """The beneficiary's unit must be in scope; otherwise it is "not found" (personal data)."""
    if scope_filter(request) is None:
        return
    async with _connection(request) as conn:
        row = await BeneficiaryRepository(conn).get(beneficiary_id)
    if row is not None and not await in_scope(request, [row["unit_id"]]):
        raise NotFound(f"beneficiary {beneficiary_id} not found", beneficiary_id=str(beneficiary_id))


async def duplicate(request: Request, dup: DuplicateBeneficiary) -> Conflict:
    """The answer to a duplicate registration: naming the existing beneficiary if its unit is in scope,
    otherwise only that one exists elsewhere and whom to contact (its existence there is personal data).
    Called after the unit of work is closed, like every check here."""
    return dup.naming() if await in_scope(request, [dup.existing_unit_id]) else dup


async def blood_session(request: Request, session_id: uuid.UUID) -> None:
    """The session's unit or its campaign's organising unit must be in scope."""
    if scope_filter(request) is None:
        return
    async with _connection(request) as conn:
        row = await BloodRepository(conn).get_session(session_id)
        c = await CampaignRepository(conn).get(row["campaign_id"]) if row is not None else None
    if row is not None:
        organiser = c.organising_unit_id if c is not None else None
        await require_any(request, [row["unit_id"], organiser], f"blood session {session_id}")


async def unit(request: Request, unit_id: uuid.UUID, what: str) -> None:
    """A unit named in a request body (a new resource's unit) must be in scope."""
    if scope_filter(request) is not None:
        await check_scope(request, unit_id, what)


async def listing(request: Request, unit_id: uuid.UUID | None) -> list[uuid.UUID] | None:
    """The units a listing is restricted to (None: no restriction).

    An explicit ``unit_id`` filter must be in scope (403) and is then restriction enough; without
    one, a scoped user sees the resources of every unit in their subtree."""
    if scope_filter(request) is None:
        return None
    if unit_id is not None:
        await check_scope(request, unit_id, f"unit {unit_id}")
        return None
    return await scope_units(request)


async def schedule_session(request: Request, campaign_id: uuid.UUID, unit_id: uuid.UUID | None) -> None:
    """A new blood session: the campaign readable, and the session's unit (default: the organising
    unit) in scope."""
    if scope_filter(request) is None:
        return
    c = await _campaign(request, campaign_id)
    if c is not None:
        await require_any(request, [c.organising_unit_id, *c.participating_unit_ids], f"campaign {campaign_id}")
        await check_scope(request, unit_id or c.organising_unit_id, "the session's unit")
