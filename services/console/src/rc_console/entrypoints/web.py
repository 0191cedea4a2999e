"""Request plumbing of the pages: templates, the page's language, the session, CSRF, forms and the error pages."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from rc_console import i18n
from rc_console.adapters.session import COOKIE, LOGIN_CSRF_COOKIE, Session, SessionCodec, same_token
from rc_console.adapters.upstream import Api, ApiError, Upstreams
from rc_console.domain.model import (
    CHANNEL_LABELS,
    DONATION_KIND_LABELS,
    DONOR_TYPE_LABELS,
    MEMBER_ROLE_LABELS,
    MEMBERSHIP_LABELS,
    ROLE_LABELS,
    UNIT_END_LABELS,
    UNIT_LEVEL_LABELS,
    problem_of,
    unit_change_label,
)
from rc_console.i18n import gettext as _
from rc_console.settings import Settings

HERE = Path(__file__).resolve().parent
templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True),
    extensions=["jinja2.ext.i18n"],
    auto_reload=False,  # templates are read once per process, not checked on disk on every page (and import)
)
# {{ _("…") }} and {% trans %}: the message in the page's language (newstyle: {{ _("… %(name)s", name=x) }},
# the values escaped); the extension adds this method to the environment
templates.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
)
templates.policies["ext.i18n.trimmed"] = True
templates.filters["vnd"] = i18n.money
templates.filters["number"] = i18n.number
templates.filters["day"] = i18n.day
templates.globals["in_words"] = i18n.amount_in_words
templates.globals["LANGUAGES"] = i18n.NAMES
templates.globals["ROLE_LABELS"] = ROLE_LABELS
templates.globals["MEMBERSHIP_LABELS"] = MEMBERSHIP_LABELS
templates.globals["MEMBER_ROLE_LABELS"] = MEMBER_ROLE_LABELS
templates.globals["UNIT_LEVEL_LABELS"] = UNIT_LEVEL_LABELS
templates.globals["UNIT_END_LABELS"] = UNIT_END_LABELS
templates.globals["CHANNEL_LABELS"] = CHANNEL_LABELS
templates.globals["DONATION_KIND_LABELS"] = DONATION_KIND_LABELS
templates.globals["DONOR_TYPE_LABELS"] = DONOR_TYPE_LABELS
templates.filters["unit_change"] = unit_change_label
MAX_FORM_BYTES = 64 * 1024
PAGE_HEADERS = {  # pages hold personal data: never cached; only this site's own scripts and styles
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
PLAIN_PATHS = frozenset({"/health/live", "/health/ready", "/metrics"})  # answered as JSON or text, for machines
_KEPT_HEADERS = frozenset({b"retry-after", b"allow", b"x-correlation-id", b"traceparent"})


class LoginRequired(Exception):
    """No valid session: the user is sent to the login page."""


class BadCsrf(Exception):
    """A form without the session's CSRF token (403)."""


def load_templates() -> int:
    """Compile every template now (a process serving pages calls this before it takes its first request,
    so the compiled templates are among what it freezes); returns how many."""
    names = templates.list_templates(extensions=["html"])
    for name in names:
        templates.get_template(name)
    return len(names)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def codec_of(request: Request) -> SessionCodec:
    return request.app.state.sessions  # type: ignore[no-any-return]


def upstreams_of(request: Request) -> Upstreams:
    return request.app.state.upstreams  # type: ignore[no-any-return]


async def session(request: Request) -> Session:
    """FastAPI dependency: the signed-in user's session, else :class:`LoginRequired`. Its "last used"
    time moves on (the idle timeout): :class:`SessionTouch` sends the refreshed cookie. Asynchronous
    (decrypting the cookie takes microseconds): a plain function would run in a worker thread, a thread
    switch on every page; the page's :func:`render` takes the session from here instead of decrypting
    the cookie again."""
    codec = codec_of(request)
    s = codec.load(request.cookies.get(COOKIE))
    if s is None:
        raise LoginRequired
    request.state.session = s
    fresh = codec.touched(s)
    if fresh is not None:
        request.state.session_cookie = (codec.dump(fresh), fresh.expires)
    return s


