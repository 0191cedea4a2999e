"""The campaigns service's HTTP app: campaigns and their lifecycle, progress from the donations
ledger, beneficiaries and humanitarian addresses, sponsorships and blood drives."""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from rc_campaigns import MIGRATIONS
from rc_campaigns.domain.campaigns import PeriodRules
from rc_campaigns.entrypoints.consumers import ledger_consumer
from rc_campaigns.entrypoints.routes import public_router, router
from rc_campaigns.service_layer.policy import Policy
from rc_campaigns.settings import Settings
from rc_shared.clock import Window
from rc_shared.events.campaigns import BENEFICIARIES_TOPIC, BLOOD_TOPIC, CAMPAIGNS_TOPIC
from rc_shared.events.members import UNITS_TOPIC
from rc_shared.runtime import Roles, service_app
from rc_shared.scope import units_consumer

__all__ = ["MIGRATIONS", "build_app"]


API_VERSION = "1.8.0"
"""The version of this service's HTTP API (semantic; docs/openapi/CHANGELOG.md says what each changed)."""


def policy_from(settings: Settings) -> Policy:
    return Policy(
        periods=PeriodRules(
            max_receiving_days=settings.max_receiving_days, distribution_days=settings.distribution_days
        ),
        launch_window=Window(days_back=settings.launch_days_back, days_ahead=settings.launch_days_ahead),
        close_window=Window(days_back=0, days_ahead=settings.close_days_ahead),
        settle_window=Window(days_back=settings.settle_days_back, days_ahead=settings.settle_days_ahead),
        cancel_window=Window(days_back=settings.cancel_days_back, days_ahead=0),
    )


def build_app(settings: Settings | None = None, **roles: Unpack[Roles]) -> FastAPI:
    settings = settings or Settings()
    app = service_app(
        settings,
        MIGRATIONS,
        roles,
        routers=[router],
        public_routers=[public_router],
        consumers=[ledger_consumer, units_consumer("campaigns")],
        topics=[CAMPAIGNS_TOPIC, BENEFICIARIES_TOPIC, BLOOD_TOPIC, UNITS_TOPIC],
        title="Red Cross campaigns service",
        version=API_VERSION,
        description=(
            "Campaigns (relief, Tết Nhân ái, Humanitarian Month, blood drives) with the Decree 93/2021 lifecycle, "
            "progress against targets from the donations ledger, beneficiaries and humanitarian addresses, "
            "sponsorships and blood donation sessions."
        ),
    )
    app.state.policy = policy_from(settings)
    return app
