"""Access control: bearer JWTs, roles, and scopes on the organisation tree.

A token carries ``sub``, ``role`` (admin, unit_manager, data_entry, viewer) and ``unit_id``: the
root of the subtree the user may see and act on (absent: the whole organisation; only admins may
have that); an integration client's token may also carry ``rc_writes_per_minute``, its write
quota (honoured only once the token is verified). Tokens are verified with a public key (a PEM
file: development keys are generated locally by ``rc auth keys``) or, in production, with an
OIDC provider's JWKS (``RC_AUTH_JWKS_URL``).

What a role may do:

- ``viewer``: read;
- ``data_entry``: read, and record (people, memberships, donations, beneficiaries, imports);
- ``unit_manager``: also manage (units, campaign lifecycle, distributions, erasure, corrections);
- ``admin``: everything, including administration (rebuilds, DLQ replays), in its scope.

A request is allowed when the role has the action *and* the unit the resource belongs to is inside
the user's subtree (see :class:`ScopeResolver`): in the tree valid today, or, for a read of data as
of another date (``as_of``), in the tree valid on that date (the checks take it as ``on=``), so a
district's user still reads its former communes' figures as of a day before the district ended.
Endpoints marked public (the transparency pages, health, metrics) need no token.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from rc_shared.errors import DomainError
from rc_shared.logging import get_logger

# (the roles live apart, so that a domain module can read them without FastAPI; re-exported here)
from rc_shared.roles import ROLE_ACTIONS as ROLE_ACTIONS
from rc_shared.roles import ROLES as ROLES
from rc_shared.roles import Action as Action
from rc_shared.roles import Role as Role


class Unauthorized(DomainError, status=401, code="unauthorized"):
    """No valid credentials (401)."""


class Forbidden(DomainError, status=403, code="forbidden"):
    """Valid credentials, not allowed to do this (403)."""


QUOTA_CLAIM = "rc_writes_per_minute"


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str
    unit_id: uuid.UUID | None
    writes_per_minute: int | None = None  # the token's write quota claim (None: the default)

    def can(self, action: str) -> bool:
        return action in ROLE_ACTIONS.get(self.role, frozenset())


_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----.+?-----END \1-----", re.DOTALL)
# Errors that mean "not this key": with several keys the next one is tried.
_OTHER_KEY_ERRORS = (jwt.InvalidSignatureError, jwt.InvalidAlgorithmError, jwt.InvalidKeyError)


def load_public_keys(pem: bytes) -> list[Any]:
    """Every public key in ``pem``: one or more PEM blocks, one after the other (anything between
    them, such as comments, is ignored). Raises ``ValueError`` when there is none or one is bad."""
    blocks = [m.group(0) for m in _PEM_BLOCK.finditer(pem)]
    if not blocks:
        raise ValueError("no PEM public key found (expected -----BEGIN PUBLIC KEY----- blocks)")
    return [serialization.load_pem_public_key(b) for b in blocks]


def _algorithms_for(key: Any, algorithms: tuple[str, ...]) -> list[str]:
    """The allowed algorithms that fit ``key``'s type (EC keys: ES*, RSA keys: RS*/PS*)."""
    if isinstance(key, ec.EllipticCurvePublicKey):
        fit = [a for a in algorithms if a.startswith("ES")]
    elif isinstance(key, rsa.RSAPublicKey):
        fit = [a for a in algorithms if a.startswith(("RS", "PS"))]
    else:
        fit = list(algorithms)
    return fit or list(algorithms)


JWKS_REREAD_S = 300.0
"""How long the identity provider's key set is used before it is read again: a key the provider retires
(rotated, or found compromised) is refused from then on. Keys are not cached apart from the set (PyJWT's
``cache_keys`` keeps a key it once found for the life of the process)."""
JWKS_RETRY_S = 30.0
"""Least time between two reads of the key set: after a failed read (the provider does not answer: the last
set read stays in use meanwhile), or to look for a key id the set does not hold (a key just published)."""
JWKS_TIMEOUT_S = 5.0
"""Longest wait for the provider's key set (a request that needs it waits that long at most)."""


log = get_logger(__name__)


