"""The reporting service's HTTP app: membership statistics and campaign progress, projected from events.

Access control (:mod:`rc_reporting.entrypoints.access`): the membership and per-unit/per-period
campaign reports need a token and a scope; the campaign list and one campaign's progress are public.
Scopes come from ``scope_unit_versions``, kept by the ``reporting.scope-units`` consumer.
"""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from rc_reporting import MIGRATIONS
from rc_reporting.entrypoints.campaign_routes import public_router as public_campaign_router
from rc_reporting.entrypoints.campaign_routes import router as campaign_router
from rc_reporting.entrypoints.pages import link_ledger_pages, pages_router
from rc_reporting.entrypoints.review_routes import router as review_router
from rc_reporting.entrypoints.routes import router
from rc_reporting.service_layer.campaign_projection import campaigns_consumer
from rc_reporting.service_layer.projection import members_consumer
from rc_reporting.settings import Settings
from rc_shared import http_cache
from rc_shared.runtime import Roles, service_app
from rc_shared.scope import units_consumer

__all__ = ["MIGRATIONS", "build_app"]


API_VERSION = "1.11.0"
"""The version of this service's HTTP API (semantic; docs/openapi/CHANGELOG.md says what each changed)."""


def build_app(settings: Settings | None = None, **roles: Unpack[Roles]) -> FastAPI:
    settings = settings or Settings()
    link_ledger_pages(settings.public_ledger_url)
    app = service_app(
        settings,
        MIGRATIONS,
        roles,
        routers=[router, campaign_router, review_router],
        public_routers=[public_campaign_router, pages_router],
        consumers=[members_consumer, campaigns_consumer, units_consumer("reporting")],
        title="Red Cross reporting service",
        version=API_VERSION,
        description=(
            "Membership statistics per unit, rolled up the organisation tree as of any date, "
            "projected from the members events; campaign progress (raised, pledged, distributed, "
            "beneficiaries, targets) per campaign, unit and period, projected from the campaigns and "
            "donations events. The campaign list and one campaign's progress are public (Decree 93/2021); "
            "the other reports need a bearer token and are limited to your unit's subtree."
        ),
    )
    http_cache.install(
        app,
        "rc-reporting",
        settings.public_cache_max_bytes,
        settings.public_max_age_s,
        settings.public_fresh_ms,
        settings.public_stale_ms,
        settings.public_wait_ms,
    )
    return app
