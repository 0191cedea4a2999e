"""Write quotas per principal: a verified token's subject is the client; an integration client gets
a higher quota through its token's claim or the configured client list; a person keeps the
default; a claim in a token that does not verify is ignored (401 at once, no quota spent)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from pydantic import ValidationError

from rc_shared import auth, http
from rc_shared.auth import (
    WRITE,
    Principal,
    TokenVerifier,
    Unauthorized,
    authenticate,
    generate_keys,
    mint,
    principal,
)
from rc_shared.runtime import Runtime, create_app
from rc_shared.settings import ServiceSettings

ISSUER, AUDIENCE = "rc-dev", "redcross-platform"


def _app(keys: Path, default: int = 3, clients: dict[str, int] | None = None) -> FastAPI:
    settings = ServiceSettings(
        service_name="quota-test",
        auth_enabled=True,  # whatever the environment says
        auth_public_key_file=str(keys / "public.pem"),
        write_rate_per_minute=default,
        write_quota_clients=clients or {},
    )
    router = APIRouter()

    @router.post("/transfers", dependencies=WRITE)
    async def transfer(p: Principal = Depends(authenticate)) -> dict[str, str]:
        return {"by": p.subject}

    return create_app(
        Runtime(settings, migrations=Path(".")), [router], title="quota-test", description="", version="1.0.0"
    )


def _token(keys: Path, subject: str, quota: int | None = None, role: str = "data_entry") -> dict[str, str]:
    private = (keys / "private.pem").read_bytes()
    unit = None if role == "admin" else "00000000-0000-0000-0000-000000000001"
    tok = mint(
        private, subject=subject, role=role, unit_id=unit, issuer=ISSUER, audience=AUDIENCE, writes_per_minute=quota
    )
    return {"Authorization": f"Bearer {tok}"}


def _client(app: FastAPI, address: str = "10.0.0.1") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 40000)), base_url="http://t")


async def _codes(c: httpx.AsyncClient, n: int, headers: dict[str, str]) -> list[int]:
    return [(await c.post("/transfers", json={}, headers=headers)).status_code for _ in range(n)]


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    generate_keys(tmp_path)
    return tmp_path


async def test_a_token_with_the_quota_claim_gets_its_higher_quota_a_person_keeps_the_default(keys: Path) -> None:
    app = _app(keys, default=3)
    async with _client(app) as c:
        gateway = _token(keys, "payment-gateway", quota=8)
        assert await _codes(c, 9, gateway) == [200] * 8 + [429]
        person = _token(keys, "cashier-1")
        assert await _codes(c, 4, person) == [200] * 3 + [429]
        r = await c.post("/transfers", json={}, headers=person)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert "rate limit of 3 a minute" in r.json()["message"]


async def test_the_quota_is_the_subjects_whatever_token_it_presents(keys: Path) -> None:
    app = _app(keys, default=3)
    async with _client(app) as c:
        # two tokens of one person (different roles) share the person's quota ...
        assert await _codes(c, 2, _token(keys, "cashier-2")) == [200, 200]
        assert await _codes(c, 2, _token(keys, "cashier-2", role="admin")) == [200, 429]
        # ... and the route sees the verified principal
        r = await c.post("/transfers", json={}, headers=_token(keys, "cashier-3"))
        assert r.json() == {"by": "cashier-3"}


async def test_the_configured_client_list_grants_a_quota_by_subject(keys: Path) -> None:
    app = _app(keys, default=2, clients={"bank-feed": 5})
    async with _client(app) as c:
        assert await _codes(c, 6, _token(keys, "bank-feed")) == [200] * 5 + [429]
        # a claim applies to a subject the list does not name; the list wins over a claim
        assert await _codes(c, 6, _token(keys, "bank-feed-2", quota=4)) == [200] * 4 + [429] * 2
    async with _client(_app(keys, default=2, clients={"capped": 1})) as c:
        assert await _codes(c, 2, _token(keys, "capped", quota=50)) == [200, 429]


async def test_a_quota_claim_in_a_token_that_does_not_verify_is_ignored(keys: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate_keys(other)  # a key the service does not trust
    forged = _token(other, "payment-gateway", quota=1000)
    app = _app(keys, default=2)
    async with _client(app, "10.0.0.9") as c:
        # refused at once, never a 429: a client whose token expired renews it rather than retrying (and the
        # address's budget, shared by every client behind one proxy, is not spent on it)
        assert await _codes(c, 3, forged) == [401, 401, 401]
        r = await c.post("/transfers", json={}, headers=forged)
        assert r.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"' and "Retry-After" not in r.headers
        # a request without any token counts against its address, at the default quota
        assert await _codes(c, 3, {}) == [401, 401, 429]
        async with _client(app, "10.0.0.10") as other_client:  # another address has its own budget
            assert await _codes(other_client, 3, {}) == [401, 401, 429]
        # a valid token from the same address is its subject's, not the address's
        assert await _codes(c, 2, _token(keys, "cashier-4")) == [200, 200]


async def test_a_token_with_a_malformed_quota_claim_is_refused(keys: Path) -> None:
    app = _app(keys, default=5)
    async with _client(app) as c:
        for bad in (0, -3):
            r = await c.post("/transfers", json={}, headers=_token(keys, "broken", quota=bad))
            assert r.status_code == 401 and "rc_writes_per_minute" in r.json()["message"]
            assert r.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'  # RFC 6750's challenge
        missing = await c.post("/transfers", json={})
        assert missing.status_code == 401 and missing.headers["WWW-Authenticate"] == "Bearer", missing.text


def test_a_configured_quota_must_be_positive() -> None:
    with pytest.raises(ValidationError, match="at least 1 per minute: gw"):
        ServiceSettings(write_quota_clients={"gw": 0, "ok": 10})


async def test_the_middleware_keeps_the_verified_principal_for_the_route(
    keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One verification per write: the route's ``principal`` is the one the quota was taken from."""
    settings = ServiceSettings(
        service_name="quota-test-2", auth_public_key_file=str(keys / "public.pem"), auth_enabled=True
    )
    router = APIRouter()

    @router.post("/who", dependencies=WRITE)
    async def who(p: Principal = Depends(principal)) -> dict[str, object]:
        return {"sub": p.subject, "quota": p.writes_per_minute}

    verified: list[str] = []
    verify = TokenVerifier.verify

    def counting(self: TokenVerifier, token: str) -> Principal:
        verified.append(token)
        return verify(self, token)

    monkeypatch.setattr(TokenVerifier, "verify", counting)
    app = create_app(Runtime(settings, migrations=Path(".")), [router], title="t", description="", version="1.0.0")
    async with _client(app) as c:
        r = await c.post("/who", json={}, headers=_token(keys, "gw", quota=1200))
        assert r.json() == {"sub": "gw", "quota": 1200}
    assert len(verified) == 1


