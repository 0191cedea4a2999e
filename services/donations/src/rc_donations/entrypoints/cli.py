"""Command line of the donations service: ``rc-donations serve | migrate | settings``."""

from __future__ import annotations

from rc_donations.entrypoints.app import MIGRATIONS, build_app
from rc_donations.settings import Settings
from rc_shared.cli import service_cli

app = service_cli("donations", Settings, build_app, MIGRATIONS)
