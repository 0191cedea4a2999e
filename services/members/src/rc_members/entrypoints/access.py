"""Access control of the members service: what each endpoint needs and whose resources it reaches.

Every endpoint needs a bearer token (``rc_shared.auth``) and a role allowing its action; then the
unit the resource belongs to must lie in the user's subtree in the tree valid **today**, answered
from this service's own ``unit_versions`` (:class:`MembersScopeResolver`; the members service does
not consume its own ``members.units`` events). An organisation-wide token (admin, no ``unit_id``)
reaches everything; a resource that belongs to no unit is reachable by such tokens only.

Actions (``viewer``: read; ``data_entry``: + write; ``unit_manager``: + manage; ``admin``: all):

================================================== ======= ===================================================
Endpoint                                           Action  Scope: what must lie in the user's subtree
================================================== ======= ===================================================
POST   /units                                      manage  the parent (no parent, a new root: org-wide only)
POST   /units/batch                                manage  each new unit's parent (one of the batch or an
                                                           existing unit), each existing code's unit
GET    /units                                      read    ``parent_id`` if given (403 otherwise); the list is
                                                           restricted to the user's subtree
GET    /units/{unit_id}                            read    the unit
GET    /units/{unit_id}/children                   read    the unit
GET    /units/{unit_id}/history                    read    the unit
POST   /units/{unit_id}/rename                     manage  the unit
POST   /units/{unit_id}/move                       manage  the unit and the new parent (none: org-wide only)
POST   /units/{unit_id}/merge                      manage  the unit and ``into_unit_id``
POST   /units/{unit_id}/dissolve                   manage  the unit and the ``reassign_*`` targets
GET    /stats                                      read    ``unit_id``; without it: the user's own subtree
POST   /people                                     write   ``unit_id``, the registering unit (absent:
                                                           org-wide only)
GET    /people                                     read    ``unit_id`` if given (403 otherwise); the list holds
                                                           only people one of whose units is in the subtree
GET    /people/{person_id}                         read    the person (see below)
PATCH  /people/{person_id}                         write   the person
DELETE /people/{person_id}/personal-data           manage  the person (erasure)
POST   /people/{person_id}/death                   write   the person and the membership's unit (it ends)
POST   /people/{person_id}/consents                write   the person
POST   /people/{person_id}/consents/{id}/withdraw  write   the person
POST   /people/{person_id}/membership              write   the person and ``unit_id``
PATCH  /people/{person_id}/membership              write   the person and the membership's unit
PUT    /people/{person_id}/membership/fees/{year}  write   the person and the membership's unit
POST   /people/{person_id}/transfers               write   the membership's unit and ``to_unit_id`` (both
                                                           ends)
POST   /people/{person_id}/roles                   write   the person and ``unit_id``
POST   /people/{person_id}/roles/{role_id}/end     write   the person
POST   /people/{person_id}/hours                   write   the person
POST   /people/{person_id}/training                write   the person and ``unit_id``
POST   /groups                                     write   ``unit_id``
GET    /groups/{group_id}                          read    the group's unit
POST   /groups/{group_id}/members                  write   the group's unit and the person
POST   /groups/{group_id}/members/{pid}/remove     write   the group's unit and the person
POST   /courses                                    write   ``unit_id``
GET    /courses/{course_id}                        read    the course's unit
POST   /courses/{course_id}/attendance             write   the course's unit and the person
POST   /imports/members                            write   every row's unit (``unit_code``): one row outside
                                                           refuses the whole request (403, rows listed)
================================================== ======= ===================================================

A person's units (``PeopleRepository.scope_units``): the unit of the open membership and of every
role held today; if none, the unit of the latest membership, else of the latest role, else the
unit that registered the person (``POST /people``'s ``unit_id``; imported people: their row's
unit). A user reaches the person when any of those units is in the subtree, so a member of one
commune who volunteers in another is visible to both. What changes the membership itself (a transfer,
its status, a year's fee, a death, which ends it for good) needs the membership's unit in scope too, not
only a role's: a commune where the member volunteers cannot transfer them away from the commune they
belong to. A transfer needs both ends in scope: moving a member to another district is done by someone
whose scope covers both.

Order of answers: 401 (no or bad token), 403 (role lacks the action), 404 for an unknown person,
group or course (scoped users only; others get the use case's own 404), 403 when outside the
scope, then the use case's own checks (422, 409, ...). Health, metrics and the OpenAPI document
are not in the service router and stay public.

Every check here is ``async def check(request, <ids>)``, as in the other services: a scoped user's
lookups run through this service's adapters on their own short-lived connection, and the answer
comes from the shared helpers of :mod:`rc_shared.auth` (``check_scope``, ``require_any``,
``scope_units``) over :class:`MembersScopeResolver`. Organisation-wide users skip the lookups.

Dates: scope follows the tree valid today, except for a read of data as of another date
(``as_of``: ``GET /units``, ``/units/{id}``, ``/units/{id}/children``, ``/stats``, ``/groups/{id}``),
whose scope follows the tree valid on that date (``on=``, as every service does; see
``rc_shared.auth``): a district's user reads its former communes as of a day before the district
ended, and not as of a day after they left its subtree.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg
from fastapi import Request

from rc_members.adapters.groups_repo import GroupRepository
from rc_members.adapters.people_repo import PeopleRepository
from rc_members.adapters.units_repo import UnitRepository
from rc_shared import clock
from rc_shared.auth import check_scope, require_any, scope_filter, scope_units
from rc_shared.errors import NotFound
from rc_shared.runtime import connection as _connection


class MembersScopeResolver:
    """``within(root, unit, on)`` and ``subtree(root, on)`` from the members service's own dated tree,
    as of ``on`` (default: ``today()``)."""

    def __init__(self, pool: asyncpg.Pool, today: Callable[[], date] = clock.today) -> None:
        self.pool = pool
        self.today = today

    async def within(self, root: uuid.UUID, unit_id: uuid.UUID, on: date | None = None) -> bool:
        if root == unit_id:
            return True
        async with self.pool.acquire() as conn:
            return await UnitRepository(conn).within(root, unit_id, on or self.today())

    async def subtree(self, root: uuid.UUID, on: date | None = None) -> list[uuid.UUID]:
        async with self.pool.acquire() as conn:
            return await UnitRepository(conn).subtree_ids(root, on or self.today())


def scope_root(request: Request) -> uuid.UUID | None:
    """The root of the user's subtree (None: the whole organisation)."""
    return scope_filter(request)


