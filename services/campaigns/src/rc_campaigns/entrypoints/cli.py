"""Command line of the campaigns service: ``rc-campaigns serve | migrate | settings``."""

from __future__ import annotations

from rc_campaigns import MIGRATIONS
from rc_shared.cli import lazy, service_cli

app = service_cli(
    "campaigns", lazy("rc_campaigns.settings:Settings"), lazy("rc_campaigns.entrypoints.app:build_app"), MIGRATIONS
)
