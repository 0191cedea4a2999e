"""``rc report review``: bad options are refused before any request is sent; the other commands' actions
are checked as well."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rc_local.cli import app
from tests.unit.local.cli_text import said


def test_report_review_refuses_an_unknown_format_and_a_bad_date_before_calling_the_api() -> None:
    runner = CliRunner()
    bad_format = runner.invoke(
        app, ["report", "review", "--unit", "BL", "--format", "docx", "--api", "http://0.0.0.0:9"]
    )
    assert bad_format.exit_code == 2 and "'docx' is not one of 'xlsx', 'pdf', 'csv'" in said(bad_format.output)
    bad_date = runner.invoke(
        app, ["report", "review", "--unit", "BL", "--from", "2025-13-01", "--api", "http://0.0.0.0:9"]
    )
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    help_text = runner.invoke(app, ["report", "review", "--help"])
    assert help_text.exit_code == 0 and "--unit" in help_text.output and "--format" in help_text.output
    backwards = runner.invoke(
        app,
        ["report", "review", "--unit", "BL", "--from", "2026-06-01", "--to", "2026-01-01", "--api", "http://0.0.0.0:9"],
    )
    assert backwards.exit_code == 2, backwards.output
    assert "the period starts (2026-06-01) after it ends (2026-01-01)" in said(backwards.output)


def test_report_review_says_which_service_it_cannot_reach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RC_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("RC_API_TOKEN", "unused")  # the command would set it for the rest of the process
    down = CliRunner().invoke(app, ["report", "review", "--unit", "BL", "--api", "http://127.0.0.1:9"])
    assert down.exit_code == 1, down.output
    assert "cannot reach the reporting service at http://127.0.0.1:9" in said(down.output)


@pytest.mark.parametrize(("command", "typo"), [("events", "generat"), ("docs", "generat"), ("openapi", "chek"),
                                                 ("messages", "extact")])  # fmt: skip
def test_a_mistyped_action_is_refused_not_taken_for_check(command: str, typo: str) -> None:
    """A typo'd ``generate`` once ran the check and exited 0, as if the files had been written."""
    refused = CliRunner().invoke(app, [command, typo])
    assert refused.exit_code == 2 and f"'{typo}' is not one of 'check'" in said(refused.output), refused.output