async def unit(request: Request, unit_id: uuid.UUID | None, what: str = "the unit", *, on: date | None = None) -> None:
    """403 unless ``unit_id`` is in the user's subtree in the tree of ``on`` (None: today; a None unit:
    organisation-wide users only)."""
    await check_scope(request, unit_id, what, on=on)


async def subtree(request: Request, *, on: date | None = None) -> list[uuid.UUID] | None:
    """The ids of the user's units in the tree of ``on`` (None: today; the result None: no restriction)."""
    return await scope_units(request, on=on)


async def person(request: Request, person_id: uuid.UUID) -> None:
    """403 unless one of the person's units (see the module docstring) is in the user's subtree."""
    if scope_filter(request) is None:
        return
    today: date = request.app.state.policy.today()
    async with _connection(request) as conn:
        found = await PeopleRepository(conn).scope_units(person_id, today)
    if found is None:
        raise NotFound(f"person {person_id} not found", person_id=str(person_id))
    await require_any(request, found, "the person")


async def membership(request: Request, person_id: uuid.UUID) -> None:
    """:func:`person`, and 403 unless the unit of the person's membership is in the user's subtree too: a
    person reached through a role they hold in the user's unit has a membership elsewhere that is another
    unit's to transfer, resign or mark paid. (No membership: the use case answers.)"""
    await person(request, person_id)
    if scope_filter(request) is None:
        return
    async with _connection(request) as conn:
        unit_id = await PeopleRepository(conn).membership_unit(person_id)
    if unit_id is not None:
        await check_scope(request, unit_id, "the membership's unit")


async def group(request: Request, group_id: uuid.UUID, *, on: date | None = None) -> None:
    """403 unless the group's unit is in the user's subtree in the tree of ``on`` (None: today; scoped
    users: 404 for an unknown group)."""
    await _owned(request, "group", group_id, GroupRepository.get_group, on)


async def course(request: Request, course_id: uuid.UUID) -> None:
    """403 unless the course's unit is in the user's subtree (scoped users: 404 for an unknown course)."""
    await _owned(request, "course", course_id, GroupRepository.get_course)


async def _owned(
    request: Request,
    what: str,
    resource_id: uuid.UUID,
    get: Callable[[GroupRepository, uuid.UUID], Awaitable[dict[str, Any] | None]],
    on: date | None = None,
) -> None:
    if scope_filter(request) is None:
        return
    async with _connection(request) as conn:
        found = await get(GroupRepository(conn), resource_id)
    if found is None:
        raise NotFound(f"{what} {resource_id} not found")
    await check_scope(request, found["unit_id"], f"the {what}'s unit", on=on)


async def unit_batch(request: Request, items: list[dict[str, Any]]) -> None:
    """Every new unit's parent and every existing code's unit must be in the user's subtree."""
    if scope_filter(request) is None:
        return
    codes = [i["code"] for i in items] + [i["parent_code"] for i in items if i.get("parent_code")]
    async with _connection(request) as conn:
        known = await UnitRepository(conn).ids_by_code(codes)
    new: set[str] = set()
    for n, item in enumerate(items):
        code = item["code"]
        if code in known:
            await check_scope(request, known[code], f"units[{n}] ({code})")
            continue
        new.add(code)
        parent_code = item.get("parent_code")
        if parent_code in new:
            continue  # a unit of this batch, itself checked
        if parent_code:
            if parent_code not in known:
                continue  # the use case refuses an unknown parent code (409)
            parent_id: uuid.UUID | None = known[parent_code]
        else:
            parent_id = item.get("parent_id")
        await check_scope(request, parent_id, f"units[{n}] ({code})'s parent")
