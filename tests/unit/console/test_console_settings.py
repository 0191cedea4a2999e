"""The console's settings as they are read: the organisation's time zone decides its "today" as it does the
services'; the common settings it says it never reads are indeed read nowhere in it."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from rc_console.entrypoints.app import build_app
from rc_console.settings import Settings
from rc_shared import clock

SOURCE = Path(__file__).resolve().parents[3] / "services" / "console" / "src" / "rc_console"


async def test_the_console_takes_the_organisations_time_zone() -> None:
    app = build_app(Settings(session_secret="s" * 32, timezone="Pacific/Kiritimati"))
    try:
        async with app.router.lifespan_context(app):
            assert clock.now().utcoffset() == timedelta(hours=14)
    finally:
        clock.configure(clock.DEFAULT_TIMEZONE)
    assert clock.now().utcoffset() == timedelta(hours=7)


def test_the_settings_the_console_says_it_never_reads_are_read_nowhere_in_it() -> None:
    text = "\n".join(p.read_text() for p in SOURCE.rglob("*.py") if p.name != "settings.py")
    assert Settings.NOT_READ and {"db_pool_max", "kafka_bootstrap_servers", "outbox_retention_h"} <= Settings.NOT_READ
    read = sorted(name for name in Settings.NOT_READ if re.search(rf"\b{name}\b", text))
    assert read == []
