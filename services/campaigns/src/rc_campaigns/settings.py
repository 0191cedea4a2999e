"""Settings of the campaigns service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field

from rc_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = Field("campaigns", description="Service name.")
    http_port: int = Field(8002, ge=1, le=65535, description="Port the HTTP API listens on.")
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:55432/campaigns", description="asyncpg DSN of the campaigns database."
    )
    max_receiving_days: int = Field(
        90,
        ge=1,
        le=3660,
        description="Longest receiving period a campaign may launch with, in days counted inclusively "
        "(Decree 93/2021: 90).",
    )
    distribution_days: int = Field(
        20,
        ge=0,
        le=3660,
        description="Days after closing by which distribution must be finished (Decree 93/2021: 20); "
        "a closed campaign not settled by then is overdue.",
    )
    launch_days_back: int = Field(
        90, ge=0, le=3660, description="How many days before today a campaign's launched_on may lie."
    )
    launch_days_ahead: int = Field(
        30, ge=0, le=3660, description="How many days after today a campaign's launched_on may lie."
    )
    close_days_ahead: int = Field(
        30,
        ge=0,
        le=3660,
        description="How many days after today a campaign's closed_on may lie (never before today: a close "
        "takes effect at the end of its date, so donations are decided by date whenever they arrive).",
    )
    settle_days_back: int = Field(
        90, ge=0, le=3660, description="How many days before today a campaign's settled_on may lie."
    )
    settle_days_ahead: int = Field(
        0, ge=0, le=3660, description="How many days after today a campaign's settled_on may lie."
    )
