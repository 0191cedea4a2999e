"""Settings of the reporting service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field

from rc_shared.settings import (
    ServiceSettings,
    database_url_field,
    http_port_field,
    public_cache_bytes_field,
    public_fresh_field,
    public_max_age_field,
    public_stale_field,
    public_wait_field,
    service_name_field,
)
from rc_shared.support import DEFAULT_SUPPORT_KINDS, SupportKinds


class Settings(ServiceSettings):
    service_name: str = service_name_field("reporting")
    http_port: int = http_port_field(8004)
    database_url: str = database_url_field("reporting")
    role_volunteer: str = Field("volunteer", description="Role name counted as 'volunteers' in reports.")
    role_youth: str = Field("youth", description="Role name counted as 'youth' in reports.")
    role_collaborator: str = Field("collaborator", description="Role name counted as 'collaborators' in reports.")
    rebuild_batch_size: int = Field(500, ge=1, le=10000, description="Records per transaction in `rebuild`.")
    public_ledger_url: str = Field(
        "",
        description="Where the donations service's public ledger pages are, as a URL the campaign page's link starts"
        " with: empty when both services' public pages are served on one host (the ingress), as in production;"
        " http://127.0.0.1:8003 locally, each service on its own port.",
    )
    public_max_age_s: int = public_max_age_field(
        5, "the public campaign answers (JSON and HTML pages)", "; revalidated with their ETag afterwards"
    )
    public_cache_max_bytes: int = public_cache_bytes_field(8 * 1024 * 1024, "public campaign answers")
    public_fresh_ms: int = public_fresh_field(500, "the public campaign answers")
    public_stale_ms: int = public_stale_field(0, "the public campaign answers")
    public_wait_ms: int = public_wait_field(2000, "the public campaign answers")
    support_kinds: SupportKinds = Field(
        DEFAULT_SUPPORT_KINDS,
        description="Labels of the support kinds distributions record, as JSON {code: label} (the donations "
        "service's catalogue; codes it sends that are missing here are shown by code).",
    )
    report_templates_dir: str | None = Field(
        None,
        description="Directory of replacement layout templates of the PDF exports (review.html, review.css): a "
        "file found there wins over the packaged default of the same name (docs/reports.md).",
    )
    export_sync_max_units: int = Field(
        2000,
        ge=0,
        le=1_000_000,
        description="Largest subtree (units on the period's end) whose review export streams in the response; "
        "a larger one, or a request with 'Prefer: respond-async', runs as a job (202 with its link).",
    )
    export_jobs_in_flight: int = Field(
        2,
        ge=1,
        le=64,
        description="Review export jobs one process runs at once (each reads the review and renders a file); "
        "another asked for meanwhile is refused at once (503 with Retry-After), so read access cannot pile up "
        "CPU and stored files without bound.",
    )
    export_job_ttl_s: int = Field(
        86400, ge=60, le=30 * 86400, description="How long a finished export job's file is kept (seconds)."
    )
    export_job_lease_s: int = Field(
        60,
        ge=4,
        le=3600,
        description="An export job's worker renews its heartbeat every quarter of this (seconds); a queued or "
        "running job whose heartbeat is older (its process stopped) is reported failed, so the client asks again.",
    )
