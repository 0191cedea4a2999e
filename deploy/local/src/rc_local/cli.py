"""``rc``: the local stack's command line (start, stop, status, demo data, imports, event docs)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import click
import typer
from rich.console import Console
from rich.table import Table

from rc_local import services, stack
from rc_shared.auth import ROLES

app = typer.Typer(help="Red Cross platform: run it locally, load data, inspect it.", no_args_is_help=True)
console = Console()
NAMES = tuple(services.PORTS)


@app.command()
def up(
    demo: bool = typer.Option(True, help="Load the demo dataset (the 2023 Bạc Liêu plan's figures)."),
) -> None:
    """Start Kafka, PostgreSQL, the four services and the staff console in the background; load the demo data."""
    with console.status("starting Kafka (KRaft) and PostgreSQL…"):
        endpoints = stack.up_infra()
    console.print(f"Kafka      {endpoints.kafka_bootstrap}\nPostgreSQL {endpoints.admin_dsn}")
    for name in NAMES:
        services.start(name, endpoints)
    with console.status("waiting for the services to be ready…"):
        for name in NAMES:
            services.wait_ready(name)
    _print_status()
    os.environ.setdefault("RC_API_TOKEN", services.dev_token())
    if demo:
        from rc_members.entrypoints.demo import DemoRefused, load_demo

        try:
            counts = load_demo(services.url("members"), progress=True)
        except DemoRefused as exc:  # the services run on; what is there stays as it was
            console.print(f"[red]{exc}[/red]")
        else:
            console.print(f"demo data: {counts}")
            _wait_report(counts)
    console.print(
        "\nAPI docs: "
        + ", ".join(f"{services.url(n)}/docs" for n in services.APIS)
        + f"\nstaff console: {services.url('console')}/ (development login)"
        + f"\nmembership report: {services.url('reporting')}/reports/membership?as_of=2023-03-31"
        + "\nthe APIs need a bearer token: ./dev token [--role viewer --unit UNIT_ID] prints one"
        + "\nstop with: ./dev down"
    )


def _wait_report(counts: dict[str, int]) -> None:
    import time

    import httpx

    deadline = time.monotonic() + 120
    with console.status("waiting for the reporting service to catch up through Kafka…"):
        while time.monotonic() < deadline:
            try:
                r = httpx.get(
                    f"{services.url('reporting')}/reports/membership",
                    params={"as_of": "2023-03-31"},
                    headers={"Authorization": f"Bearer {os.environ['RC_API_TOKEN']}"},
                )
                if r.status_code == 200:
                    body = r.json()
                    units = body.get("units", [body])
                    if units and units[0].get("members") == counts.get("members"):
                        console.print_json(data={k: units[0][k] for k in units[0] if k != "children"})
                        return
            except httpx.HTTPError:
                pass
            time.sleep(1)
    console.print("[yellow]the report has not caught up yet; check ./dev status[/yellow]")


@app.command()
def down(infra: bool = typer.Option(True, help="Stop Kafka and PostgreSQL too.")) -> None:
    """Stop the services (and the local Kafka and PostgreSQL). Data is kept under .local/."""
    for name in NAMES:
        if services.stop(name):
            console.print(f"stopped {name}")
    if infra:
        for piece, stopped in stack.down_infra().items():
            if stopped:
                console.print(f"stopped {piece}")


@app.command()
def status() -> None:
    """Show what runs."""
    st = stack.infra_status()
    console.print(f"Kafka:      {st.kafka_external or st.kafka}")
    console.print(f"PostgreSQL: {st.database_external or st.postgres}")
    _print_status()


def _print_status() -> None:
    table = Table("service", "pid", "url", "ready")
    for name in NAMES:
        s = services.status(name)
        table.add_row(name, str(s.pid or "-"), s.url, "yes" if s.ready else "no")
    console.print(table)


@app.command()
def infra(action: str = typer.Argument("up", help="up | down | status")) -> None:
    """Only the infrastructure: Kafka and PostgreSQL (what the tests need)."""
    if action == "up":
        e = stack.up_infra()
        console.print(f"KAFKA_BOOTSTRAP_SERVERS={e.kafka_bootstrap}\nDATABASE_URL={e.admin_dsn}")
    elif action == "down":
        console.print(stack.down_infra())
    elif action == "status":
        console.print(stack.infra_status())
    else:
        raise typer.BadParameter("action must be up, down or status")


@app.command()
def token(
    role: str = typer.Option("admin", click_type=click.Choice(ROLES), help="The user's role."),
    unit: uuid.UUID | None = typer.Option(
        None, help="Scope: the id of the unit at the root of the user's subtree (every role but admin needs one)."
    ),
    subject: str = typer.Option("local-user", help="Who the token is for."),
    hours: int = typer.Option(12, min=1, help="Validity."),
    writes_per_minute: int | None = typer.Option(
        None, min=1, help="Write quota claim (rc_writes_per_minute) of an integration client, e.g. a payment gateway."
    ),
) -> None:
    """Print a development bearer token (signed with the local key in .local/auth). The services refuse
    a token of no unit unless it is an admin's, so that one is refused here, before it is signed."""
    if unit is None and role != "admin":
        raise typer.BadParameter(f"a {role} token needs the unit of its scope", param_hint="'--unit'")
    typer.echo(services.dev_token(role, str(unit) if unit else None, subject, hours * 3600, writes_per_minute))


