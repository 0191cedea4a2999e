"""The console's HTTP app: pages, static assets, health and metrics.

It owns no database and no topic: every figure comes from the services' APIs, called with the
signed-in user's bearer token, so the services' scope and role checks apply unchanged. Staff sign
in through the OIDC provider (``RC_OIDC_*``: authorization code flow with PKCE); locally, through
the development login (``RC_DEV_LOGIN_ENABLED``).
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Mapping
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import cookie_parser

from rc_console.adapters.devtokens import DevTokens
from rc_console.adapters.oidc import OidcClient
from rc_console.adapters.session import COOKIE, Sealer, SessionCodec
from rc_console.adapters.upstream import ApiError, Upstreams
from rc_console.entrypoints import auth, language, pages_campaign_ops, pages_money, pages_reports, web
from rc_console.entrypoints.pages import router
from rc_console.entrypoints.pages_people import router as people_router
from rc_console.i18n import gettext as _
from rc_console.settings import Settings
from rc_shared import clock, http
from rc_shared.logging import configure, get_logger

log = get_logger(__name__)
UPSTREAMS = ("members", "campaigns", "donations", "reporting")


def _session_keys(settings: Settings) -> list[bytes]:
    keys = settings.session_keys()
    if keys:
        return keys
    if not settings.dev_login_enabled or settings.oidc_enabled:
        raise ValueError("RC_SESSION_SECRET is required (a random key per process is only for the development login)")
    return [secrets.token_bytes(32)]


def _origin(url: str) -> str:
    u = urlsplit(url)
    return f"{u.scheme}://{u.netloc}"


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    upstreams = Upstreams(
        {name: str(getattr(settings, f"{name}_url")).rstrip("/") for name in UPSTREAMS},
        settings.upstream_timeout_s,
        settings.upstream_max_connections,
        settings.report_cache_s,
        units_cache_s=settings.units_cache_s,
    )
    keys = _session_keys(settings)
    oidc = OidcClient(settings) if settings.oidc_enabled else None

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        configure(settings.service_name, settings.log_level, settings.log_json)
        clock.configure(settings.timezone)  # "today" as the services have it (a form's default day, a deadline)
        log.info(
            "service_started", dev_login=settings.dev_login_enabled, oidc=settings.oidc_issuer, upstreams=upstreams.urls
        )
        try:
            yield
        finally:
            await pages_money.IMPORTS.close()  # bank-statement imports still running end with the process
            await upstreams.close()
            if oidc is not None:
                await oidc.close()

    app = FastAPI(title="Red Cross staff console", version="1.0.0", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.upstreams = upstreams
    app.state.sessions = SessionCodec(keys, settings.session_ttl_s, settings.session_idle_s)
    app.state.oidc = oidc
    app.state.oidc_sealer = Sealer(keys, "oidc-login")
    app.state.form_action_origin = _origin(settings.oidc_issuer) if settings.oidc_issuer else None
    app.state.dev_tokens = (
        DevTokens(
            settings.dev_login_private_key_file, settings.auth_issuer, settings.auth_audience, settings.session_ttl_s
        )
        if settings.dev_login_enabled and settings.dev_login_private_key_file
        else None
    )
    sessions: SessionCodec = app.state.sessions

    def signed_in(headers: Mapping[str, str]) -> str | None:
        """The session's user, whom a form counts against: the console has no bearer token in front of it,
        and behind an ingress every browser has the ingress's address (one bucket, that anyone could empty
        for every member of staff)."""
        s = sessions.load(cookie_parser(headers.get("cookie", "")).get(COOKIE))
        return None if s is None else s.user.subject

    http.install(
        app,
        settings.service_name,
        settings.max_request_bytes,
        settings.write_rate_per_minute,
        write_quotas=settings.write_quota_clients,
        max_in_flight=settings.max_in_flight,
        body_bytes_in_flight=settings.http_max_body_bytes_in_flight,
        write_client=signed_in,
    )
    app.add_middleware(web.SessionTouch)
    app.add_middleware(web.HtmlProblems)  # it sees the shared middleware's answers
    app.add_middleware(web.Localised)  # every page (the refusals too) in the user's language
    # added last, the outermost: pages compressed for the browsers that ask (a distribution form with its
    # thousands of recipients, 705 KB, goes as 110 KB over a phone's 3G); a middle level (the default, 9, costs
    # twice the CPU for a few percent)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)

    def _back_to(path: str, query: str) -> str:
        # (not a search text: it may be a whole phone or identity number, and the login's address is kept in
        # the browser's history and proxies' logs)
        kept = urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "q"])
        return path + (f"?{kept}" if kept else "")

    def _page_of(request: Request, url: str | None) -> str:
        """The page ``url`` names on this site (a form's page, from Referer; htmx's current page), else "/"."""
        parts = urlsplit(url or "")
        if parts.netloc != request.url.netloc or not parts.path.startswith("/"):
            return "/"
        return _back_to(parts.path, parts.query)

    @app.exception_handler(web.LoginRequired)
    async def _login(request: Request, _: web.LoginRequired) -> Response:
        """To the login page, then back: to this page; for a form sent, to the form's page (what was typed is
        not kept: the login page says so); for htmx's request (a live search, a progress poll), the page it
        was made from, as a whole page (HX-Redirect), not a login page swapped into a fragment."""
        if request.headers.get("hx-request"):
            target = _page_of(request, request.headers.get("hx-current-url"))
        elif request.method != "GET":
            target = _page_of(request, request.headers.get("referer"))
        else:
            target = _back_to(request.url.path, request.url.query)
        expired = "&expired=1" if request.cookies.get(COOKIE) else ""
        location = f"/login?next={quote(target)}{expired}"
        if request.headers.get("hx-request"):
            return Response(status_code=200, headers={"HX-Redirect": location})
        return RedirectResponse(location, status_code=303)

    @app.exception_handler(web.BadCsrf)
    async def _csrf(request: Request, exc: web.BadCsrf) -> Response:
        message = _("Biểu mẫu đã hết hạn, xin tải lại trang rồi gửi lại.")
        return web.render(request, "error.html", status=403, message=message, detail="")

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        """A service's refusal as a page; its 401 (the token ended under the session) as a sign-in that comes
        back where :func:`_login` does: for a form sent, its page (the form's action, a POST-only address, was
        a 404 after signing in)."""
        if exc.problem.status == 401:
            return await _login(request, web.LoginRequired())
        return web.error_page(request, exc)

    @app.exception_handler(web.ApiErrorPage)
    async def _page(request: Request, exc: web.ApiErrorPage) -> Response:
        return web.render(request, "error.html", status=exc.status, message=exc.message, detail="")

    @app.get("/health/live", tags=["health"])
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/health/ready", tags=["health"])
    async def ready() -> JSONResponse:
        """Ready whenever it answers: the four services' liveness is reported (``degraded`` when one does
        not answer), not required. A page whose service is down says so itself; making every console
        replica unready for one service (reporting scaled to 0 for a rebuild) would take the whole
        console away. The services are asked at once, so the answer takes one timeout at most."""
        answers = await asyncio.gather(*(upstreams.live(name) for name in UPSTREAMS))
        checks = {name: "ok" if up else "unreachable" for name, up in zip(UPSTREAMS, answers, strict=True)}
        return JSONResponse({"status": "ok" if all(answers) else "degraded", "checks": checks})

    @app.get("/metrics", tags=["health"], include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.include_router(auth.router)
    app.include_router(router)
    app.include_router(pages_reports.router)
    app.include_router(language.router)
    app.include_router(people_router)
    app.include_router(pages_campaign_ops.router)  # the campaigns list, beneficiaries, blood sessions, reversals
    app.include_router(pages_money.router)  # after: its /campaigns/{id} routes would take /campaigns/new
    app.mount("/static", StaticFiles(directory=web.HERE / "static"), name="static")
    return app
