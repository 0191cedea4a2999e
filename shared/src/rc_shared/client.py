"""What our command-line clients of the services' APIs share; imports nothing of the service side
(FastAPI, JWT, cryptography), which was most of an import command's start-up."""

from __future__ import annotations

import os
import sys


def api_headers() -> dict[str, str]:
    """Headers for our own command-line clients: the bearer token in ``RC_API_TOKEN``, if set."""
    token = os.environ.get("RC_API_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def without_httpx_command_line() -> None:
    """Import httpx, from now on, without its own command line (``httpx._main``: click's, rich's and
    pygments' modules, about a fifth of an import command's start-up), which our clients never run:
    httpx falls back to a stub ``httpx.main`` when that module cannot be imported, as when its ``cli``
    extra is not installed. Nothing changes if httpx is imported already."""
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]  # None: "cannot be imported"
