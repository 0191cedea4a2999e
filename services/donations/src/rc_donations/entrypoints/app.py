"""The donations service's HTTP app: ledgers opened from campaign events, contributions with receipts,
pledges, reversals, distributions within the balance, bank-statement import and public disclosure."""

from __future__ import annotations

import asyncio
import itertools
from typing import Unpack

from fastapi import FastAPI

from rc_donations.domain.blood import BloodRules
from rc_donations.entrypoints.consumers import build_consumers
from rc_donations.entrypoints.pages import link_campaign_pages, pages_router
from rc_donations.entrypoints.routes import files_router, public_router, router
from rc_donations.service_layer.donations import (
    DonationOutcome,
    LedgerHints,
    PreparedDonation,
    commit_donations,
    read_intakes,
)
from rc_donations.service_layer.group_commit import GroupCommit
from rc_donations.service_layer.policy import Policy
from rc_donations.settings import MIGRATIONS, Settings
from rc_shared import http_cache
from rc_shared.clock import Window
from rc_shared.events.donations import LEDGER_TOPIC
from rc_shared.events.members import UNITS_TOPIC
from rc_shared.runtime import Roles, Runtime, service_app
from rc_shared.scope import units_consumer

__all__ = ["MIGRATIONS", "build_app"]


API_VERSION = "1.12.0"
"""The version of this service's HTTP API (semantic; docs/openapi/CHANGELOG.md says what each changed)."""


def policy_from(settings: Settings) -> Policy:
    return Policy(
        blood=BloodRules(
            whole_blood_interval_days=settings.whole_blood_interval_days,
            apheresis_interval_days=settings.apheresis_interval_days,
            min_age=settings.blood_donor_min_age,
            max_age=settings.blood_donor_max_age,
        ),
        enforce_distribution_deadline=settings.enforce_distribution_deadline,
        statement_max_rows=settings.statement_max_rows,
        statement_turn_wait_s=settings.statement_turn_wait_s,
        anonymous_label=settings.anonymous_donor_label,
        distribution_window=Window(days_back=settings.distribution_days_back, days_ahead=0),
        support_kinds=frozenset(settings.support_kinds),
    )


def build_app(settings: Settings | None = None, **roles: Unpack[Roles]) -> FastAPI:
    settings = settings or Settings()
    link_campaign_pages(settings.public_pages_url)
    app = service_app(
        settings,
        MIGRATIONS,
        roles,
        routers=[router],
        public_routers=[public_router, files_router, pages_router],
        consumers=[*build_consumers(f"/{settings.service_name}"), units_consumer("donations")],
        topics=[LEDGER_TOPIC, UNITS_TOPIC],
        title="Red Cross donations service",
        version=API_VERSION,
        description=(
            "Campaign ledgers (opened and closed by campaign events), cash / in-kind / blood contributions with "
            "gap-free receipts, pledges, reversals, distributions that never overdraw, bank-statement import, "
            "and the Decree 93 public ledger. Money is integer VND."
        ),
    )
    policy = policy_from(settings)
    runtime: Runtime = app.state.runtime
    app.state.policy = policy
    http_cache.install(
        app,
        "rc-donations",
        settings.public_cache_max_bytes,
        settings.public_max_age_s,
        settings.public_fresh_ms,
        settings.public_stale_ms,
        settings.public_wait_ms,
    )
    app.state.download_slots = asyncio.Semaphore(settings.public_downloads_in_flight)
    app.state.ledger_hints = hints = LedgerHints()
    app.state.intake_turns = itertools.count()
    app.state.donation_intake_reads = GroupCommit[PreparedDonation, PreparedDonation](
        runtime.db,
        runtime.source,
        lambda pool, items: read_intakes(pool, items),
        max_batch=settings.donation_batch_max,
        stage="intake",
    )
    app.state.donation_intake = GroupCommit[PreparedDonation, DonationOutcome](
        runtime.db,
        runtime.source,
        lambda pool, items: commit_donations(pool, runtime.source, policy, items, hints),
        max_batch=settings.donation_batch_max,
        stage="record",
    )
    return app
