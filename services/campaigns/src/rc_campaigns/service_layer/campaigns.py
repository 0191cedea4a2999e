"""Use cases of campaigns: create and edit drafts, the lifecycle, queries with progress, overdue."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from rc_campaigns.domain.campaigns import (
    Action,
    Campaign,
    CampaignFilter,
    PeriodRules,
    allowed_actions,
    next_state,
    overdue,
)
from rc_campaigns.domain.progress import progress
from rc_campaigns.service_layer.policy import Policy
from rc_campaigns.service_layer.unit_of_work import CampaignRepo, CampaignsUnitOfWork
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.campaigns import CampaignDisclosureUpdated, Targets

_DATE_FIELD: dict[Action, str] = {
    "launch": "launched_on",
    "close": "closed_on",
    "settle": "settled_on",
    "cancel": "cancelled_on",
}


async def require(repo: CampaignRepo, campaign_id: uuid.UUID, *, for_update: bool = False) -> Campaign:
    c = await repo.get(campaign_id, for_update=for_update)
    if c is None:
        raise NotFound(f"campaign {campaign_id} not found", campaign_id=str(campaign_id))
    return c


async def _check_parent(repo: CampaignRepo, campaign_id: uuid.UUID, parent_id: uuid.UUID | None) -> None:
    if parent_id is None:
        return
    if parent_id == campaign_id:
        raise Invalid("a campaign cannot be its own parent", field="parent_campaign_id")
    if await repo.get(parent_id) is None:
        raise Invalid(f"parent campaign {parent_id} does not exist", field="parent_campaign_id")
    if campaign_id in await repo.ancestors(parent_id):
        raise Invalid(
            f"campaign {parent_id} is below this campaign: it cannot be its parent", field="parent_campaign_id"
        )


async def _check_code(repo: CampaignRepo, code: str, campaign_id: uuid.UUID) -> None:
    existing = await repo.id_by_code(code)
    if existing is not None and existing != campaign_id:
        raise Conflict(
            f"a campaign with code {code!r} already exists: {existing}", campaign_code=code, campaign_id=str(existing)
        )


async def _check_organiser(uow: CampaignsUnitOfWork, c: Campaign) -> None:
    """The organising unit is in the tree (learnt from members.units) on some day of the receiving period."""
    await uow.units.check_known({"organising_unit_id": c.organising_unit_id}, c.receiving_from, c.receiving_until)


def _targets(raw: dict[str, Any] | None) -> Targets:
    return Targets(**(raw or {}))


async def create_campaign(
    uow: CampaignsUnitOfWork, fields: dict[str, Any], rules: PeriodRules | None = None
) -> uuid.UUID:
    """A new draft (nothing is published: a draft is not public). ``rules``: its receiving period is
    checked as a launch checks it (a draft of 92 days could otherwise be made, and never launched)."""
    repo = uow.campaigns
    campaign_id = uuid.uuid4()
    await _check_code(repo, fields["code"], campaign_id)
    await _check_parent(repo, campaign_id, fields.get("parent_campaign_id"))
    c = Campaign(
        id=campaign_id,
        code=fields["code"],
        name=fields["name"],
        description=fields.get("description") or "",
        campaign_type=fields["campaign_type"],
        organising_unit_id=fields["organising_unit_id"],
        participating_unit_ids=list(dict.fromkeys(fields.get("participating_unit_ids") or [])),
        receiving_from=fields["receiving_from"],
        receiving_until=fields["receiving_until"],
        targets=_targets(fields.get("targets")),
        parent_campaign_id=fields.get("parent_campaign_id"),
    )
    if rules is not None:
        rules.check_period(c.receiving_from, c.receiving_until)
    await _check_organiser(uow, c)
    await repo.add(c)
    return campaign_id


async def update_draft(
    uow: CampaignsUnitOfWork, campaign_id: uuid.UUID, changes: dict[str, Any], rules: PeriodRules | None = None
) -> None:
    """Change a draft's fields (only the fields given); 409 once launched. ``rules``: a changed receiving
    period is checked as a launch checks it."""
    repo = uow.campaigns
    c = await require(repo, campaign_id, for_update=True)
    c.check_editable()
    if "code" in changes:
        await _check_code(repo, changes["code"], campaign_id)
    if "parent_campaign_id" in changes:
        await _check_parent(repo, campaign_id, changes["parent_campaign_id"])
    if "targets" in changes:
        merged = {**c.targets.model_dump(), **(changes.pop("targets") or {})}
        c.targets = Targets(**merged)
    if "participating_unit_ids" in changes:
        changes["participating_unit_ids"] = list(dict.fromkeys(changes["participating_unit_ids"] or []))
    if "description" in changes and changes["description"] is None:
        changes["description"] = ""
    updated = replace(c, **changes)
    if updated.receiving_until < updated.receiving_from:
        raise Invalid(
            f"receiving_until ({updated.receiving_until.isoformat()}) is before receiving_from "
            f"({updated.receiving_from.isoformat()})",
            field="receiving_until",
        )
    if rules is not None and changes.keys() & {"receiving_from", "receiving_until"}:
        rules.check_period(updated.receiving_from, updated.receiving_until)
    if changes.keys() & {"organising_unit_id", "receiving_from", "receiving_until"}:
        await _check_organiser(uow, updated)
    await repo.save(updated)


async def transition(
    uow: CampaignsUnitOfWork, policy: Policy, campaign_id: uuid.UUID, action: Action, on: date | None, reason: str = ""
) -> None:
    """Launch, close, settle or cancel; the event goes to the outbox in the same transaction. ``reason``:
    a cancellation's reason, or a settlement's remainder note."""
    repo = uow.campaigns
    c = await require(repo, campaign_id, for_update=True)
    today = policy.today()
    day = on or today
    next_state(c.state, action)  # the state first: a 409 says more than a 422 here
    window = policy.window(action)
    # a backdated close, or a launched campaign's backdated cancellation: the domain says why
    backdated_stop = day < today and (action == "close" or (action == "cancel" and c.state == "launched"))
    if window is not None and not backdated_stop:
        window.check(_DATE_FIELD[action], day, today)
    if action == "launch":
        event: Any = c.launch(day, policy.periods)
    elif action == "close":
        event = c.close(day, policy.periods, today)
    elif action == "settle":
        event = c.settle(day, await repo.holdings(campaign_id), reason)
    else:
        event = c.cancel(day, reason, today)
    await repo.save(c)
    uow.emit(event)


def _base_view(c: Campaign, policy: Policy) -> dict[str, Any]:
    return {
        "id": c.id,
        "code": c.code,
        "name": c.name,
        "description": c.description,
        "campaign_type": c.campaign_type,
        "organising_unit_id": c.organising_unit_id,
        "participating_unit_ids": c.participating_unit_ids,
        "receiving_from": c.receiving_from,
        "receiving_until": c.receiving_until,
        "targets": c.targets.model_dump(),
        "parent_campaign_id": c.parent_campaign_id,
        "state": c.state,
        "allowed_actions": allowed_actions(c.state),
        "launched_on": c.launched_on,
        "closed_on": c.closed_on,
        "settled_on": c.settled_on,
        "cancelled_on": c.cancelled_on,
        "cancel_reason": c.cancel_reason,
        "remainder_note": c.settle_note,
        "distribution_deadline": c.distribution_deadline,
    }


async def get_campaign(repo: CampaignRepo, policy: Policy, campaign_id: uuid.UUID) -> dict[str, Any]:
    c = await require(repo, campaign_id)
    view = _base_view(c, policy)
    totals = await repo.totals(campaign_id)
    view["progress"] = progress(c.targets, totals, await repo.reached(campaign_id))
    late = overdue(c.state, c.receiving_until, c.closed_on, policy.today(), policy.periods)
    view["overdue"] = None if late is None else {"reason": late.reason, "due_on": late.due_on, "action": late.action}
    return view


async def list_campaigns(
    repo: CampaignRepo,
    policy: Policy,
    where: CampaignFilter,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    rows = await repo.search(where, limit, offset)
    return [_base_view(c, policy) for c in rows]


async def overdue_campaigns(
    repo: CampaignRepo, policy: Policy, as_of: date, *, within: Sequence[uuid.UUID] | None = None
) -> list[dict[str, Any]]:
    out = []
    units = None if within is None else set(within)
    for c in await repo.open_or_closed():
        if units is not None and c.organising_unit_id not in units and units.isdisjoint(c.participating_unit_ids):
            continue
        late = overdue(c.state, c.receiving_until, c.closed_on, as_of, policy.periods)
        if late is not None:
            out.append(
                {
                    "id": c.id,
                    "code": c.code,
                    "name": c.name,
                    "campaign_type": c.campaign_type,
                    "organising_unit_id": c.organising_unit_id,
                    "state": c.state,
                    "receiving_until": c.receiving_until,
                    "closed_on": c.closed_on,
                    "reason": late.reason,
                    "action_needed": late.action,
                    "due_on": late.due_on,
                    "days_overdue": late.days_overdue,
                }
            )
    return out


async def set_disclosure(uow: CampaignsUnitOfWork, campaign_id: uuid.UUID, content: dict[str, Any]) -> None:
    """Replace the campaign's Decree 93 disclosure; the whole of it goes out in one event (in the outbox,
    same transaction), which the donations service shows on the public ledger."""
    await require(uow.campaigns, campaign_id, for_update=True)
    version = await uow.campaigns.save_disclosure(campaign_id, content)
    uow.emit(CampaignDisclosureUpdated(campaign_id=campaign_id, version=version, **content))


async def get_disclosure(repo: CampaignRepo, campaign_id: uuid.UUID) -> dict[str, Any]:
    """The campaign's disclosure (version 0 and empty lists: never published)."""
    await require(repo, campaign_id)
    d = await repo.disclosure(campaign_id)
    content = d["content"] if d else {}
    return {
        "campaign_id": campaign_id,
        "version": d["version"] if d else 0,
        "updated_at": d["updated_at"] if d else None,
        "call_documents": content.get("call_documents", []),
        "support_policy": content.get("support_policy"),
        "support_levels": content.get("support_levels", []),
        "receiving_points": content.get("receiving_points", []),
    }
