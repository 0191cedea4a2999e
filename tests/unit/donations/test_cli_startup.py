"""``rc-donations import-statement`` is a client of the API: it starts without importing the service
(FastAPI, its routes, its consumers), which took more CPU than its first thousand rows."""

from __future__ import annotations

import subprocess
import sys


def test_the_import_command_starts_without_the_service() -> None:
    code = (
        "import sys, rc_donations.entrypoints.cli; "
        "print(sorted(m for m in ('fastapi', 'rc_donations.entrypoints.app', 'rc_donations.entrypoints.routes')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_import_command_starts_without_the_database_and_kafka_clients() -> None:
    """Nor asyncpg, aiokafka and the logging of a service: only the commands that use them import them
    (``migrate``, ``outbox``, ``dlq``); they were a fifth of the import command's start."""
    code = (
        "import sys, rc_donations.entrypoints.cli; "
        "print(sorted(m for m in ('asyncpg', 'aiokafka', 'structlog', 'rc_shared.db', 'rc_shared.outbox')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_migrates_with_the_service_migrations() -> None:
    from rc_donations.entrypoints import app
    from rc_donations.settings import MIGRATIONS

    assert app.MIGRATIONS == MIGRATIONS
    assert sorted(p.name for p in MIGRATIONS.glob("*.sql"))[0].startswith("0001")
