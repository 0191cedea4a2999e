"""The reporting service's HTTP app: membership statistics projected from the members events."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from rc_shared.runtime import Runtime, create_app

from rc_reporting.entrypoints.routes import router
from rc_reporting.service_layer.projection import members_consumer
from rc_reporting.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def build_app(
    settings: Settings | None = None, *, api: bool = True, relay: bool = True, consumers: bool = True
) -> FastAPI:
    settings = settings or Settings()
    runtime = Runtime(
        settings,
        MIGRATIONS,
        consumers=[members_consumer],
        run_api=api,
        run_relay=relay,
        run_consumers=consumers,
    )
    return create_app(
        runtime,
        [router] if api else [],
        title="Red Cross reporting service",
        description=(
            "Membership statistics per unit, rolled up the organisation tree as of any date, "
            "projected from the members events."
        ),
    )
