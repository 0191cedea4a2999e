"""The campaigns and donations pages: a campaign's page in full with its lifecycle forms, gifts in kind
and blood, reversals, distributions, bank-statement imports with their progress."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from rc_clients.donations.models import DistributionOut
from rc_console.adapters.session import Session, same_token
from rc_console.adapters.upstream import ApiError
from rc_console.domain import money as rules
from rc_console.domain.model import OFFERED_ACTIONS, action_refusal
from rc_console.entrypoints import web
from rc_console.entrypoints.uploads import multipart
from rc_console.i18n import Text
from rc_console.i18n import gettext as _
from rc_console.service_layer import money, screens

router = APIRouter(include_in_schema=False)
web.templates.globals.update(
    GIFT_CHANNEL_LABELS=rules.GIFT_CHANNEL_LABELS,
    BLOOD_KIND_LABELS=rules.BLOOD_KIND_LABELS,
    DISTRIBUTION_KIND_LABELS=rules.DISTRIBUTION_KIND_LABELS,
    DISTRIBUTIONS_SHOWN=money.DISTRIBUTIONS_SHOWN,
    RECIPIENTS_OFFERED=money.RECIPIENTS_OFFERED,
)
IMPORTS = money.Imports()  # this process's bank-statement imports (the console owns no database)


def path_id(raw: str, message: str) -> uuid.UUID:
    """The id in a page's path, or that page's 404 saying ``message``."""
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise web.ApiErrorPage(404, message) from exc


def _campaign_id(raw: str) -> uuid.UUID:
    return path_id(raw, _("Không có cuộc vận động này."))


def support_kinds(request: Request) -> dict[str, Text]:
    """The support kinds of the deployment (RC_SUPPORT_KINDS, as the donations service has them) by code."""
    return rules.support_kind_labels(web.settings_of(request).support_kinds)


def refused_by_page(exc: ApiError) -> bool:
    """A refusal that is the page's, not the form's: signed out, forbidden, not there, the service down."""
    return exc.problem.status in (401, 403, 404) or exc.problem.status >= 500


# What a distribution's form keeps for the next household of a handover once one is recorded: none of it
# personal (the recipient is chosen anew; the purpose, published, says no name).
CARRIED_FIELDS = ("unit_id", "kind", "vnd", "distributed_on", "decision_no", "description", "support_level",
                  "support_kind", "quantity", "q")  # fmt: skip


def _key(values: dict[str, str]) -> dict[str, str]:
    """The form's idempotency key: kept while valid, else a new one (a new form, or its key altered)."""
    try:
        uuid.UUID(values.get("key", ""))
        return values
    except ValueError:
        return {**values, "key": str(uuid.uuid4())}


# ------------------------------------------------------------------ the campaign's page


async def campaign_page(
    request: Request,
    s: Session,
    cid: uuid.UUID,
    after: str = "",
    status: int = 200,
    message: str = "",
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    dist: str = "",
) -> Response:
    errors = dict(errors or {})
    try:
        cursor = rules.page_after(after)
    except ValueError:
        cursor, status, errors["after"] = None, 422, _("Trang không hợp lệ.")
    try:
        offset = rules.page_after(dist) or 0  # (the same rule: a whole number)
        if offset > money.MAX_OFFSET:
            raise ValueError(dist)
    except ValueError:
        offset, status, errors["dist"] = 0, 422, _("Trang không hợp lệ.")
    size = web.settings_of(request).gifts_page_size
    detail = await money.campaign_detail(web.api(request, s), s.user, cid, cursor, size, offset)
    return web.render(
        request,
        "campaign.html",
        status=status,
        page=detail.page,
        d=detail,
        SUPPORT_KIND_LABELS=support_kinds(request),
        nav="campaigns",
        message=message,
        errors=errors,
        # the settlement's date is typed, not offered: an irreversible record of the day distribution ended
        # (often days before it is recorded), which a prefilled "today" would settle with a single click
        values=values or {},
    )


