"""The console's app without the services: login settings, CSRF, sessions, health."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import httpx
import pytest

from rc_console.adapters.oidc import code_challenge
from rc_console.adapters.session import COOKIE, SessionCodec
from rc_console.domain.model import User
from rc_console.entrypoints.app import build_app
from rc_console.settings import Settings
from rc_shared.auth import generate_keys

UNIT = uuid.UUID(int=11)


def login_csrf(html: str) -> str:
    """The login form's CSRF token (a signed-in page also has the logout form's)."""
    m = re.search(r'action="/login"[^>]*>\s*<input type="hidden" name="csrf" value="([^"]+)"', html)
    assert m is not None, html
    return m.group(1)


def client(settings: Settings) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(settings)), base_url="http://console")


def dev_settings(tmp_path: Path, **extra: object) -> Settings:
    """The development login on (its key under ``tmp_path``), members not answering, and ``extra``."""
    private, _ = generate_keys(tmp_path)
    return Settings(
        dev_login_enabled=True, dev_login_private_key_file=str(private), members_url="http://127.0.0.1:9", **extra
    )


def test_production_needs_a_session_key_and_has_no_development_login() -> None:
    assert Settings().dev_login_enabled is False
    with pytest.raises(ValueError, match="RC_SESSION_SECRET"):
        build_app(Settings())


async def test_the_development_login_is_off_unless_enabled() -> None:
    async with client(Settings(session_secret="s" * 32)) as c:
        page = await c.get("/login")
        assert page.status_code == 200 and "OIDC" in page.text and 'name="role"' not in page.text
        r = await c.post("/login", data={"role": "admin"})
        assert r.status_code == 404


async def test_pages_need_a_session_and_forms_need_their_csrf_token(tmp_path: Path) -> None:
    settings = dev_settings(tmp_path)
    async with client(settings) as c:
        r = await c.get("/campaigns?x=1")
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/campaigns%3Fx%3D1"
        # a search's text is not carried: it may be a whole phone or identity number (the login's address
        # stays in the browser's history and in proxies' logs); the register's other filters are
        r = await c.get("/members", params={"q": "079123456789", "status": "active", "page": ""})
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/members%3Fstatus%3Dactive%26page%3D"
        # the login page lists no units here (members does not answer) and says so, never a 500
        page = await c.get("/login")
        assert page.status_code == 422 and "Dịch vụ tạm thời không trả lời" in page.text
        assert (await c.post("/login", data={"role": "admin", "csrf": "forged"})).status_code == 403
        r = await c.post("/login", data={"role": "admin", "csrf": login_csrf(page.text), "next": "//evil.example"})
        assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
        # signed in: a form without the session's CSRF token is refused and changes nothing
        r = await c.post("/campaigns/00000000-0000-0000-0000-000000000001/launch", data={"csrf": "nope"})
        assert r.status_code == 403 and "Biểu mẫu đã hết hạn" in r.text
        r = await c.post("/logout", data={})
        assert r.status_code == 403
        # a non-admin needs a unit
        page = await c.get("/login")
        csrf = login_csrf(page.text)
        r = await c.post("/login", data={"role": "viewer", "unit_id": "", "csrf": csrf})
        assert r.status_code == 422 and "chỉ quản trị mới được xem toàn tổ chức" in r.text
        r = await c.post("/login", data={"role": "boss", "unit_id": "x", "csrf": login_csrf(r.text)})
        assert r.status_code == 422 and "Xin chọn một vai trò." in r.text and "Đơn vị không hợp lệ." in r.text


async def test_health_and_metrics_answer_without_a_session() -> None:
    async with client(Settings(session_secret="s" * 32, members_url="http://127.0.0.1:9")) as c:
        assert (await c.get("/health/live")).json() == {"status": "ok"}
        ready = await c.get("/health/ready")
        # ready without the services (a page whose service is down says so): their liveness is reported
        assert ready.status_code == 200 and ready.json()["status"] == "degraded", ready.text
        assert ready.json()["checks"]["members"] == "unreachable"
        assert "rc_http_requests_total" in (await c.get("/metrics")).text
        assert (await c.get("/static/htmx.min.js")).status_code == 200


async def test_a_secure_cookie_behind_tls(tmp_path: Path) -> None:
    private, _ = generate_keys(tmp_path)
    settings = Settings(
        dev_login_enabled=True, dev_login_private_key_file=str(private), session_cookie_secure=True,
        members_url="http://127.0.0.1:9",
    )  # fmt: skip
    async with client(settings) as c:
        page = await c.get("/login")
        assert "Secure" in page.headers["set-cookie"]


async def test_malformed_ids_get_a_page_in_vietnamese_never_a_500(tmp_path: Path) -> None:
    settings = dev_settings(tmp_path)
    async with client(settings) as c:
        page = await c.get("/login")
        r = await c.post("/login", data={"role": "admin", "csrf": login_csrf(page.text)})
        assert r.status_code == 303
        missing = await c.get("/campaigns/not-a-uuid")
        assert missing.status_code == 404 and "Không có cuộc vận động này." in missing.text
        bad_page = await c.get("/members", params={"after": "x' OR 1=1"})
        assert bad_page.status_code == 422 and "Trang không hợp lệ." in bad_page.text
        csrf = re.search(r'name="csrf" value="([^"]+)"', bad_page.text)
        assert csrf is not None
        unknown = await c.post("/campaigns/00000000-0000-0000-0000-000000000001/explode", data={"csrf": csrf.group(1)})
        assert unknown.status_code == 404 and "Không có thao tác này." in unknown.text
        # every page: not cached, only the site's own scripts
        assert bad_page.headers["cache-control"] == "no-store"
        assert bad_page.headers["content-security-policy"].startswith("default-src 'self'")
        # the members service does not answer: a page saying so (503), not a 500
        down = await c.get("/members")
        assert down.status_code == 503 and "Dịch vụ tạm thời không trả lời" in down.text


async def test_the_shared_refusals_are_pages_in_vietnamese(tmp_path: Path) -> None:
    """What the shared request plumbing refuses before a page runs (a NUL, a body too large, an unknown
    path) is a page in Vietnamese with the same status, like every answer of the console."""
    settings = dev_settings(tmp_path, max_request_bytes=100_000)
    async with client(settings) as c:
        page = await c.get("/login")
        r = await c.post("/login", data={"role": "admin", "csrf": login_csrf(page.text), "subject": "a" * 101})
        assert r.status_code == 422 and "Tên người dùng tối đa 100 ký tự" in r.text  # not cut short
        r = await c.post("/login", data={"role": "admin", "csrf": login_csrf(r.text)})
        assert r.status_code == 303
        nul = await c.get("/members", params={"q": "a\x00b"})
        assert nul.status_code == 422 and nul.headers["content-type"].startswith("text/html")
        assert "Một số ô chưa đúng" in nul.text
        unknown = await c.get("/nowhere")
        assert unknown.status_code == 404 and "Không có trang này." in unknown.text
        big = await c.post("/campaigns", content=b"x" * 200_000, headers={"content-type": "text/plain"})
        assert big.status_code == 413 and big.headers["content-type"].startswith("text/html")
        assert "Hội Chữ thập đỏ" in big.text
        # a bad date, a malformed unit or receipt id: said, never a 500
        bad_day = await c.get("/units/00000000-0000-0000-0000-000000000001", params={"as_of": "2024-02-30"})
        assert bad_day.status_code == 422 and "Ngày không hợp lệ" in bad_day.text
        assert (await c.get("/units/x")).status_code == 404
        assert (await c.get("/donations/x/receipt")).status_code == 404
        # health and metrics stay for machines
        assert (await c.get("/health/live")).headers["content-type"] == "application/json"


def test_the_oidc_login_is_configured_completely_or_not_at_all() -> None:
    with pytest.raises(ValueError, match="RC_OIDC_CLIENT_ID, RC_OIDC_REDIRECT_URL"):
        Settings(oidc_issuer="https://sso.example.org/realms/rc")
    with pytest.raises(ValueError, match="must include openid"):
        Settings(oidc_scopes="profile email")
    complete = Settings(
        oidc_issuer="https://sso.example.org/realms/rc",
        oidc_client_id="console",
        oidc_redirect_url="https://console.example.org/auth/callback",
        dev_login_enabled=True,
    )
    assert complete.oidc_enabled and complete.oidc_client_secret is None  # a public client: PKCE alone
    assert not Settings(oidc_issuer="", oidc_client_id="", oidc_redirect_url="").oidc_enabled  # empty: unset
    with pytest.raises(ValueError, match="RC_SESSION_SECRET"):  # production sign-in: a key shared by the replicas
        build_app(complete)


def test_pkce_s256_challenge_is_rfc_7636s() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636, appendix B
    assert code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


async def test_without_oidc_there_is_no_provider_login() -> None:
    async with client(Settings(session_secret="s" * 32)) as c:
        page = await c.get("/login")
        assert "/auth/login" not in page.text
        for path in ("/auth/login", "/auth/callback?code=x&state=y"):
            r = await c.get(path)
            assert r.status_code == 404 and "chưa được cấu hình" in r.text


async def test_a_used_session_moves_its_idle_timeout_on(tmp_path: Path) -> None:
    settings = Settings(session_secret="s" * 32, members_url="http://127.0.0.1:9", session_idle_s=600)
    codec = SessionCodec(b"s" * 32, ttl_s=settings.session_ttl_s, idle_s=600)
    user = User(subject="u", role="viewer", unit_id=UNIT, token="t")
    async with client(settings) as c:
        c.cookies.set(COOKIE, codec.dump(codec.new(user)))
        r = await c.get("/units")  # a commune's user: sent on to their unit's page (no service called)
        assert r.status_code == 303 and "set-cookie" not in r.headers  # used a moment ago: nothing to rewrite
        c.cookies.clear()
        c.cookies.set(COOKIE, codec.dump(codec.new(user, now=time.time() - 300)))
        r = await c.get("/members")  # members does not answer: a refusal (503) never sets the session cookie
        assert r.status_code == 503 and "set-cookie" not in r.headers
        r = await c.get("/units")
        assert r.status_code == 303 and r.headers["location"] == f"/units/{UNIT}"
        fresh = codec.load(r.cookies[COOKIE])
        assert fresh is not None and time.time() - fresh.seen < 60 and "HttpOnly" in r.headers["set-cookie"]
        assert codec.load(r.cookies[COOKIE], now=time.time() + 550) is not None  # 300 s idle were forgotten
        c.cookies.clear()
        stale = codec.new(user, now=time.time() - 300)  # a refresh would be due: the logout wins
        c.cookies.set(COOKIE, codec.dump(stale))
        r = await c.post("/logout", data={"csrf": stale.csrf})
        assert r.status_code == 303 and r.headers["location"] == "/login"
        sent = [h for h in r.headers.get_list("set-cookie") if h.startswith(f"{COOKIE}=")]
        assert len(sent) == 1 and sent[0].startswith(f'{COOKIE}=""') and "Max-Age=0" in sent[0]


async def test_a_signed_in_user_has_a_write_quota_of_their_own_whoever_shares_their_address(tmp_path: Path) -> None:
    """Security review: the console has no bearer token in front of it, so every form counted against the
    client's address; behind an ingress every browser has the ingress's, and anyone could empty that one
    bucket for all staff with anonymous POSTs. A signed-in user's forms count against them."""
    settings = dev_settings(tmp_path, write_rate_per_minute=4)
    app = build_app(settings)

    def browser() -> httpx.AsyncClient:  # every browser behind the same address
        transport = httpx.ASGITransport(app=app, client=("10.0.0.9", 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://console")

    async with browser() as a, browser() as b, browser() as stranger:
        for c, subject in ((a, "lan"), (b, "bay")):  # two logins: two of the address's four
            csrf = login_csrf((await c.get("/login")).text)
            r = await c.post("/login", data={"role": "admin", "subject": subject, "csrf": csrf})
            assert r.status_code == 303, r.text
        codes = [(await stranger.post("/language", data={"lang": "en"})).status_code for _ in range(3)]
        assert codes == [303, 303, 429]  # the address's quota is spent
        for c in (a, b):  # each signed-in user still has all of theirs
            codes = [(await c.post("/language", data={"lang": "vi"})).status_code for _ in range(5)]
            assert codes == [303] * 4 + [429]


async def test_an_expired_session_sends_back_to_the_form_page_and_says_what_was_lost(tmp_path: Path) -> None:
    """Accessibility review: a form sent after the session expired landed on the dashboard with no word that it
    was not saved; a live search or progress poll swapped the login page into its fragment (results gone)."""
    settings = dev_settings(tmp_path, session_secret="s" * 32)
    stale = SessionCodec([b"s" * 32], 3600, 60).new(User("lan", "admin", None, "t"), now=time.time() - 7200)
    cookie = f'{COOKIE}="{SessionCodec([b"s" * 32], 3600, 60).dump(stale)}"'
    form_page = "http://console/campaigns/00000000-0000-0000-0000-000000000001/donations/new?unit=x&q=079190001234"
    async with client(settings) as c:
        r = await c.post(
            "/campaigns/x/donations", data={"amount": "1"}, headers={"referer": form_page, "cookie": cookie}
        )
        assert r.status_code == 303
        assert r.headers["location"] == (
            "/login?next=/campaigns/00000000-0000-0000-0000-000000000001/donations/new%3Funit%3Dx&expired=1"
        )  # the form's page, its search text left out
        page = await c.get(r.headers["location"])
        assert "Phiên làm việc đã hết hạn" in page.text and "data-expired" in page.text
        # another site's page, or none: the dashboard
        r = await c.post("/campaigns/x/launch", data={}, headers={"referer": "http://evil.example/x", "cookie": cookie})
        assert r.headers["location"] == "/login?next=/&expired=1"
        # signing out of a session already ended: signed out (the login page), nothing lost to say
        r = await c.post("/logout", data={}, headers={"cookie": cookie})
        assert r.status_code == 303 and r.headers["location"] == "/login"
        # htmx's request: the whole page goes to the login, back to the page it was made from
        hx = {"hx-request": "true", "hx-current-url": "http://console/members?status=active&q=Lan", "cookie": cookie}
        r = await c.get("/members", params={"q": "Lan"}, headers=hx)
        assert r.status_code == 200 and r.headers["hx-redirect"] == "/login?next=/members%3Fstatus%3Dactive&expired=1"
        # never signed in: the login page, no word of an expiry
        r = await c.get("/members")
        assert r.headers["location"] == "/login?next=/members"
        assert "data-expired" not in (await c.get("/login?next=/members")).text