class _KeySet:
    """The identity provider's key set, read again every :data:`JWKS_REREAD_S`. When the provider cannot be
    read, the last set read stays in use (an outage of the provider does not refuse every token), and a
    read is tried again after :data:`JWKS_RETRY_S`."""

    def __init__(self, url: str) -> None:
        self._client = jwt.PyJWKClient(url, cache_keys=False, cache_jwk_set=False, timeout=int(JWKS_TIMEOUT_S))
        self._keys: dict[str | None, Any] = {}
        self.read_at = float("-inf")  # monotonic time of the last good read
        self._tried_at = float("-inf")
        self._lock = threading.Lock()

    def key(self, token: str) -> Any:
        kid = jwt.get_unverified_header(token).get("kid")
        with self._lock:
            now = time.monotonic()
            stale = now - self.read_at >= JWKS_REREAD_S
            if (stale or kid not in self._keys) and now - self._tried_at >= JWKS_RETRY_S:
                self._read(now)
            key = self._keys.get(kid)
        if key is None:
            raise jwt.PyJWKClientError(f'no key "{kid}" in the identity provider\'s key set')
        return key

    def _read(self, now: float) -> None:
        self._tried_at = now
        try:
            keys = {k.key_id: k.key for k in self._client.get_signing_keys()}
        except (jwt.PyJWTError, ValueError, OSError) as exc:  # (no answer, not JSON, no usable key)
            if not self._keys:
                raise jwt.PyJWKClientError(f"the identity provider's key set cannot be read: {exc}") from exc
            log.warning("jwks_read_failed", error=str(exc), keys_kept=len(self._keys))
            return
        self._keys, self.read_at = keys, now

    def good_until(self) -> float:
        """Wall-clock time until which the set in use is trusted as read (a token verified with it is
        remembered no longer); while the provider does not answer, until the next try to read it."""
        return time.time() + max(JWKS_RETRY_S, JWKS_REREAD_S - (time.monotonic() - self.read_at))


CLOCK_SKEW_S = 60
"""How far the identity provider's clock may be ahead of or behind ours (a token issued a second "in the
future" is not refused)."""
ACCESS_TOKEN_TYPES = frozenset({"bearer", "at+jwt"})
"""The ``typ`` claim of an access token, when it has one (an ID token of the same provider is refused)."""
VERIFIED_TOKENS_KEPT = 10_000  # tokens a verifier remembers as verified (memory stays bounded)