@router.get("/campaigns/{campaign_id}")
async def campaign(
    campaign_id: str, request: Request, after: str = "", dist: str = "", s: Session = Depends(web.session)
) -> Response:
    """The campaign's page; ``after``: the receipt number its page of gifts continues after; ``dist``: the
    offset of its page of distributions."""
    return await campaign_page(request, s, _campaign_id(campaign_id), after, dist=dist)


# ------------------------------------------------------------------ gifts in kind and blood

GIFT_FORMS = {
    "in-kind": ("donation_in_kind.html", money.in_kind_body),
    "blood": ("donation_blood.html", money.blood_body),
}


async def _gift_form(
    request: Request,
    s: Session,
    cid: uuid.UUID,
    kind: str,
    values: dict[str, str],
    errors: dict[str, str],
    message: str = "",
    status: int = 200,
    detail: str = "",
) -> Response:
    page = await screens.campaign(web.api(request, s), s.user, cid)
    if not page.can_record:
        raise web.ApiErrorPage(403, _("Không thể ghi nhận đóng góp cho cuộc vận động này (trạng thái hoặc vai trò)."))
    values = _key(
        {
            "received_on": page.gift_day,
            "unit_id": screens.first_unit(page.record_units),
            **values,
        }
    )
    return web.render(
        request,
        GIFT_FORMS[kind][0],
        status=status,
        nav="campaigns",
        page=page,
        values=values,
        errors=errors,
        message=message,
        detail=detail,
        rows=range(rules.ITEM_ROWS),
        in_kind_channels=list(rules.IN_KIND_CHANNEL_LABELS.items()),
        blood_kinds=list(rules.BLOOD_KIND_LABELS.items()),
    )


def _gift_kind(kind: str) -> str:
    if kind not in GIFT_FORMS:
        raise web.ApiErrorPage(404, _("Không có loại đóng góp này."))
    return kind


