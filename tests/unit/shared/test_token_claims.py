"""What a bearer token's claims may look like when an identity provider issues them: a role given as a list
(Keycloak's role mappers, Entra's ``roles``) or an ID token presented as a bearer token is refused (401, not a
500), a provider's clock a little ahead is tolerated, and a write quota written as text is read."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from rc_shared.auth import TokenVerifier, Unauthorized, generate_keys

UNIT = str(uuid.uuid4())


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Any, TokenVerifier]:
    private, public = generate_keys(tmp_path)
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    return key, TokenVerifier(public_key_pem=public.read_bytes(), issuer="idp", audience="rc")


def token(key: Any, **claims: Any) -> str:
    now = int(time.time())
    base = {"sub": f"u-{uuid.uuid4()}", "iss": "idp", "aud": "rc", "iat": now, "exp": now + 600, "role": "viewer",
            "unit_id": UNIT}  # fmt: skip
    return jwt.encode({**base, **claims}, key, algorithm="ES256")


@pytest.mark.parametrize(
    ("claims", "said"),
    [
        ({"role": ["viewer"]}, "no valid role"),  # a list of roles
        ({"role": {"name": "admin"}}, "no valid role"),
        ({"role": None}, "no valid role"),
        ({"typ": "ID"}, "not an access token"),  # the provider's ID token, sent as a bearer token
        ({"typ": "Refresh"}, "not an access token"),
        ({"rc_writes_per_minute": "lots"}, "positive integer"),
        ({"iat": int(time.time()) + 600}, "not yet valid"),  # beyond the tolerated clock skew
    ],
)
def test_a_token_a_provider_may_issue_is_refused_as_such_never_a_500(
    keys: tuple[Any, TokenVerifier], claims: dict[str, Any], said: str
) -> None:
    key, verifier = keys
    with pytest.raises(Unauthorized, match=said):
        verifier.verify(token(key, **claims))


def test_a_providers_clock_a_little_ahead_and_its_text_quota_and_token_type_are_accepted(
    keys: tuple[Any, TokenVerifier],
) -> None:
    key, verifier = keys
    ahead = int(time.time()) + 30
    assert verifier.verify(token(key, iat=ahead, nbf=ahead)).role == "viewer"
    assert verifier.verify(token(key, typ="Bearer", rc_writes_per_minute="12000")).writes_per_minute == 12_000
    assert verifier.verify(token(key, typ="at+jwt")).role == "viewer"
