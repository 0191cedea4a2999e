"""A small OpenID Connect provider for the console's login tests (test-only, never shipped).

It implements what a real provider does for the authorization code flow with PKCE: discovery,
``/authorize`` (consent is automatic: the user is :attr:`ProviderState.user`), ``/token`` (a
registered client, its secret, the code once, the redirect URI, and the PKCE ``code_verifier``
against the ``code_challenge``: S256 only), ``/jwks`` and ``/logout`` (end session). Its tokens are
signed RS256 with its own key, published in its JWKS; the four services under test are configured
to trust that JWKS (``RC_AUTH_JWKS_URL``) and its issuer, as they would trust a real provider.

Knobs for the refusal tests: :attr:`ProviderState.id_token_claims` overrides claims of the next ID
tokens (an expired ``exp``, another ``nonce``, ``aud`` or ``iss``), :attr:`ProviderState.tamper`
alters the next ID tokens after signing, :attr:`ProviderState.access_claims` overrides the access
token's claims (no role). It runs in-process (uvicorn in a thread) on a socket bound beforehand.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlencode

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

AUDIENCE = "redcross-platform"  # the services' RC_AUTH_AUDIENCE


@dataclass
class ProviderState:
    issuer: str
    client_id: str = "rc-console"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    redirect_uris: set[str] = field(default_factory=set)
    post_logout_uris: set[str] = field(default_factory=set)
    user: dict[str, Any] = field(default_factory=lambda: {"sub": "staff-1", "role": "admin", "unit_id": None})
    id_token_claims: dict[str, Any] = field(default_factory=dict)
    access_claims: dict[str, Any] = field(default_factory=dict)
    tamper: bool = False
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    kid: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_refusals: list[str] = field(default_factory=list)
    ended_sessions: list[dict[str, str]] = field(default_factory=list)

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def access_token(self, sub: str, role: str | None, unit_id: str | None, ttl_s: int = 3600) -> str:
        """An access token as the provider issues it (the tests also use it to set data up)."""
        now = int(time.time())
        claims: dict[str, Any] = {"iss": self.issuer, "aud": AUDIENCE, "sub": sub, "iat": now, "exp": now + ttl_s,
                                  "azp": self.client_id, "scope": "openid profile"}  # fmt: skip
        if role is not None:
            claims["role"] = role
        if unit_id is not None:
            claims["unit_id"] = unit_id
        return self.sign({**claims, **self.access_claims})

    def id_token(self, sub: str, nonce: str) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "sub": sub, "nonce": nonce, "iat": now,
                  "exp": now + 300, "auth_time": now, "azp": self.client_id}  # fmt: skip
        token = self.sign({**claims, **self.id_token_claims})
        if self.tamper:  # another user's claims under the original signature
            header, _, signature = token.split(".")
            forged = {**claims, **self.id_token_claims, "sub": "someone-else"}
            payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
            token = f"{header}.{payload}.{signature}"
        return token


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


def _error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def build(state: ProviderState) -> FastAPI:
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        i = state.issuer
        return {
            "issuer": i,
            "authorization_endpoint": f"{i}/authorize",
            "token_endpoint": f"{i}/token",
            "jwks_uri": f"{i}/jwks",
            "end_session_endpoint": f"{i}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "profile"],
        }

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        key = jwt.algorithms.RSAAlgorithm.to_jwk(state.key.public_key(), as_dict=True)
        return {"keys": [{**key, "kid": state.kid, "use": "sig", "alg": "RS256"}]}

    @app.get("/authorize")
    async def authorize(request: Request) -> Response:
        q = request.query_params
        if q.get("client_id") != state.client_id or q.get("redirect_uri") not in state.redirect_uris:
            return _error(400, "invalid_request", "unknown client or redirect_uri")  # never redirected
        if q.get("response_type") != "code" or "openid" not in q.get("scope", "").split():
            return _error(400, "unsupported_response_type", "code flow with the openid scope only")
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return _error(400, "invalid_request", "PKCE with S256 is required")
        code = secrets.token_urlsafe(32)
        state.codes[code] = {"challenge": q["code_challenge"], "nonce": q.get("nonce", ""), "used": False,
                             "redirect_uri": q["redirect_uri"], "user": dict(state.user)}  # fmt: skip
        answer = urlencode({"code": code, "state": q.get("state", "")})
        return RedirectResponse(f"{q['redirect_uri']}?{answer}", status_code=302)

    @app.post("/token")
    async def token(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))  # application/x-www-form-urlencoded
        client_id, secret = str(form.get("client_id", "")), str(form.get("client_secret", ""))
        basic = request.headers.get("authorization", "")
        if basic.lower().startswith("basic "):
            user, _, password = base64.b64decode(basic[6:]).decode().partition(":")
            client_id, secret = unquote_plus(user), unquote_plus(password)
        if client_id != state.client_id or not secrets.compare_digest(secret, state.client_secret):
            state.token_refusals.append("invalid_client")
            return _error(401, "invalid_client", "client authentication failed")
        grant = state.codes.get(str(form.get("code", "")))
        refusal = None
        if form.get("grant_type") != "authorization_code" or grant is None:
            refusal = "unknown code"
        elif grant["used"]:
            refusal = "code already used"
        elif form.get("redirect_uri") != grant["redirect_uri"]:
            refusal = "redirect_uri differs from the authorization request's"
        elif not secrets.compare_digest(s256(str(form.get("code_verifier", ""))), grant["challenge"]):
            refusal = "PKCE verification failed: code_verifier does not match code_challenge"
        if refusal is not None or grant is None:
            state.token_refusals.append(refusal or "unknown code")
            return _error(400, "invalid_grant", refusal or "unknown code")
        grant["used"] = True
        u = grant["user"]
        return JSONResponse(
            {
                "access_token": state.access_token(u["sub"], u.get("role"), u.get("unit_id")),
                "token_type": "Bearer",
                "expires_in": 3600,
                "id_token": state.id_token(u["sub"], grant["nonce"]),
                "scope": "openid profile",
            },
            headers={"Cache-Control": "no-store"},
        )

    @app.get("/logout")
    async def logout(request: Request) -> Response:
        q = dict(request.query_params)
        if q.get("client_id") != state.client_id or q.get("post_logout_redirect_uri") not in state.post_logout_uris:
            return _error(400, "invalid_request", "unknown client or post_logout_redirect_uri")
        state.ended_sessions.append(q)
        return RedirectResponse(q["post_logout_redirect_uri"], status_code=302)

    return app


class Provider:
    """The provider served by uvicorn in a background thread on 127.0.0.1, on a port the system
    gives its socket (bound before the thread starts: no other process can take it meanwhile)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port = int(self.socket.getsockname()[1])
        self.state = ProviderState(issuer=f"http://127.0.0.1:{self.port}")
        config = uvicorn.Config(build(self.state), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, name="oidc-provider", daemon=True
        )

    @property
    def issuer(self) -> str:
        return self.state.issuer

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test OIDC provider did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()
