"""Settings shared by every service, read from environment variables (prefix ``RC_``).

Every field is documented; ``rc-<service> settings`` prints them as a table, and
``docs/configuration.md`` lists them.
"""

from __future__ import annotations

from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Configuration of one service process."""

    model_config = SettingsConfigDict(env_prefix="RC_", extra="ignore", env_file=None)

    service_name: str = Field(
        "service", description="Name used in logs, metrics, CloudEvents source and consumer group ids."
    )
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:55432/postgres",
        description="asyncpg DSN of this service's own database.",
    )
    db_pool_min: int = Field(2, ge=1, description="Minimum connections in the database pool.")
    db_pool_max: int = Field(10, ge=1, description="Maximum connections in the database pool.")
    db_pool_acquire_timeout_s: float = Field(
        1.0,
        gt=0,
        description="Longest an API request waits for a connection from the pool: 503 with Retry-After after.",
    )
    db_statement_timeout_s: float = Field(
        10.0,
        gt=0,
        description="Longest a database statement of an API request may run: PostgreSQL cancels it (503) after.",
    )
    db_batch_statement_timeout_s: float = Field(
        300.0,
        gt=0,
        description="Longest a database statement of a consumer batch, the outbox relay or a rebuild may run.",
    )
    kafka_bootstrap_servers: str = Field("127.0.0.1:19092", description="Comma-separated Kafka bootstrap servers.")
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="Kafka security protocol."
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        None, description="SASL mechanism when the protocol is SASL_*."
    )
    kafka_sasl_username: str | None = Field(None, description="SASL user name.")
    kafka_sasl_password: SecretStr | None = Field(None, description="SASL password (a secret: never logged).")
    kafka_ssl_cafile: str | None = Field(None, description="CA bundle used to verify the brokers' TLS certificates.")
    kafka_namespace: str = Field(
        "",
        description="Prefix of every topic and consumer group name, so environments can share one cluster.",
    )
    kafka_retention_ms: int = Field(
        -1, ge=-1, description="retention.ms of topics this service creates (-1: forever, the replay source)."
    )
    kafka_topic_partitions: int = Field(3, ge=1, description="Partitions of topics this service creates.")
    kafka_replication_factor: int = Field(1, ge=1, description="Replication factor of topics this service creates.")
    http_host: str = Field("127.0.0.1", description="Address the HTTP API listens on.")
    http_port: int = Field(8000, ge=1, le=65535, description="Port the HTTP API listens on.")
    http_max_in_flight: int | None = Field(
        None,
        ge=1,
        description="Requests this process handles at once; above it 503 with Retry-After at once, never a"
        " queue (unset: 4 × RC_DB_POOL_MAX). Health and metrics have their own budget of 8.",
    )
    http_max_waiting: int = Field(
        40,
        ge=0,
        description="Requests of this process that may wait for a shared batch (a campaign's donations) without a"
        " database connection, beside RC_HTTP_MAX_IN_FLIGHT: such a request is not counted in flight while it waits"
        " (0: it is). Each wait is still bounded by RC_DB_POOL_ACQUIRE_TIMEOUT_S. Larger admits more of an overload"
        " than the process's CPU can answer: on 2 cores, at 3x the sustainable POST rate, 160 let answers take up to"
        " 1.15 s (40: 0.49 s); at that rate itself 160 refused 0-1.7 % of POSTs, 40 refused 1.9-8.4 %.",
    )
    http_max_body_bytes_in_flight: int = Field(
        64 * 1024 * 1024,
        ge=1024,
        description="Request body bytes this process holds at once, over all requests: a body that would pass"
        " it gets 503 with Retry-After (never below RC_MAX_REQUEST_BYTES).",
    )
    http_keep_alive_s: float = Field(
        75.0, gt=0, description="Idle keep-alive timeout of HTTP connections (above the clients' and proxies')."
    )
    timezone: str = Field(
        "Asia/Ho_Chi_Minh",
        description="The organisation's time zone (IANA name): it decides what 'today' is for every date rule.",
    )
    log_level: str = Field("INFO", description="Log level: DEBUG, INFO, WARNING, ERROR.")
    log_json: bool = Field(True, description="Log as JSON lines (false: human-readable console).")
    outbox_batch_size: int = Field(
        2000,
        ge=1,
        le=10000,
        description="Rows the outbox relay publishes per batch (read, sent and acknowledged, then marked).",
    )
    outbox_poll_interval_s: float = Field(1.0, gt=0, description="Relay polling fallback when no NOTIFY arrives.")
    outbox_retention_h: float = Field(
        24.0, ge=0, description="Published outbox rows are deleted after this many hours."
    )
    consumer_max_records: int = Field(
        2000,
        ge=1,
        description="Records a consumer takes per batch (one transaction; a bulk import's events cost "
        "less per event in batches of 2,000 than of 500).",
    )
    consumer_fetch_max_wait_ms: int = Field(
        100,
        ge=1,
        le=500,
        description="Longest the broker holds a consumer's fetch that finds nothing new (fetch.max.wait.ms):"
        " a partition with a backlog is not fetched again until the fetch of the others returns.",
    )
    consumer_fetch_min_bytes: int = Field(
        16384,
        ge=1,
        le=4 * 1024 * 1024,
        description="Bytes the broker gathers for a consumer's fetch before it answers, waiting at most"
        " consumer_fetch_max_wait_ms (fetch.min.bytes). Under a steady stream of events (a disaster appeal's"
        " donations, a few each) a batch then holds tens of events, one transaction for all of them, instead"
        " of one or two; a quiet topic's event waits at most that bound. 1: answer as soon as anything is new.",
    )
    consumer_max_retries: int = Field(
        3, ge=1, description="Attempts per event before it goes to the dead-letter topic."
    )
    consumer_retry_backoff_s: float = Field(
        1.0, ge=0, description="Pause before a batch is retried after an infrastructure error."
    )
    consumer_session_timeout_ms: int = Field(10000, ge=1000, description="Kafka consumer group session timeout.")
    consumer_heartbeat_interval_ms: int = Field(3000, ge=100, description="Kafka consumer heartbeat interval.")
    consumer_group_instance_id: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description=(
            "Static consumer-group membership (KIP-345): an id unique per replica and stable across its "
            "restarts (a StatefulSet pod name, a compose container name; never one value for all the replicas "
            "of a Deployment, as a shared ConfigMap would give: the broker fences all but one of them). "
            "A replica that crashes and comes "
            "back takes its partitions again at once instead of waiting for the session timeout; a replica "
            "that stops for good keeps them until the session timeout. Unset: dynamic membership."
        ),
    )
    metrics_interval_s: float = Field(15.0, gt=0, description="How often consumer lag and DLQ sizes are measured.")
    auth_enabled: bool = Field(
        True, description="Require a bearer token (JWT) on every non-public endpoint. Never disable in production."
    )
    auth_public_key_file: str | None = Field(
        None,
        description="PEM file with the public key(s) that verify tokens; several keys during a rotation"
        " (development: .local/auth/public.pem, created by ./dev up).",
    )
    auth_jwks_url: str | None = Field(None, description="OIDC provider's JWKS URL (production) instead of a key file.")
    auth_issuer: str = Field("rc-dev", description="Expected token issuer (`iss`).")
    auth_audience: str = Field("redcross-platform", description="Expected token audience (`aud`).")
    write_rate_per_minute: int = Field(
        600,
        ge=1,
        description="Write requests (POST/PUT/PATCH/DELETE) allowed per client per minute and process (429 above):"
        " a client is its token's subject, else its address.",
    )
    write_quota_clients: dict[str, int] = Field(
        {},
        description="Write quotas per minute of named clients (token subjects), instead of RC_WRITE_RATE_PER_MINUTE,"
        ' as JSON: {"payment-gateway": 12000}. A verified token\'s rc_writes_per_minute claim does the same.',
    )
    max_request_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="Largest accepted request body (413 above).")

    @property
    def max_in_flight(self) -> int:
        """The in-flight bound: the setting, else 4 × the pool (room for requests waiting briefly on it)."""
        return self.http_max_in_flight or 4 * self.db_pool_max

    @field_validator("write_quota_clients")
    @classmethod
    def _positive_quotas(cls, value: dict[str, int]) -> dict[str, int]:
        bad = sorted(k for k, v in value.items() if v < 1)
        if bad:
            raise ValueError(f"write quotas must be at least 1 per minute: {', '.join(bad)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (expected an IANA name such as Asia/Ho_Chi_Minh)") from exc
        return value


# A service's own settings class sets its identity and bounds with these, so each is written once.


def service_name_field(name: str) -> Any:
    """The ``service_name`` field of one service's settings."""
    return Field(name, description="Service name.")