def same_origin(request: Request) -> bool:
    """Whether the browser says the request comes from a page of this site (``Sec-Fetch-Site``, else ``Origin``);
    False when it says neither."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("origin")
    return origin is not None and origin == f"{request.url.scheme}://{request.url.netloc}"


def safe_next(target: str | None) -> str:
    """Only a path of this site (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def api(request: Request, s: Session) -> Api:
    return upstreams_of(request).for_user(s.user.token)


async def form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (the only kind the console's forms send);
    the last value of a repeated field wins."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise ApiErrorPage(413, _("Nội dung gửi lên quá lớn."))
    return dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))


async def checked_form(request: Request, s: Session) -> dict[str, str]:
    """The form, after its CSRF token was checked against the session's."""
    data = await form(request)
    if not same_token(s.csrf, data.get("csrf")):
        raise BadCsrf
    return data


class ApiErrorPage(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    s: Session | None = getattr(request.state, "session", None)
    if s is None:  # a page without the session dependency (login, errors)
        s = codec_of(request).load(request.cookies.get(COOKIE))
    locale = i18n.current()
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = templates.get_template(name).render(
        request=request, user=s.user if s else None, csrf=s.csrf if s else "", locale=locale, here=here, **context
    )
    return HTMLResponse(html, status_code=status, headers=page_headers(request) | {"Content-Language": locale})


def page_headers(request: Request) -> dict[str, str]:
    """:data:`PAGE_HEADERS`; with the OIDC login, a form may also lead to the provider (the logout
    form ends the provider's session there: browsers apply ``form-action`` to its redirect)."""
    extra: str | None = getattr(request.app.state, "form_action_origin", None)
    if not extra:
        return PAGE_HEADERS
    csp = PAGE_HEADERS["Content-Security-Policy"].replace("form-action 'self'", f"form-action 'self' {extra}")
    return {**PAGE_HEADERS, "Content-Security-Policy": csp}


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """An HttpOnly, SameSite=Lax cookie of the whole site (Secure behind TLS)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=settings_of(request).session_cookie_secure,
        path="/",
    )


def new_login_csrf() -> str:
    return secrets.token_urlsafe(32)


def login_csrf_ok(request: Request, given: str | None) -> bool:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    return bool(expected) and same_token(expected or "", given)


def error_page(request: Request, exc: ApiError) -> Response:
    """A service's refusal (not a 401: the app's handler signs in again) as a page that keeps its status."""
    p = exc.problem
    status = p.status if 400 <= p.status < 600 else 502
    return render(request, "error.html", status=status, message=p.message, detail=p.detail)


class Localised:
    """Outermost ASGI middleware: the request's language (the language cookie, then Accept-Language,
    then Vietnamese: :func:`rc_console.i18n.negotiate`), for everything that answers it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        with i18n.using(i18n.negotiate(request.cookies.get(i18n.COOKIE), request.headers.get("accept-language"))):
            await self.app(scope, receive, send)


def form_key(request: Request) -> tuple[str | None, Response | None]:
    """A new keyed form's Idempotency-Key, carried by its URL (``?key=``): the key, or (no key, or not a UUID) a
    redirect to the same URL with a new one. A page fetched again from the browser's history (the back button
    after a send whose answer never came) so keeps its key: sent again, it is recorded once, not twice."""
    raw = request.query_params.get("key", "")
    try:
        return str(uuid.UUID(raw)), None
    except ValueError:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "key"] + [("key", str(uuid.uuid4()))]
        return None, RedirectResponse(f"{request.url.path}?{urlencode(query)}", status_code=303)


