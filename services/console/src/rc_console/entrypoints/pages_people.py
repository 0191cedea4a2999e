"""The members side of the console: the members register, a person's page and its edits, the erasure,
member import."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from rc_console.adapters.session import Session, same_token
from rc_console.adapters.upstream import ApiError
from rc_console.domain.model import (
    FEE_LABELS,
    GENDER_LABELS,
    MEMBER_ROLE_LABELS,
    MEMBERSHIP_LABELS,
    PERSON_ACTIONS,
    TRAINING_KIND_LABELS,
    Problem,
    person_refusal,
    year_of,
)
from rc_console.entrypoints import web
from rc_console.entrypoints.uploads import multipart
from rc_console.i18n import gettext as _
from rc_console.service_layer import member_import
from rc_console.service_layer import people as screens
from rc_console.service_layer.campaign_ops import scope_units
from rc_shared import clock

router = APIRouter(include_in_schema=False)
TARGETED = {"end-role": "role_id", "withdraw": "consent_id"}  # the forms about one role or consent
# a transfer and a death have their own forms (a death, final, not one choice among the reversible ones)
STATUS_CHOICES = [(k, v) for k, v in MEMBERSHIP_LABELS.items() if k not in ("transferred", "deceased")]


@router.get("/members")
async def members(
    request: Request, after: str = "", after_key: str = "", s: Session = Depends(web.session)
) -> Response:
    """The members register: search without diacritics, filters (unit, status, role, a year's fee), paging."""
    typed = {k: v for k, v in request.query_params.items() if k in screens.REGISTER_FILTERS}
    settings = web.settings_of(request)
    reg = await screens.register(web.api(request, s), s.user, typed, after, settings.people_page_size, after_key)
    return web.render(
        request, "members.html", status=422 if reg.errors else 200, nav="members", reg=reg, first=not after,
        this_year=clock.today().year, status_choices=list(MEMBERSHIP_LABELS.items()),
        role_choices=list(MEMBER_ROLE_LABELS.items()), fee_choices=list(FEE_LABELS.items()), FEE_LABELS=FEE_LABELS,
    )  # fmt: skip


async def _register_form(
    request: Request, s: Session, values: dict[str, str], problem: Problem | None = None
) -> Response:
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được đăng ký người."))
    units = await scope_units(web.api(request, s), s.user)
    defaults = {"unit_id": str(s.user.unit_id or ""), "consent_given_on": clock.today().isoformat()}
    return web.render(
        request,
        "person_new.html",
        status=problem.status if problem else 200,
        nav="members",
        units=units,
        gender_choices=list(GENDER_LABELS.items()),
        values={**defaults, **values},
        errors=problem.fields if problem else {},
        message=problem.message if problem else "",
        detail=problem.detail if problem else "",
    )


@router.get("/members/new")
async def new_person(request: Request, s: Session = Depends(web.session)) -> Response:
    """One person registered by hand (a walk-in volunteer), rather than through a spreadsheet's import."""
    return await _register_form(request, s, {})


@router.post("/members/new")
async def register_person(request: Request, s: Session = Depends(web.session)) -> Response:
    data = await web.checked_form(request, s)
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được đăng ký người."))
    try:
        made = await web.api(request, s).person_edit("POST", "/people", screens.register_body(data))
    except ApiError as exc:
        if exc.problem.status in (401, 403, 404) or exc.problem.status >= 500:
            raise
        return await _register_form(request, s, data, screens.register_refusal(exc.problem))
    return RedirectResponse(f"/people/{made['id']}?done=register#main", status_code=303)


def _person_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise web.ApiErrorPage(404, _("Không có người này.")) from exc


async def _person_page(
    request: Request,
    s: Session,
    pid: uuid.UUID,
    *,
    status: int = 200,
    form: str = "",
    target: str = "",
    values: dict[str, str] | None = None,
    problem: Problem | None = None,
    done: str = "",
) -> Response:
    page = await screens.person(web.api(request, s), s.user, pid)
    sent = f"{form}-{target}" if target else form  # the form the user sent: its values and errors shown again
    return web.render(
        request,
        "person.html",
        status=status,
        nav="members",
        page=page,
        today=clock.today().isoformat(),
        new_key=str(uuid.uuid4()),  # the hours form's Idempotency-Key: sent twice, the hours are logged once
        sent=sent,
        page_alert=problem.message if problem and sent not in screens.form_keys(page) else "",
        values=values or {},
        problem=problem,
        done=str(screens.DONE_MESSAGES.get(done, "")),
        fee_choices=list(FEE_LABELS.items()),
        status_choices=STATUS_CHOICES,
        role_choices=list(MEMBER_ROLE_LABELS.items()),
        training_kind_choices=list(TRAINING_KIND_LABELS.items()),
        gender_choices=[("", _("(không ghi)")), *GENDER_LABELS.items()],
        actions=PERSON_ACTIONS,
        FEE_LABELS=FEE_LABELS,
        GENDER_LABELS=GENDER_LABELS,
        TRAINING_KIND_LABELS=TRAINING_KIND_LABELS,
    )


@router.get("/people/{person_id}")
async def person(person_id: str, request: Request, done: str = "", s: Session = Depends(web.session)) -> Response:
    return await _person_page(request, s, _person_id(person_id), done=done)


@router.get("/people/{person_id}/erase")
async def erase_page(person_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    pid = _person_id(person_id)
    page = await screens.person(web.api(request, s), s.user, pid)
    if "erase" not in page.actions:
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được xoá dữ liệu cá nhân."))
    return web.render(request, "person_erase.html", nav="members", page=page, error="")


@router.post("/people/{person_id}/erase")
async def erase(person_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    pid = _person_id(person_id)
    data = await web.checked_form(request, s)
    if data.get("confirm") != "yes":
        page = await screens.person(web.api(request, s), s.user, pid)
        error = _("Xin đánh dấu ô xác nhận để xoá.")
        return web.render(request, "person_erase.html", status=422, nav="members", page=page, error=error)
    await web.api(request, s).person_edit("DELETE", f"/people/{pid}/personal-data", None)
    return RedirectResponse(f"/people/{pid}?done=erase", status_code=303)


@router.post("/people/{person_id}/{action}")
async def person_edit(person_id: str, action: str, request: Request, s: Session = Depends(web.session)) -> Response:
    pid = _person_id(person_id)
    data = await web.checked_form(request, s)
    if action not in PERSON_ACTIONS or action == "erase":
        raise web.ApiErrorPage(404, _("Không có thao tác này."))
    target_raw = data.get(TARGETED.get(action, ""), "").strip()
    target: uuid.UUID | None = None
    if action in TARGETED:
        try:
            target = uuid.UUID(target_raw)
        except ValueError:
            p = Problem(422, _("Biểu mẫu không hợp lệ, xin tải lại trang rồi gửi lại."))
            return await _person_page(request, s, pid, status=422, form=action, values=data, problem=p)
    year = year_of(data.get("year", "")) if action == "fee" else None
    edit = screens.edit_of(action, data, year, target)
    assert edit is not None  # every action but the erasure has one
    # a form's Idempotency-Key is shown again only while the outcome of its request is unknown (an error page, then
    # Back): a refusal logged nothing, so the form comes back with a new one
    fresh = {k: v for k, v in data.items() if k != "key"}
    if edit.key is not None and not screens.is_form_key(edit.key):  # (the page renders a UUID)
        p = Problem(422, _("Biểu mẫu không hợp lệ, xin tải lại trang rồi gửi lại."))
        return await _person_page(request, s, pid, status=422, form=action, values=fresh, problem=p)
    if action == "fee" and year is None:
        p = Problem(422, _("Một số ô chưa đúng, xin xem lại."), {"year": _("Năm gồm 4 chữ số, từ 1900 đến 2100.")})
        return await _person_page(request, s, pid, status=422, form=action, values=data, problem=p)
    try:
        await web.api(request, s).person_edit(edit.method, f"/people/{pid}{edit.path}", edit.body, edit.key)
    except ApiError as exc:
        if exc.problem.status in (401, 403) or exc.problem.status >= 500:
            raise
        if exc.problem.status == 404 and target is None:
            raise
        if "Idempotency-Key" in exc.problem.fields:  # this form, sent before, was logged (its answer was lost)
            p = Problem(
                409,
                _(
                    "Biểu mẫu này đã được gửi và ghi trước đó (có thể trước khi trang báo lỗi): xem tổng số giờ ở "
                    "trên. Nếu cần ghi thêm, hãy gửi lại."
                ),
            )
        else:
            p = person_refusal(exc.problem, edit.fields)
        return await _person_page(
            request, s, pid, status=p.status, form=action, target=target_raw, values=fresh, problem=p
        )
    # (the form's action carries its own fragment, so that a refusal shows where the form is; the page after
    # a success opens at its top, where the notice is: a redirect without a fragment would inherit the form's)
    return RedirectResponse(f"/people/{pid}?done={action}#main", status_code=303)


# ------------------------------------------------------------------ member import


def _owner(s: Session) -> str:
    """Who may follow an import: the session that started it (its CSRF token is the session's own)."""
    return hashlib.sha256(s.csrf.encode()).hexdigest()


def _jobs(request: Request) -> member_import.ImportJobs:
    jobs = getattr(request.app.state, "member_imports", None)
    if jobs is None:
        jobs = request.app.state.member_imports = member_import.ImportJobs()
    return jobs


def _import_form(request: Request, status: int = 200, error: str = "") -> Response:
    return web.render(
        request,
        "member_import.html",
        status=status,
        nav="members",
        error=error,
        max_mb=member_import.MAX_UPLOAD_BYTES // (1024 * 1024),
        max_rows=member_import.MAX_ROWS,
    )


@router.get("/members/import")
async def import_page(request: Request, s: Session = Depends(web.session)) -> Response:
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được nhập hội viên."))
    return _import_form(request)


@router.post("/members/import")
async def import_upload(request: Request, s: Session = Depends(web.session)) -> Response:
    body = await request.body()
    if len(body) > member_import.MAX_UPLOAD_BYTES + 64 * 1024:
        too_large = _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": member_import.MAX_UPLOAD_BYTES // 1048576}
        return _import_form(request, 413, too_large)
    content_type = request.headers.get("content-type", "")
    try:
        fields, files = multipart(content_type, body)
    except ValueError:
        fields, files = await web.form(request), {}  # a form sent another way (not by the page): no file
    if not same_token(s.csrf, fields.get("csrf")):
        raise web.BadCsrf
    if not s.user.can("write"):
        raise web.ApiErrorPage(403, _("Vai trò của bạn không được nhập hội viên."))
    upload = files.get("file")
    if upload is None or not upload.filename:
        return _import_form(request, 422, _("Xin chọn một tệp CSV hoặc Excel (.xlsx)."))
    try:
        # in a worker thread: a workbook can take seconds to read, and the event loop serves everyone
        header, rows = await asyncio.to_thread(member_import.rows_of, upload.filename, upload.content)
    except member_import.BadFile as exc:
        return _import_form(request, 422, str(exc))
    source = upload.filename.replace("\x00", "")[:200].strip() or "upload"
    job = _jobs(request).start(_owner(s), source, header, rows, web.api(request, s))
    return RedirectResponse(f"/members/import/{job.id}", status_code=303)


@router.get("/members/import/template.xlsx")
async def import_template(request: Request, s: Session = Depends(web.session)) -> Response:
    """The import's template workbook (before the job routes: its name is not a job's id)."""
    headers = {"Content-Disposition": 'attachment; filename="mau-nhap-hoi-vien.xlsx"', "Cache-Control": "no-store"}
    return Response(member_import.template_workbook(), media_type=XLSX, headers=headers)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _job(request: Request, s: Session, job_id: str) -> member_import.ImportJob:
    try:
        jid = uuid.UUID(job_id)
    except ValueError:
        jid = None
    job = _jobs(request).get(jid, _owner(s)) if jid else None
    if job is None:
        raise web.ApiErrorPage(404, _("Không có lượt nhập này (hoặc nó đã cũ, hoặc của một phiên đăng nhập khác)."))
    return job


@router.get("/members/import/{job_id}")
async def import_job(job_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    return web.render(request, "member_import_job.html", nav="members", job=_job(request, s, job_id))


@router.get("/members/import/{job_id}/progress")
async def import_progress(job_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    """The progress part of the job's page (htmx polls it while the import runs)."""
    return web.render(request, "_import_progress.html", job=_job(request, s, job_id))


@router.get("/members/import/{job_id}/rejected.csv")
async def import_rejected(job_id: str, request: Request, s: Session = Depends(web.session)) -> Response:
    job = _job(request, s, job_id)
    headers: dict[str, Any] = {
        "Content-Disposition": f'attachment; filename="dong-bi-tu-choi-{job.id.hex[:8]}.csv"',
        "Cache-Control": "no-store",
    }
    return Response(job.rejected_csv(), media_type="text/csv; charset=utf-8", headers=headers)
