"""The console's pages: login, dashboard, campaigns and gifts, organisation tree, reports."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from rc_clients.campaigns.models import CampaignOut
from rc_console.adapters.session import COOKIE, LOGIN_CSRF_COOKIE, Session
from rc_console.adapters.upstream import ApiError
from rc_console.domain.model import (
    CHANNEL_LABELS,
    DATE_MESSAGE,
    DONOR_TYPE_LABELS,
    ROLE_LABELS,
    TYPE_LABELS,
    User,
    as_of_date,
)
from rc_console.entrypoints import web
from rc_console.i18n import gettext as _
from rc_console.service_layer import screens
from rc_console.service_layer.campaign_ops import scope_units
from rc_shared import clock
from rc_shared.auth import ROLES

router = APIRouter(include_in_schema=False)


def _uuid_or_none(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


@router.get("/login")
async def login_page(
    request: Request, next: str | None = None, unit: str | None = None, role: str = "", expired: str = ""
) -> Response:
    """The login page; ``unit`` and ``role`` preselect a demo user (a link such as /login?unit=…&role=viewer);
    ``expired``: the session ended under the user (the page says that what they sent was not saved)."""
    values = {"unit_id": unit or "", "role": role, "expired": "1" if expired else ""}
    return await _login_form(request, web.safe_next(next), values, {})


async def _login_form(request: Request, target: str, values: dict[str, str], errors: dict[str, str]) -> Response:
    settings = web.settings_of(request)
    dev = request.app.state.dev_tokens
    units: list[Any] = []
    if settings.dev_login_enabled and dev is not None:
        admin = web.upstreams_of(request).for_user(dev.token("admin", None, "console-dev-login"))
        try:
            units = await admin.units_under(None)
            chosen = _uuid_or_none(values.get("unit_id", ""))
            if chosen is not None and all(u.id != chosen for u in units):
                units.insert(0, await admin.unit(chosen))  # a unit beyond the first page of the list
        except ApiError as exc:
            errors = {"unit_id": exc.problem.message, **errors}
    csrf = web.new_login_csrf()
    response = web.render(
        request,
        "login.html",
        status=422 if errors else 200,
        dev_login=settings.dev_login_enabled and dev is not None,
        oidc_login=settings.oidc_enabled,
        roles=[(r, ROLE_LABELS[r]) for r in ROLES],
        units=units,
        target=target,
        values=values,
        errors=errors,
        login_csrf=csrf,
    )
    web.set_cookie(request, response, LOGIN_CSRF_COOKIE, csrf, 3600)
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    settings = web.settings_of(request)
    dev = request.app.state.dev_tokens
    data = await web.form(request)
    if not settings.dev_login_enabled or dev is None:
        raise web.ApiErrorPage(404, _("Đăng nhập thử nghiệm không được bật ở đây."))
    if not web.login_csrf_ok(request, data.get("csrf")):
        raise web.BadCsrf
    errors: dict[str, str] = {}
    role = data.get("role", "")
    if role not in ROLES:
        errors["role"] = _("Xin chọn một vai trò.")
    unit: uuid.UUID | None = None
    raw_unit = data.get("unit_id", "").strip()
    if raw_unit:
        try:
            unit = uuid.UUID(raw_unit)
        except ValueError:
            errors["unit_id"] = _("Đơn vị không hợp lệ.")
    elif role != "admin":
        errors["unit_id"] = _("Xin chọn đơn vị (chỉ quản trị mới được xem toàn tổ chức).")
    subject = data.get("subject", "").strip() or f"dev-{role}"
    if len(subject) > 100 or not subject.isprintable():
        errors["subject"] = _("Tên người dùng tối đa 100 ký tự, không có ký tự điều khiển.")
    target = web.safe_next(data.get("next"))
    if errors:
        return await _login_form(request, target, data, errors)
    user = User(subject=subject, role=role, unit_id=unit, token=dev.token(role, unit, subject))
    s = web.codec_of(request).new(user)
    response = RedirectResponse(target, status_code=303)
    web.set_cookie(request, response, COOKIE, web.codec_of(request).dump(s), settings.session_ttl_s)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Sign out: this session ends, and the provider's too (with the OIDC login). A session that has already
    ended (expired, idle) still ends the provider's: on a shared computer the next person's "sign in" would
    otherwise be signed in as the last one, silently, by the provider."""
    s = web.codec_of(request).load(request.cookies.get(COOKIE))
    if s is not None:
        await web.checked_form(request, s)
    # without a session there is no form token to check: only a form of this site's pages may end the provider's
    # session (another site's page posting here gets the login page, and nothing else happens)
    ours = s is not None or web.same_origin(request)
    oidc = request.app.state.oidc
    target = "/login"
    if oidc is not None and ours and (s is None or s.via == "oidc"):  # end the provider's session too
        target = await oidc.logout_url(oidc.post_logout_url()) or target
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/")
async def dashboard(request: Request, s: Session = Depends(web.session)) -> Response:
    board = await screens.dashboard(web.api(request, s), s.user, clock.today(), web.settings_of(request).role_volunteer)
    return web.render(request, "dashboard.html", board=board, nav="dashboard")


