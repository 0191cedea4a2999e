"""Settings of the reporting service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field

from rc_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = Field("reporting", description="Service name.")
    http_port: int = Field(8004, ge=1, le=65535, description="Port the HTTP API listens on.")
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:55432/reporting", description="asyncpg DSN of the reporting database."
    )
    role_volunteer: str = Field("volunteer", description="Role name counted as 'volunteers' in reports.")
    role_youth: str = Field("youth", description="Role name counted as 'youth' in reports.")
    role_collaborator: str = Field("collaborator", description="Role name counted as 'collaborators' in reports.")
    rebuild_batch_size: int = Field(500, ge=1, le=10000, description="Records per transaction in `rebuild`.")
    public_max_age_s: int = Field(
        5,
        ge=0,
        le=86400,
        description="Cache-Control max-age (seconds) of the public campaign answers (JSON and HTML pages); "
        "revalidated with their ETag afterwards.",
    )
    public_cache_max_bytes: int = Field(
        8 * 1024 * 1024,
        ge=0,
        le=1024 * 1024 * 1024,
        description="Memory for rendered public campaign answers kept in process (least recently used "
        "evicted first; 0: none kept).",
    )
