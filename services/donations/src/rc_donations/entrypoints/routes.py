"""HTTP routes of the donations service (thin: check access, call a use case in a unit of work, answer).

Access policy (role action via ``require``; scope rule via :mod:`rc_donations.entrypoints.access`):

=======  ========================================  ======  ====================================================
method   path                                      action  scope
=======  ========================================  ======  ====================================================
POST     /campaigns/{campaign_id}/donations        write   body unit_id (default: organising unit) (403);
                                                           a cited donor.id must be visible (409 as unknown),
                                                           a cited pledge_id in scope as GET /pledges (403)
GET      /campaigns/{campaign_id}/donations        read    organising or a participating unit (403); a
                                                           read-only role reads the notes masked
GET      /donations/{donation_id}                  read    its unit or the campaign's organising unit (403)
GET      /donations/{donation_id}/receipt          read    as above (a read-only role: no name of who gave)
POST     /donations/{donation_id}/reversal         manage  as above
DELETE   /donations/{donation_id}/payer            manage  as above
POST     /campaigns/{campaign_id}/bank-statement   write   organising unit (rows are credited to it) (403)
POST     /campaigns/{campaign_id}/pledges          write   body unit_id (default: organising unit) (403);
                                                           a cited donor.id must be visible (409)
GET      /pledges/{pledge_id}                      read    its unit or the campaign's organising unit (403)
POST     /campaigns/{campaign_id}/distributions    manage  body unit_id (default: organising unit) and the
                                                           beneficiary's unit (403)
GET      /campaigns/{campaign_id}/distributions    read    organising or a participating unit (403)
GET      /distributions/{distribution_id}          read    its unit or the campaign's organising unit (403)
POST     /distributions/{distribution_id}/reversal manage  as above
GET      /campaigns/{campaign_id}/ledger           read    organising or a participating unit (403)
GET      /campaigns/{campaign_id}/public-ledger    public  none (Decree 93 disclosure; donors named only
                                                           with consent)
GET      /campaigns/{campaign_id}/public-ledger/summary|lines[.csv|.xlsx]
                                                   public  none (one line per movement, labels at read time)
PUT      /donors/{donor_id}/consent                manage  as DELETE /donors/{donor_id}
GET      /donors/{donor_id}                        read    one of the donor's gifts/pledges visible (404); a
                                                           user who sees only some: those gifts, no personal
                                                           details
DELETE   /donors/{donor_id}                        manage  every one of them visible (404 none, 403 some)
GET      /donors/{donor_id}/blood-eligibility      write   as GET /donors/{donor_id} (health data: a read-only
                                                           role reads no blood gifts)
=======  ========================================  ======  ====================================================

Scope checks run before the endpoint takes its connection (see :mod:`~rc_donations.entrypoints.access`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import asyncpg
import pydantic_core
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from rc_donations.domain.donations import Item
from rc_donations.domain.lines import LineFilter, check_filter
from rc_donations.domain.statement import Turn
from rc_donations.entrypoints import access
from rc_donations.entrypoints import schemas as s
from rc_donations.service_layer import distributions, donations, lines, pledges, reports, statement
from rc_donations.service_layer.commands import (
    DonorInput,
    Idempotency,
    RecordDistribution,
    RecordDonation,
    RecordPledge,
)
from rc_donations.service_layer.group_commit import GroupCommit
from rc_donations.service_layer.policy import Policy
from rc_shared import api, http_cache
from rc_shared.api import SEARCH_PATTERN, Limit, Offset, errors
from rc_shared.auth import MANAGE, READ, WRITE
from rc_shared.dates import Day as AnyDay
from rc_shared.errors import Unavailable
from rc_shared.notes import BLOOD_REASON, WITHHELD_GIFT_REASON, WITHHELD_REASON, mask_note
from rc_shared.runtime import connection as _connection
from rc_shared.runtime import unit_of_work as _unit_of_work

router = APIRouter()
public_router = APIRouter()  # no token: the Decree 93 public ledger
files_router = APIRouter()  # no token: its downloads and page (not JSON: no answer model)


Pol = Annotated[Policy, Depends(api.policy)]


def _intake(request: Request) -> GroupCommit[donations.PreparedDonation, donations.DonationOutcome]:
    return request.app.state.donation_intake  # type: ignore[no-any-return]


IdemKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description=(
            "Resending a request with the same key returns the original record (200) instead of a new one. Keys "
            "are one space for every client, endpoint and campaign, kept for good: send a new UUID per new "
            "request (or your system's name before its own reference: two systems' references may be alike). "
            "The same key with another body (or for another endpoint or campaign) is a 422 naming "
            "Idempotency-Key. A resend while the first request is still being written is answered with its "
            "outcome; while a request of another endpoint or campaign is being written with the key, a 409: "
            "retry it."
        ),
    ),
]


# json.dumps(..., sort_keys=True)'s encoder, built once rather than per keyed request: the canonical text
# (and so the hash stored with every Idempotency-Key) must never change
_CANONICAL = json.JSONEncoder(sort_keys=True)


# The fields each keyed request's hash covers: those its model had in 1.6.0, frozen here. A field a later
# release adds is left out, so a resend of a request first sent before that release (keys are kept for good,
# and deploys are when retry queues drain) is still the same request; and the hash is the one 1.6.0 stored,
# so a retry that reaches a pod of the previous release during a rollout matches too. Never add a field here.
_DONOR_FIELDS = {"type", "id", "name", "phone", "id_number", "birth_date", "consent_to_be_named"}
_GIFT_FIELDS = dict.fromkeys(
    ("received_on", "unit_id", "credited_unit_id", "credited_person_id", "description", "kind"), True
) | {"donor": _DONOR_FIELDS}
_DISTRIBUTION_FIELDS = ("beneficiary_id", "kind", "amount_vnd", "value_vnd", "distributed_on", "unit_id", "description",
                        "support_level", "decision_no", "support_kind", "quantity", "people_reached")  # fmt: skip
HASHED_FIELDS: dict[type[BaseModel], dict[str, Any]] = {
    s.CashDonationIn: _GIFT_FIELDS | dict.fromkeys(("amount_vnd", "channel", "bank_reference", "pledge_id"), True),
    s.InKindDonationIn: _GIFT_FIELDS
    | {"channel": True, "items": {"__all__": {"item", "quantity", "unit", "assessed_value_vnd"}}},
    s.BloodDonationIn: _GIFT_FIELDS | dict.fromkeys(("units", "blood_kind"), True),
    s.PledgeIn: dict.fromkeys(("amount_vnd", "instalments", "first_due_on", "interval_days", "unit_id"), True)
    | {"donor": _DONOR_FIELDS},
    s.DistributionIn: dict.fromkeys(_DISTRIBUTION_FIELDS, True),
}


def _idem(key: str | None, campaign_id: uuid.UUID, body: BaseModel) -> Idempotency | None:
    """The key and the hash of the request: its fields of :data:`HASHED_FIELDS`, with the campaign."""
    if key is None:
        return None
    fields = next((HASHED_FIELDS[c] for c in type(body).__mro__ if c in HASHED_FIELDS), None)
    if fields is None:  # a keyed route whose body has no frozen fields: a programming error, said as such
        raise LookupError(f"{type(body).__name__} has no fields frozen in HASHED_FIELDS")
    hashed = body.model_dump(mode="json", include=fields)
    canonical = _CANONICAL.encode({"campaign_id": str(campaign_id), "body": hashed})
    return Idempotency(key, hashlib.sha256(canonical.encode()).hexdigest())


def _donor(d: s.DonorIn | None) -> DonorInput | None:
    return None if d is None else DonorInput(**d.model_dump())


def _donation_cmd(body: s.CashDonationIn | s.InKindDonationIn | s.BloodDonationIn) -> RecordDonation:
    common: dict[str, Any] = {
        "kind": body.kind,
        "received_on": body.received_on,
        "donor": _donor(body.donor),
        "unit_id": body.unit_id,
        "credited_unit_id": body.credited_unit_id,
        "credited_person_id": body.credited_person_id,
        "description": body.description,
    }
    if isinstance(body, s.CashDonationIn):
        return RecordDonation(
            **common,
            amount_vnd=body.amount_vnd,
            channel=body.channel,
            # (kept without spaces, in capitals, by the command; the request as sent is what its
            # Idempotency-Key's hash covers, as it always did)
            bank_reference=body.bank_reference,
            pledge_id=body.pledge_id,
        )
    if isinstance(body, s.InKindDonationIn):
        items = [Item(i.item, i.quantity, i.unit, i.assessed_value_vnd) for i in body.items]
        return RecordDonation(**common, items=items, channel=body.channel)
    return RecordDonation(**common, blood_units=body.units, blood_kind=body.blood_kind, channel="blood_drive")


# ------------------------------------------------------------------------ donations


@router.post(
    "/campaigns/{campaign_id}/donations",
    status_code=201,
    tags=["donations"],
    summary="Record a contribution: cash, in kind or blood (201 new; 200 a resubmission)",
    dependencies=WRITE,
    response_model=s.DonationOut,
    responses={
        **api.replayed(
            s.DonationOut,
            "Also, with or without a key, a gift whose bank_reference is already recorded with the same kind, amount"
            " and received_on: that gift as it was recorded (this request's donor, channel and description are not"
            " applied to it).",
        ),
        **errors(404, 409),
    },
)
async def record_donation(
    campaign_id: uuid.UUID,
    body: s.DonationIn,
    request: Request,
    response: Response,
    key: IdemKey = None,
) -> dict[str, Any]:
    started = time.monotonic()  # the request's waits together stay within its bound (group_commit)
    policy: Policy = request.app.state.policy  # (not a dependency: each costs the hot route's every request)
    await access.record_for(request, campaign_id, body.unit_id)
    await access.named_donor(request, body.donor.id if body.donor else None)
    cmd, idem, hints = _donation_cmd(body), _idem(key, campaign_id, body), request.app.state.ledger_hints
    if cmd.pledge_id is not None:  # a pledge of a unit outside the user's scope: 403, as reading it
        await access.record(request, "pledges", cmd.pledge_id, "pledge")
    # usually decided against this process's ledger hint: no round trip before its batch (which reads the rest)
    prepared: donations.PreparedDonation | uuid.UUID | None = donations.prepare_hinted(
        policy, campaign_id, cmd, idem, hints
    )
    if prepared is None:
        async with _connection(request) as conn:
            prepared = await donations.prepare_donation(conn, policy, campaign_id, cmd, idem, hints)
    if isinstance(prepared, donations.PreparedDonation) and not prepared.checked:  # its intake, with others
        lane = donations.intake_lane(prepared, next(request.app.state.intake_turns))  # (parallel: no lock)
        prepared = await request.app.state.donation_intake_reads.submit((campaign_id, lane), prepared, started)
    if isinstance(prepared, uuid.UUID):
        outcome = donations.DonationOutcome(prepared, False)
    else:  # committed with the other donations to this campaign waiting now (one lock, one transaction)
        outcome = await _intake(request).submit(campaign_id, prepared, started)
    if outcome.view is not None:  # a new donation, answered from what its batch wrote
        return outcome.view
    response.status_code = 200
    async with _connection(request) as conn:
        return await donations.get_donation(conn, outcome.donation_id)


@router.get(
    "/campaigns/{campaign_id}/donations",
    tags=["donations"],
    summary="A campaign's donations by receipt (cursor paging with after, or offset)",
    dependencies=READ,
    response_model=s.DonationsPageOut,
    responses=errors(404),
)
async def list_donations(
    campaign_id: uuid.UUID,
    request: Request,
    limit: Limit = 1000,
    offset: Offset = 0,
    after: Annotated[
        int | None,
        Query(ge=0, le=2**62, description="A receipt number: the page continues after it (the previous next_after)."),
    ] = None,
) -> dict[str, Any]:
    await access.read_ledger(request, campaign_id)
    async with _connection(request) as conn:
        page = await donations.list_donations(conn, campaign_id, limit, offset, after)
    return page | {"items": [_as_seen_by(request, d) for d in page["items"]]}


def _as_seen_by(request: Request, donation: dict[str, Any]) -> dict[str, Any]:
    """A donation as the caller may read it: a read-only role reads its note masked as the public ledger
    shows it (a transfer's note usually carries the payer's name and phone), its reversal's reason as the
    event publishes it (:func:`_reason_seen`), and a blood gift without its donor (the donor's record would
    name who gave blood: health data that role does not read)."""
    if access.keeps_records(request):
        return donation
    seen = donation | {"description": mask_note(donation["description"])}
    if donation["reversal"] is not None:
        seen["reversal"] = donation["reversal"] | {
            "reason": _reason_seen(
                donation["kind"], donation["reversal"]["reason"], named=bool(donation.get("publicly_named"))
            )
        }
    if donation["kind"] == "blood":
        seen["donor_id"] = None
    return seen


def _reason_seen(kind: str, reason: str, *, named: bool) -> str:
    """A reversal's reason for a read-only role, as the reversal's event carries it: a blood gift's not at
    all (why a unit was voided is usually a test result), nor a distribution's (it names the recipient
    recorded by mistake), nor a gift's not publicly named (it may say whose it was); a named gift's with its
    phone, identity and account numbers masked."""
    if kind == "distribution":
        return WITHHELD_REASON
    if kind == "blood":
        return BLOOD_REASON
    return mask_note(reason) or "" if named else WITHHELD_GIFT_REASON


@router.get(
    "/donations/{donation_id}",
    tags=["donations"],
    summary="One donation",
    dependencies=READ,
    response_model=s.DonationOut,
    responses=errors(404),
)
async def get_donation(donation_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.record(request, "donations", donation_id, "donation")
    async with _connection(request) as conn:
        return _as_seen_by(request, await donations.get_donation(conn, donation_id))


@router.get(
    "/donations/{donation_id}/receipt",
    tags=["donations"],
    summary="The receipt of a donation",
    dependencies=READ,
    response_model=s.ReceiptOut,
    responses=errors(404),
)
async def get_receipt(donation_id: uuid.UUID, request: Request, policy: Pol) -> dict[str, Any]:
    await access.record(request, "donations", donation_id, "donation")

    async def donor_shown(donor_id: uuid.UUID | None) -> bool:
        """Whether the caller may read who gave: a role that keeps records, and for a donor on record one
        whose every gift is in scope (else the name on record may not be the one the caller was given)."""
        if not access.keeps_records(request):
            return False
        return donor_id is None or await access.donor(request, donor_id)

    async with _connection(request) as conn:
        out = await donations.receipt(conn, policy, donation_id, donor_shown)
    named = bool(out.pop("publicly_named"))
    if out["void_reason"] is not None and not access.keeps_records(request):
        out["void_reason"] = _reason_seen(out["kind"], out["void_reason"], named=named)
    return out


@router.post(
    "/donations/{donation_id}/reversal",
    status_code=201,
    tags=["donations"],
    summary="Reverse a donation (a correction entry; nothing is deleted)",
    dependencies=MANAGE,
    response_model=s.DonationReversedOut,
    responses=errors(404, 409),
)
async def reverse_donation(
    donation_id: uuid.UUID, body: s.DonationReversalIn, request: Request, policy: Pol
) -> dict[str, Any]:
    await access.record(request, "donations", donation_id, "donation")
    async with _unit_of_work(request) as uow:
        out = await donations.reverse_donation(uow, policy, donation_id, body.reason, body.blood_drawn)
        await uow.commit()
    return out


@router.post(
    "/campaigns/{campaign_id}/bank-statement",
    tags=["donations"],
    summary="Import bank-statement rows (deduplicated by bank_reference; safe to re-run)",
    dependencies=WRITE,
    response_model=s.StatementOut,
    responses=errors(404, 409, 503),
)
async def import_statement(campaign_id: uuid.UUID, body: s.StatementIn, request: Request, policy: Pol) -> Response:
    # The answer (a result per row, up to statement_max_rows) is serialised once by pydantic-core as the
    # service layer built it, every field of StatementOut in its order: the response model's JSON, without
    # validating thousands of rows into models first (a docstring here would change the OpenAPI document).
    batch = body.import_batch
    turn = None if batch is None else Turn(batch.import_id, batch.batch_no)
    await access.organiser(request, campaign_id)
    out = await statement.import_in_turn(lambda: _unit_of_work(request), policy, campaign_id, body.rows, turn)
    return Response(pydantic_core.to_json(out), media_type="application/json")


# ------------------------------------------------------------------------ pledges


@router.post(
    "/campaigns/{campaign_id}/pledges",
    status_code=201,
    tags=["pledges"],
    summary="Record a pledge with a schedule",
    dependencies=WRITE,
    response_model=s.PledgeOut,
    responses={**api.replayed(s.PledgeOut), **errors(404, 409)},
)
async def record_pledge(
    campaign_id: uuid.UUID,
    body: s.PledgeIn,
    request: Request,
    policy: Pol,
    response: Response,
    key: IdemKey = None,
) -> dict[str, Any]:
    await access.record_for(request, campaign_id, body.unit_id)
    await access.named_donor(request, body.donor.id if body.donor else None)
    cmd = RecordPledge(**body.model_dump(exclude={"donor"}), donor=_donor(body.donor))
    async with _unit_of_work(request) as uow:
        pledge_id, created = await pledges.record_pledge(uow, policy, campaign_id, cmd, _idem(key, campaign_id, body))
        answer = await pledges.get_pledge(uow.conn, policy, pledge_id)
        await uow.commit()
        if not created:
            response.status_code = 200
        return answer


@router.get(
    "/pledges/{pledge_id}",
    tags=["pledges"],
    summary="A pledge: paid vs pledged, instalments due",
    dependencies=READ,
    response_model=s.PledgeOut,
    responses=errors(404),
)
async def get_pledge(pledge_id: uuid.UUID, request: Request, policy: Pol) -> dict[str, Any]:
    await access.record(request, "pledges", pledge_id, "pledge")
    async with _connection(request) as conn:
        return await pledges.get_pledge(conn, policy, pledge_id)


# ------------------------------------------------------------------------ distributions


@router.post(
    "/campaigns/{campaign_id}/distributions",
    status_code=201,
    tags=["distributions"],
    summary="Give cash or goods to a verified beneficiary (never beyond the balance)",
    dependencies=MANAGE,
    response_model=s.DistributionOut,
    responses={**api.replayed(s.DistributionOut), **errors(404, 409)},
)
async def record_distribution(
    campaign_id: uuid.UUID,
    body: s.DistributionIn,
    request: Request,
    policy: Pol,
    response: Response,
    key: IdemKey = None,
) -> dict[str, Any]:
    await access.record_for(request, campaign_id, body.unit_id)
    await access.beneficiary(request, body.beneficiary_id)
    cmd = RecordDistribution(
        beneficiary_id=body.beneficiary_id,
        kind=body.kind,
        amount_vnd=body.vnd,
        distributed_on=body.distributed_on,
        unit_id=body.unit_id,
        description=body.description,
        support_level=body.support_level,
        decision_no=body.decision_no,
        support_kind=body.support_kind,
        quantity=body.quantity,
        people_reached=body.people_reached,
    )
    async with _unit_of_work(request) as uow:
        distribution_id, created = await distributions.record_distribution(
            uow, policy, campaign_id, cmd, _idem(key, campaign_id, body)
        )
        answer = await distributions.get_distribution(uow.conn, distribution_id)
        await uow.commit()
        if not created:
            response.status_code = 200
        return answer


@router.get(
    "/campaigns/{campaign_id}/distributions",
    tags=["distributions"],
    summary="A campaign's distributions (by date with offset, or as recorded with the cursor after)",
    dependencies=READ,
    response_model=s.DistributionsPageOut,
    responses=errors(404),
)
async def list_distributions(
    campaign_id: uuid.UUID,
    request: Request,
    limit: Limit = 1000,
    offset: Offset = 0,
    after: Annotated[
        int | None,
        Query(
            ge=0,
            le=2**62,
            description="A ledger line number (the previous page's next_after; 0 to start): the distributions "
            "recorded after it, in the order they were recorded, so that one dated back later is on a later page "
            "and none is read twice. Without it, pages by offset follow the distributions' dates.",
        ),
    ] = None,
    beneficiary_id: Annotated[
        uuid.UUID | None,
        Query(
            description="Only the distributions to this beneficiary, reversed ones included, by date (with offset; "
            "not with after). Since 1.12.0: ask it before recording one, to see whether the household was already "
            "given something in this campaign.",
        ),
    ] = None,
) -> dict[str, Any]:
    await access.read_ledger(request, campaign_id)
    async with _connection(request) as conn:
        page = await distributions.list_distributions(conn, campaign_id, limit, offset, after, beneficiary_id)
    return page | {"items": [_distribution_seen_by(request, d) for d in page["items"]]}


@router.get(
    "/distributions/{distribution_id}",
    tags=["distributions"],
    summary="One distribution",
    dependencies=READ,
    response_model=s.DistributionOut,
    responses=errors(404),
)
async def get_distribution(distribution_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.record(request, "distributions", distribution_id, "distribution")
    async with _connection(request) as conn:
        return _distribution_seen_by(request, await distributions.get_distribution(conn, distribution_id))


def _distribution_seen_by(request: Request, distribution: dict[str, Any]) -> dict[str, Any]:
    """A distribution as the caller may read it: a read-only role reads its reversal's reason as the event
    publishes it (not at all: a fixed text stands for it)."""
    reversal = distribution["reversal"]
    if reversal is None or access.keeps_records(request):
        return distribution
    return distribution | {"reversal": reversal | {"reason": WITHHELD_REASON}}


@router.post(
    "/distributions/{distribution_id}/reversal",
    status_code=201,
    tags=["distributions"],
    summary="Reverse a distribution (the amount returns to the balance)",
    dependencies=MANAGE,
    response_model=s.DistributionReversedOut,
    responses=errors(404, 409),
)
async def reverse_distribution(
    distribution_id: uuid.UUID, body: s.DistributionReversalIn, request: Request, policy: Pol
) -> dict[str, Any]:
    await access.record(request, "distributions", distribution_id, "distribution")
    async with _unit_of_work(request) as uow:
        out = await distributions.reverse_distribution(uow, policy, distribution_id, body.reason, body.reversed_on)
        await uow.commit()
    return out


# ------------------------------------------------------------------------ ledgers


@router.get(
    "/campaigns/{campaign_id}/ledger",
    tags=["ledgers"],
    summary="A campaign's ledger totals and balances",
    dependencies=READ,
    response_model=s.LedgerOut,
    responses=errors(404),
)
async def get_ledger(campaign_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.read_ledger(request, campaign_id)
    async with _connection(request) as conn:
        return await reports.ledger(conn, campaign_id)


@public_router.get(
    "/campaigns/{campaign_id}/public-ledger",
    tags=["ledgers"],
    summary="Decree 93 public disclosure: contributions (named only with consent) and distributions",
    response_model=s.PublicLedgerOut,
    responses=errors(404),
)
async def get_public_ledger(
    campaign_id: uuid.UUID, request: Request, policy: Pol, limit: Limit = 1000, offset: Offset = 0
) -> dict[str, Any]:
    async with _connection(request) as conn:
        return await reports.public_ledger(conn, policy, campaign_id, limit, offset)


async def line_filter(
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="A fragment of a named donor's name, with or without diacritics: 'nguyen van a' finds "
            "'Nguyễn Văn An'. Anonymous gifts are found by amount, date and reference instead.",
            # No control character but whitespace (which the search collapses), as name_fragment checks.
            json_schema_extra={"pattern": SEARCH_PATTERN},
        ),
    ] = None,
    amount_min: Annotated[int | None, Query(ge=0, le=10**15, description="Amount or value at least (VND).")] = None,
    amount_max: Annotated[int | None, Query(ge=0, le=10**15, description="Amount or value at most (VND).")] = None,
    date_from: Annotated[AnyDay | None, Query(alias="from", description="On or after this date.")] = None,
    date_to: Annotated[AnyDay | None, Query(alias="to", description="On or before this date.")] = None,
    reference: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="The end of a receipt number, of the bank reference of a transfer, or of a decision number.",
        ),
    ] = None,
    direction: Annotated[str | None, Query(pattern="^(in|out)$", description="in: received; out: given out.")] = None,
) -> LineFilter:
    """The public ledger's filters (422 naming the one at fault)."""
    return check_filter(
        LineFilter(
            q=q,
            amount_min=amount_min,
            amount_max=amount_max,
            date_from=date_from,
            date_to=date_to,
            reference=reference,
            direction=direction,
        )
    )