def http_port_field(port: int) -> Any:
    """The ``http_port`` field of one service's settings."""
    return Field(port, ge=1, le=65535, description="Port the HTTP API listens on.")


def database_url_field(database: str) -> Any:
    """The ``database_url`` field of a service owning the local database ``database``."""
    return Field(
        f"postgresql://postgres@127.0.0.1:55432/{database}", description=f"asyncpg DSN of the {database} database."
    )


def public_max_age_field(default: int, answers: str, note: str = "") -> Any:
    """The ``public_max_age_s`` field: Cache-Control max-age of a service's public ``answers``
    (see :mod:`rc_shared.http_cache`)."""
    return Field(default, ge=0, le=86400, description=f"Cache-Control max-age (seconds) of {answers}{note}.")


def public_cache_bytes_field(default: int, answers: str, note: str = "") -> Any:
    """The ``public_cache_max_bytes`` field: memory for a service's rendered public ``answers``."""
    return Field(
        default,
        ge=0,
        le=1024 * 1024 * 1024,
        description=f"Memory for rendered {answers} kept in process{note} (least recently used evicted first; "
        "0: none kept).",
    )


def public_fresh_field(default: int, answers: str) -> Any:
    """The ``public_fresh_ms`` field: how long a process gives again its public ``answers`` without
    reading their version (see :mod:`rc_shared.http_cache`, the fast path)."""
    return Field(
        default,
        ge=0,
        le=10_000,
        description=f"How long (ms) a process answers {answers} again from memory without reading their version: "
        "a change committed elsewhere (another replica, a projection) shows at most this long after its commit "
        "(plus RC_PUBLIC_STALE_MS to requests arriving while the current answer is being got), a write answered "
        "by the same process at once (0: every request reads the version).",
    )


def public_stale_field(default: int, answers: str) -> Any:
    """The ``public_stale_ms`` field: how long past the fresh bound a process may still give its public
    ``answers`` to requests arriving while one request gets the new one (stale-while-revalidate)."""
    return Field(
        default,
        ge=0,
        le=10_000,
        description=f"How long (ms) past RC_PUBLIC_FRESH_MS a process may still give {answers} as it last "
        "read them, to the requests that arrive while one request gets the current answer through the routes "
        "(never after a write answered by the same process; 0: they wait for it). Above 0, a change committed "
        "elsewhere may show up to RC_PUBLIC_FRESH_MS + this after its commit.",
    )


def public_wait_field(default: int, answers: str) -> Any:
    """The ``public_wait_ms`` field: how long a request for one of the public ``answers`` waits for the
    request already getting it through the routes."""
    return Field(
        default,
        ge=1,
        le=60_000,
        description=f"How long (ms) a request for {answers} waits for the one request of the process already "
        "getting the same answer through the routes (one at a time per path and query); then 503 with "
        "Retry-After.",
    )


def days_field(default: int, description: str) -> Any:
    """A number of days a date may lie from another (0 to 3660: ten years)."""
    return Field(default, ge=0, le=3660, description=description)
