"""The session cookie: the user and their bearer token, encrypted and authenticated (Fernet).

The cookie is a Fernet token (AES-128-CBC + HMAC-SHA256, from ``cryptography``) of a JSON
payload: the token, subject, role, unit, how the user signed in, the session's CSRF token, its
absolute expiry and when it was last used (Unix seconds). The bearer token is therefore never
readable from the cookie, and a cookie altered, made with another key, past its absolute expiry
or unused for longer than the idle timeout is no session. Keys are derived (HKDF-SHA256) from the
configured secrets: the first one encrypts, every one decrypts (key rotation: put the new secret
first, keep the old one until the sessions it made have expired). The cookie is HttpOnly and
SameSite=Lax (Secure behind TLS). The same codec seals the short-lived OIDC login state.
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rc_console.domain.model import User

COOKIE = "rc_console_session"
LOGIN_CSRF_COOKIE = "rc_console_login_csrf"
OIDC_COOKIE = "rc_console_oidc"
MAX_COOKIE_BYTES = 4000  # browsers keep at most 4096 bytes per cookie, its name and attributes included
TOUCH_EVERY_S = 60  # a session's "last used" is rewritten at most this often (one Set-Cookie a minute)


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    expires: int  # absolute expiry
    seen: int  # last used (the idle timeout counts from here)
    via: str = "dev"  # "dev" (development login) or "oidc"


def _fernet(secret: bytes, purpose: bytes) -> Fernet:
    if len(secret) < 32:
        raise ValueError("a session key must be at least 32 bytes")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"rc-console " + purpose).derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


class Sealer:
    """Encrypts small JSON documents for one purpose with the first key; opens them with any key."""

    def __init__(self, keys: Sequence[bytes], purpose: str) -> None:
        if not keys:
            raise ValueError("at least one session key is needed")
        self._fernet = MultiFernet([_fernet(k, purpose.encode()) for k in keys])

    def seal(self, doc: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(doc, separators=(",", ":")).encode()).decode()

    def open(self, sealed: str | None) -> dict[str, Any] | None:
        """The document, or None when absent, altered, made with an unknown key or malformed."""
        if not sealed:
            return None
        try:
            doc = json.loads(self._fernet.decrypt(sealed.encode()))
        except (InvalidToken, ValueError, UnicodeError):
            return None
        return doc if isinstance(doc, dict) else None


class SessionCodec:
    """Makes, encrypts and reads session cookies."""

    def __init__(self, keys: bytes | Sequence[bytes], ttl_s: int, idle_s: int | None = None) -> None:
        self._sealer = Sealer([keys] if isinstance(keys, bytes) else keys, "session")
        self.ttl_s = ttl_s
        self.idle_s = idle_s if idle_s is not None else ttl_s

    def new(self, user: User, now: float | None = None, *, via: str = "dev", not_after: int | None = None) -> Session:
        """A new session; ``not_after`` caps its expiry (the bearer token's own expiry)."""
        t = int(now if now is not None else time.time())
        expires = t + self.ttl_s if not_after is None else min(t + self.ttl_s, not_after)
        return Session(user=user, csrf=secrets.token_urlsafe(32), expires=expires, seen=t, via=via)

    def dump(self, session: Session) -> str:
        u = session.user
        body = {
            "t": u.token,
            "s": u.subject,
            "r": u.role,
            "u": str(u.unit_id) if u.unit_id else None,
            "c": session.csrf,
            "e": session.expires,
            "l": session.seen,
            "v": session.via,
        }
        return self._sealer.seal(body)

    def load(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session in ``cookie``; None when absent, tampered with, malformed, expired or idle too long."""
        body = self._sealer.open(cookie)
        if body is None:
            return None
        try:
            user = User(
                subject=str(body["s"]),
                role=str(body["r"]),
                unit_id=uuid.UUID(body["u"]) if body.get("u") else None,
                token=str(body["t"]),
            )
            s = Session(user=user, csrf=str(body["c"]), expires=int(body["e"]), seen=int(body["l"]), via=str(body["v"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        t = int(now if now is not None else time.time())
        if s.expires <= t or s.seen + self.idle_s <= t:
            return None
        return s

    def touched(self, session: Session, now: float | None = None) -> Session | None:
        """The session with its "last used" moved to now, when that is due (else None: keep the cookie)."""
        t = int(now if now is not None else time.time())
        return replace(session, seen=t) if t - session.seen >= TOUCH_EVERY_S else None


def same_token(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a CSRF token (or an OIDC state) with the one a request sent."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
