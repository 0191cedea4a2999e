"""Signing in to the console through an OpenID Connect provider (authorization code flow + PKCE).

A test-only provider (tests/e2e/console/oidc_provider.py: discovery, authorize with automatic
consent, token with PKCE verification, JWKS, end session) runs on a free port; the four services
run as processes trusting its JWKS and issuer (RC_AUTH_JWKS_URL, RC_AUTH_ISSUER) and nothing else;
the console runs as a process configured for it (RC_OIDC_*, no development login). A real browser
signs in, uses the services through the console and signs out (the provider's session ends too);
the refusals are driven with httpx, one redirect at a time: a wrong state, a code used with another
login's PKCE verifier (and a wrong verifier at the provider), a tampered, expired or foreign ID
token, a replayed nonce and a replayed callback, a user without a role, an expired or idle session.
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from playwright.async_api import Browser

from rc_console.adapters.session import COOKIE, OIDC_COOKIE, SessionCodec
from rc_console.domain.model import User
from tests.e2e.conftest import QUIET_CONSUMERS, SERVICES, System
from tests.e2e.console.conftest import DESKTOP, follow
from tests.e2e.console.oidc_provider import Provider, s256
from tests.e2e.harness import ServiceProcess, post_once_units_known, service_env, stop_all
from tests.infra import create_database, service_migrations

SESSION_SECRET = "a-test-session-key-of-more-than-32-bytes"
REFUSED = "Đăng nhập không thành công, xin đăng nhập lại."


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider()
    p.start()
    try:
        yield p
    finally:
        p.stop()


@pytest.fixture(scope="module")
def oidc_system(infra: Any, provider: Provider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    """The four services trusting only the provider's keys (its JWKS) and issuer."""
    namespace = f"e2e{uuid.uuid4().hex[:8]}."
    logs = tmp_path_factory.mktemp("oidc-logs")
    services = {}
    for name in SERVICES:
        dsn = create_database(infra.admin_dsn, f"oidc_{name}", migrations=[service_migrations(name)])
        env = service_env(name, dsn, infra.kafka_bootstrap, namespace) | QUIET_CONSUMERS
        env.pop("RC_AUTH_PUBLIC_KEY_FILE")
        env |= {"RC_AUTH_JWKS_URL": f"{provider.issuer}/jwks", "RC_AUTH_ISSUER": provider.issuer}
        services[name] = ServiceProcess(name, env, [], logs / f"{name}.log")
    for s in services.values():
        s.start(wait=False)
    try:
        for s in services.values():
            s.wait_ready()
        yield System(namespace=namespace, services=services, kafka=infra.kafka_bootstrap)
    finally:
        stop_all(services.values())


@pytest.fixture(scope="module")
def console(
    oidc_system: System, provider: Provider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServiceProcess]:
    """The console configured for the provider as in production: OIDC only, a session key, the
    services' issuer, audience and JWKS."""
    proc = ServiceProcess("console", {}, [], tmp_path_factory.mktemp("oidc-console") / "console.log")
    env = service_env("console", "", oidc_system.kafka, oidc_system.namespace)
    env.pop("RC_AUTH_PUBLIC_KEY_FILE")
    env |= {f"RC_{name.upper()}_URL": oidc_system.url(name) for name in SERVICES}
    env |= {
        "RC_AUTH_JWKS_URL": f"{provider.issuer}/jwks",
        "RC_AUTH_ISSUER": provider.issuer,
        "RC_OIDC_ISSUER": provider.issuer,
        "RC_OIDC_CLIENT_ID": provider.state.client_id,
        "RC_OIDC_CLIENT_SECRET": provider.state.client_secret,
        "RC_OIDC_REDIRECT_URL": f"{proc.url}/auth/callback",
        "RC_SESSION_SECRET": SESSION_SECRET,
    }
    proc.env = env
    provider.state.redirect_uris = {f"{proc.url}/auth/callback"}
    provider.state.post_logout_uris = {f"{proc.url}/login"}
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.fixture(scope="module")
async def commune(oidc_system: System, provider: Provider) -> dict[str, str]:
    """A province and a commune, created with an admin access token of the provider."""
    admin = {"Authorization": f"Bearer {provider.state.access_token('setup', 'admin', None)}"}
    tag = uuid.uuid4().hex[:6].upper()
    async with httpx.AsyncClient(base_url=oidc_system.url("members"), timeout=30, headers=admin) as members:
        r = await members.post("/units", json={"code": f"P-{tag}", "name": f"Tỉnh OIDC {tag}", "level": "province",
                                               "valid_from": "2020-01-01"})  # fmt: skip
        assert r.status_code == 201, r.text
        r = await members.post("/units", json={"code": f"X-{tag}", "name": f"Xã OIDC {tag}", "level": "commune",
                                               "parent_id": r.json()["id"], "valid_from": "2020-01-01"})  # fmt: skip
        assert r.status_code == 201, r.text
        unit = r.json()["id"]
    async with httpx.AsyncClient(base_url=oidc_system.url("campaigns"), timeout=30, headers=admin) as campaigns:
        body = {"code": f"C-{tag}", "name": f"Cứu trợ OIDC {tag}", "campaign_type": "emergency_relief",
                "organising_unit_id": unit, "receiving_from": "2026-01-01", "receiving_until": "2026-03-31",
                "targets": {"cash_vnd": 1_000_000}}  # fmt: skip
        r = await post_once_units_known(campaigns, "/campaigns", body)
        assert r.status_code == 201, r.text
    return {"unit": unit, "tag": tag, "campaign": r.json()["name"]}


