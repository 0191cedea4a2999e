"""Settings of the campaigns service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field

from rc_shared.settings import ServiceSettings, database_url_field, days_field, http_port_field, service_name_field


class Settings(ServiceSettings):
    service_name: str = service_name_field("campaigns")
    http_port: int = http_port_field(8002)
    database_url: str = database_url_field("campaigns")
    max_receiving_days: int = Field(
        90,
        ge=1,
        le=3660,
        description="Longest receiving period a campaign may launch with, in days counted inclusively "
        "(Decree 93/2021: 90).",
    )
    distribution_days: int = days_field(
        20,
        "Days after closing by which distribution must be finished (Decree 93/2021: 20); "
        "a closed campaign not settled by then is overdue.",
    )
    launch_days_back: int = days_field(90, "How many days before today a campaign's launched_on may lie.")
    launch_days_ahead: int = days_field(30, "How many days after today a campaign's launched_on may lie.")
    close_days_ahead: int = days_field(
        30,
        "How many days after today a campaign's closed_on may lie (never before today: a close "
        "takes effect at the end of its date, so donations are decided by date whenever they arrive).",
    )
    settle_days_back: int = days_field(90, "How many days before today a campaign's settled_on may lie.")
    settle_days_ahead: int = days_field(0, "How many days after today a campaign's settled_on may lie.")
    cancel_days_back: int = days_field(
        90,
        "How many days before today a draft campaign's cancelled_on may lie (a launched campaign's is never "
        "before today, and no cancellation lies ahead of today: it takes effect when it is recorded).",
    )
