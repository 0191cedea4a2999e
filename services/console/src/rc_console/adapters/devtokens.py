"""Development login: tokens signed with the local development key (``./dev up`` creates it).

Never enabled in production (``RC_DEV_LOGIN_ENABLED`` is off by default); there users sign in
through the OIDC provider (not built yet).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from rc_shared.auth import mint


class DevTokens:
    def __init__(self, private_key_file: str, issuer: str, audience: str, ttl_s: int) -> None:
        self._pem = Path(private_key_file).read_bytes()
        self.issuer, self.audience, self.ttl_s = issuer, audience, ttl_s

    def token(self, role: str, unit_id: uuid.UUID | None, subject: str) -> str:
        return mint(
            self._pem,
            subject=subject,
            role=role,
            unit_id=unit_id,
            issuer=self.issuer,
            audience=self.audience,
            ttl_s=self.ttl_s,
        )