@pytest.fixture(autouse=True)
def fresh_provider(provider: Provider) -> Iterator[None]:
    """Each test starts with an honest provider and a unit manager of no commune yet (set by the test)."""
    yield
    provider.state.id_token_claims.clear()
    provider.state.access_claims.clear()
    provider.state.tamper = False


@pytest.fixture
async def client(console: ServiceProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=console.url, timeout=30) as c:
        yield c


async def authorized(c: httpx.AsyncClient, target: str = "/") -> tuple[str, dict[str, str]]:
    """Start a login at the console and let the provider authorize it: the callback URL the provider
    answered (not yet followed) and the parameters the console sent to the provider."""
    r = await c.get("/auth/login", params={"next": target})
    assert r.status_code == 303, r.text
    sent = {k: v[0] for k, v in parse_qs(urlsplit(r.headers["location"]).query).items()}
    r = await c.get(r.headers["location"])
    assert r.status_code == 302, r.text
    return r.headers["location"], sent


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    return f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(query)}"


def refused(r: httpx.Response, status: int, message: str = REFUSED) -> None:
    assert r.status_code == status, r.text
    assert message in r.text and r.headers["content-type"].startswith("text/html")
    assert not any(c.startswith(f"{COOKIE}=") and "Max-Age=0" not in c for c in r.headers.get_list("set-cookie"))


