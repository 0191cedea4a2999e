"""The tests' HTTP clients share one TLS context (tests/tls.py), and only for the default verification."""

from __future__ import annotations

import ssl

import httpx

from tests.tls import share_default_tls_context


def _context(client: httpx.Client) -> ssl.SSLContext:
    transport = client._transport
    assert isinstance(transport, httpx.HTTPTransport)
    ctx = transport._pool._ssl_context
    assert isinstance(ctx, ssl.SSLContext)
    return ctx


def test_default_clients_share_one_context_and_other_verification_is_built_as_before() -> None:
    with httpx.Client() as a, httpx.Client() as b:  # the suite's conftest shared it
        assert _context(a) is _context(b)
    share_default_tls_context()  # again: harmless
    with httpx.Client() as a, httpx.Client(base_url="http://127.0.0.1:9") as b:
        assert _context(a) is _context(b)
        assert _context(a).verify_mode == ssl.CERT_REQUIRED and _context(a).check_hostname
    with httpx.Client(verify=False) as loose, httpx.Client(verify=False) as loose_too:
        assert _context(loose) is not _context(loose_too)
        assert _context(loose).verify_mode == ssl.CERT_NONE
    own = ssl.create_default_context()
    with httpx.Client(verify=own) as c:
        assert _context(c) is own
