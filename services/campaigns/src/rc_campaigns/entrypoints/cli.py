"""Command line of the campaigns service: ``rc-campaigns serve | migrate | settings``."""

from __future__ import annotations

from rc_campaigns.entrypoints.app import MIGRATIONS, build_app
from rc_campaigns.settings import Settings
from rc_shared.cli import service_cli

app = service_cli("campaigns", Settings, build_app, MIGRATIONS)
