"""Settings of the console (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr, model_validator

from rc_shared.settings import ServiceSettings
from rc_shared.support import DEFAULT_SUPPORT_KINDS, SupportKinds


class Settings(ServiceSettings):
    NOT_READ: ClassVar[frozenset[str]] = frozenset(
        name
        for name in ServiceSettings.model_fields
        if name.startswith(("db_", "kafka_", "outbox_", "consumer_"))
        or name in ("metrics_interval_s", "http_max_waiting", "auth_enabled")
    )
    """The services' common settings the console never reads (no database, no Kafka, its own sign-in):
    left out of docs/configuration.md's console section."""

    service_name: str = Field("console", description="Service name.")
    http_port: int = Field(8000, ge=1, le=65535, description="Port the console listens on.")
    database_url: str = Field("", description="Not used: the console owns no database (it calls the services' APIs).")
    members_url: str = Field("http://127.0.0.1:8001", description="Base URL of the members service's API.")
    campaigns_url: str = Field("http://127.0.0.1:8002", description="Base URL of the campaigns service's API.")
    donations_url: str = Field("http://127.0.0.1:8003", description="Base URL of the donations service's API.")
    reporting_url: str = Field("http://127.0.0.1:8004", description="Base URL of the reporting service's API.")
    upstream_timeout_s: float = Field(10.0, gt=0, le=300, description="Longest the console waits for a service.")
    upstream_max_connections: int = Field(
        8,
        ge=1,
        le=1000,
        description="Connections the console opens to each service, all kept alive and reused by every request"
        " and user; a call beyond them waits for one (within RC_UPSTREAM_TIMEOUT_S). Few: the pool looks at"
        " each of its connections, twice per call (32 cost a campaign's page about a third of its CPU).",
    )
    http_max_in_flight: int = Field(
        64,
        ge=1,
        description="Pages the console serves at once; above it 503 with Retry-After at once, never a queue."
        " Its own bound (the console has no database pool): 64 holds 50 pages a second taking over a second"
        " each; beyond that the machine is overloaded and a quick refusal serves better than a longer queue.",
    )
    report_cache_s: float = Field(
        5.0,
        ge=0,
        le=60,
        description="Seconds a user's membership report (from the reporting service) is reused for that same"
        " user (0: never). The report is a projection fed through Kafka, already seconds behind the members"
        " service; nothing a user does in the console changes it directly.",
    )
    units_cache_s: float = Field(
        30.0,
        ge=0,
        le=600,
        description="Seconds the units of a user's scope (the unit pickers of most forms: up to the whole"
        " organisation's) are reused for that same user (0: never). A unit created, renamed or ended shows in"
        " the pickers within that time.",
    )
    session_secret: SecretStr | None = Field(
        None,
        description="Key that encrypts and authenticates the session cookie (32+ random bytes; same on every"
        " replica). Unset: a random key per process, allowed only with the development login (sessions end when"
        " the process restarts).",
    )
    session_previous_secrets: list[SecretStr] = Field(
        [],
        description="Former session keys, as a JSON list, still accepted to read cookies during a key rotation"
        " (new cookies use RC_SESSION_SECRET); drop them once RC_SESSION_TTL_S has passed.",
    )
    session_ttl_s: int = Field(
        8 * 3600, ge=60, le=7 * 86400, description="A session's absolute lifetime (seconds; never beyond its token's)."
    )
    session_idle_s: int = Field(
        3600, ge=60, le=7 * 86400, description="A session unused for this long (seconds) has ended: sign in again."
    )
    session_cookie_secure: bool = Field(
        False, description="Mark the session and CSRF cookies Secure (set it whenever the console is behind TLS)."
    )
    oidc_issuer: str | None = Field(
        None,
        description="OpenID Connect provider's issuer URL (its discovery document is at"
        " ISSUER/.well-known/openid-configuration). Set: staff sign in there (authorization code flow with PKCE).",
    )
    oidc_client_id: str | None = Field(None, description="The console's client id at the OIDC provider.")
    oidc_client_secret: SecretStr | None = Field(
        None, description="The console's client secret (confidential client); unset for a public client (PKCE only)."
    )
    oidc_redirect_url: str | None = Field(
        None,
        description="The console's callback URL registered at the provider: https://<console host>/auth/callback.",
    )
    oidc_scopes: str = Field("openid profile", description="Scopes asked for, space-separated (must include openid).")
    oidc_end_provider_session: bool = Field(
        True,
        description="Logout also ends the session at the provider (its end_session_endpoint, when advertised),"
        " then returns to the console's login page.",
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
    gifts_page_size: int = Field(
        25,
        ge=1,
        le=500,
        description="Gifts per page of a campaign's page (by receipt), as many as the members register's.",
    )
    campaigns_page_size: int = Field(50, ge=1, le=500, description="Campaigns per page of the campaigns list.")
    support_kinds: SupportKinds = Field(
        DEFAULT_SUPPORT_KINDS,
        description="Support kinds the distribution form offers, as JSON {code: label}: the donations service's"
        " catalogue (set it as RC_SUPPORT_KINDS is set there). A built-in kind under its built-in label is shown"
        " translated; a distribution's code missing here is shown by its code.",
    )

    @model_validator(mode="after")
    def _oidc_complete(self) -> Settings:
        given = {"RC_OIDC_ISSUER": self.oidc_issuer, "RC_OIDC_CLIENT_ID": self.oidc_client_id,
                 "RC_OIDC_REDIRECT_URL": self.oidc_redirect_url}  # fmt: skip
        if any(given.values()) and not all(given.values()):
            missing = ", ".join(name for name, value in given.items() if not value)
            raise ValueError(f"the OIDC login needs {missing} too")
        if "openid" not in self.oidc_scopes.split():
            raise ValueError("RC_OIDC_SCOPES must include openid")
        return self

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    def session_keys(self) -> list[bytes]:
        """The session keys, the current one first (empty: none configured)."""
        current = [self.session_secret] if self.session_secret is not None else []
        return [k.get_secret_value().encode() for k in [*current, *self.session_previous_secrets]]
