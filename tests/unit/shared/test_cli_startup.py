"""Every service's command line starts without the service: ``--help``, ``dlq``, ``outbox``, ``rebuild``
and the file imports do not pay for FastAPI, the routes and the settings' models (about 1.2 CPU-s of a
command's 2 s start, run by operators and by every runbook test)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from rc_shared.cli import lazy

SERVICES = ("members", "campaigns", "donations", "reporting")


def loaded_after(imports: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has loaded after ``import {imports}``."""
    code = f"import sys, {imports}; print(sorted(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(ast.literal_eval(out.stdout.strip()))


@pytest.mark.parametrize("service", SERVICES)
def test_the_command_line_starts_without_the_service_and_its_settings(service: str) -> None:
    service_side = ("fastapi", "pydantic_settings", f"rc_{service}.entrypoints.app", f"rc_{service}.settings")
    assert loaded_after(f"rc_{service}.entrypoints.cli", service_side) == []


@pytest.mark.parametrize("service", SERVICES)
def test_the_command_line_migrates_with_the_service_s_migrations(service: str) -> None:
    """The migrations the command line applies are those the app applies on start."""
    package = __import__(f"rc_{service}.entrypoints.app", fromlist=["MIGRATIONS"])
    root = __import__(f"rc_{service}", fromlist=["MIGRATIONS"])
    assert root.MIGRATIONS == package.MIGRATIONS
    assert sorted(p.name for p in root.MIGRATIONS.glob("*.sql"))[0].startswith("0001")


@pytest.mark.parametrize("service", SERVICES)
def test_the_settings_command_still_reads_the_service_s_settings(service: str) -> None:
    """``settings`` imports them when it runs: the lazy factory builds the service's own model."""
    cli = __import__(f"rc_{service}.entrypoints.cli", fromlist=["app"])
    out = CliRunner().invoke(cli.app, ["settings"], env={"COLUMNS": "250", "NO_COLOR": "1"})
    assert out.exit_code == 0, out.output
    assert "RC_DATABASE_URL" in out.output and "RC_METRICS_INTERVAL_S" in out.output


def test_lazy_imports_its_target_at_the_first_call() -> None:
    dumps = lazy("json:dumps")
    assert dumps({"a": 1}, sort_keys=True) == '{"a": 1}'
    with pytest.raises(ModuleNotFoundError):
        lazy("rc_no_such_module:thing")()


# Imported only by commands and generators, never needed to serve: a served service must not pay for
# them at start (about 55 service launches a test run, and every deployment's start).
NOT_FOR_SERVING = ("yaml",)


@pytest.mark.parametrize("service", SERVICES)
def test_the_served_app_is_built_without_what_only_commands_use(service: str) -> None:
    """What ``serve`` does before uvicorn runs: the command line, the settings and the app built."""
    code = (
        f"import sys, os, uvicorn, rc_{service}.entrypoints.cli as cli\n"
        f"from rc_{service}.settings import Settings\n"
        f"from rc_{service}.entrypoints.app import build_app\n"
        "build_app(Settings())\n"
        f"print(sorted(m for m in {NOT_FOR_SERVING!r} if m in sys.modules))"
    )
    env = {**os.environ, "RC_AUTH_ENABLED": "false", "RC_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert ast.literal_eval(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([], "give either --since or --all-kept"),
        (["--since", "2025-07-01T08:00:00+07:00", "--all-kept"], "give either --since or --all-kept"),
        (["--since", "yesterday"], "not an ISO 8601 timestamp"),
    ],
)
def test_a_republish_needs_one_of_since_or_all_kept(args: list[str], said: str) -> None:
    """Refused before any settings are read or any database is touched (exit 2, the reason said)."""
    from rc_members.entrypoints.cli import app

    result = CliRunner().invoke(app, ["outbox", "republish", *args, "--yes"])
    assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output
