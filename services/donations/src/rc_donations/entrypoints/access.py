"""Scope rules of the donations service: which unit a record belongs to, and whether it lies in the
user's subtree. What a *role* may do is checked by ``require(action)`` on each route (see the policy
table in :mod:`rc_donations.entrypoints.routes`); this module checks the *unit*.

- A campaign's ledger belongs to the campaign's organising unit; its participating units may read
  it too (totals, donation and distribution lists).
- A donation, pledge or distribution belongs to its own unit (the receiving / distributing unit,
  which the ledger only accepts when it is the organising or a participating unit) *and* to the
  campaign's organising unit, which is accountable for the whole ledger: either one in scope is
  enough to read it or, with the role, to correct it (reversals).
- Recording one needs the unit it is recorded for (the body's ``unit_id``; default: the organising
  unit) in scope: a participating commune records what it received, the organiser anything. A
  bank-statement import credits the organising unit, so it needs that one. A distribution also
  needs the beneficiary's unit in scope.
- A donor belongs to the units of their gifts and pledges (as above). Reading needs one of them in
  scope; erasure needs all of them (it anonymises every gift, so it is for a user whose subtree
  covers them all, or an organisation-wide admin). Outside the scope a donor does not exist: 404
  (personal data), and a body naming one (``donor.id``) gets the same 409 as an unknown donor.
- Out of scope otherwise: 403 (ledgers are public by Decree 93; record ids are opaque).

An unknown campaign or record passes the check, and the use case answers as it always did (404 or
409): existence of a campaign id is not a secret. Each check runs on its own short-lived connection
*before* the endpoint opens its connection or unit of work, so a request never holds a pooled
connection while waiting for another (the scope resolver takes its own). Organisation-wide users
(admins without a unit, or access control turned off) skip the checks and their lookups.

Every check here is ``async def check(request, <ids>)``, as in the other services: the lookups go
through this service's adapters, the answer comes from the shared helpers of :mod:`rc_shared.auth`.
"""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
from fastapi import Request

from rc_donations.adapters.ledgers import LedgerRecord, LedgerRepository
from rc_shared.auth import Forbidden, check_scope, in_scope, principal, require_any, scope_filter
from rc_shared.contact import masked_id_number
from rc_shared.errors import Conflict, NotFound
from rc_shared.runtime import connection as _connection


async def _ledger(request: Request, campaign_id: uuid.UUID) -> asyncpg.Record | None:
    async with _connection(request) as conn:
        return await LedgerRepository(conn).get(campaign_id)


async def read_ledger(request: Request, campaign_id: uuid.UUID) -> None:
    """The campaign's organising unit or one of its participating units must be in scope."""
    if scope_filter(request) is None:
        return
    row = await _ledger(request, campaign_id)
    if row is not None:
        units = [row["organising_unit_id"], *(row["participating_unit_ids"] or ())]
        await require_any(request, units, f"the ledger of campaign {campaign_id}")


async def record_for(request: Request, campaign_id: uuid.UUID, unit_id: uuid.UUID | None) -> None:
    """A new donation, pledge or distribution: the unit it is for (default: the organising unit)."""
    if scope_filter(request) is None:
        return
    row = await _ledger(request, campaign_id)
    if row is not None:
        await check_scope(request, unit_id or row["organising_unit_id"], "the unit this is recorded for")


async def organiser(request: Request, campaign_id: uuid.UUID) -> None:
    """The campaign's organising unit must be in scope (bank-statement import)."""
    if scope_filter(request) is None:
        return
    row = await _ledger(request, campaign_id)
    if row is not None:
        await check_scope(request, row["organising_unit_id"], f"campaign {campaign_id}")


async def record(request: Request, table: LedgerRecord, record_id: uuid.UUID, what: str) -> None:
    """An existing donation, pledge or distribution: its unit or its campaign's organising unit."""
    if scope_filter(request) is None:
        return
    async with _connection(request) as conn:
        row = await LedgerRepository(conn).record_units(table, record_id)
    if row is not None:
        await require_any(request, [row["unit_id"], row["organising_unit_id"]], f"{what} {record_id}")


