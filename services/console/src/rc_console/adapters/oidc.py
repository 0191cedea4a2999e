"""Sign-in through an OpenID Connect provider: authorization code flow with PKCE (S256).

The provider is found through its discovery document (``ISSUER/.well-known/openid-configuration``,
whose ``issuer`` must be the configured one). :meth:`OidcClient.start` makes the login under way
(random ``state``, ``nonce`` and PKCE verifier, kept by the browser in an encrypted cookie) and the
provider's authorization URL; :meth:`OidcClient.finish` takes the callback's code, exchanges it at
the token endpoint with the verifier, verifies the ID token (signature with the provider's JWKS,
``iss``, ``aud``, ``exp``, ``iat`` and the ``nonce``; PyJWT does the cryptography) and verifies the
access token exactly as the services do (:class:`rc_shared.auth.TokenVerifier` with their issuer,
audience and keys), so the console never keeps a token the services would refuse, and takes the
user's role and unit from it.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlencode, urlsplit

import httpx
import jwt

from rc_console.adapters.session import same_token
from rc_console.i18n import LazyText, lazy_gettext
from rc_console.settings import Settings
from rc_shared.auth import Principal, TokenVerifier, Unauthorized

PENDING_TTL_S = 600  # a login must come back from the provider within 10 minutes
CLOCK_SKEW_S = 60  # tolerated difference between the provider's clock and ours
ID_TOKEN_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
JWKS_REFRESH_S = 30.0  # an unknown key id refetches the provider's keys at most this often


class LoginFailed(Exception):
    """The sign-in cannot be completed: ``message`` for the user (in the user's language), ``detail``
    for the log."""

    def __init__(self, status: int, message: str | LazyText, detail: str = "") -> None:
        super().__init__(detail or str(message))
        self.status, self.message, self.detail = status, message, detail


@dataclass(frozen=True)
class Provider:
    """What the discovery document says about the provider."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str | None
    id_token_algorithms: tuple[str, ...]
    token_auth_methods: tuple[str, ...]


@dataclass(frozen=True)
class Pending:
    """A login under way: what the callback must match, and where to go after it."""

    state: str
    nonce: str
    verifier: str
    target: str
    started: int

    def dump(self) -> dict[str, Any]:
        return {"s": self.state, "n": self.nonce, "v": self.verifier, "t": self.target, "at": self.started}

    @classmethod
    def load(cls, doc: dict[str, Any] | None, now: float | None = None) -> Pending | None:
        """The pending login in ``doc``; None when absent, malformed or too old."""
        if doc is None:
            return None
        try:
            p = cls(str(doc["s"]), str(doc["n"]), str(doc["v"]), str(doc["t"]), int(doc["at"]))
        except (KeyError, TypeError, ValueError):
            return None
        if p.started + PENDING_TTL_S <= int(now if now is not None else time.time()):
            return None
        return p


@dataclass(frozen=True)
class SignedIn:
    """A completed sign-in: the user's access token (the one the services accept) and who they are."""

    principal: Principal
    access_token: str
    expires: int


def code_challenge(verifier: str) -> str:
    """PKCE S256: BASE64URL(SHA-256(verifier)) without padding (RFC 7636)."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


def _ok_url(value: Any, what: str) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("https", "http") or not urlsplit(value).netloc:
        raise LoginFailed(502, _PROVIDER_BROKEN, f"discovery document: {what} is not a URL: {value!r}")
    return value


_PROVIDER_DOWN = lazy_gettext("Nhà cung cấp định danh tạm thời không trả lời, xin thử lại.")
_PROVIDER_BROKEN = lazy_gettext("Nhà cung cấp định danh trả lời không đúng chuẩn; xin báo quản trị hệ thống.")
_REFUSED = lazy_gettext("Đăng nhập không thành công, xin đăng nhập lại.")
_NO_ROLE = lazy_gettext("Tài khoản này chưa được cấp vai trò và đơn vị trên hệ thống; xin liên hệ quản trị.")


class OidcClient:
    """The console as an OIDC relying party of one provider."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None = None) -> None:
        assert settings.oidc_issuer and settings.oidc_client_id and settings.oidc_redirect_url
        self.issuer = settings.oidc_issuer.rstrip("/")
        self.client_id = settings.oidc_client_id
        self.secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
        self.redirect_url = settings.oidc_redirect_url
        self.scopes = settings.oidc_scopes
        self.end_provider_session = settings.oidc_end_provider_session
        self._settings = settings
        self._http = http or httpx.AsyncClient(timeout=settings.upstream_timeout_s)
        self._provider: Provider | None = None
        self._lock = asyncio.Lock()
        self._keys: dict[str, jwt.PyJWK] = {}
        self._keys_fetched = 0.0
        self._verifier: TokenVerifier | None = None
        if settings.auth_public_key_file:
            self._verifier = TokenVerifier(
                public_key_pem=Path(settings.auth_public_key_file).read_bytes(),
                issuer=settings.auth_issuer,
                audience=settings.auth_audience,
            )

    async def close(self) -> None:
        await self._http.aclose()

    async def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            r = await self._http.get(url, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise LoginFailed(503, _PROVIDER_DOWN, f"{what}: {exc!r}") from exc
        if r.status_code != 200:
            raise LoginFailed(503, _PROVIDER_DOWN, f"{what}: HTTP {r.status_code}")
        try:
            doc = r.json()
        except ValueError as exc:
            raise LoginFailed(502, _PROVIDER_BROKEN, f"{what}: not JSON") from exc
        if not isinstance(doc, dict):
            raise LoginFailed(502, _PROVIDER_BROKEN, f"{what}: not a JSON object")
        return doc

    async def provider(self) -> Provider:
        """The provider's endpoints from its discovery document (fetched once)."""
        if self._provider is not None:
            return self._provider
        async with self._lock:
            if self._provider is None:
                doc = await self._get_json(f"{self.issuer}/.well-known/openid-configuration", "discovery")
                if str(doc.get("issuer", "")).rstrip("/") != self.issuer:
                    raise LoginFailed(502, _PROVIDER_BROKEN, f"discovery: issuer {doc.get('issuer')!r} is not ours")
                if "S256" not in (doc.get("code_challenge_methods_supported") or ["S256"]):
                    raise LoginFailed(502, _PROVIDER_BROKEN, "discovery: the provider does not support PKCE S256")
                algs = tuple(a for a in doc.get("id_token_signing_alg_values_supported") or ["RS256"]
                             if a in ID_TOKEN_ALGORITHMS)  # fmt: skip
                end = doc.get("end_session_endpoint")
                self._provider = Provider(
                    issuer=str(doc["issuer"]),
                    authorization_endpoint=_ok_url(doc.get("authorization_endpoint"), "authorization_endpoint"),
                    token_endpoint=_ok_url(doc.get("token_endpoint"), "token_endpoint"),
                    jwks_uri=_ok_url(doc.get("jwks_uri"), "jwks_uri"),
                    end_session_endpoint=_ok_url(end, "end_session_endpoint") if end else None,
                    id_token_algorithms=algs,
                    token_auth_methods=tuple(doc.get("token_endpoint_auth_methods_supported") or []),
                )
        assert self._provider is not None
        return self._provider

    async def start(self, target: str, now: float | None = None) -> tuple[str, Pending]:
        """The provider's authorization URL for a new login, and the login under way."""
        p = await self.provider()
        pending = Pending(
            state=secrets.token_urlsafe(32),
            nonce=secrets.token_urlsafe(32),
            verifier=secrets.token_urlsafe(64),  # 86 characters of [A-Za-z0-9_-] (RFC 7636: 43 to 128)
            target=target,
            started=int(now if now is not None else time.time()),
        )
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_url,
            "scope": self.scopes,
            "state": pending.state,
            "nonce": pending.nonce,
            "code_challenge": code_challenge(pending.verifier),
            "code_challenge_method": "S256",
        }
        sep = "&" if "?" in p.authorization_endpoint else "?"
        return f"{p.authorization_endpoint}{sep}{urlencode(query)}", pending

    async def finish(self, pending: Pending, state: str, code: str) -> SignedIn:
        """Complete the login the callback answers: state, code exchange, ID token, access token."""
        if not same_token(pending.state, state):
            raise LoginFailed(400, _REFUSED, "state does not match the login under way")
        if not code:
            raise LoginFailed(400, _REFUSED, "no authorization code")
        p = await self.provider()
        tokens = await self._exchange(p, code, pending.verifier)
        id_claims = await self._id_claims(p, tokens.get("id_token"), pending.nonce)
        access = tokens.get("access_token")
        if not isinstance(access, str) or str(tokens.get("token_type", "")).lower() != "bearer":
            raise LoginFailed(502, _PROVIDER_BROKEN, "token response without a bearer access token")
        try:
            principal = await (await self._access_verifier(p)).verify_async(access)
        except Unauthorized as exc:
            raise LoginFailed(403, _NO_ROLE, f"access token refused as the services would: {exc}") from exc
        if principal.subject != str(id_claims["sub"]):
            raise LoginFailed(400, _REFUSED, "the access token is not the ID token's user's")
        expires = int(jwt.decode(access, options={"verify_signature": False})["exp"])
        return SignedIn(principal=principal, access_token=access, expires=expires)

    async def _exchange(self, p: Provider, code: str, verifier: str) -> dict[str, Any]:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_url,
            "code_verifier": verifier,
            "client_id": self.client_id,
        }
        headers = {"Accept": "application/json"}
        if self.secret is not None:
            if "client_secret_basic" not in p.token_auth_methods and "client_secret_post" in p.token_auth_methods:
                form["client_secret"] = self.secret
            else:  # the default method (RFC 6749 2.3.1: the id and secret form-encoded first)
                pair = f"{quote_plus(self.client_id)}:{quote_plus(self.secret)}".encode()
                headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        try:
            r = await self._http.post(p.token_endpoint, data=form, headers=headers)
        except httpx.HTTPError as exc:
            raise LoginFailed(503, _PROVIDER_DOWN, f"token endpoint: {exc!r}") from exc
        try:
            doc = r.json()
        except ValueError:
            doc = None
        if not isinstance(doc, dict):
            status = 502 if r.status_code < 500 else 503
            raise LoginFailed(status, _PROVIDER_BROKEN, f"token endpoint: HTTP {r.status_code}")
        if r.status_code != 200:
            why = f"token endpoint refused: {doc.get('error')} {doc.get('error_description', '')}"
            raise LoginFailed(400 if 400 <= r.status_code < 500 else 503, _REFUSED, why)
        return doc

    async def _signing_key(self, p: Provider, kid: str | None) -> jwt.PyJWK:
        def pick() -> jwt.PyJWK | None:
            if kid is not None:
                return self._keys.get(kid)
            return next(iter(self._keys.values())) if len(self._keys) == 1 else None

        key = pick()
        if key is None and (not self._keys or time.monotonic() - self._keys_fetched >= JWKS_REFRESH_S):
            doc = await self._get_json(p.jwks_uri, "JWKS")
            try:
                keyset = jwt.PyJWKSet.from_dict(doc)
            except jwt.PyJWTError as exc:
                raise LoginFailed(502, _PROVIDER_BROKEN, f"JWKS: {exc}") from exc
            signing = [k for k in keyset.keys if k.public_key_use in (None, "sig")]
            self._keys = {k.key_id or f"#{i}": k for i, k in enumerate(signing)}
            self._keys_fetched = time.monotonic()
            key = pick()
        if key is None:
            raise LoginFailed(400, _REFUSED, f"ID token signed with an unknown key ({kid!r})")
        return key

    async def _id_claims(self, p: Provider, id_token: Any, nonce: str) -> dict[str, Any]:
        if not isinstance(id_token, str):
            raise LoginFailed(502, _PROVIDER_BROKEN, "token response without an ID token")
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError as exc:
            raise LoginFailed(400, _REFUSED, f"ID token: {exc}") from exc
        alg = header.get("alg")
        if alg not in p.id_token_algorithms:
            raise LoginFailed(400, _REFUSED, f"ID token: algorithm {alg!r} not allowed")
        key = await self._signing_key(p, header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key,
                algorithms=[str(alg)],
                audience=self.client_id,
                issuer=p.issuer,
                leeway=CLOCK_SKEW_S,
                options={"require": ["iss", "aud", "sub", "exp", "iat", "nonce"]},
            )
        except jwt.PyJWTError as exc:
            raise LoginFailed(400, _REFUSED, f"ID token: {exc}") from exc
        if not same_token(nonce, str(claims["nonce"])):
            raise LoginFailed(400, _REFUSED, "ID token: the nonce is not the login's (a replayed token)")
        aud = claims["aud"]
        if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != self.client_id:
            raise LoginFailed(400, _REFUSED, "ID token: several audiences and azp is not this client")
        return claims

    async def _access_verifier(self, p: Provider) -> TokenVerifier:
        """The access token is checked as the services check it: their issuer, audience and keys
        (RC_AUTH_PUBLIC_KEY_FILE or RC_AUTH_JWKS_URL; unset, the provider's JWKS)."""
        if self._verifier is None:
            s = self._settings
            self._verifier = TokenVerifier(
                jwks_url=s.auth_jwks_url or p.jwks_uri, issuer=s.auth_issuer, audience=s.auth_audience
            )
        return self._verifier

    async def logout_url(self, post_logout: str) -> str | None:
        """Where to send the browser to end the provider's session too (None: not advertised, or not wanted)."""
        if not self.end_provider_session:
            return None
        try:
            p = await self.provider()
        except LoginFailed:
            return None
        if p.end_session_endpoint is None:
            return None
        query = urlencode({"client_id": self.client_id, "post_logout_redirect_uri": post_logout})
        sep = "&" if "?" in p.end_session_endpoint else "?"
        return f"{p.end_session_endpoint}{sep}{query}"

    def post_logout_url(self) -> str:
        """The console's login page, on the origin of its registered callback."""
        u = urlsplit(self.redirect_url)
        return f"{u.scheme}://{u.netloc}/login"
