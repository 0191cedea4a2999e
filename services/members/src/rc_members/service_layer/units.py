"""Use cases of the organisation tree: create, rename, move, merge, dissolve, and dated queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from rc_members.adapters.units_repo import UnitRepository
from rc_members.domain.units import UnitVersion, check_change_date, check_children_fit, check_no_cycle
from rc_members.service_layer.policy import Policy
from rc_members.service_layer.unit_of_work import MembersUnitOfWork, UnitRepo
from rc_shared.errors import Conflict, NotFound
from rc_shared.events.members import (
    MemberTransferred,
    RoleAssigned,
    RoleEnded,
    UnitCreated,
    UnitDissolved,
    UnitMerged,
    UnitMoved,
    UnitRenamed,
)
from rc_shared.uow import columns


async def _require_unit(repo: UnitRepo, unit_id: uuid.UUID) -> Any:
    row = await repo.get(unit_id)
    if row is None:
        raise NotFound(f"unit {unit_id} not found", unit_id=str(unit_id))
    return row


async def _referenced_unit(repo: UnitRepo, unit_id: uuid.UUID, on: date, what: str) -> UnitVersion:
    """A unit referenced in a request body must exist on the date (409 otherwise)."""
    v = await repo.as_of(unit_id, on)
    if v is None:
        exists = await repo.get(unit_id)
        why = "does not exist" if exists is None else f"did not exist (or was dissolved) on {on.isoformat()}"
        raise Conflict(f"{what} {unit_id} {why}", field=what, unit_id=str(unit_id))
    return v


async def create_unit(
    uow: MembersUnitOfWork,
    policy: Policy,
    *,
    code: str,
    name: str,
    level: str,
    parent_id: uuid.UUID | None,
    valid_from: date,
) -> uuid.UUID:
    repo = uow.units
    policy.levels.rank(level)
    if await repo.get_by_code(code) is not None:
        raise Conflict(f"a unit with code {code!r} already exists", unit_code=code)
    if parent_id is not None:
        parent = await _referenced_unit(repo, parent_id, valid_from, "parent_id")
        policy.levels.check_child(parent.level, level)
    unit_id = uuid.uuid4()
    await repo.insert_unit(unit_id, code)
    await repo.insert_version(UnitVersion(unit_id, name, level, parent_id, valid_from, None), "created")
    uow.emit(
        UnitCreated(unit_id=unit_id, valid_from=valid_from, code=code, name=name, level=level, parent_id=parent_id)
    )
    return unit_id


async def create_units_batch(
    uow: MembersUnitOfWork, policy: Policy, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Create many units (parents by ``parent_code`` or ``parent_id``). An existing code is left unchanged when the
    item says what its unit was on the item's ``valid_from`` (same name, level and parent: a tree file loaded
    again); otherwise the batch is refused (409 naming the item and what differs), not merged into another
    unit that has the code."""
    repo = uow.units
    codes = [i["code"] for i in items] + [i["parent_code"] for i in items if i.get("parent_code")]
    known = await repo.ids_by_code(codes)
    existing = await repo.versions_by_code([i["code"] for i in items if i["code"] in known])
    results: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        code = item["code"]
        parent_id = item.get("parent_id")
        if item.get("parent_code"):
            parent_id = known.get(item["parent_code"])
            if parent_id is None:
                raise Conflict(f"units[{n}]: parent_code {item['parent_code']!r} does not exist", index=n)
        if code in known:
            _same_unit(n, item, parent_id, existing.get(code, []))
            results.append({"index": n, "code": code, "status": "unchanged", "id": known[code]})
            continue
        try:
            unit_id = await create_unit(
                uow,
                policy,
                code=code,
                name=item["name"],
                level=item["level"],
                parent_id=parent_id,
                valid_from=item["valid_from"],
            )
        except Conflict as exc:
            raise Conflict(f"units[{n}] ({code}): {exc.message}", index=n, **exc.details) from exc
        known[code] = unit_id
        # the same code later in the batch: the same unit (unchanged), or another (refused)
        existing[code] = [UnitVersion(unit_id, item["name"], item["level"], parent_id, item["valid_from"], None)]
        results.append({"index": n, "code": code, "status": "created", "id": unit_id})
    return results


def _same_unit(n: int, item: dict[str, Any], parent_id: uuid.UUID | None, versions: list[UnitVersion]) -> None:
    """An item whose code exists must say what that unit was on its ``valid_from`` (409 otherwise)."""
    on: date = item["valid_from"]
    held = next((v for v in versions if v.holds_on(on)), None)
    if held is None:
        began = min((v.valid_from for v in versions), default=None)
        raise Conflict(
            f"units[{n}] ({item['code']}): a unit with this code exists, but not on {on.isoformat()}"
            + (f" (it began on {began.isoformat()})" if began else "")
            + ": use another code for another unit, or the date the existing unit began",
            index=n,
            unit_code=item["code"],
        )
    differs = [
        f"{what} {mine!r} where the existing unit has {theirs!r}"
        for what, mine, theirs in (
            ("name", item["name"], held.name),
            ("level", item["level"], held.level),
            ("parent", str(parent_id) if parent_id else None, str(held.parent_id) if held.parent_id else None),
        )
        if mine != theirs
    ]
    if differs:
        raise Conflict(
            f"units[{n}] ({item['code']}): a unit with this code already exists and differs on {on.isoformat()}: "
            + "; ".join(differs)
            + " (nothing was created: use another code for another unit; rename or move the existing one)",
            index=n,
            unit_code=item["code"],
        )


