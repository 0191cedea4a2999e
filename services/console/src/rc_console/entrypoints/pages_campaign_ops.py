"""The campaign operations' pages: the campaigns list with its filters (kept in the URL) a page at a time;
registering a campaign's beneficiaries, a beneficiary's page with its verification and (a humanitarian
address) its sponsorships; a blood drive's sessions and their donor registrations; a distribution's
reversal. Each form is offered only to the roles that may send it (the services still decide)."""

from __future__ import annotations

import asyncio
import uuid

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from rc_clients.campaigns.models import BeneficiaryOut, CampaignOut
from rc_console.adapters import campaign_ops as calls
from rc_console.adapters.session import Session
from rc_console.adapters.upstream import ApiError
from rc_console.domain import campaign_ops as rules
from rc_console.domain.model import STATE_LABELS, TYPE_LABELS, Problem
from rc_console.entrypoints import web
from rc_console.entrypoints.pages_money import path_id, refused_by_page, support_kinds
from rc_console.i18n import gettext as _
from rc_console.service_layer import campaign_ops as ops
from rc_console.service_layer.money import or_none
from rc_shared import clock

router = APIRouter(include_in_schema=False)
web.templates.globals.update(
    can_register=rules.can_register,
    can_verify=rules.can_verify,
    can_schedule=rules.can_schedule,
    can_reverse_distribution=rules.can_reverse_distribution,
    BENEFICIARY_KIND_LABELS=rules.BENEFICIARY_KIND_LABELS,
    SPONSOR_TYPE_LABELS=rules.SPONSOR_TYPE_LABELS,
)
CAMPAIGN_FILTERS = ("state", "type", "unit_id", "q", "offset")
BENEFICIARY_FIELDS = (
    "kind", "unit_id", "full_name", "id_number", "address", "commune", "household_size", "situation", "notes",
    "humanitarian_address", "consent_purpose", "consent_given_on", "consent_publish",
)  # fmt: skip
VERIFY_FIELDS = ("verified_by", "verified_on")
SPONSOR_FIELDS = ("sponsor_type", "sponsor_name", "sponsor_contact", "start_on", "end_on", "commitment")
SESSION_FIELDS = ("held_on", "place", "capacity", "unit_id")
REGISTRATION_FIELDS = ("donor_ref", "blood_group", "note")


def _campaign_id(raw: str) -> uuid.UUID:
    return path_id(raw, _("Không có cuộc vận động này."))


def _said(exc: ApiError, fields: tuple[str, ...]) -> Problem:
    """A service's refusal of a form, said next to its fields; a refusal of the page (signed out,
    forbidden, not there, the service down) is raised as it is."""
    if refused_by_page(exc):
        raise exc
    return rules.refusal(exc.problem, fields)


# ------------------------------------------------------------------ the campaigns list


@router.get("/campaigns")
async def campaigns(request: Request, s: Session = Depends(web.session)) -> Response:
    """Campaigns in the user's scope, filtered by state, type, unit of the user's subtree and a fragment of
    the code or name (the filters and the page are the URL's query)."""
    api = web.api(request, s)
    units = await ops.scope_units(api, s.user)
    query = rules.campaign_query(dict(request.query_params), {u for u, _name in units})
    page, status, errors = None, 200, dict(query.errors)
    if not errors:
        try:
            page = await ops.campaigns(api, query, web.settings_of(request).campaigns_page_size)
        except ApiError as exc:
            if refused_by_page(exc):
                raise
            errors = {k: v for k, v in exc.problem.fields.items() if k in CAMPAIGN_FILTERS} or {
                "q": exc.problem.message
            }
            status = exc.problem.status
    return web.render(
        request,
        "campaigns.html",
        status=422 if errors and status == 200 else status,
        nav="campaigns",
        page=page,
        values=query.values,
        errors=errors,
        units=units,
        states=[(k, v) for k, v in STATE_LABELS.items() if k != "unknown"],
        types=list(TYPE_LABELS.items()),
        filtered=any(query.values[k] for k in ("state", "type", "unit_id", "q")),
        query_string=rules.query_string,
    )