# A keyed write (a gift, a distribution: the form's Idempotency-Key) the service did not answer in time, or answered
# busy (a timeout of the console's call, a 502/503/504): it may have been recorded. The form is shown again as it
# was sent, with the same key, so that sending it again records it once, not a second time.
UNANSWERED_WRITE = (502, 503, 504)


def key_used_before(exc: ApiError) -> str | None:
    """What the form says when its key was used before by another request (the page came back from the history
    after it was sent, and other values were typed in): the form is shown again under a new key."""
    if exc.problem.status != 422 or "Idempotency-Key" not in exc.problem.fields:
        return None
    return _(
        "Biểu mẫu này đã được gửi trước đó (trang mở lại từ lịch sử trình duyệt). Nó vừa được cấp mã mới: nếu đây"
        " là một khoản mới, kiểm tra các ô rồi gửi lại."
    )


def unanswered_write(exc: ApiError) -> str | None:
    """What the form says when ``exc`` left the write unknown (None: another refusal)."""
    if exc.problem.status not in UNANSWERED_WRITE:
        return None
    return _(
        "Dịch vụ chưa trả lời kịp, nên chưa biết khoản này đã được ghi hay chưa. Biểu mẫu vẫn giữ nguyên những gì"
        " bạn đã nhập: bấm gửi lại là an toàn (nếu đã ghi rồi, sẽ không ghi thêm lần nữa)."
    )


class HtmlProblems:
    """ASGI middleware, outside the shared ones: a JSON problem answered by the shared request plumbing (a
    body too large, a character that cannot be stored, a write quota, overload, an unknown path, a 500)
    is a page in the user's language with the same status, as every answer of the console's pages is."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] in PLAIN_PATHS:
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                media = dict(message.get("headers") or []).get(b"content-type", b"")
                if message["status"] >= 400 and b"json" in media:
                    start = message
                    return
            elif start is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self._page(scope, start, b"".join(chunks), send)
                return
            await send(message)

        await self.app(scope, receive, capture)

    async def _page(self, scope: Any, start: dict[str, Any], body: bytes, send: Any) -> None:
        status = int(start["status"])
        try:
            doc = json.loads(body)
        except ValueError:
            doc = {}
        p = problem_of(status, doc)
        kept = [(k, v) for k, v in start.get("headers") or [] if k.lower() in _KEPT_HEADERS]
        request = Request(scope)
        message = _("Không có trang này.") if status == 404 else p.message
        page = render(request, "error.html", status=status, message=message, detail=p.detail)
        headers = [(k, v) for k, v in page.raw_headers if k.lower() != b"content-length"] + kept
        await send({"type": "http.response.start", "status": status, "headers": [
            *headers, (b"content-length", str(len(page.body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": page.body})


def touches(status: int) -> bool:
    """An answer that moves the session's idle timeout on: a page, a redirect, a form to correct."""
    return status < 400 or status in (409, 422)


class SessionTouch:
    """ASGI middleware: sends the session cookie :func:`session` refreshed (its idle timeout moved on)
    with an answer that is not a refusal (below 400) or is a form given back to be corrected (409, 422: the
    user at work, as a page read is), unless the answer sets that cookie itself (a login, a logout). Another
    refusal (401, 403, 404, a service down) never sets the session cookie."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def touch(message: dict[str, Any]) -> None:
            fresh = (scope.get("state") or {}).get("session_cookie")
            if message["type"] == "http.response.start" and fresh is not None and touches(message["status"]):
                headers = list(message.get("headers") or [])
                own = COOKIE.encode() + b"="
                if not any(k.lower() == b"set-cookie" and v.startswith(own) for k, v in headers):
                    value, expires = fresh
                    cookie = Response()
                    set_cookie(Request(scope), cookie, COOKIE, value, max(1, expires - int(time.time())))
                    headers += [(k, v) for k, v in cookie.raw_headers if k == b"set-cookie"]
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, touch)
