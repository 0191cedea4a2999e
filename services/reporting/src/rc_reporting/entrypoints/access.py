"""Access control of the reporting service.

Scopes come from the shared projection of the organisation tree (``scope_unit_versions``, kept by
``rc_shared.scope.units_consumer("reporting")`` from ``members.units``, answered by the default
``PgScopeResolver`` in the tree of the report's date). It is not part of ``rc-reporting rebuild``:
it is idempotent and emptying it would lock scoped users out while the rebuild runs.

==================================== ====== ==================================================================
Endpoint                             Action Scope
==================================== ====== ==================================================================
GET /reports/membership              read   ``unit_id`` in the user's subtree; without it a scoped user gets
                                            their own scope root (organisation-wide users: every root)
GET /reports/membership/units/{id}   read   the unit
GET /reports/status                  admin  none (operational counts of the projections, no unit's data)
GET /reports/campaigns/by-unit       read   as /reports/membership (``unit_id`` or the scope root)
GET /reports/campaigns/dashboard     read   as /reports/membership (``unit_id`` or the scope root)
GET /reports/campaigns/by-period     read   the campaign's organising unit or one of its participating
                                            units; without ``campaign_id`` (every campaign): organisation-
                                            wide users only
GET /reports/campaigns               public the campaign list (Decree 93/2021: totals are published)
GET /reports/campaigns/{id}          public one campaign's progress (Decree 93/2021)
==================================== ====== ==================================================================

A scoped user's period of flows (``period_to``) reaching past ``as_of`` is refused (403) when a unit the
report shows was outside the subtree on a day of the period, or ended during it (its row would show its
flows while elsewhere); a user whose unit heads the organisation is never refused. A report as of a date is
scope-checked in the tree valid on that date (``as_of``, default today;
``on=`` of ``rc_shared.auth``, as in every service): a district's user reads its former communes'
figures as of a day before the district ended, and a unit that ended before ``as_of`` is outside
every scoped user's subtree (organisation-wide users can still read it). A unit
just created in members is reachable by scoped users once ``reporting.scope-units`` has projected
it (normally within a second; 403 until then).

Every check here is ``async def check(request, <ids>)``, as in the other services: the lookups go
through this service's adapters on their own short-lived connection, the answer comes from the
shared helpers of :mod:`rc_shared.auth`.
"""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import Request

from rc_reporting.adapters import campaign_reports
from rc_shared import api
from rc_shared.auth import Forbidden, check_scope, require_any, scope_filter
from rc_shared.errors import NotFound
from rc_shared.runtime import connection as _connection
from rc_shared.scope import UnitTree


async def report_root(
    request: Request, unit_id: uuid.UUID | None, as_of: date, period_to: date | None = None
) -> uuid.UUID | None:
    """The top unit of a tree report as of ``as_of``: ``unit_id`` (403 outside the scope in the tree of
    that day) or the user's scope root. The tree of ``as_of`` lists the units in the subtree that day, and
    each one's own row gives its flows over the whole period: for a scoped user a period reaching past it
    (``period_to``, today at the latest) is refused (403 naming ``period_to``) when a unit the report shows
    was outside the user's subtree on some day of it (moved out, even if back later) or ended during it
    (what is booked to it afterwards went to an heir perhaps elsewhere). A user whose unit heads the
    organisation is never refused: nothing leaves it."""
    root = scope_filter(request)
    if unit_id is not None:
        await check_scope(request, unit_id, "the unit", on=as_of)
    top = unit_id if unit_id is not None else root
    end = None if period_to is None else min(period_to, api.as_of(request, None))
    if root is not None and top is not None and end is not None and end > as_of:
        await _still_within(request, root, top, as_of, end, period_to)
    return top


async def _still_within(
    request: Request, root: uuid.UUID, top: uuid.UUID, as_of: date, end: date, period_to: date | None
) -> None:
    resolver = request.app.state.scope_resolver
    shown = [u for u in await resolver.subtree(top, as_of) if u != root]  # (its own connection: before ours)
    async with _connection(request) as conn:
        tree = UnitTree(conn)
        if await tree.is_top(root, as_of):
            return
        changes = await tree.changes(shown, as_of, end)
    for unit, day, ended in changes:
        if ended or not await resolver.within(root, unit, day):
            raise Forbidden(
                f"period_to {period_to} is after as_of {as_of}, and a unit of your subtree on {as_of} "
                f"{'ended' if ended else 'was outside it'} on {day}: a unit-scoped user reads a unit's flows only "
                "while it is in the subtree (ask as of the period's end: as_of = period_to, or leave as_of out)",
                scope_unit_id=str(root),
                field="period_to",
                unit_id=str(unit),
            )


async def campaign(request: Request, campaign_id: uuid.UUID | None) -> None:
    """The campaign's organising unit or one of its participating units must be in the user's subtree."""
    root = scope_filter(request)
    if root is None:
        return
    if campaign_id is None:
        raise Forbidden("the report of every campaign is organisation-wide: give campaign_id", scope_unit_id=str(root))
    async with _connection(request) as conn:
        units = await campaign_reports.campaign_units(conn, campaign_id)
    if units is None:
        raise NotFound(
            f"campaign {campaign_id} is unknown: none of its events has been projected", campaign_id=str(campaign_id)
        )
    await require_any(request, units, "the campaign")
