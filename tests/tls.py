"""One TLS context for the tests' HTTP clients.

httpx builds a TLS context for every client it makes, parsing certifi's CA bundle each time: about
50 ms of CPU on a 2-core CI machine. The suite makes some 2,000 clients (a readiness probe every
0.2 s while a service starts, a client per row of the authorization tables...), nearly all to
plain-HTTP services, and that parsing was a third of the pytest process's own CPU. A context is
made to be shared: clients made with the default verification get one context, built on first
use; any other ``verify`` or ``cert`` is built by httpx as before.
"""

from __future__ import annotations

import functools
import ssl
from typing import Any

import httpx._transports.default as _transports  # where httpx's transports look it up


def share_default_tls_context() -> None:
    """Make httpx's transports take the shared context for the default verification."""
    build = _transports.create_ssl_context
    if getattr(build, "shared_default", False):
        return
    default = functools.cache(lambda: build())

    def create_ssl_context(verify: Any = True, cert: Any = None, trust_env: bool = True) -> ssl.SSLContext:
        if verify is True and cert is None and trust_env:
            return default()
        return build(verify=verify, cert=cert, trust_env=trust_env)

    create_ssl_context.shared_default = True  # type: ignore[attr-defined]
    _transports.create_ssl_context = create_ssl_context