class TokenVerifier:
    """Verifies tokens with one or more PEM public keys, or with a JWKS endpoint.

    With several keys (``public_key_pem`` holding several PEM blocks) a token is accepted when any
    one of them verifies its signature; its claims (issuer, audience, expiry, role) are then
    checked as usual. The JWKS path is unchanged: the provider's key is chosen by the token's
    ``kid``.
    """

    def __init__(
        self,
        *,
        public_key_pem: bytes | None = None,
        jwks_url: str | None = None,
        issuer: str,
        audience: str,
        algorithms: tuple[str, ...] = ("ES256", "RS256"),
    ) -> None:
        if not public_key_pem and not jwks_url:
            raise ValueError("access control needs RC_AUTH_PUBLIC_KEY_FILE or RC_AUTH_JWKS_URL")
        self._keys: list[Any] = load_public_keys(public_key_pem) if public_key_pem else []
        self._jwks = _KeySet(jwks_url) if jwks_url else None
        self.issuer = issuer
        self.audience = audience
        self.algorithms = list(algorithms)
        # Tokens verified already, until their expiry: a client sends the same token with every
        # request, and its signature, issuer and audience do not change (bounded, oldest forgotten).
        self._verified: dict[str, tuple[Principal, float]] = {}
        self._verified_lock = threading.Lock()

    @property
    def key_count(self) -> int:
        """How many PEM public keys this verifier trusts (0 with JWKS)."""
        return len(self._keys)

    def _decode(self, token: str) -> dict[str, Any]:
        options: Any = {"require": ["exp", "sub", "iss", "aud"]}
        if self._jwks:
            key = self._jwks.key(token)
            return jwt.decode(
                token,
                key,
                algorithms=self.algorithms,
                audience=self.audience,
                issuer=self.issuer,
                options=options,
                leeway=CLOCK_SKEW_S,
            )
        last: jwt.PyJWTError | None = None
        for key in self._keys:
            try:
                return jwt.decode(
                    token,
                    key,
                    algorithms=_algorithms_for(key, tuple(self.algorithms)),
                    audience=self.audience,
                    issuer=self.issuer,
                    options=options,
                    leeway=CLOCK_SKEW_S,
                )
            except _OTHER_KEY_ERRORS as exc:  # not signed by this key: try the next one
                last = exc
        raise last or jwt.InvalidSignatureError("no key to verify the token with")

    def cached(self, token: str) -> Principal | None:
        """The principal of a token :meth:`verify` accepted before and that has not expired since
        (None: not known, verify it). Cheap and without I/O: fit for the event loop."""
        hit = self._verified.get(token)
        if hit is None or time.time() >= hit[1]:  # expired: as jwt.decode refuses it (exp <= now)
            return None
        return hit[0]

    async def verify_async(self, token: str) -> Principal:
        """:meth:`verify` for the event loop: a token verified before is answered at once, a new one is
        verified in a worker thread (the signature check, and a JWKS fetch, must not hold the loop)."""
        known = self.cached(token)
        if known is not None:
            return known
        p: Principal = await run_in_threadpool(self.verify, token)
        return p

    def verify(self, token: str) -> Principal:
        known = self.cached(token)
        if known is not None:
            return known
        try:
            claims = self._decode(token)
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"invalid token: {exc}") from exc
        p = self._principal(claims)
        with self._verified_lock:
            if len(self._verified) >= VERIFIED_TOKENS_KEPT:
                self._verified.pop(next(iter(self._verified)))
            # with the provider's key set, no longer than the set in use is trusted as read: a token of a key
            # retired since is then verified again (with the set read again), and refused
            until = float(claims["exp"]) if self._jwks is None else min(float(claims["exp"]), self._jwks.good_until())
            self._verified[token] = (p, until)
        return p

    def _principal(self, claims: dict[str, Any]) -> Principal:
        kind = claims.get("typ")  # (Keycloak's: an ID token says "ID"; an access token "Bearer")
        if kind is not None and str(kind).lower() not in ACCESS_TOKEN_TYPES:
            raise Unauthorized(f"not an access token (typ {kind!r})")
        role = claims.get("role")
        if not isinstance(role, str) or role not in ROLE_ACTIONS:  # (a list of roles: one role a token, as text)
            raise Unauthorized(f"token has no valid role (one text, one of {', '.join(ROLES)})")
        raw_unit = claims.get("unit_id")
        try:
            unit = uuid.UUID(str(raw_unit)) if raw_unit else None
        except ValueError as exc:
            raise Unauthorized("token's unit_id is not a UUID") from exc
        if unit is None and role != "admin":
            raise Unauthorized("only an admin token may be valid for the whole organisation")
        quota = claims.get(QUOTA_CLAIM)
        if isinstance(quota, str) and quota.isascii() and quota.isdigit():  # (an identity provider's string mapper)
            quota = int(quota)
        if quota is not None and (isinstance(quota, bool) or not isinstance(quota, int) or quota < 1):
            raise Unauthorized(f"token's {QUOTA_CLAIM} must be a positive integer")
        return Principal(subject=str(claims["sub"]), role=str(role), unit_id=unit, writes_per_minute=quota)