@router.get("/campaigns/{campaign_id}/donations/new/{kind}")
async def new_gift(campaign_id: str, kind: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid, kind = _campaign_id(campaign_id), _gift_kind(kind)
    key, again = web.form_key(request)
    return again or await _gift_form(request, s, cid, kind, {"key": key or ""}, {})


@router.post("/campaigns/{campaign_id}/donations/new/{kind}")
async def record_gift(campaign_id: str, kind: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid, kind = _campaign_id(campaign_id), _gift_kind(kind)
    data = await web.checked_form(request, s)
    try:
        key = uuid.UUID(data.get("key", "").strip())
    except ValueError:
        message = _("Biểu mẫu không hợp lệ, xin kiểm tra lại rồi gửi lần nữa.")
        return await _gift_form(request, s, cid, kind, data, {}, message, status=422)
    try:
        made = await web.api(request, s).record_donation(cid, GIFT_FORMS[kind][1](data), key)
    except ApiError as exc:
        if unknown := web.unanswered_write(exc):
            return await _gift_form(request, s, cid, kind, data, {}, unknown, status=exc.problem.status)
        if used := web.key_used_before(exc):
            return await _gift_form(request, s, cid, kind, {**data, "key": ""}, {}, used, status=409)
        if refused_by_page(exc):
            raise
        p = exc.problem
        fields = rules.gift_fields(p.fields, data)
        return await _gift_form(request, s, cid, kind, data, fields, p.message, status=p.status, detail=p.detail)
    return RedirectResponse(f"/donations/{made.id}/receipt{'?again=1' if made.replayed else ''}", status_code=303)


# ------------------------------------------------------------------ receipts and reversals


@router.get("/donations/{donation_id}/receipt")
async def receipt(donation_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    did = path_id(donation_id, _("Không có biên nhận này."))
    api = web.api(request, s)
    r = await api.receipt(did)
    again = request.query_params.get("again") == "1"  # a form sent before: this receipt, nothing recorded now
    try:
        unit_name: str | None = (await api.unit(r.unit_id)).name  # the unit that received the gift
    except ApiError:
        unit_name = None  # (the receipt is shown without it rather than not at all)
    return web.render(
        request, "receipt.html", nav="campaigns", r=r, unit_name=unit_name, again=again,
        can_reverse=s.user.can("manage") and not r.void,
        can_erase_payer=s.user.can("manage") and r.bank_reference is not None,
    )  # fmt: skip


async def _reversal_form(
    request: Request, s: Session, did: uuid.UUID, values: dict[str, str], errors: dict[str, str], status: int = 200,
    message: str = "",
) -> Response:  # fmt: skip
    if not s.user.can("manage"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được huỷ đóng góp."))
    r = await web.api(request, s).receipt(did)
    if r.void:
        raise web.ApiErrorPage(409, _("Đóng góp này đã được huỷ."))
    return web.render(
        request, "reversal.html", status=status, nav="campaigns", r=r, values=values, errors=errors, message=message
    )


@router.get("/donations/{donation_id}/reversal")
async def reversal_form(donation_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _reversal_form(request, s, path_id(donation_id, _("Không có đóng góp này.")), {}, {})


@router.post("/donations/{donation_id}/reversal")
async def reverse(donation_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    did = path_id(donation_id, _("Không có đóng góp này."))
    data = await web.checked_form(request, s)
    api = web.api(request, s)
    r = await api.receipt(did)
    body, errors = rules.reversal(data, r.receipt_number, str(r.kind))
    if errors:
        return await _reversal_form(request, s, did, data, errors, 422, _("Một số ô chưa đúng, xin xem lại."))
    try:
        await api.reverse_donation(did, body)
    except ApiError as exc:
        if refused_by_page(exc):
            raise
        p = exc.problem
        return await _reversal_form(request, s, did, data, p.fields, p.status, p.message)
    return RedirectResponse(f"/donations/{did}/receipt", status_code=303)


async def _payer_form(
    request: Request, s: Session, did: uuid.UUID, errors: dict[str, str], status: int = 200, message: str = ""
) -> Response:
    if not s.user.can("manage"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được xoá dữ liệu cá nhân."))
    r = await web.api(request, s).receipt(did)
    return web.render(
        request, "payer_erase.html", status=status, nav="campaigns", r=r, values={}, errors=errors, message=message
    )


@router.get("/donations/{donation_id}/payer/erase")
async def payer_form(donation_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _payer_form(request, s, path_id(donation_id, _("Không có đóng góp này.")), {})


@router.post("/donations/{donation_id}/payer/erase")
async def erase_payer(donation_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    """The payer's name and transfer note of a gift with no donor on record, erased at the payer's request
    (Law 91/2025), once its receipt number is typed again; a gift whose donor is on record is erased with them."""
    did = path_id(donation_id, _("Không có đóng góp này."))
    data = await web.checked_form(request, s)
    api = web.api(request, s)
    r = await api.receipt(did)
    if not rules.confirmed(data.get("confirm", ""), r.receipt_number):
        return await _payer_form(request, s, did, {"confirm": str(rules.CONFIRM_MESSAGE)}, 422,
                                 _("Một số ô chưa đúng, xin xem lại."))  # fmt: skip
    try:
        await api.erase_payer(did)
    except ApiError as exc:
        if refused_by_page(exc):
            raise
        p = exc.problem
        message = (
            _("Đóng góp này có hồ sơ người hiến: hãy xoá dữ liệu cá nhân của người hiến (cả các đóng góp khác của họ).")
            if p.status == 409
            else p.message
        )
        return await _payer_form(request, s, did, {}, p.status, message)
    return RedirectResponse(f"/donations/{did}/receipt", status_code=303)


# ------------------------------------------------------------------ distributions


async def _distribution_form(
    request: Request,
    s: Session,
    cid: uuid.UUID,
    values: dict[str, str],
    errors: dict[str, str],
    message: str = "",
    status: int = 200,
    detail: str = "",
    recorded: str = "",
    recorded_before: bool = False,
    earlier: list[DistributionOut] | None = None,
) -> Response:
    """The form; ``recorded``: the recipient of the distribution just recorded (the page says so); ``earlier``:
    the chosen recipient's distributions in this campaign, a second one to be confirmed (the page lists them)."""
    if not s.user.can("manage"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được ghi nhận phân phối."))
    api = web.api(request, s)
    c = await api.campaign(cid)
    if str(c.state) not in money.DISTRIBUTING:
        raise web.ApiErrorPage(
            409, _("Chỉ ghi nhận phân phối khi cuộc vận động đang vận động hoặc đã kết thúc tiếp nhận.")
        )
    found = money.recipient_query(values.get("q", ""))
    units, held, (chosen, more), given = await asyncio.gather(
        screens.recording_units(api, c),
        money.balance(api, cid),
        money.recipients(api, c, found),
        money.given_to(api, cid, recorded),
    )
    recorded = "" if given is False else recorded  # a link's ?done= names only one who was given something
    return web.render(
        request,
        "distribution_new.html",
        balance=held,
        status=status,
        nav="campaigns",
        c=c,
        recipients=chosen,
        recorded=recorded,
        recorded_before=recorded_before,
        earlier=earlier or [],
        CARRIED_FIELDS=CARRIED_FIELDS,
        recorded_to=next((b for b in chosen if str(b.id) == recorded), None) if given else None,
        more_recipients=more,
        searched=found,
        record_units=units,
        values=_key(
            {
                "distributed_on": screens.default_day(c.distribution_deadline),
                "kind": "cash",
                "unit_id": screens.first_unit(units),
                **values,
            }
        ),
        errors=errors,
        message=message,
        detail=detail,
        kinds=list(rules.DISTRIBUTION_KIND_LABELS.items()),
        support_kinds=list(support_kinds(request).items()),
    )


@router.get("/campaigns/{campaign_id}/distributions/new")
async def new_distribution(
    campaign_id: str, request: Request, q: str = "", s: Session = Depends(web.session)
) -> Response:
    """The form; ``q``: only the recipients whose name, address or commune holds it (a campaign with more
    verified households than the list offers)."""
    cid = _campaign_id(campaign_id)
    key, redirect = web.form_key(request)
    if redirect:
        return redirect
    carried = {k: v for k, v in request.query_params.items() if k in CARRIED_FIELDS}
    done = request.query_params.get("done", "")
    again = request.query_params.get("again") == "1"
    return await _distribution_form(
        request, s, cid, {**carried, "q": q, "key": key or ""}, {}, recorded=done, recorded_before=again
    )


@router.post("/campaigns/{campaign_id}/distributions/new")
async def record_distribution(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid = _campaign_id(campaign_id)
    data = await web.checked_form(request, s)
    try:
        key = uuid.UUID(data.get("key", "").strip())
    except ValueError:
        message = _("Biểu mẫu không hợp lệ, xin kiểm tra lại rồi gửi lần nữa.")
        return await _distribution_form(request, s, cid, data, {}, message, status=422)
    api = web.api(request, s)
    if earlier := await money.handed_out_before(api, cid, data):
        message = _(
            "Người nhận này đã được phân phối trong cuộc vận động này. Xin kiểm tra lại; nếu đúng là hỗ trợ thêm "
            "lần nữa, bấm “Vẫn ghi nhận thêm”."
        )
        return await _distribution_form(request, s, cid, data, {}, message, status=409, earlier=earlier)
    try:
        made = await api.record_distribution(cid, money.distribution_body(data), key)
    except ApiError as exc:
        if unknown := web.unanswered_write(exc):
            return await _distribution_form(request, s, cid, data, {}, unknown, status=exc.problem.status)
        if used := web.key_used_before(exc):
            return await _distribution_form(request, s, cid, {**data, "key": ""}, {}, used, status=409)
        if refused_by_page(exc):
            raise
        p = exc.problem
        fields = rules.distribution_fields(p.fields, data)
        return await _distribution_form(request, s, cid, data, fields, p.message, status=p.status, detail=p.detail)
    # the form again, for the next household of the handover: said what was recorded, with what is the same for
    # the next (not who: chosen anew), under a new key
    carried = [(k, data[k]) for k in CARRIED_FIELDS if data.get(k)]
    again = [("again", "1")] if made.replayed else []
    query = urlencode([*carried, ("done", data.get("beneficiary_id", "")), *again, ("key", str(uuid.uuid4()))])
    return RedirectResponse(f"/campaigns/{cid}/distributions/new?{query}", status_code=303)


# ------------------------------------------------------------------ bank statements


async def _statement_form(
    request: Request, s: Session, cid: uuid.UUID, errors: dict[str, str], status: int = 200
) -> Response:
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được nhập sao kê."))
    c = await web.api(request, s).campaign(cid)
    return web.render(
        request, "statement.html", status=status, nav="campaigns", c=c, errors=errors, max_rows=rules.STATEMENT_MAX_ROWS
    )


@router.get("/campaigns/{campaign_id}/statement")
async def statement_form(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return await _statement_form(request, s, _campaign_id(campaign_id), {})


async def _upload(request: Request, s: Session) -> dict[str, Any]:
    """The upload form's fields after its CSRF token was checked (any other body: its fields, no file)."""
    body = await request.body()
    if len(body) > rules.STATEMENT_MAX_BYTES + web.MAX_FORM_BYTES:
        raise web.ApiErrorPage(413, _("Tệp quá lớn (tối đa 2 MB); xin chia thành nhiều tệp."))
    content_type = request.headers.get("content-type", "")
    data: dict[str, Any]
    if content_type.startswith("multipart/form-data"):
        try:
            fields, files = multipart(content_type, body)
            data = {**fields, **{name: f.content for name, f in files.items()}}
        except ValueError:
            data = {}
    else:
        data = dict(await web.form(request))
    csrf = data.get("csrf")
    if not isinstance(csrf, str) or not same_token(s.csrf, csrf):
        raise web.BadCsrf
    return data


@router.post("/campaigns/{campaign_id}/statement")
async def import_statement(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid = _campaign_id(campaign_id)
    data = await _upload(request, s)
    file = data.get("file")
    if not isinstance(file, bytes):
        return await _statement_form(request, s, cid, {"file": _("Xin chọn tệp sao kê (CSV).")}, 422)
    try:
        parsed = await asyncio.to_thread(rules.statement_of, file)  # off the event loop, as the member import
    except ValueError as exc:
        return await _statement_form(request, s, cid, {"file": str(exc)}, 422)
    api = web.api(request, s)
    c = await api.campaign(cid)
    job = IMPORTS.start(api, s.user.subject, c, parsed)
    return RedirectResponse(f"/imports/{job.id}", status_code=303)


@router.get("/imports/{job_id}")
async def import_progress(job_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    """The import's progress; the page asks again every second (htmx) until it has finished."""
    job = IMPORTS.get(path_id(job_id, _("Không có lượt nhập này.")), s.user.subject)
    if job is None:
        raise web.ApiErrorPage(404, _("Không có lượt nhập này (hoặc đã quá cũ)."))
    return web.render(request, "statement_progress.html", nav="campaigns", job=job, STATUS_LABELS=rules.STATUS_LABELS)


# ------------------------------------------------------------------ lifecycle (last: its path takes any word)


@router.post("/campaigns/{campaign_id}/{action}")
async def campaign_action(
    campaign_id: str, action: str, request: Request, s: Session = Depends(web.session)
) -> Response:
    """Launch, close, settle (with its date) or cancel (with a reason, and the code typed again)."""
    cid = _campaign_id(campaign_id)
    data = await web.checked_form(request, s)
    if action not in OFFERED_ACTIONS:
        raise web.ApiErrorPage(404, _("Không có thao tác này."))
    api = web.api(request, s)
    code = (await api.campaign(cid)).code if action == "cancel" else ""
    asked = rules.lifecycle(action, data, code)
    if asked.errors:
        message = _("Một số ô chưa đúng, xin xem lại.")
        return await campaign_page(request, s, cid, status=422, message=message, errors=asked.errors, values=data)
    try:
        await api.transition(cid, action, asked.body)
    except ApiError as exc:
        if refused_by_page(exc):
            raise
        fields = {k: v for k, v in exc.problem.fields.items() if k in ("settled_on", "cancelled_on", "reason")}
        return await campaign_page(
            request, s, cid, status=exc.problem.status, message=action_refusal(exc.problem), errors=fields, values=data
        )
    return RedirectResponse(f"/campaigns/{cid}", status_code=303)
