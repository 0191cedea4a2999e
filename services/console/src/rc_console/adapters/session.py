"""The session cookie: the user and their bearer token, signed (HMAC-SHA256) with an expiry.

``payload.signature``, both base64url; the payload is JSON with the token, subject, role, unit,
the session's CSRF token and its expiry (Unix seconds). A cookie that is altered, signed with
another key or expired is no session. The cookie is HttpOnly and SameSite=Lax (Secure behind TLS).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass

from rc_console.domain.model import User

COOKIE = "rc_console_session"
LOGIN_CSRF_COOKIE = "rc_console_login_csrf"


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionCodec:
    """Signs and reads session cookies with one key."""

    def __init__(self, key: bytes, ttl_s: int) -> None:
        if len(key) < 32:
            raise ValueError("the session key must be at least 32 bytes")
        self._key = key
        self.ttl_s = ttl_s

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())

    def new(self, user: User, now: float | None = None) -> Session:
        expires = int(now if now is not None else time.time()) + self.ttl_s
        return Session(user=user, csrf=secrets.token_urlsafe(32), expires=expires)

    def dump(self, session: Session) -> str:
        u = session.user
        body = {
            "t": u.token,
            "s": u.subject,
            "r": u.role,
            "u": str(u.unit_id) if u.unit_id else None,
            "c": session.csrf,
            "e": session.expires,
        }
        payload = _b64(json.dumps(body, separators=(",", ":")).encode())
        return f"{payload}.{self._sign(payload)}"

    def load(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session in ``cookie``; None when absent, tampered with, malformed or expired."""
        if not cookie or cookie.count(".") != 1:
            return None
        payload, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            body = json.loads(_unb64(payload))
            expires = int(body["e"])
            user = User(
                subject=str(body["s"]),
                role=str(body["r"]),
                unit_id=uuid.UUID(body["u"]) if body.get("u") else None,
                token=str(body["t"]),
            )
            csrf = str(body["c"])
        except (ValueError, KeyError, TypeError):
            return None
        if expires <= int(now if now is not None else time.time()):
            return None
        return Session(user=user, csrf=csrf, expires=expires)


def same_token(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a CSRF token with the one a form sent."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
