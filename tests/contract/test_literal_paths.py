"""The 405 check's literal paths, read from the routes, are exactly those of the OpenAPI document.

``rc_shared.http.literal_methods`` decides a 405 for a path without a parameter that the app's document
names, from the methods the document gives it. It reads them from the app's routes (generating the
document cost each service's first request 0.26-0.38 CPU-s); here each app (the four services and the
console) is built in-process and the two are compared, path by path and method by method: an
``openapi`` of an app's own that added or changed a path would fail it.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr

from rc_local import openapi
from rc_shared.http import documented_literal_paths


def app_of(service: str) -> Any:
    """A service's app as its published document is made from; the console's with a session key."""
    if service != "console":
        return openapi.app(service)
    from rc_console.entrypoints.app import build_app
    from rc_console.settings import Settings

    return build_app(Settings(session_secret=SecretStr("s" * 32)))


@pytest.mark.parametrize("service", [*openapi.SERVICES, "console"])
def test_the_routes_give_the_documents_literal_paths_and_methods(service: str) -> None:
    app = app_of(service)
    documented = {
        path: frozenset(m.upper() for m in ops) for path, ops in app.openapi()["paths"].items() if "{" not in path
    }
    assert documented, "the document names no path without a parameter"
    assert documented_literal_paths(app) == documented