Filters = Annotated[LineFilter, Depends(line_filter)]
LINES_PAGE_MAX = 500
NO_FILTER = LineFilter()
_JSON = "application/json"


@public_router.get(
    "/campaigns/{campaign_id}/public-ledger/lines",
    tags=["ledgers"],
    summary="The public ledger, one line per movement, newest first (cursor paging, ETag, filters)",
    response_model=s.LedgerLinesOut,
    responses={**errors(404), 304: {"description": "Not modified (If-None-Match matched the ETag)."}},
)
@http_cache.cached_route
async def get_ledger_lines(
    campaign_id: uuid.UUID,
    request: Request,
    policy: Pol,
    f: Filters,
    after: Annotated[
        int | None, Query(ge=1, le=2**62, description="The previous page's next_after: the page continues after it.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=LINES_PAGE_MAX, description="Lines per page.")] = 50,
) -> Response:
    """Lines newest first, filtered; ``next_after`` continues the page. Public (Decree 93/2021).

    Cacheable: an ``ETag`` (answer ``304`` to ``If-None-Match``) that changes with anything the answer
    shows, a donor's consent included."""
    # Every page and search is rendered once per version of the ledger and kept under its normalised
    # filters (rc_shared.http_cache): the same search asked again costs no statement within the bound.

    async with _connection(request) as conn:

        async def render_versioned() -> tuple[tuple[Any, ...], bytes]:
            version, out = await lines.versioned_lines_page(conn, policy, campaign_id, f, after, limit)
            return version, s.LedgerLinesOut.model_validate(out).model_dump_json().encode()

        async def render() -> bytes:
            return (await render_versioned())[1]

        async def version(c: asyncpg.Connection) -> tuple[Any, ...]:
            return await lines.version(c, campaign_id)

        variant = f"{campaign_id}|{limit}|{after}|{f!r}"
        return await http_cache.public_answers(request).answer(
            request,
            conn,
            "lines",
            variant,
            version,
            render,
            _JSON,
            one_statement=True,  # lines.versioned_lines_page
            render_versioned=render_versioned,  # a miss: the version and the page in one statement
        )


@public_router.get(
    "/campaigns/{campaign_id}/public-ledger/summary",
    tags=["ledgers"],
    summary="The public ledger's header and Decree 93 Art. 14 blocks (totals, donors, targets, disclosure)",
    response_model=s.PublicLedgerSummaryOut,
    responses=errors(404),
)
async def get_ledger_summary(campaign_id: uuid.UUID, request: Request) -> dict[str, Any]:
    async with _connection(request) as conn:
        return await lines.summary(conn, campaign_id)


async def _check_ledger(request: Request, campaign_id: uuid.UUID) -> None:
    async with _connection(request) as conn:
        await lines.ledger_row(conn, campaign_id)


def _download_name(campaign_id: uuid.UUID, ext: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="so-cai-{campaign_id}.{ext}"'}


class _Download(StreamingResponse):
    """A whole-ledger download holding one of the process's download slots until its last byte is
    sent or its client has gone (whichever way the response ends), then removing its file (``remove``)
    if it was written to one. (A background task would not do: it never runs when the client goes
    away mid-download, and each such download left a whole ledger's file behind.)"""

    def __init__(self, slots: asyncio.Semaphore, *args: Any, remove: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = slots
        self._remove = remove

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._slots.release()
            if self._remove is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(self._remove)


@contextlib.asynccontextmanager
async def _download_slot(request: Request) -> AsyncIterator[asyncio.Semaphore]:
    """Take a download slot at once or refuse (503, Retry-After); given back if the route fails
    before its response exists, else by the response (:class:`_Download`)."""
    slots: asyncio.Semaphore = request.app.state.download_slots
    if slots.locked():
        raise Unavailable(
            "every whole-ledger download of this server is in use (RC_PUBLIC_DOWNLOADS_IN_FLIGHT)", retry_after_s=30
        )
    await slots.acquire()  # free: returns without waiting
    try:
        yield slots
    except BaseException:
        slots.release()
        raise


@files_router.get(
    "/campaigns/{campaign_id}/public-ledger/lines.csv",
    tags=["ledgers"],
    summary="The filtered public ledger as CSV (UTF-8), streamed in constant memory",
    response_class=StreamingResponse,
    responses={
        **errors(404, 503),
        200: {
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "The lines, newest first.",
        },
    },
)
async def get_ledger_csv(campaign_id: uuid.UUID, request: Request, policy: Pol, f: Filters) -> StreamingResponse:
    await _check_ledger(request, campaign_id)

    async def chunks() -> Any:
        async for chunk in lines.csv_chunks(lambda: _connection(request), policy, campaign_id, f):
            yield chunk

    async with _download_slot(request) as slots:
        return _Download(
            slots, chunks(), media_type="text/csv; charset=utf-8", headers=_download_name(campaign_id, "csv")
        )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@files_router.get(
    "/campaigns/{campaign_id}/public-ledger/lines.xlsx",
    tags=["ledgers"],
    summary="The filtered public ledger as XLSX, written in constant memory (XlsxWriter) and streamed",
    response_class=StreamingResponse,
    responses={
        **errors(404, 503),
        200: {
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            "description": "The lines, newest first.",
        },
    },
)
async def get_ledger_xlsx(campaign_id: uuid.UUID, request: Request, policy: Pol, f: Filters) -> StreamingResponse:
    await _check_ledger(request, campaign_id)
    async with _download_slot(request) as slots:
        path = await lines.xlsx_file(lambda: _connection(request), policy, campaign_id, f)

        def read() -> Any:
            with open(path, "rb") as fh:
                while chunk := fh.read(64 * 1024):
                    yield chunk

        return _Download(
            slots,
            read(),
            media_type=XLSX,
            headers=_download_name(campaign_id, "xlsx"),
            remove=path,
        )


# ------------------------------------------------------------------------ donors


@router.get(
    "/donors/{donor_id}",
    tags=["donors"],
    summary="A donor's record and gifts (data subject access)",
    dependencies=READ,
    response_model=s.DonorOut,
    responses=errors(404),
)
async def get_donor(donor_id: uuid.UUID, request: Request, policy: Pol) -> dict[str, Any]:
    complete = await access.donor(request, donor_id)
    async with _connection(request) as conn:
        record = await donations.donor_record(conn, policy, donor_id)
    return await access.donor_within_scope(request, record, complete, policy.anonymous_label)


@router.patch(
    "/donors/{donor_id}",
    tags=["donors"],
    summary="Correct a donor's details (data subject's right; a birth date typed wrong)",
    dependencies=MANAGE,
    response_model=s.DonorOut,
    responses=errors(404, 409),
)
async def correct_donor(donor_id: uuid.UUID, body: s.DonorPatch, request: Request, policy: Pol) -> dict[str, Any]:
    """Any subset of name, phone, identity number and birth date; null clears the phone or the identity
    number. The answer is the donor's record as ``GET /donors/{id}`` gives it."""
    await access.donor(request, donor_id, all_records=True)
    async with _connection(request) as conn:
        await donations.correct_donor(conn, policy, donor_id, body.model_dump(exclude_unset=True))
        record = await donations.donor_record(conn, policy, donor_id)
    return await access.donor_within_scope(request, record, True, policy.anonymous_label)


@router.delete(
    "/donors/{donor_id}",
    tags=["donors"],
    summary="Erase a donor's personal data (gifts stay, anonymised)",
    dependencies=MANAGE,
    response_model=s.DonorErasedOut,
    responses=errors(404),
)
async def erase_donor(donor_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.donor(request, donor_id, all_records=True)
    async with _connection(request) as conn:
        return await donations.erase_donor(conn, donor_id)


@router.delete(
    "/donations/{donation_id}/payer",
    tags=["donors"],
    summary="Erase the payer's personal data of a gift with no donor on record (a bank transfer's name and note)",
    dependencies=MANAGE,
    response_model=s.PayerErasedOut,
    responses=errors(404, 409),
)
async def erase_payer(donation_id: uuid.UUID, request: Request) -> dict[str, Any]:
    await access.record(request, "donations", donation_id, "donation")
    async with _connection(request) as conn:
        return await donations.erase_payer(conn, donation_id)


@router.put(
    "/donors/{donor_id}/consent",
    tags=["donors"],
    summary="Give or withdraw a donor's consent to be named publicly (takes effect on the next read)",
    dependencies=MANAGE,
    response_model=s.DonorConsentOut,
    responses=errors(404),
)
async def set_donor_consent(donor_id: uuid.UUID, body: s.DonorConsentIn, request: Request) -> dict[str, Any]:
    await access.donor(request, donor_id, all_records=True)
    async with _connection(request) as conn:
        return await donations.set_consent(conn, donor_id, body.consent_to_be_named)


@router.get(
    "/donors/{donor_id}/blood-eligibility",
    tags=["donors"],
    summary="May this donor give blood on a date?",
    dependencies=WRITE,
    response_model=s.BloodEligibilityOut,
    responses=errors(404),
)
async def blood_eligibility(
    donor_id: uuid.UUID,
    request: Request,
    policy: Pol,
    on: Annotated[s.Day | None, Query(description="Default: today.")] = None,
    kind: Annotated[str, Query(pattern="^(whole_blood|apheresis)$")] = "whole_blood",
) -> dict[str, Any]:
    await access.donor(request, donor_id)
    async with _connection(request) as conn:
        return await donations.blood_eligibility(conn, policy, donor_id, on or policy.today(), kind)  # type: ignore[arg-type]