async def rename_unit(uow: MembersUnitOfWork, unit_id: uuid.UUID, *, name: str, valid_from: date) -> None:
    repo = uow.units
    await _require_unit(repo, unit_id)
    latest = await repo.latest(unit_id)
    check_change_date(latest, valid_from)
    assert latest is not None
    if latest.name == name:
        raise Conflict(f"the unit is already named {name!r}")
    await repo.change(unit_id, valid_from, name=name, level=latest.level, parent_id=latest.parent_id, change="renamed")
    uow.emit(UnitRenamed(unit_id=unit_id, valid_from=valid_from, name=name))


async def move_unit(
    uow: MembersUnitOfWork,
    policy: Policy,
    unit_id: uuid.UUID,
    *,
    parent_id: uuid.UUID | None,
    valid_from: date,
    level: str | None = None,
) -> None:
    repo = uow.units
    await _require_unit(repo, unit_id)
    latest = await repo.latest(unit_id)
    check_change_date(latest, valid_from)
    assert latest is not None
    new_level = level or latest.level
    policy.levels.rank(new_level)
    if parent_id is not None:
        if parent_id == unit_id:
            raise Conflict("a unit cannot be its own parent")
        parent = await _referenced_unit(repo, parent_id, valid_from, "parent_id")
        chain = await repo.ancestors(parent_id, valid_from)
        parents = {r["id"]: r["parent_id"] for r in chain}
        check_no_cycle(unit_id, parent_id, lambda u: parents.get(u))
        policy.levels.check_child(parent.level, new_level)
    children = await repo.children(unit_id, valid_from)
    check_children_fit(policy.levels, new_level, [c["level"] for c in children])
    if parent_id == latest.parent_id and new_level == latest.level:
        raise Conflict("the unit is already there", parent_id=str(parent_id) if parent_id else None)
    await repo.change(unit_id, valid_from, name=latest.name, level=new_level, parent_id=parent_id, change="moved")
    uow.emit(UnitMoved(unit_id=unit_id, valid_from=valid_from, parent_id=parent_id, level=new_level))


async def _end_unit(
    uow: MembersUnitOfWork,
    policy: Policy,
    unit_id: uuid.UUID,
    *,
    on: date,
    children_to: uuid.UUID | None,
    members_to: uuid.UUID | None,
    reason: str,
) -> uuid.UUID | None:
    """End the unit on ``on``; its heir (where its members went, else the unit it was under)."""
    repo = uow.units
    people = uow.people
    await _require_unit(repo, unit_id)
    latest = await repo.latest(unit_id)
    check_change_date(latest, on)
    assert latest is not None
    children = await repo.children(unit_id, on)
    memberships = await people.open_memberships_in_unit(unit_id)
    roles = await people.open_roles_in_unit(unit_id)
    if children and children_to is None:
        raise Conflict(
            f"the unit still has {len(children)} active child unit(s) on {on.isoformat()}: "
            "move them first or give reassign_children_to",
            children=len(children),
        )
    if (memberships or roles) and members_to is None:
        raise Conflict(
            f"the unit still has {len(memberships)} open membership(s) and {len(roles)} active role(s): "
            "give reassign_members_to",
            memberships=len(memberships),
            roles=len(roles),
        )
    subtree = set(await repo.subtree_ids(unit_id, on))
    for target_id, what in ((children_to, "reassign_children_to"), (members_to, "reassign_members_to")):
        if target_id is None:
            continue
        if target_id in subtree:
            raise Conflict(f"{what} must not be the unit itself or one of its descendants", field=what)
        await _referenced_unit(repo, target_id, on, what)
    if children and children_to is not None:
        target = await repo.as_of(children_to, on)
        assert target is not None
        for c in children:
            policy.levels.check_child(target.level, c["level"])
            child_latest = await repo.latest(c["id"])
            check_change_date(child_latest, on)
            await repo.change(c["id"], on, name=c["name"], level=c["level"], parent_id=children_to, change="moved")
            uow.emit(UnitMoved(unit_id=c["id"], valid_from=on, parent_id=children_to, level=c["level"]))
    if members_to is not None:
        for m in memberships:
            if m["status_since"] > on:
                raise Conflict(f"membership {m['id']} changed after {on.isoformat()}", membership_id=str(m["id"]))
            await people.change_membership(m["id"], on, unit_id=members_to, status=m["status"])
            uow.emit(
                MemberTransferred(
                    person_id=m["person_id"],
                    membership_id=m["id"],
                    from_unit_id=unit_id,
                    to_unit_id=members_to,
                    effective_on=on,
                )
            )
        await move_roles_to(uow, roles, members_to, on)
    # the heir of its former members' records (access): where its members went, else its parent; its groups
    # (clubs, teams) go on there: their later events carry the heir's id (UnitMerged, UnitDissolved)
    heir = members_to or latest.parent_id
    if heir is not None:
        await uow.groups.move_groups(unit_id, heir)
    await repo.end(unit_id, on, reason, members_to if reason == "merged" else None, heir)
    return heir