def generate_keys(directory: Path) -> tuple[Path, Path]:
    """A development EC P-256 key pair (private.pem, public.pem), created once."""
    directory.mkdir(parents=True, exist_ok=True)
    private, public = directory / "private.pem", directory / "public.pem"
    if not private.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        private.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        private.chmod(0o600)
        public.write_bytes(
            key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
    return private, public


def mint(
    private_key_pem: bytes,
    *,
    subject: str,
    role: str,
    unit_id: uuid.UUID | str | None,
    issuer: str,
    audience: str,
    ttl_s: int = 3600,
    writes_per_minute: int | None = None,
) -> str:
    """Sign a token (development and tests; production tokens come from the OIDC provider).
    ``writes_per_minute``: an integration client's write quota claim."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "role": role,
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "exp": now + ttl_s,
    }
    if unit_id is not None:
        claims["unit_id"] = str(unit_id)
    if writes_per_minute is not None:
        claims[QUOTA_CLAIM] = writes_per_minute
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    return jwt.encode(claims, key, algorithm="ES256")  # type: ignore[arg-type]


class ScopeResolver(Protocol):
    """Answers from a service's view of the organisation tree, valid ``on`` a day (None: today, by
    the organisation's clock)."""

    async def within(self, root: uuid.UUID, unit_id: uuid.UUID, on: date | None = None) -> bool:
        """Whether ``unit_id`` lies in the subtree rooted at ``root``."""
        ...

    async def subtree(self, root: uuid.UUID, on: date | None = None) -> list[uuid.UUID]:
        """``root`` and every unit below it."""
        ...


def principal(request: Request) -> Principal:
    """The authenticated user of this request (set by :func:`authenticate`)."""
    p = getattr(request.state, "principal", None)
    if p is None:
        raise Unauthorized("authentication required: send 'Authorization: Bearer <token>'")
    return p  # type: ignore[no-any-return]


async def authenticate(request: Request) -> Principal:
    """FastAPI dependency: verify the bearer token (or let an auth-disabled service through).

    A write's token was already verified by the request middleware (its quota): that principal is used.
    A token verified before is answered on the event loop (:meth:`TokenVerifier.verify_async`)."""
    verified: Principal | None = getattr(request.state, "principal", None)
    if verified is not None:
        return verified
    verifier: TokenVerifier | None = getattr(request.app.state, "token_verifier", None)
    if verifier is None:  # access control disabled by configuration (RC_AUTH_ENABLED=false)
        p = Principal(subject="anonymous", role="admin", unit_id=None)
        request.state.principal = p
        return p
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("authentication required: send 'Authorization: Bearer <token>'")
    p = await verifier.verify_async(token.strip())
    request.state.principal = p
    return p


def require(action: Action) -> Callable[..., Awaitable[Principal]]:
    """FastAPI dependency factory: the user's role must allow ``action``."""

    async def dep(request: Request) -> Principal:
        # authenticate called, not a sub-dependency: the routers' own authenticate has verified the token
        # (answered from request.state here), and each dependency FastAPI solves costs every request
        p = await authenticate(request)
        if not p.can(action):
            raise Forbidden(f"role '{p.role}' may not {action} here", required=action)
        return p

    return dep


async def check_scope(
    request: Request, unit_id: uuid.UUID | None, what: str = "this resource", *, on: date | None = None
) -> None:
    """Refuse (403) unless ``unit_id`` is in the user's subtree (in the tree of ``on``; None: today).
    ``None`` units are admin-only."""
    p = principal(request)
    if p.unit_id is None:
        return
    resolver: ScopeResolver | None = getattr(request.app.state, "scope_resolver", None)
    if unit_id is None or resolver is None or not await resolver.within(p.unit_id, unit_id, on):
        raise Forbidden(f"{what} is outside your unit's scope", scope_unit_id=str(p.unit_id))


def scope_filter(request: Request) -> uuid.UUID | None:
    """The subtree root to restrict listings to (None: no restriction)."""
    return principal(request).unit_id


READ = [Depends(require("read"))]
WRITE = [Depends(require("write"))]
MANAGE = [Depends(require("manage"))]
ADMIN = [Depends(require("admin"))]


async def in_scope(request: Request, units: Iterable[uuid.UUID | None], *, on: date | None = None) -> bool:
    """Is any of ``units`` inside the user's subtree (in the tree of ``on``; None: today)? (Always, for an
    organisation-wide user.)"""
    root = scope_filter(request)
    if root is None:
        return True
    resolver: ScopeResolver | None = getattr(request.app.state, "scope_resolver", None)
    if resolver is None:
        return False
    for unit in units:
        if unit is not None and await resolver.within(root, unit, on):
            return True
    return False


async def require_any(
    request: Request, units: Iterable[uuid.UUID | None], what: str, *, on: date | None = None
) -> None:
    """403 unless one of ``units`` is in the user's subtree (in the tree of ``on``; None: today)."""
    if not await in_scope(request, units, on=on):
        raise Forbidden(f"{what} is outside your unit's scope", scope_unit_id=str(scope_filter(request)))


async def scope_units(request: Request, *, on: date | None = None) -> list[uuid.UUID] | None:
    """The units of the user's subtree in the tree of ``on`` (None: today), to restrict a listing to
    (None: no restriction)."""
    root = scope_filter(request)
    if root is None:
        return None
    resolver: ScopeResolver | None = getattr(request.app.state, "scope_resolver", None)
    return [] if resolver is None else await resolver.subtree(root, on)
