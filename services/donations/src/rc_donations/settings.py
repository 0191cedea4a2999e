"""Settings of the donations service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field

from rc_donations import HTTP_PORT, MIGRATIONS
from rc_shared.settings import (
    ServiceSettings,
    database_url_field,
    days_field,
    http_port_field,
    public_cache_bytes_field,
    public_fresh_field,
    public_max_age_field,
    public_stale_field,
    public_wait_field,
    service_name_field,
)
from rc_shared.support import DEFAULT_SUPPORT_KINDS, SupportKinds

__all__ = ["MIGRATIONS", "Settings"]


class Settings(ServiceSettings):
    service_name: str = service_name_field("donations")
    http_port: int = http_port_field(HTTP_PORT)
    database_url: str = database_url_field("donations")
    whole_blood_interval_days: int = Field(
        84, ge=1, le=3650, description="Days after a whole-blood donation before the donor may give again."
    )
    apheresis_interval_days: int = Field(
        14, ge=1, le=3650, description="Days after an apheresis (plasma/platelets) donation before the next one."
    )
    public_pages_url: str = Field(
        "",
        description="Where the reporting service's public campaign pages are, as a URL the ledger page's links start"
        " with: empty when both services' public pages are served on one host (the ingress), as in production;"
        " http://127.0.0.1:8004 locally, each service on its own port.",
    )
    blood_donor_min_age: int = Field(18, ge=0, le=150, description="Youngest age of a blood donor (years).")
    blood_donor_max_age: int = Field(60, ge=0, le=150, description="Oldest age of a blood donor (years).")
    enforce_distribution_deadline: bool = Field(
        True, description="Refuse distributions dated after the campaign's distribution deadline."
    )
    distribution_days_back: int = days_field(
        180, "How many days before today a distribution may be dated (distributed_on; never in the future)."
    )
    donation_batch_max: int = Field(
        200,
        ge=1,
        le=5000,
        description=(
            "Most concurrent donations to one campaign committed together in one transaction (group commit; "
            "1: one transaction per donation)."
        ),
    )
    statement_max_rows: int = Field(5000, ge=1, le=5000, description="Most rows in one bank-statement request.")
    statement_turn_wait_s: float = Field(
        5.0,
        gt=0,
        le=60,
        description=(
            "Longest a bank-statement batch waits for the batch before it in its import (import_batch: "
            "several requests in flight) to commit; then 503 with Retry-After (the importer sends it again)."
        ),
    )
    support_kinds: SupportKinds = Field(
        DEFAULT_SUPPORT_KINDS,
        description="Catalogue of support kinds a distribution may record, as JSON {code: label} "
        '(codes: lower case, digits, _); e.g. {"gift_package": "Suất quà"}.',
    )
    anonymous_donor_label: str = Field(
        "Nhà hảo tâm ẩn danh", description="Name shown publicly for donors who did not consent to be named."
    )
    public_max_age_s: int = public_max_age_field(
        0,
        "the public ledger's page and lines",
        " (0: no-cache, every use revalidates with the ETag, so a withdrawn consent shows at once even through a"
        " proxy)",
    )
    public_cache_max_bytes: int = public_cache_bytes_field(
        16 * 1024 * 1024,
        "public ledger answers (the page and the lines' first page)",
        " by the version of what they show",
    )
    public_fresh_ms: int = public_fresh_field(500, "the public ledger's page and lines' first page")
    public_stale_ms: int = public_stale_field(0, "the public ledger's page and lines")
    public_wait_ms: int = public_wait_field(2000, "the public ledger's page and lines")

    public_downloads_in_flight: int = Field(
        2,
        ge=1,
        le=64,
        description="Whole-ledger downloads (CSV, XLSX) one process makes at once; one more is refused at once "
        "with 503 and Retry-After (a 1,000,000-line XLSX costs minutes of CPU: anyone may ask for it).",
    )
