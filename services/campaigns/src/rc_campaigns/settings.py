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