async def beneficiary(request: Request, beneficiary_id: uuid.UUID) -> None:
    """A distribution's beneficiary (as known here from campaigns events): its unit in scope."""
    if scope_filter(request) is None:
        return
    async with _connection(request) as conn:
        row = await LedgerRepository(conn).beneficiary(beneficiary_id)
    if row is not None:
        await check_scope(request, row["unit_id"], f"beneficiary {beneficiary_id}")


async def _donor_visibility(request: Request, donor_id: uuid.UUID) -> tuple[int, int]:
    """(records of the donor, of which visible to the user)."""
    async with _connection(request) as conn:
        rows = await LedgerRepository(conn).donor_units(donor_id)
    visible = [await in_scope(request, [r["unit_id"], r["organising_unit_id"]]) for r in rows]
    return len(rows), sum(visible)


async def donor(request: Request, donor_id: uuid.UUID, *, all_records: bool = False) -> bool:
    """A donor: one of their gifts or pledges in scope (``all_records``: every one of them); whether every
    one of them is (an organisation-wide user: always).

    Not visible at all: 404, as for an unknown donor."""
    if scope_filter(request) is None:
        return True
    total, visible = await _donor_visibility(request, donor_id)
    if visible == 0:
        raise NotFound(f"donor {donor_id} not found")
    if all_records and visible < total:
        raise Forbidden(
            f"donor {donor_id} also gave through units outside your scope: erasure needs a user whose scope "
            "covers all of their gifts and pledges",
            scope_unit_id=str(scope_filter(request)),
        )
    return visible == total


PERSONAL = ("name", "phone", "id_number", "birth_date")


async def donor_within_scope(
    request: Request, record: dict[str, Any], complete: bool, anonymous_label: str
) -> dict[str, Any]:
    """A donor's record (:func:`~rc_donations.service_layer.donations.donor_record`) as the user may see it.

    A donor is one record across the organisation (a blood donor's interval counts every site), so a gift
    recorded in one unit may be matched to a donor who gave elsewhere. A user who sees only some of the
    donor's gifts (``complete`` False) gets those gifts and none of the personal details: naming a
    donor's identity number or phone in a gift of one's own unit must not open what other units hold."""
    gifts, pledges = record["donations"], record["pledges"]
    if not complete:
        gifts = [g for g in gifts if await in_scope(request, [g["unit_id"], g["organising_unit_id"]])]
        pledges = [p for p in pledges if await in_scope(request, [p["unit_id"], p["organising_unit_id"]])]
    shown = [{k: v for k, v in g.items() if k != "organising_unit_id"} for g in gifts]
    pledged = [{k: v for k, v in p.items() if k != "organising_unit_id"} for p in pledges]
    # (the public name too: with the donor's consent it is the name, and a gift may give that consent)
    withheld = {} if complete else dict.fromkeys(PERSONAL) | {"public_name": anonymous_label}
    if not keeps_records(request):
        # A read-only role (a report reader) keeps no donor's record: no phone or birth date, the identity
        # number masked as members and campaigns show it to that role, and no blood gifts (that a person
        # gives blood is health data, ADR 0002): the list is then not the donor's whole record.
        masked = masked_id_number(record["id_number"]) if complete else None
        withheld |= {"phone": None, "birth_date": None, "id_number": masked}
        kept = [g for g in shown if g["kind"] != "blood"]
        complete = complete and len(kept) == len(shown)
        shown = kept
    return record | withheld | {"donations": shown, "pledges": pledged, "complete": complete}


def keeps_records(request: Request) -> bool:
    """Whether the caller's role keeps the records it reads (may write them). A read-only role (viewer) reads
    no donor's contact details, full identity number or blood gifts, and notes only masked."""
    return principal(request).can("write")


async def named_donor(request: Request, donor_id: uuid.UUID | None) -> None:
    """A body citing an existing donor by id: the donor must be visible (else: 409 as unknown)."""
    if donor_id is None or scope_filter(request) is None:
        return
    _, visible = await _donor_visibility(request, donor_id)
    if visible == 0:
        raise Conflict(f"donor {donor_id} is not known (or was erased)", field="donor.id")
