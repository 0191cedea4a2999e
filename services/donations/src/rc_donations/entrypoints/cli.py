"""Command line of the donations service: ``rc-donations serve | migrate | settings | import-statement``."""

from __future__ import annotations

import uuid
from pathlib import Path

import typer

from rc_donations import HTTP_PORT, MIGRATIONS
from rc_shared.cli import api_option, import_aborts, lazy, progress_option, report_option, service_cli

# the settings (pydantic's models were a third of ``import-statement``'s start-up) and the service are
# imported only by the commands that use them: ``import-statement`` is a client and starts without them
app = service_cli(
    "donations", lazy("rc_donations.settings:Settings"), lazy("rc_donations.entrypoints.app:build_app"), MIGRATIONS
)


@app.command("import-statement")
def import_statement(
    campaign_id: str = typer.Argument(..., help="The campaign whose bank account the statement is of."),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The statement as CSV with a header row."),
    api: str = api_option("donations", HTTP_PORT),
    report: Path | None = report_option("line, fields, reason"),
    batch: int = typer.Option(2000, min=1, max=5000, help="Rows per request."),
    in_flight: int = typer.Option(
        2,
        "--in-flight",
        min=1,
        max=8,
        help="Requests on their way at once (the receipts still follow the file's rows; 1: one at a time).",
    ),
    progress: bool = progress_option(),
) -> None:
    """Import a bank statement (CSV: bank_reference, received_on, amount_vnd[, payer_name, description]).

    Rows already recorded (same bank_reference) are reported as duplicates, so re-running is safe.
    Exit code 0: every row created or duplicate; 1: some rows rejected; 2: the import could not run.
    """
    from rc_shared.client import without_httpx_command_line

    without_httpx_command_line()
    from rc_donations.entrypoints.importer import run_import
    from rc_shared.cli import ImportAborted

    try:
        cid = uuid.UUID(campaign_id)
    except ValueError:
        typer.echo(f"error: {campaign_id!r} is not a campaign id (a UUID)", err=True)
        raise typer.Exit(2) from None
    with import_aborts(ValueError, ImportAborted):
        totals = run_import(cid, file, api, report, batch=batch, in_flight=in_flight, progress=progress)
    rate = totals.rows / totals.seconds if totals.seconds else 0.0
    typer.echo(
        f"rows {totals.rows}: created {totals.created} ({totals.created_amount_vnd} VND), "
        f"duplicate {totals.duplicate} ({totals.duplicate_amount_vnd} VND), rejected {totals.rejected} "
        f"in {totals.seconds:.1f}s ({rate:.0f} rows/s)"
        + (f"; rejected rows in {report}" if report and totals.rejected else "")
    )
    if totals.rejected:
        if report is None:
            for r in totals.rejections[:20]:
                typer.echo(f"  line {r['line']}: {r['reason']}", err=True)
            if len(totals.rejections) > 20:
                typer.echo(f"  … and {len(totals.rejections) - 20} more (use --report FILE)", err=True)
        raise typer.Exit(1)