def test_the_quota_buckets_are_bounded_in_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many distinct clients cannot grow the process's memory: the least recently seen are forgotten."""
    monkeypatch.setattr(http, "_MAX_BUCKETS", 3)
    mw = http.RequestMiddleware(FastAPI(), "bucket-test", 1000, writes_per_minute=1)
    for n in range(10):
        assert mw._take(f"addr:10.0.0.{n}", 1) == 0
    assert list(mw.buckets) == ["addr:10.0.0.7", "addr:10.0.0.8", "addr:10.0.0.9"]
    assert mw._take("addr:10.0.0.9", 1) > 0  # a remembered client's quota still holds


async def test_a_token_is_checked_once_until_it_expires_and_refused_after(
    keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signature of a token already verified is not checked again (each request sends the same
    token) until its expiry; after, it is checked again (and jwt.decode refuses it)."""
    verifier = TokenVerifier(public_key_pem=(keys / "public.pem").read_bytes(), issuer=ISSUER, audience=AUDIENCE)
    token = _token(keys, "gw", quota=1200)["Authorization"].split()[1]
    decoded: list[str] = []
    decode = TokenVerifier._decode

    def counting(self: TokenVerifier, tok: str) -> dict[str, object]:
        decoded.append(tok)
        return decode(self, tok)

    monkeypatch.setattr(TokenVerifier, "_decode", counting)
    first = await verifier.verify_async(token)
    assert await verifier.verify_async(token) == verifier.verify(token) == first
    assert first.subject == "gw" and first.writes_per_minute == 1200 and len(decoded) == 1
    with pytest.raises(Unauthorized, match="invalid token"):  # not cached: a bad token is checked each time
        verifier.verify(token[:-4] + "AAAA")
    assert len(decoded) == 2
    real_time = auth.time.time
    monkeypatch.setattr(auth.time, "time", lambda: real_time() + 3601)  # past the token's expiry
    assert verifier.cached(token) is None
    await verifier.verify_async(token)  # (jwt's own clock still says valid)
    assert len(decoded) == 3  # past its expiry the token is checked again, never answered from memory
