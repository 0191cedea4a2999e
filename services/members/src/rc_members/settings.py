"""Settings of the members service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field

from rc_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = Field("members", description="Service name.")
    http_port: int = Field(8001, ge=1, le=65535, description="Port the HTTP API listens on.")
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:55432/members", description="asyncpg DSN of the members database."
    )
