"""The public reads (the ledger, the campaign pages: what a disaster appeal's visitors load hundreds of
times a second) resolve every dependency on the event loop: FastAPI runs a plain function dependency
in its thread pool, a hand-off and two thread switches per call for what is a dictionary read."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from rc_donations.entrypoints.pages import pages_router as ledger_pages
from rc_donations.entrypoints.routes import files_router, public_router
from rc_reporting.entrypoints.campaign_routes import public_router as public_campaigns
from rc_reporting.entrypoints.pages import pages_router as campaign_pages

# What create_app includes without a token (rc_donations / rc_reporting entrypoints.app).
PUBLIC: dict[str, APIRouter] = {
    "donations public": public_router,
    "donations files": files_router,
    "donations pages": ledger_pages,
    "reporting public": public_campaigns,
    "reporting pages": campaign_pages,
}


def _calls(d: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in d.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def test_every_dependency_of_a_public_read_is_a_coroutine() -> None:
    checked, blocking = 0, []
    for name, router in PUBLIC.items():
        for route in router.routes:
            if not isinstance(route, APIRoute) or "GET" not in route.methods:
                continue
            checked += 1
            blocking += [
                f"{name} {route.path}: {getattr(c, '__qualname__', c)}"
                for c in _calls(route.dependant)
                if not (inspect.iscoroutinefunction(c) or inspect.isasyncgenfunction(c))
            ]
    assert checked >= 8 and blocking == []
