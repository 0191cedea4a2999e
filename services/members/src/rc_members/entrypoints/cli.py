"""Command line of the members service: ``rc-members serve | migrate | settings | import | demo``."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from rc_members import HTTP_PORT, MIGRATIONS
from rc_shared.cli import api_option, import_aborts, lazy, progress_option, report_option, service_cli

app = service_cli(
    "members", lazy("rc_members.settings:Settings"), lazy("rc_members.entrypoints.app:build_app"), MIGRATIONS
)


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .csv or .xlsx file with a header row."),
    api: str = api_option("members", HTTP_PORT),
    report: Path | None = report_option("row, reason, fields"),
    batch_size: int = typer.Option(1000, min=1, max=2000, help="Rows per request."),
    progress: bool = progress_option(),
) -> None:
    """Import members from a CSV or XLSX file through the API (re-running creates nothing new)."""
    from rc_members.entrypoints.importer import run_import

    start = time.perf_counter()
    with import_aborts(ValueError):
        totals = run_import(file, api, report, batch_size=batch_size, progress=progress)
    typer.echo(
        f"created {totals['created']}, unchanged {totals['unchanged']}, rejected {totals['rejected']}"
        f" in {time.perf_counter() - start:.1f}s" + (f"; rejected rows in {report}" if report else "")
    )
    if totals["rejected"]:
        raise typer.Exit(1)


@app.command("demo")
def demo_cmd(
    api: str = api_option("members", HTTP_PORT),
    progress: bool = progress_option("Show progress."),
) -> None:
    """Load the Bạc Liêu 2023 demo organisation and members through the API (idempotent)."""
    import json

    from rc_members.entrypoints.demo import DemoRefused, load_demo

    with import_aborts(DemoRefused):
        typer.echo(json.dumps(load_demo(api, progress=progress), ensure_ascii=False, indent=2, default=str))