def check_roles_movable(roles: Sequence[Any], on: date) -> None:
    """Refused (409) when a role starts after the day it would move on."""
    for r in roles:
        if r["start_on"] > on:
            raise Conflict(
                f"role {r['id']} ({r['role']}) starts after {on.isoformat()}: it cannot move on that day",
                role_id=str(r["id"]),
            )


async def move_roles_to(uow: MembersUnitOfWork, roles: Sequence[Any], unit_id: uuid.UUID, on: date) -> list[uuid.UUID]:
    """Open roles moved to a unit from a day (a transfer, a unit's merge or dissolution): each ends on that
    day where it was and starts again there, so hours and counts follow the person (one role at a time).
    The new roles' ids."""
    check_roles_movable(roles, on)
    moved = []
    for r in roles:
        await uow.people.end_role(r["id"], on)
        new_id = uuid.uuid4()
        await uow.people.insert_role(new_id, r["person_id"], r["role"], unit_id, on)
        uow.emit(
            RoleEnded(person_id=r["person_id"], role_id=r["id"], role=r["role"], unit_id=r["unit_id"], end_on=on),
            RoleAssigned(person_id=r["person_id"], role_id=new_id, role=r["role"], unit_id=unit_id, start_on=on),
        )
        moved.append(new_id)
    return moved


async def merge_unit(
    uow: MembersUnitOfWork, policy: Policy, unit_id: uuid.UUID, *, into_unit_id: uuid.UUID, valid_from: date
) -> None:
    await _end_unit(
        uow, policy, unit_id, on=valid_from, children_to=into_unit_id, members_to=into_unit_id, reason="merged"
    )
    uow.emit(UnitMerged(unit_id=unit_id, valid_from=valid_from, into_unit_id=into_unit_id))


async def dissolve_unit(
    uow: MembersUnitOfWork,
    policy: Policy,
    unit_id: uuid.UUID,
    *,
    valid_from: date,
    reassign_children_to: uuid.UUID | None,
    reassign_members_to: uuid.UUID | None,
) -> None:
    heir = await _end_unit(
        uow,
        policy,
        unit_id,
        on=valid_from,
        children_to=reassign_children_to,
        members_to=reassign_members_to,
        reason="dissolved",
    )
    uow.emit(UnitDissolved(unit_id=unit_id, valid_from=valid_from, heir_unit_id=heir))


# ------------------------------------------------------------------ queries


def _unit_view(r: Any) -> dict[str, Any]:
    return columns(r, "id", "code", "name", "level", "parent_id", "parent_code", "valid_from", "valid_to")


async def list_units(
    repo: UnitRepository,
    as_of: date,
    level: str | None,
    parent_id: uuid.UUID | None,
    limit: int,
    offset: int,
    among: list[uuid.UUID] | None = None,
) -> list[dict[str, Any]]:
    """Units valid on ``as_of`` (only those in ``among`` when given: a user's subtree)."""
    return [_unit_view(r) for r in await repo.list_as_of(as_of, level, parent_id, limit, offset, among)]


async def get_unit(repo: UnitRepo, unit_id: uuid.UUID, as_of: date) -> dict[str, Any]:
    unit = await _require_unit(repo, unit_id)
    chain = await repo.ancestors(unit_id, as_of)
    if not chain:
        raise NotFound(
            f"unit {unit['code']} did not exist on {as_of.isoformat()} (see its history)",
            unit_id=str(unit_id),
            as_of=as_of.isoformat(),
        )
    v = await repo.as_of(unit_id, as_of)
    assert v is not None
    return {
        "id": unit_id,
        "code": unit["code"],
        "name": v.name,
        "level": v.level,
        "parent_id": v.parent_id,
        "valid_from": v.valid_from,
        "valid_to": v.valid_to,
        "as_of": as_of,
        "ended_on": unit["ended_on"],
        "end_reason": unit["end_reason"],
        "merged_into": unit["merged_into"],
        "path": [
            {"id": r["id"], "code": r["code"], "name": r["name"], "level": r["level"]} for r in reversed(chain[1:])
        ],
    }


async def unit_children(repo: UnitRepo, unit_id: uuid.UUID, as_of: date) -> list[dict[str, Any]]:
    await _require_unit(repo, unit_id)
    return [_unit_view(r) for r in await repo.children(unit_id, as_of)]


async def unit_history(repo: UnitRepo, unit_id: uuid.UUID) -> dict[str, Any]:
    unit = await _require_unit(repo, unit_id)
    return {
        "id": unit_id,
        "code": unit["code"],
        "ended_on": unit["ended_on"],
        "end_reason": unit["end_reason"],
        "merged_into": unit["merged_into"],
        "versions": [
            columns(r, "name", "level", "parent_id", "parent_code", "valid_from", "valid_to", "change")
            for r in await repo.history(unit_id)
        ],
    }
