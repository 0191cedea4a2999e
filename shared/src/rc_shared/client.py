"""What our command-line clients of the services' APIs share; imports nothing of the service side
(FastAPI, JWT, cryptography), which was most of an import command's start-up."""

from __future__ import annotations

import os


def api_headers() -> dict[str, str]:
    """Headers for our own command-line clients: the bearer token in ``RC_API_TOKEN``, if set."""
    token = os.environ.get("RC_API_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}