@app.command()
def demo(api: str = typer.Option(services.url("members"), help="Members service URL.")) -> None:
    """Load the demo dataset through the members HTTP API (idempotent)."""
    from rc_members.entrypoints.demo import DemoRefused, load_demo
    from rc_shared.cli import import_aborts

    os.environ.setdefault("RC_API_TOKEN", services.dev_token())
    with import_aborts(DemoRefused):
        console.print(load_demo(api, progress=True))


@app.command("import-members")
def import_members(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV or XLSX file."),
    api: str = typer.Option(services.url("members"), help="Members service URL."),
    report: Path | None = typer.Option(None, help="Where to write the rejected rows (CSV)."),
) -> None:
    """Import members from a unit's CSV or XLSX file (streamed; safe to re-run)."""
    from rc_members.entrypoints.importer import run_import
    from rc_shared.cli import import_aborts

    os.environ.setdefault("RC_API_TOKEN", services.dev_token())
    with import_aborts(ValueError):  # (a file it cannot read, an API that refuses or cannot be reached)
        totals = run_import(file, api, report=report)
    console.print(totals)
    if totals.get("rejected"):
        raise typer.Exit(1)


report_app = typer.Typer(help="Reports as the society files them.", no_args_is_help=True)
app.add_typer(report_app, name="report")


@report_app.command("review")
def report_review(
    unit: str = typer.Option(..., "--unit", help="Code of the top unit (e.g. BL)."),
    period_from: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD (default: 1 January)."),
    period_to: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (default: today)."),
    fmt: str = typer.Option(
        "pdf", "--format", click_type=click.Choice(("xlsx", "pdf", "csv")), help="The file's format."
    ),
    out: Path | None = typer.Option(None, "--out", help="File to write (default: the server's file name)."),
    api: str = typer.Option(services.url("reporting"), help="Reporting service URL."),
) -> None:
    """Write a unit's review (six months, a year, any range) as XLSX, PDF or CSV, with a progress bar."""
    import asyncio
    from datetime import date

    import httpx

    from rc_reporting.entrypoints.review_client import ExportFailed, download_review
    from rc_shared.client import api_headers

    try:
        start = date.fromisoformat(period_from) if period_from else None
        end = date.fromisoformat(period_to) if period_to else None
    except ValueError as exc:
        raise typer.BadParameter(f"a date is YYYY-MM-DD: {exc}") from exc
    if start and end and start > end:
        raise typer.BadParameter(f"the period starts ({start}) after it ends ({end})", param_hint="'--from'")
    os.environ.setdefault("RC_API_TOKEN", services.dev_token())

    async def run() -> Path:
        async with httpx.AsyncClient(base_url=api, headers=api_headers(), timeout=60) as client:
            return await download_review(client, unit, start, end, fmt, out)

    try:
        path = asyncio.run(run())
    except httpx.TransportError as exc:
        console.print(f"[red]cannot reach the reporting service at {api} ({exc}): ./dev up starts it[/red]")
        raise typer.Exit(1) from exc
    except (ExportFailed, httpx.HTTPError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    console.print(f"written {path}")


@app.command()
def events(
    action: str = typer.Argument("check", click_type=click.Choice(("check", "generate")), help="What to do."),
) -> None:
    """Check or regenerate docs/asyncapi.yaml and the event JSON Schemas."""
    from rc_shared import catalogue

    raise typer.Exit(catalogue.main([action]))


@app.command()
def messages(
    action: str = typer.Argument("check", click_type=click.Choice(("check", "extract")), help="What to do."),
) -> None:
    """Check or update the staff console's message catalogues (services/console/src/rc_console/locale)."""
    from rc_console import messages as catalogues

    if action == "extract":
        for path in catalogues.extract():
            console.print(f"wrote {path}")
    if problems := catalogues.check():
        console.print("\n".join(problems), markup=False, highlight=False)
        console.print(
            "translate these in the .po (then ./dev messages check)"
            if action == "extract"
            else "run ./dev messages extract, then translate what it lists"
        )
        raise typer.Exit(1)
    console.print("every message of the console is translated")


@app.command()
def docs(
    action: str = typer.Argument("check", click_type=click.Choice(("check", "generate")), help="What to do."),
) -> None:
    """Check or regenerate docs/configuration.md from the services' settings classes."""
    from rc_local import docs as config_docs

    target = config_docs.path(stack.repo_root())
    content = config_docs.render()
    if action == "generate":
        target.write_text(content)
        console.print(f"wrote {target}")
    elif not target.exists() or target.read_text() != content:
        console.print(f"{target} is stale: run ./dev docs generate")
        raise typer.Exit(1)


@app.command()
def openapi(
    action: str = typer.Argument("check", click_type=click.Choice(("check", "generate")), help="What to do."),
) -> None:
    """Check or regenerate docs/openapi/<service>.json from the services' apps."""
    from rc_local import openapi as openapi_docs

    root = stack.repo_root()
    if action == "generate":
        for rel in openapi_docs.generate(root):
            console.print(f"wrote {rel}")
    elif stale := openapi_docs.stale_files(root):
        console.print(f"stale: {', '.join(stale)}: run ./dev openapi generate")
        raise typer.Exit(1)


@app.command()
def logs(
    name: str = typer.Argument(..., click_type=click.Choice(NAMES), help="The service."),
    lines: int = typer.Option(50, min=1, help="How many of the last lines."),
) -> None:
    """Show the end of a service's log."""
    path = services.log_file(name)
    if not path.exists():
        console.print(f"no log of {name} yet in {path.parent} (it writes one once started by ./dev up)")
        raise typer.Exit(1)
    console.print("\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