async def _organisers(request: Request, s: Session) -> list[tuple[str, str]]:
    """Units the user may organise a campaign for: every unit of their scope, in tree order."""
    return await scope_units(web.api(request, s), s.user)


async def _new_form(
    request: Request,
    s: Session,
    values: dict[str, str],
    errors: dict[str, str],
    message: str = "",
    status: int = 200,
    detail: str = "",
    editing: CampaignOut | None = None,
) -> Response:
    """The new-campaign form, or (``editing``) the same form correcting a draft: its organising unit is offered
    even when the user's list of units today does not hold it (a unit ended or not yet begun), so that the form
    sent as shown keeps it."""
    organisers = await _organisers(request, s)
    if editing is not None and str(editing.organising_unit_id) not in {u for u, _ in organisers}:
        try:
            label = (await web.api(request, s).unit(editing.organising_unit_id, as_of=editing.receiving_from)).name
        except ApiError:
            label = _("Đơn vị tổ chức hiện tại")
        organisers = [(str(editing.organising_unit_id), label), *organisers]
    return web.render(
        request,
        "campaign_new.html",
        status=status,
        nav="campaigns",
        organisers=organisers,
        types=list(TYPE_LABELS.items()),
        values=values,
        errors=errors,
        message=message,
        detail=detail,
        editing=editing,
    )


@router.get("/campaigns/new")
async def new_campaign(request: Request, s: Session = Depends(web.session)) -> Response:
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được tạo cuộc vận động."))
    return await _new_form(request, s, {}, {})


@router.post("/campaigns")
async def create_campaign(request: Request, s: Session = Depends(web.session)) -> Response:
    data = await web.checked_form(request, s)
    try:
        cid = await web.api(request, s).create_campaign(screens.campaign_body(data))
    except ApiError as exc:
        if exc.problem.status in (401, 403) or exc.problem.status >= 500:
            raise
        p = exc.problem
        return await _new_form(request, s, data, p.fields, p.message, status=p.status, detail=p.detail)
    return RedirectResponse(f"/campaigns/{cid}", status_code=303)


def _campaign_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise web.ApiErrorPage(404, _("Không có cuộc vận động này.")) from exc


async def _draft(request: Request, s: Session, campaign_id: str) -> CampaignOut:
    """The draft this user may correct, or the page saying why not."""
    c, may = await screens.draft(web.api(request, s), s.user, _campaign_id(campaign_id))
    if str(c.state) != "draft":
        raise web.ApiErrorPage(409, _("Chỉ sửa được cuộc vận động còn là bản nháp (chưa phát động)."))
    if not may:
        raise web.ApiErrorPage(403, _("Vai trò hoặc đơn vị của bạn không được sửa cuộc vận động này."))
    return c


