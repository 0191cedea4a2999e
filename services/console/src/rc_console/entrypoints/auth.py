"""Sign-in through the OIDC provider: ``/auth/login`` sends the browser there, ``/auth/callback``
brings it back signed in (see :mod:`rc_console.adapters.oidc`).

The login under way (state, nonce, PKCE verifier, where to go next) travels in an encrypted,
HttpOnly cookie that lives ten minutes and is used once: the callback removes it once it has the provider's
answer to that login (its state), whatever the answer, so a callback URL replayed later (or a second time) finds
no login to complete; an error without the login's state (a link from elsewhere) leaves the login under way.
"""

from __future__ import annotations

import time
import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rc_console.adapters.oidc import PENDING_TTL_S, LoginFailed, OidcClient, Pending
from rc_console.adapters.session import COOKIE, LOGIN_CSRF_COOKIE, MAX_COOKIE_BYTES, OIDC_COOKIE, Sealer, same_token
from rc_console.adapters.upstream import ApiError
from rc_console.domain.model import User
from rc_console.entrypoints import web
from rc_console.i18n import gettext as _
from rc_shared.logging import get_logger

log = get_logger(__name__)
router = APIRouter(include_in_schema=False)


def oidc_of(request: Request) -> OidcClient:
    client: OidcClient | None = request.app.state.oidc
    if client is None:
        raise web.ApiErrorPage(404, _("Đăng nhập qua nhà cung cấp định danh (OIDC) chưa được cấu hình ở đây."))
    return client


def sealer_of(request: Request) -> Sealer:
    return request.app.state.oidc_sealer  # type: ignore[no-any-return]


def _failed(request: Request, exc: LoginFailed) -> Response:
    log.warning("oidc_login_refused", status=exc.status, reason=exc.detail)
    page = web.render(request, "error.html", status=exc.status, message=exc.message, detail="")
    page.delete_cookie(OIDC_COOKIE, path="/")
    return page


async def _unit_unknown(request: Request, token: str, unit_id: uuid.UUID) -> bool:
    """Whether the members service knows no such unit today (a unit ended in a reform, or a mistyped id at the
    identity provider: every page would be empty or refused). A service that does not answer is not a no."""
    try:
        await web.upstreams_of(request).for_user(token).unit(unit_id)
    except ApiError as exc:
        return exc.problem.status == 404
    return False


@router.get("/auth/login")
async def start(request: Request, next: str | None = None) -> Response:
    """Send the browser to the provider's authorization endpoint with a new state, nonce and PKCE challenge."""
    client = oidc_of(request)
    try:
        url, pending = await client.start(web.safe_next(next))
    except LoginFailed as exc:
        return _failed(request, exc)
    response = RedirectResponse(url, status_code=303)
    web.set_cookie(request, response, OIDC_COOKIE, sealer_of(request).seal(pending.dump()), PENDING_TTL_S)
    return response


@router.get("/auth/callback")
async def callback(
    request: Request, state: str = "", code: str = "", error: str = "", error_description: str = ""
) -> Response:
    """The provider's answer: a code for the login under way (its state), or an error. An error is the
    provider's only with the login's state: a link from elsewhere to this address cannot end a login under way."""
    client = oidc_of(request)
    pending = Pending.load(sealer_of(request).open(request.cookies.get(OIDC_COOKIE)))
    if error and pending is not None and same_token(pending.state, state):
        said = f"error={error[:100]!r} error_description={error_description[:300]!r}"
        return _failed(request, LoginFailed(403, _("Nhà cung cấp định danh không cho đăng nhập."), said))
    if error:  # not the provider's answer to this browser's login: the login under way goes on
        log.warning("oidc_callback_refused", reason="an error without the login's state")
        return web.render(request, "error.html", status=400, detail="",
                          message=_("Phiên đăng nhập đã hết hạn hoặc không hợp lệ, xin đăng nhập lại."))  # fmt: skip
    if pending is None:
        return _failed(request, LoginFailed(400, _("Phiên đăng nhập đã hết hạn hoặc không hợp lệ, xin đăng nhập lại."),
                                            "no login under way (no, expired or altered cookie)"))  # fmt: skip
    try:
        signed = await client.finish(pending, state, code)
    except LoginFailed as exc:
        return _failed(request, exc)
    p = signed.principal
    if p.unit_id is not None and await _unit_unknown(request, signed.access_token, p.unit_id):
        said = _("Đơn vị của tài khoản này không có (hoặc đã giải thể, sáp nhập) trong hệ thống: "
                 "xin người quản trị sửa đơn vị của tài khoản.")  # fmt: skip
        return _failed(request, LoginFailed(403, said, f"unit_id {p.unit_id} unknown to the members service today"))
    user = User(subject=p.subject, role=p.role, unit_id=p.unit_id, token=signed.access_token)
    codec = web.codec_of(request)
    s = codec.new(user, via="oidc", not_after=signed.expires)
    cookie = codec.dump(s)
    if len(COOKIE) + len(cookie) > MAX_COOKIE_BYTES:
        return _failed(request, LoginFailed(502, _("Mã truy cập của nhà cung cấp định danh quá lớn để giữ phiên."),
                                            f"session cookie of {len(cookie)} bytes"))  # fmt: skip
    response = RedirectResponse(pending.target, status_code=303)
    web.set_cookie(request, response, COOKIE, cookie, max(1, s.expires - int(time.time())))
    response.delete_cookie(OIDC_COOKIE, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    log.info("signed_in", via="oidc", role=p.role, subject=p.subject, unit_id=str(p.unit_id or ""))
    return response
