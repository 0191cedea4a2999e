"""A verifier on the identity provider's key set (RC_AUTH_JWKS_URL) stops trusting a key the provider has
retired once its key set is read again (at most every 5 minutes), not only when the process restarts."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from rc_shared.auth import TokenVerifier, Unauthorized


class _Provider:
    """An identity provider's JWKS endpoint whose key set can change."""

    def __init__(self) -> None:
        self.keys: dict[str, ec.EllipticCurvePrivateKey] = {}
        self.published: set[str] = set()  # the key ids its key set shows
        self.broken = False  # it answers an HTML page instead of its key set
        self.reads = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.reads += 1
                body = json.dumps({"keys": [provider.jwk(kid) for kid in sorted(provider.published)]}).encode()
                if provider.broken:
                    body = b"<html><body>502 Bad Gateway</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/jwks"

    def jwk(self, kid: str) -> dict[str, Any]:
        key: dict[str, Any] = json.loads(ECAlgorithm.to_jwk(self.keys[kid].public_key()))
        return {**key, "kid": kid, "alg": "ES256", "use": "sig"}

    def token(self, kid: str) -> str:
        claims = {
            "sub": f"u-{uuid.uuid4()}",
            "iss": "idp",
            "aud": "rc",
            "exp": time.time() + 600,
            "role": "viewer",
            "unit_id": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self.keys[kid], algorithm="ES256", headers={"kid": kid})


@pytest.fixture
def provider() -> Iterator[_Provider]:
    p = _Provider()
    thread = threading.Thread(target=p.server.serve_forever, daemon=True)
    thread.start()
    yield p
    p.server.shutdown()


def test_a_key_the_provider_retired_is_refused_once_the_key_set_is_read_again(
    provider: _Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider.keys = {"old": ec.generate_private_key(ec.SECP256R1()), "new": ec.generate_private_key(ec.SECP256R1())}
    provider.published = {"old", "new"}
    verifier = TokenVerifier(jwks_url=provider.url, issuer="idp", audience="rc")
    assert verifier.verify(provider.token("old")).role == "viewer"
    assert verifier.verify(provider.token("new")).role == "viewer"
    still_old = provider.token("old")
    provider.published = {"new"}  # the provider retires its old key (rotation, or a key found compromised)
    # within the key set's cache lifetime the set is not read again
    assert verifier.verify(still_old).role == "viewer"
    # 5 minutes later the set is read again: a new token of the retired key is refused, the new key's accepted
    later, wall = time.monotonic() + 301, time.time() + 301
    monkeypatch.setattr("rc_shared.auth.time.monotonic", lambda: later)
    monkeypatch.setattr("rc_shared.auth.time.time", lambda: wall)
    with pytest.raises(Unauthorized):
        verifier.verify(provider.token("old"))
    with pytest.raises(Unauthorized):  # nor one verified before the key was retired (not kept until it expires)
        verifier.verify(still_old)
    assert verifier.verify(provider.token("new")).role == "viewer"


def test_while_the_provider_does_not_answer_the_key_set_read_last_stays_in_use(
    provider: _Provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An outage of the identity provider does not refuse every token once the key set is due to be read
    again: the set read last stays in use (and a read is tried again every 30 s, not at every request)."""
    provider.keys = {"k": ec.generate_private_key(ec.SECP256R1())}
    provider.published = {"k"}
    verifier = TokenVerifier(jwks_url=provider.url, issuer="idp", audience="rc")
    assert verifier.verify(provider.token("k")).role == "viewer"
    # the provider answers a proxy's error page instead of its key set: the set read last is used, read again
    # at most every 30 s (not at each request)
    provider.broken = True
    reads = provider.reads
    clock = {"mono": time.monotonic() + 301, "wall": time.time() + 301}
    monkeypatch.setattr("rc_shared.auth.time.monotonic", lambda: clock["mono"])
    monkeypatch.setattr("rc_shared.auth.time.time", lambda: clock["wall"])
    assert verifier.verify(provider.token("k")).role == "viewer"
    assert verifier.verify(provider.token("k")).role == "viewer"
    assert provider.reads == reads + 1
    clock = {"mono": clock["mono"] + 31, "wall": clock["wall"] + 31}
    assert verifier.verify(provider.token("k")).role == "viewer"
    assert provider.reads == reads + 2
    # a verifier that never read the set has nothing to fall back on: refused (401), said so; nor when the
    # provider is gone altogether
    with pytest.raises(Unauthorized, match="cannot be read"):
        TokenVerifier(jwks_url=provider.url, issuer="idp", audience="rc").verify(provider.token("k"))
    provider.server.shutdown()
    provider.server.server_close()
    clock = {"mono": clock["mono"] + 31, "wall": clock["wall"] + 31}
    assert verifier.verify(provider.token("k")).role == "viewer"
    with pytest.raises(Unauthorized, match="cannot be read"):
        TokenVerifier(jwks_url=provider.url, issuer="idp", audience="rc").verify(provider.token("k"))