@router.get("/campaigns/{campaign_id}/edit")
async def edit_campaign(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    c = await _draft(request, s, campaign_id)
    shown = screens.campaign_form(c)
    return await _new_form(request, s, {**shown, "shown": screens.shown_field(shown)}, {}, editing=c)


@router.post("/campaigns/{campaign_id}/edit")
async def correct_campaign(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    data = await web.checked_form(request, s)
    c = await _draft(request, s, campaign_id)
    # the changes from the draft as this form showed it, not as it is now: a field another user changed since is
    # not sent back as it was (the form carries what it showed; without it, the draft as it is)
    shown = screens.shown_values(data.get("shown", "")) or screens.campaign_form(c)
    changes = screens.campaign_patch(data, shown)
    if changes:
        try:
            await web.api(request, s).update_campaign(c.id, changes)
        except ApiError as exc:
            if exc.problem.status in (401, 403) or exc.problem.status >= 500:
                raise
            p = exc.problem
            return await _new_form(request, s, data, p.fields, p.message, p.status, p.detail, editing=c)
    return RedirectResponse(f"/campaigns/{c.id}", status_code=303)


async def _donation_form(
    request: Request,
    s: Session,
    cid: uuid.UUID,
    values: dict[str, str],
    errors: dict[str, str],
    message: str = "",
    status: int = 200,
    detail: str = "",
) -> Response:
    page = await screens.campaign(web.api(request, s), s.user, cid)
    if not page.can_record:
        raise web.ApiErrorPage(403, _("Không thể ghi nhận đóng góp cho cuộc vận động này (trạng thái hoặc vai trò)."))
    received_on = page.gift_day
    values = {"received_on": received_on, "unit_id": screens.first_unit(page.record_units), **values}
    if _uuid_or_none(values.get("key", "")) is None:  # a new form, or its key altered: a new key
        values["key"] = str(uuid.uuid4())
    return web.render(
        request,
        "donation_new.html",
        status=status,
        nav="campaigns",
        page=page,
        values=values,
        errors=errors,
        message=message,
        detail=detail,
        channels=list(CHANNEL_LABELS.items()),
        donor_types=list(DONOR_TYPE_LABELS.items()),
    )


@router.get("/campaigns/{campaign_id}/donations/new")
async def new_donation(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid = _campaign_id(campaign_id)
    key, again = web.form_key(request)
    return again or await _donation_form(request, s, cid, {"key": key or ""}, {})


@router.post("/campaigns/{campaign_id}/donations")
async def record_donation(campaign_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    cid = _campaign_id(campaign_id)
    data = await web.checked_form(request, s)
    key = _uuid_or_none(data.get("key", "").strip())
    if key is None:  # the form's own hidden key, altered: a new form with a new key
        message = _("Biểu mẫu không hợp lệ, xin kiểm tra lại rồi gửi lần nữa.")
        return await _donation_form(request, s, cid, data, {}, message, status=422)
    try:
        made = await web.api(request, s).record_donation(cid, screens.donation_body(data), key)
    except ApiError as exc:
        if unknown := web.unanswered_write(exc):
            return await _donation_form(request, s, cid, data, {}, unknown, status=exc.problem.status)
        if used := web.key_used_before(exc):
            return await _donation_form(request, s, cid, {**data, "key": ""}, {}, used, status=409)
        if exc.problem.status in (401, 403, 404) or exc.problem.status >= 500:
            raise
        p = exc.problem
        return await _donation_form(request, s, cid, data, p.fields, p.message, status=p.status, detail=p.detail)
    return RedirectResponse(f"/donations/{made.id}/receipt{'?again=1' if made.replayed else ''}", status_code=303)


@router.get("/units")
async def units(request: Request, as_of: str = "", s: Session = Depends(web.session)) -> Response:
    """The user's own unit; for a user of the whole organisation, its top units."""
    if s.user.unit_id is not None:
        query = f"?as_of={quote(as_of)}" if as_of else ""
        return RedirectResponse(f"/units/{s.user.unit_id}{query}", status_code=303)
    errors: dict[str, str] = {}
    day = None
    try:
        day = as_of_date(as_of)
    except ValueError:
        errors["as_of"] = str(DATE_MESSAGE)
    tops = [] if errors else [u for u in await web.api(request, s).units_under(None, day) if u.parent_id is None]
    return web.render(
        request, "units.html", status=422 if errors else 200, nav="units", tops=tops, as_of=as_of, errors=errors
    )


@router.get("/units/{unit_id}")
async def unit(unit_id: str, request: Request, as_of: str = "", s: Session = Depends(web.session)) -> Response:
    try:
        uid = uuid.UUID(unit_id)
    except ValueError as exc:
        raise web.ApiErrorPage(404, _("Không có đơn vị này.")) from exc
    errors: dict[str, str] = {}
    page = None
    status = 200
    try:
        day = as_of_date(as_of)
    except ValueError:
        errors["as_of"], status = str(DATE_MESSAGE), 422
    else:
        try:
            page = await screens.unit(web.api(request, s), uid, day, web.settings_of(request).role_volunteer)
        except ApiError as exc:
            if exc.problem.status not in (403, 404) or not day:
                raise
            # the tree of that date: the unit may not exist yet, or not be in the user's subtree then
            errors["as_of"] = _("Vào ngày này đơn vị chưa có, đã thôi hoạt động hoặc không thuộc phạm vi của bạn.")
            status = exc.problem.status
    return web.render(
        request, "unit.html", status=status, nav="units", page=page, unit_id=uid, as_of=as_of, errors=errors
    )


REPORT_DATES = ("as_of", "period_from", "period_to")
EXPORTS = {"csv": "csv", "xlsx": "xlsx"}


def _report_args(unit_id: str, raw: dict[str, str]) -> tuple[uuid.UUID | None, dict[str, Any], dict[str, str]]:
    """The report's unit and dates from the query, with the errors of those that are not dates."""
    errors: dict[str, str] = {}
    dates: dict[str, Any] = {}
    for name in REPORT_DATES:
        try:
            dates[name] = as_of_date(raw.get(name, ""))
        except ValueError:
            errors[name] = str(DATE_MESSAGE)
    unit = _uuid_or_none(unit_id)
    if unit_id and unit is None:
        errors["unit_id"] = _("Đơn vị không hợp lệ.")
    return unit, dates, errors


@router.get("/reports")
async def reports(
    request: Request,
    unit_id: str = "",
    as_of: str = "",
    period_from: str = "",
    period_to: str = "",
    s: Session = Depends(web.session),
) -> Response:
    """Membership as of a date, with the period's joins and lapses: the unit (default: the user's) and
    the units under it; CSV and XLSX of the same report."""
    raw = {"as_of": as_of, "period_from": period_from, "period_to": period_to}
    unit, dates, errors = _report_args(unit_id, raw)
    report = None
    status = 422 if errors else 200
    if not errors:
        try:
            report = await web.api(request, s).membership(unit, dates)
        except ApiError as exc:
            if exc.problem.status != 422:
                raise
            errors = exc.problem.fields or {"as_of": exc.problem.message}
            status = 422
    query = "&".join(f"{k}={quote(v)}" for k, v in {"unit_id": unit_id, **raw}.items() if v)
    return web.render(
        request, "reports.html", status=status, nav="reports", report=report, values=raw, errors=errors, query=query
    )


@router.get("/reports/membership.{fmt}")
async def report_file(
    fmt: str,
    request: Request,
    unit_id: str = "",
    as_of: str = "",
    period_from: str = "",
    period_to: str = "",
    s: Session = Depends(web.session),
) -> Response:
    if fmt not in EXPORTS:
        raise web.ApiErrorPage(404, _("Không có định dạng này."))
    unit, dates, errors = _report_args(unit_id, {"as_of": as_of, "period_from": period_from, "period_to": period_to})
    if errors:
        raise web.ApiErrorPage(422, _("Ngày hoặc đơn vị của báo cáo không hợp lệ."))
    body, media = await web.api(request, s).membership_file(unit, dates, fmt)
    # named by its period when one is given (two periods' files do not download under one name)
    dated = "".join(f"-{dates[k]}" for k in ("period_from", "period_to") if dates[k])
    name = f"hoi-vien{dated or '-' + str(dates['as_of'] or clock.today())}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(body, media_type=media, headers=headers)
