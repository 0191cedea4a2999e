"""``rc-donations import-statement`` is a client of the API: it starts without importing the service
(FastAPI, its routes, its consumers), which took more CPU than its first thousand rows."""

from __future__ import annotations

import ast
import subprocess
import sys


def _loaded_after(imports: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has loaded after ``import {imports}``."""
    code = f"import sys, {imports}; print(sorted(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(ast.literal_eval(out.stdout.strip()))


def test_the_import_command_starts_without_the_service() -> None:
    service = ("fastapi", "rc_donations.entrypoints.app", "rc_donations.entrypoints.routes")
    assert _loaded_after("rc_donations.entrypoints.cli", service) == []


def test_the_import_command_starts_without_the_database_and_kafka_clients() -> None:
    """Nor asyncpg, aiokafka and the logging of a service: only the commands that use them import them
    (``migrate``, ``outbox``, ``dlq``); they were a fifth of the import command's start."""
    clients = ("asyncpg", "aiokafka", "structlog", "rc_shared.db", "rc_shared.outbox")
    assert _loaded_after("rc_donations.entrypoints.cli", clients) == []


def test_the_import_command_runs_without_the_service_side_and_the_settings_models() -> None:
    """What ``import-statement`` imports when it runs (the command line, then its importer): not FastAPI,
    JWT and cryptography (the bearer token's header came from the service's auth module), nor pydantic
    (the settings, read only by the commands of the service): two thirds of its start-up's CPU."""
    service_side = ("fastapi", "starlette", "jwt", "cryptography", "pydantic", "pydantic_settings")
    settings = ("rc_shared.auth", "rc_shared.settings", "rc_donations.settings")
    imports = "rc_donations.entrypoints.cli, rc_donations.entrypoints.importer"
    assert _loaded_after(imports, service_side + settings) == []


def test_the_import_command_s_api_default_is_the_service_s_port() -> None:
    """``--api`` defaults to the service's own port on this machine, the one its settings default to."""
    from typer.testing import CliRunner

    from rc_donations.entrypoints.cli import app
    from rc_donations.settings import Settings

    out = CliRunner().invoke(app, ["import-statement", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert out.exit_code == 0, out.output
    port = Settings.model_fields["http_port"].default
    assert port == 8003
    assert f"http://127.0.0.1:{port}" in out.output


def test_the_command_migrates_with_the_service_migrations() -> None:
    from rc_donations.entrypoints import app
    from rc_donations.settings import MIGRATIONS

    assert app.MIGRATIONS == MIGRATIONS
    assert sorted(p.name for p in MIGRATIONS.glob("*.sql"))[0].startswith("0001")
