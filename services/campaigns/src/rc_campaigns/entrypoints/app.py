"""The campaigns service's HTTP app (skeleton: the campaigns issue fills it in)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from rc_campaigns.settings import Settings
from rc_shared.runtime import Runtime, create_app

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def build_app(
    settings: Settings | None = None, *, api: bool = True, relay: bool = True, consumers: bool = True
) -> FastAPI:
    settings = settings or Settings()
    runtime = Runtime(settings, MIGRATIONS, consumers=[], run_api=api, run_relay=relay, run_consumers=consumers)
    return create_app(
        runtime,
        [],
        title="Red Cross campaigns service",
        description="Campaigns: relief, Tết Nhân ái, Humanitarian Month, blood drives.",
    )