# ------------------------------------------------------------------ beneficiaries


async def _beneficiary_form(
    request: Request,
    s: Session,
    cid: uuid.UUID,
    values: dict[str, str],
    problem: Problem | None = None,
    existing: str = "",
) -> Response:
    """The registration form; ``existing``: the record the service found it duplicates (one the user may read),
    offered to be enrolled in this campaign instead."""
    api = web.api(request, s)
    c = await api.campaign(cid)
    if not rules.can_register(s.user, str(c.state)):
        raise web.ApiErrorPage(
            403, _("Không thể đăng ký người được hỗ trợ cho cuộc vận động này (trạng thái hoặc vai trò).")
        )
    units = await ops.scope_units(api, s.user)
    unit = str(c.organising_unit_id) if any(u == str(c.organising_unit_id) for u, _n in units) else ""
    defaults = {"kind": "household", "unit_id": unit, "consent_given_on": clock.today().isoformat()}
    return web.render(
        request,
        "beneficiary_new.html",
        status=problem.status if problem else 200,
        nav="campaigns",
        c=c,
        units=units,
        kinds=list(rules.BENEFICIARY_KIND_LABELS.items()),
        values={**defaults, **values},
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
        existing=existing,
    )


@router.get("/campaigns/{campaign_id}/beneficiaries/new")
async def new_beneficiary(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _beneficiary_form(request, s, _campaign_id(campaign_id), {})


@router.post("/campaigns/{campaign_id}/beneficiaries/new")
async def register_beneficiary(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid = _campaign_id(campaign_id)
    data = await web.checked_form(request, s)
    try:
        bid = await calls.register_beneficiary(web.api(request, s), ops.beneficiary_body(data, str(cid)))
    except ApiError as exc:
        existing = exc.problem.ids.get("existing_beneficiary_id", "") if exc.problem.status == 409 else ""
        return await _beneficiary_form(request, s, cid, data, _said(exc, BENEFICIARY_FIELDS), existing)
    return RedirectResponse(f"/beneficiaries/{bid}?campaign={cid}", status_code=303)


@router.post("/campaigns/{campaign_id}/beneficiaries/{beneficiary_id}/enrol")
async def enrol_beneficiary(
    campaign_id: str, beneficiary_id: str, request: Request, s: Session = Depends(web.session)
) -> Response:
    """The household the registration found already registered (for an earlier campaign), supported by this one
    on the same record."""
    cid, bid = _campaign_id(campaign_id), _beneficiary_id(beneficiary_id)
    await web.checked_form(request, s)
    try:
        now = await calls.enrol(web.api(request, s), bid, cid)
    except ApiError as exc:
        if refused_by_page(exc):
            raise
        return await _beneficiary_form(request, s, cid, {}, _said(exc, ()))
    return RedirectResponse(f"/beneficiaries/{bid}?campaign={cid}&enrolled={1 if now else 0}", status_code=303)


def _from_campaign(raw: str, b: BeneficiaryOut) -> str:
    """The campaign the page was opened from (its back link): the one named in the URL when the beneficiary
    was enrolled in it after its registration, else the beneficiary's own, else the one in the URL (a
    humanitarian address belongs to no campaign), else none."""
    try:
        named: uuid.UUID | None = uuid.UUID(raw)
    except ValueError:
        named = None
    enrolled = b.enrolled_campaign_ids if isinstance(b.enrolled_campaign_ids, list) else []
    if named is not None and named in enrolled:
        return str(named)
    if isinstance(b.campaign_id, uuid.UUID):
        return str(b.campaign_id)
    return "" if named is None else str(named)


async def _beneficiary_page(
    request: Request,
    s: Session,
    bid: uuid.UUID,
    campaign: str = "",
    values: dict[str, str] | None = None,
    problem: Problem | None = None,
    form: str = "",
) -> Response:
    """A beneficiary's page: their personal data as the campaigns API returns it to the user (404 outside
    their scope), verification, support received, sponsorships; the verify and sponsor forms (``form``:
    the one the ``problem`` is about)."""
    b = await calls.beneficiary(web.api(request, s), bid)
    today = clock.today().isoformat()
    # the verification's day and verifier are typed (the visit's, not the form's); a sponsorship starts today
    defaults = {"start_on": today, "sponsor_type": "organisation"}
    return web.render(
        request,
        "beneficiary.html",
        status=problem.status if problem else 200,
        nav="campaigns",
        b=b,
        campaign=_from_campaign(campaign, b),
        values={**defaults, **(values or {})},
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
        form=form,
        sponsor_types=list(rules.SPONSOR_TYPE_LABELS.items()),
        notice=_notice(request.query_params.get("saved"), request.query_params.get("enrolled")),
    )


def _notice(saved: str | None, enrolled: str | None) -> str:
    """What the beneficiary's page says after a form: saved, or enrolled (added now, or already there)."""
    if enrolled == "1":
        return _("Đã thêm vào cuộc vận động.")
    if enrolled == "0":
        return _("Hồ sơ này đã thuộc cuộc vận động từ trước: không có gì thay đổi.")
    return _("Đã lưu.") if saved == "1" else ""


def _beneficiary_id(raw: str) -> uuid.UUID:
    return path_id(raw, _("Không có người được hỗ trợ này."))


@router.get("/beneficiaries/{beneficiary_id}")
async def beneficiary(
    beneficiary_id: str, request: Request, campaign: str = "", s: Session = Depends(web.session)
) -> Response:
    return await _beneficiary_page(request, s, _beneficiary_id(beneficiary_id), campaign)


@router.post("/beneficiaries/{beneficiary_id}/verify")
async def verify(beneficiary_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    bid = _beneficiary_id(beneficiary_id)
    data = await web.checked_form(request, s)
    if not rules.can_verify(s.user):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được xác minh người được hỗ trợ."))
    try:
        await calls.verify(web.api(request, s), bid, ops.verify_body(data))
    except ApiError as exc:
        problem = _said(exc, VERIFY_FIELDS)
        return await _beneficiary_page(request, s, bid, data.get("campaign", ""), data, problem, "verify")
    return RedirectResponse(
        f"/beneficiaries/{bid}?{rules.query_string({'campaign': data.get('campaign', '')}, saved='1')}", status_code=303
    )


async def _correction_form(
    request: Request,
    s: Session,
    bid: uuid.UUID,
    campaign: str,
    values: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> Response:
    """The correction of a beneficiary's personal details (Law 91/2025: the data subject's right to have
    them corrected), prefilled with what the campaigns API holds."""
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được sửa thông tin người được hỗ trợ."))
    b = await calls.beneficiary(web.api(request, s), bid)
    if b.erased:
        raise web.ApiErrorPage(409, str(rules.ERASED))
    current = {k: getattr(b, k) or "" for k in rules.CORRECTABLE} | {
        "publish_name": "yes" if b.consent.publish_name else ""
    }
    return web.render(
        request,
        "beneficiary_edit.html",
        status=problem.status if problem else 200,
        nav="campaigns",
        b=b,
        campaign=_from_campaign(campaign, b),
        values={**current, **(values or {})},
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
        identity_locked=b.verified and not rules.can_verify(s.user),
    )


@router.get("/beneficiaries/{beneficiary_id}/edit")
async def correction_form(
    beneficiary_id: str, request: Request, campaign: str = "", s: Session = Depends(web.session)
) -> Response:
    return await _correction_form(request, s, _beneficiary_id(beneficiary_id), campaign)


@router.post("/beneficiaries/{beneficiary_id}/edit")
async def correct(beneficiary_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    bid = _beneficiary_id(beneficiary_id)
    data = await web.checked_form(request, s)
    data = data | {"publish_name": data.get("publish_name", "")}  # (an unticked box is not sent)
    campaign = data.get("campaign", "")
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được sửa thông tin người được hỗ trợ."))
    api = web.api(request, s)
    b = await calls.beneficiary(api, bid)
    current = {k: getattr(b, k) for k in rules.CORRECTABLE} | {"publish_name": "yes" if b.consent.publish_name else ""}
    body = rules.correction_body(data, current)
    if not body:
        nothing = Problem(422, _("Không có gì thay đổi."), {}, "")
        return await _correction_form(request, s, bid, campaign, data, nothing)
    try:
        await calls.correct(api, bid, body)
    except ApiError as exc:
        # who a verified person is, corrected by a role that may not verify: said on the form (typed values kept)
        identity = exc.problem.status == 403 and "was verified" in exc.problem.detail
        problem = rules.refusal(exc.problem, rules.CORRECTABLE) if identity else _said(exc, rules.CORRECTABLE)
        return await _correction_form(request, s, bid, campaign, data, problem)
    return RedirectResponse(
        f"/beneficiaries/{bid}?{rules.query_string({'campaign': campaign}, saved='1')}", status_code=303
    )


@router.post("/beneficiaries/{beneficiary_id}/erase")
async def erase(beneficiary_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    """The person's personal data erased at their request (the record of the support given stays)."""
    bid = _beneficiary_id(beneficiary_id)
    data = await web.checked_form(request, s)
    campaign = data.get("campaign", "")
    if not s.user.can("manage"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được xoá thông tin cá nhân."))
    if data.get("confirm") != "yes":
        asked = Problem(422, _("Một số ô chưa đúng, xin xem lại."), {"confirm": _("Xin xác nhận yêu cầu xoá.")}, "")
        return await _beneficiary_page(request, s, bid, campaign, data, asked, "erase")
    try:
        await calls.erase(web.api(request, s), bid)
    except ApiError as exc:
        return await _beneficiary_page(request, s, bid, campaign, data, _said(exc, ("confirm",)), "erase")
    return RedirectResponse(
        f"/beneficiaries/{bid}?{rules.query_string({'campaign': campaign}, saved='1')}", status_code=303
    )


@router.post("/beneficiaries/{beneficiary_id}/sponsorships")
async def sponsor(beneficiary_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    bid = _beneficiary_id(beneficiary_id)
    data = await web.checked_form(request, s)
    if not rules.can_verify(s.user):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được ghi nhận đỡ đầu."))
    try:
        await calls.sponsor(web.api(request, s), bid, ops.sponsorship_body(data))
    except ApiError as exc:
        problem = _said(exc, SPONSOR_FIELDS)
        return await _beneficiary_page(request, s, bid, data.get("campaign", ""), data, problem, "sponsor")
    return RedirectResponse(
        f"/beneficiaries/{bid}?{rules.query_string({'campaign': data.get('campaign', '')}, saved='1')}#sponsorships-h",
        status_code=303,
    )


# ------------------------------------------------------------------ blood sessions


async def _session_form(
    request: Request, s: Session, cid: uuid.UUID, values: dict[str, str], problem: Problem | None = None
) -> Response:
    api = web.api(request, s)
    c = await api.campaign(cid)
    if not rules.can_schedule(s.user, str(c.campaign_type), str(c.state)):
        raise web.ApiErrorPage(
            403, _("Không thể lên lịch buổi hiến máu cho cuộc vận động này (loại, trạng thái hoặc vai trò).")
        )
    return web.render(
        request,
        "blood_session_new.html",
        status=problem.status if problem else 200,
        nav="campaigns",
        c=c,
        units=await ops.scope_units(api, s.user),
        values={"held_on": max(clock.today(), c.receiving_from).isoformat(), **values},
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
    )


@router.get("/campaigns/{campaign_id}/blood-sessions/new")
async def new_session(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _session_form(request, s, _campaign_id(campaign_id), {})


@router.post("/campaigns/{campaign_id}/blood-sessions/new")
async def schedule_session(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid = _campaign_id(campaign_id)
    data = await web.checked_form(request, s)
    try:
        sid = await calls.schedule_session(web.api(request, s), cid, ops.session_body(data))
    except ApiError as exc:
        return await _session_form(request, s, cid, data, _said(exc, SESSION_FIELDS))
    return RedirectResponse(f"/blood-sessions/{sid}", status_code=303)


def _session_id(raw: str) -> uuid.UUID:
    return path_id(raw, _("Không có buổi hiến máu này."))


async def _session_page(
    request: Request, s: Session, sid: uuid.UUID, values: dict[str, str] | None = None, problem: Problem | None = None
) -> Response:
    api = web.api(request, s)
    x = await calls.session(api, sid)
    c: CampaignOut = await api.campaign(x.campaign_id)
    open_ = str(c.state) in rules.SESSION_STATES
    return web.render(
        request,
        "blood_session.html",
        status=problem.status if problem else 200,
        nav="campaigns",
        x=x,
        c=c,
        can_register_donor=open_ and x.places_left > 0 and s.user.can("write"),
        blood_groups=[("unknown", _("Chưa biết")), *((g, g) for g in rules.BLOOD_GROUPS)],
        values=values or {},
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
        notice=_("Đã đăng ký người hiến.") if request.query_params.get("registered") == "1" else "",
    )


@router.get("/blood-sessions/{session_id}")
async def blood_session(session_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _session_page(request, s, _session_id(session_id))


@router.post("/blood-sessions/{session_id}/registrations")
async def register_donor(session_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    sid = _session_id(session_id)
    data = await web.checked_form(request, s)
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được đăng ký người hiến máu."))
    if errors := rules.registration_errors(data):
        return await _session_page(request, s, sid, data, Problem(422, _("Một số ô chưa đúng, xin xem lại."), errors))
    try:
        await calls.register_donor(web.api(request, s), sid, ops.registration_body(data))
    except ApiError as exc:
        return await _session_page(request, s, sid, data, _said(exc, REGISTRATION_FIELDS))
    return RedirectResponse(f"/blood-sessions/{sid}?registered=1", status_code=303)


# ------------------------------------------------------------------ a distribution's reversal


async def _reversal_form(
    request: Request, s: Session, did: uuid.UUID, values: dict[str, str], problem: Problem | None = None
) -> Response:
    api = web.api(request, s)
    x = await calls.distribution(api, did)
    if not rules.can_reverse_distribution(s.user, x.reversed_):
        if x.reversed_:
            raise web.ApiErrorPage(409, _("Lần phân phối này đã được huỷ."))
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được huỷ phân phối."))
    c, recipient = await asyncio.gather(
        api.campaign(x.campaign_id), or_none(calls.beneficiary(api, x.beneficiary_id), 403, 404)
    )
    return web.render(
        request,
        "distribution_reversal.html",
        recipient=recipient,
        SUPPORT_KIND_LABELS=support_kinds(request),
        status=problem.status if problem else 200,
        nav="campaigns",
        x=x,
        c=c,
        value=x.amount_vnd if str(x.kind) == "cash" else x.value_vnd,
        today=clock.today().isoformat(),
        values=values,
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
    )


def _distribution_id(raw: str) -> uuid.UUID:
    return path_id(raw, _("Không có lần phân phối này."))


@router.get("/distributions/{distribution_id}/reversal")
async def reversal_form(distribution_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _reversal_form(request, s, _distribution_id(distribution_id), {})


@router.post("/distributions/{distribution_id}/reversal")
async def reverse(distribution_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    did = _distribution_id(distribution_id)
    data = await web.checked_form(request, s)
    api = web.api(request, s)
    x = await calls.distribution(api, did)
    body, errors = rules.distribution_reversal(data, x.amount_vnd if str(x.kind) == "cash" else x.value_vnd)
    if errors:
        problem = Problem(422, _("Một số ô chưa đúng, xin xem lại."), errors)
        return await _reversal_form(request, s, did, data, problem)
    try:
        await calls.reverse_distribution(api, did, body)
    except ApiError as exc:
        return await _reversal_form(request, s, did, data, _said(exc, ("reason", "reversed_on")))
    return RedirectResponse(f"/campaigns/{x.campaign_id}#distributions-h", status_code=303)
