"""``rc report review``: bad options are refused before any request is sent."""

from __future__ import annotations

from typer.testing import CliRunner

from rc_local.cli import app


def test_report_review_refuses_an_unknown_format_and_a_bad_date_before_calling_the_api() -> None:
    runner = CliRunner()
    bad_format = runner.invoke(
        app, ["report", "review", "--unit", "BL", "--format", "docx", "--api", "http://0.0.0.0:9"]
    )
    assert bad_format.exit_code == 2 and "xlsx, pdf or csv" in bad_format.output
    bad_date = runner.invoke(
        app, ["report", "review", "--unit", "BL", "--from", "2025-13-01", "--api", "http://0.0.0.0:9"]
    )
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    help_text = runner.invoke(app, ["report", "review", "--help"])
    assert help_text.exit_code == 0 and "--unit" in help_text.output and "--format" in help_text.output
