"""Settings of the console (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from rc_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = Field("console", description="Service name.")
    http_port: int = Field(8000, ge=1, le=65535, description="Port the console listens on.")
    database_url: str = Field("", description="Not used: the console owns no database (it calls the services' APIs).")
    members_url: str = Field("http://127.0.0.1:8001", description="Base URL of the members service's API.")
    campaigns_url: str = Field("http://127.0.0.1:8002", description="Base URL of the campaigns service's API.")
    donations_url: str = Field("http://127.0.0.1:8003", description="Base URL of the donations service's API.")
    reporting_url: str = Field("http://127.0.0.1:8004", description="Base URL of the reporting service's API.")
    upstream_timeout_s: float = Field(10.0, gt=0, le=300, description="Longest the console waits for a service.")
    session_secret: SecretStr | None = Field(
        None,
        description="Key that signs the session cookie (32+ random bytes; same on every replica). Unset: a random"
        " key per process, allowed only with the development login (sessions end when the process restarts).",
    )
    session_ttl_s: int = Field(8 * 3600, ge=60, le=7 * 86400, description="A session's lifetime (seconds).")
    session_cookie_secure: bool = Field(
        False, description="Mark the session and CSRF cookies Secure (set it whenever the console is behind TLS)."
    )
    dev_login_enabled: bool = Field(
        False,
        description="The development login (pick a role and a unit, get a local token). Local use only: never"
        " in production, where users sign in through the OIDC provider.",
    )
    dev_login_private_key_file: str | None = Field(
        None,
        description="PEM private key the development login signs tokens with (development: .local/auth/private.pem).",
    )
    role_volunteer: str = Field("volunteer", description="Role name counted as 'volunteers' on the dashboard.")
    people_page_size: int = Field(25, ge=1, le=200, description="People per page of the members register.")
    gifts_page_size: int = Field(50, ge=1, le=500, description="Gifts per page of a campaign's page (by receipt).")