async def test_a_user_signs_in_in_a_browser_uses_the_services_and_signs_out(
    console: ServiceProcess, provider: Provider, browser: Browser, commune: dict[str, str]
) -> None:
    provider.state.user = {"sub": "manager-1", "role": "unit_manager", "unit_id": commune["unit"]}
    context = await browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = await context.new_page()
    await page.goto(f"{console.url}/campaigns")
    assert page.url == f"{console.url}/login?next=/campaigns"
    assert await page.get_by_label("Vai trò").count() == 0  # no development login in production
    await follow(page, page.get_by_role("link", name="Đăng nhập bằng tài khoản của Hội"))
    # through the provider (automatic consent) and back: the page asked for, signed in
    assert page.url == f"{console.url}/campaigns"
    assert commune["campaign"] in await page.locator("main").inner_text()  # the campaigns API answered
    await follow(page, page.get_by_role("link", name="Hội viên", exact=True))
    assert page.url.startswith(f"{console.url}/members")  # the members API answered with the same token
    assert "Quản lý đơn vị" in await page.locator("body").inner_text()

    cookie = next(c for c in await context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    assert 0 < cookie["expires"] - time.time() <= 3600  # never beyond the access token's expiry
    # the token is not in the cookie, in clear or base64-decoded (a signed cookie's payload would show it)
    # ("eyJhbGciOi": a JWT's header, {"alg":…, long enough that random ciphertext never holds it)
    assert "manager-1" not in cookie["value"] and "unit_manager" not in cookie["value"]
    for part in cookie["value"].split("."):
        decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        assert b"manager-1" not in decoded and b"eyJhbGciOi" not in decoded and commune["unit"].encode() not in decoded
    assert not [c for c in await context.cookies() if c["name"] == OIDC_COOKIE]  # the login state is gone

    ended = len(provider.state.ended_sessions)
    await follow(page, page.get_by_role("button", name="Đăng xuất"))
    assert page.url == f"{console.url}/login"  # through the provider's end_session_endpoint
    assert len(provider.state.ended_sessions) == ended + 1
    assert provider.state.ended_sessions[-1]["client_id"] == provider.state.client_id
    assert not [c for c in await context.cookies() if c["name"] == COOKIE]
    await page.goto(f"{console.url}/")
    assert page.url == f"{console.url}/login?next=/"
    await context.close()


async def test_the_signed_in_session_carries_a_token_the_services_accept(
    client: httpx.AsyncClient, provider: Provider, oidc_system: System, commune: dict[str, str]
) -> None:
    provider.state.user = {"sub": "viewer-1", "role": "viewer", "unit_id": commune["unit"]}
    callback, sent = await authorized(client, f"/units/{commune['unit']}")
    assert sent["code_challenge_method"] == "S256" and sent["code_challenge"] and sent["nonce"] and sent["state"]
    assert "openid" in sent["scope"].split()
    r = await client.get(callback)
    assert r.status_code == 303 and r.headers["location"] == f"/units/{commune['unit']}"
    page = await client.get(r.headers["location"])
    assert page.status_code == 200 and f"Xã OIDC {commune['tag']}" in page.text
    # the session's token is the provider's access token, accepted by every service as is
    codec = SessionCodec(SESSION_SECRET.encode(), ttl_s=3600)
    s = codec.load(client.cookies[COOKIE])
    assert s is not None and s.via == "oidc" and (s.user.role, str(s.user.unit_id)) == ("viewer", commune["unit"])
    accepted = {"members": ("/stats", 200), "campaigns": ("/campaigns", 200),
                "donations": (f"/donations/{uuid.uuid4()}", 404),  # no such gift: not a 401
                "reporting": ("/reports/membership", 200)}  # fmt: skip
    for name, (path, status) in accepted.items():
        r = await client.get(f"{oidc_system.url(name)}{path}", headers={"Authorization": f"Bearer {s.user.token}"})
        assert r.status_code == status, f"{name}: {r.status_code} {r.text}"
        r = await client.get(f"{oidc_system.url(name)}{path}", headers={"Authorization": f"Bearer {s.user.token}x"})
        assert r.status_code == 401, name  # and they do verify it


async def test_a_wrong_state_is_refused_and_spends_the_login(client: httpx.AsyncClient) -> None:
    callback, _ = await authorized(client)
    refused(await client.get(with_query(callback, state="not-the-state")), 400)
    refused(await client.get(callback), 400, "Phiên đăng nhập đã hết hạn")  # the login under way was spent
    async with httpx.AsyncClient(base_url=client.base_url, timeout=30) as stranger:  # another browser
        refused(await stranger.get(callback), 400, "Phiên đăng nhập đã hết hạn")
    assert COOKIE not in client.cookies


async def test_a_code_with_another_logins_verifier_is_refused_by_the_provider(
    client: httpx.AsyncClient, provider: Provider
) -> None:
    victim, sent = await authorized(client)
    code = parse_qs(urlsplit(victim).query)["code"][0]
    # the provider itself: a wrong verifier is refused, the right one accepted (once)
    async with httpx.AsyncClient(timeout=30) as direct:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": f"{client.base_url}/auth/callback"}
        auth = (provider.state.client_id, provider.state.client_secret)
        r = await direct.post(f"{provider.issuer}/token", data=form | {"code_verifier": "x" * 64}, auth=auth)
        assert r.status_code == 400 and r.json()["error"] == "invalid_grant" and "PKCE" in r.json()["error_description"]
    assert s256("x" * 64) != sent["code_challenge"]
    # an attacker's browser with its own login under way, given the victim's code: its verifier does not fit
    async with httpx.AsyncClient(base_url=client.base_url, timeout=30) as attacker:
        own, _ = await authorized(attacker)
        refusals = len(provider.state.token_refusals)
        refused(await attacker.get(with_query(own, code=code)), 400)
        assert provider.state.token_refusals[refusals:] == [
            "PKCE verification failed: code_verifier does not match code_challenge"
        ]
        assert COOKIE not in attacker.cookies


@pytest.mark.parametrize(
    "knob",
    [
        pytest.param({"tamper": True}, id="tampered"),
        pytest.param({"claims": {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}}, id="expired"),
        pytest.param({"claims": {"aud": "another-client"}}, id="another-audience"),
        pytest.param({"claims": {"iss": "http://127.0.0.1:9/elsewhere"}}, id="another-issuer"),
    ],
)
async def test_an_id_token_that_is_not_valid_is_refused(
    client: httpx.AsyncClient, provider: Provider, knob: dict[str, Any]
) -> None:
    provider.state.tamper = bool(knob.get("tamper"))
    provider.state.id_token_claims.update(knob.get("claims", {}))
    callback, _ = await authorized(client)
    refused(await client.get(callback), 400)
    assert COOKIE not in client.cookies
    assert (await client.get("/")).status_code == 303


async def test_a_replayed_nonce_or_callback_is_refused(client: httpx.AsyncClient, provider: Provider) -> None:
    first, sent = await authorized(client)
    r = await client.get(first)
    assert r.status_code == 303 and COOKIE in client.cookies
    refused(await client.get(first), 400, "Phiên đăng nhập đã hết hạn")  # the same callback again
    # a new login whose ID token carries the first login's nonce (a token captured and replayed)
    provider.state.id_token_claims["nonce"] = sent["nonce"]
    async with httpx.AsyncClient(base_url=client.base_url, timeout=30) as other:
        second, _ = await authorized(other)
        refused(await other.get(second), 400)
        assert COOKIE not in other.cookies


async def test_a_user_the_services_would_refuse_gets_no_session(client: httpx.AsyncClient, provider: Provider) -> None:
    provider.state.access_claims["role"] = None  # a staff account without a role on the platform
    callback, _ = await authorized(client)
    refused(await client.get(callback), 403, "chưa được cấp vai trò")
    provider.state.access_claims.clear()
    provider.state.access_claims["aud"] = "another-api"  # an access token not meant for the services
    callback, _ = await authorized(client)
    refused(await client.get(callback), 403, "chưa được cấp vai trò")


async def test_an_account_whose_unit_the_platform_does_not_know_gets_no_session(
    client: httpx.AsyncClient, provider: Provider
) -> None:
    """A unit id mistyped at the provider, or a unit merged away: refused at sign-in, said so (every page would be
    empty or refused otherwise)."""
    provider.state.access_claims.update({"role": "viewer", "unit_id": str(uuid.uuid4())})
    callback, _ = await authorized(client)
    refused(await client.get(callback), 403, "xin người quản trị sửa đơn vị của tài khoản")


async def test_a_provider_refusal_is_a_page(client: httpx.AsyncClient) -> None:
    callback, _ = await authorized(client)
    refused(await client.get(with_query(callback, error="access_denied")), 403, "không cho đăng nhập")


async def test_an_error_without_the_logins_state_does_not_end_the_login_under_way(
    client: httpx.AsyncClient, provider: Provider, commune: dict[str, str]
) -> None:
    """A link from anywhere to the callback with an error (not the provider's answer to this login: not its
    state) is refused, and the login under way goes on: the provider's real answer still signs in."""
    provider.state.access_claims.update({"role": "viewer", "unit_id": commune["unit"]})
    callback, _ = await authorized(client)
    refused(await client.get(with_query(callback, state="forged", error="access_denied")), 400, "đăng nhập lại")
    r = await client.get(callback)
    assert r.status_code == 303 and r.headers["location"] == "/", r.text


async def test_signing_out_after_the_session_ended_still_ends_the_providers(
    client: httpx.AsyncClient, provider: Provider, commune: dict[str, str]
) -> None:
    """On a shared computer: the session ended (idle), the user clicks "sign out" on the page still shown; the
    provider's session ends too (else the next person's "sign in" would be the last one's, silently)."""
    token = provider.state.access_token("viewer-3", "viewer", commune["unit"])
    user = User(subject="viewer-3", role="viewer", unit_id=uuid.UUID(commune["unit"]), token=token)
    codec = SessionCodec(SESSION_SECRET.encode(), ttl_s=8 * 3600, idle_s=3600)
    client.cookies.set(COOKIE, codec.dump(codec.new(user, now=time.time() - 3600 - 5, via="oidc")))
    ended = len(provider.state.ended_sessions)
    # another site's page posting here (no session cookie goes with it, nor a form token): the login page only
    stale = client.cookies.get(COOKIE)
    client.cookies.delete(COOKIE)
    r = await client.post("/logout", data={}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    client.cookies.set(COOKIE, stale or "")
    # the console's own page (the browser says so)
    same = {"sec-fetch-site": "same-origin"}
    r = await client.post("/logout", data={"csrf": "from-the-page-still-shown"}, headers=same)
    assert r.status_code == 303 and r.headers["location"].startswith(provider.issuer), r.headers
    assert (await client.get(r.headers["location"])).status_code == 302
    assert len(provider.state.ended_sessions) == ended + 1


async def test_an_expired_or_idle_session_goes_back_to_the_login(
    client: httpx.AsyncClient, provider: Provider, commune: dict[str, str]
) -> None:
    token = provider.state.access_token("viewer-2", "viewer", commune["unit"])
    user = User(subject="viewer-2", role="viewer", unit_id=uuid.UUID(commune["unit"]), token=token)
    codec = SessionCodec(SESSION_SECRET.encode(), ttl_s=8 * 3600, idle_s=3600)
    alive = codec.dump(codec.new(user, via="oidc"))
    expired = codec.dump(codec.new(user, now=time.time() - 8 * 3600 - 5, via="oidc"))
    idle = codec.dump(codec.new(user, now=time.time() - 3600 - 5, via="oidc"))
    page = f"/units/{commune['unit']}"
    client.cookies.set(COOKIE, alive)
    assert (await client.get(page)).status_code == 200
    for cookie in (expired, idle):
        client.cookies.set(COOKIE, cookie)
        r = await client.get(page)
        # (the login page then says the session ended: what a form sent was not saved)
        assert r.status_code == 303 and r.headers["location"] == f"/login?next={page}&expired=1"
