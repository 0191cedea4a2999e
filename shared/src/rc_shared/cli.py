"""The command line every service shares: ``serve``, ``migrate``, ``settings``, ``dlq show|replay``,
``outbox status|republish`` (docs/operations/runbook.md); the options of a service's file imports.

A service's file import is a client of its API and starts with this module: what only the other
commands use (the settings, asyncio, rich's tables, the database and Kafka clients) is imported by them.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

    from rc_shared.outbox import Republished
    from rc_shared.settings import ServiceSettings


def api_option(name: str, port: int) -> Any:
    """``--api``: the base URL of the service's API (default: its default ``port`` on this machine)."""
    return typer.Option(f"http://127.0.0.1:{port}", help=f"Base URL of the {name} API.")


def report_option(columns: str) -> Any:
    """``--report``: the CSV file an import writes its rejected rows to (``columns``: what a row says)."""
    return typer.Option(None, help=f"Write rejected rows ({columns}) to this CSV.")


def progress_option(help: str = "Show a progress bar.") -> Any:
    """``--progress/--no-progress`` (on by default)."""
    return typer.Option(True, help=help)


class ImportAborted(ValueError):
    """An import command stopped midway: the API refused a batch for a reason of its own or could not be
    reached (the batches before it stay imported; the message says so)."""


@contextlib.contextmanager
def import_aborts(*errors: type[Exception]) -> Iterator[None]:
    """An import that cannot run at all: its error on stderr and exit code 2 (1 is for rejected rows)."""
    try:
        yield
    except errors as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def freeze_what_was_built() -> None:
    """Take the process's long-lived objects built so far (modules, models, routes, templates) out of the
    cyclic collector's generations: its collections no longer walk them all, again and again while a
    batch of thousands of events allocates (a third of a consumer's time per event was the collector),
    nor stop a page for 80-90 ms every ten seconds or so (the console at 50 pages a second)."""
    gc.collect()
    gc.freeze()


def http_config(app: Any, settings: ServiceSettings) -> uvicorn.Config:
    """The uvicorn server every service (and the console) runs ``app`` with.

    The event loop is asyncio's, not uvloop's. libuv, under uvloop, accepts one connection per turn of
    the loop (since libuv 1.45: libuv/libuv#3696); when the loop is busy, each turn is long, and new
    connections wait in the listen queue for seconds while the ones already open are served. An
    appeal's overload step (1,500 POSTs/s against a sustainable 500, a load client opening connections
    as it needs them) saw p99 5.4-9.8 s with uvloop, 0.43-0.71 s with asyncio, at the same CPU per
    request (bench/HISTORY.md, 2026-12-01). asyncio's loop accepts up to the backlog at each readiness.
    """
    import uvicorn

    return uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_level=settings.log_level.lower(),
        access_log=False,
        timeout_graceful_shutdown=10,
        # longer than clients' and load balancers' idle timeouts: they close first, so a
        # request never races the server closing an idle keep-alive connection
        timeout_keep_alive=int(settings.http_keep_alive_s),
        loop="asyncio",
        http="httptools",
    )


def serve_http(app: Any, settings: ServiceSettings) -> None:
    """Serve ``app`` (``http_config``) and end as ``uvicorn.run`` does: 0 after a SIGINT; after a SIGTERM,
    by that signal (uvicorn raises it again once stopped, as Docker and Kubernetes expect); 3 if the
    server never started (uvicorn's own startup exits first for a port taken, 1, and for an app whose
    startup failed, 3; this covers whatever else ends its run before it started)."""
    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    server = uvicorn.Server(http_config(app, settings))
    # uvicorn re-raises the SIGINT it shut down on: a Ctrl+C ends the process with 0, as uvicorn.run's does
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        raise SystemExit(STARTUP_FAILURE)


def lazy(target: str) -> Callable[..., Any]:
    """``"module:name"`` imported at its first call: a command line names its service's settings and app
    without importing them, so the commands that use neither (``--help``, ``dlq``, ``outbox``, a file
    import) start without FastAPI, the routes and pydantic's models (most of a start's CPU)."""
    module, _, name = target.partition(":")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


def service_cli(
    name: str,
    settings_factory: Callable[[], ServiceSettings],
    app_factory: Callable[..., FastAPI],
    migrations: Path,
) -> typer.Typer:
    """A typer app for one service. ``app_factory(settings, api=, relay=, consumers=)``."""
    app = typer.Typer(help=f"The {name} service.", no_args_is_help=True)

    @app.command()
    def serve(
        api: bool = typer.Option(True, help="Serve the HTTP API."),
        relay: bool = typer.Option(True, help="Run the outbox relay."),
        consumers: bool = typer.Option(True, help="Run the Kafka consumers."),
        port: int | None = typer.Option(None, help="HTTP port (default: RC_HTTP_PORT)."),
    ) -> None:
        """Run the service (migrations are applied first)."""
        settings = settings_factory()
        if port is not None:
            settings.http_port = port
        fastapi_app = app_factory(settings, api=api, relay=relay, consumers=consumers)
        freeze_what_was_built()
        serve_http(fastapi_app, settings)

    @app.command("migrate")
    def migrate_cmd() -> None:
        """Apply pending SQL migrations and exit."""
        import asyncio

        from rc_shared.db import migrate

        settings = settings_factory()

        applied = asyncio.run(migrate(settings.database_url, [migrations]))
        typer.echo(f"applied {len(applied)} migration(s)" + "".join(f"\n  {v}" for v in applied))

    @app.command("settings")
    def settings_cmd() -> None:
        """List every setting, its environment variable, default and meaning."""
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{name} settings")
        for col in ("variable", "default", "description"):
            table.add_column(col)
        s = settings_factory()
        prefix = s.model_config.get("env_prefix", "")
        for field_name, f in type(s).model_fields.items():
            default = "" if "password" in field_name else repr(f.default)
            table.add_row(f"{prefix}{field_name}".upper(), default, f.description or "")
        Console().print(table)

    @app.command("dlq")
    def dlq_cmd(
        action: str = typer.Argument(..., help="show | replay"),
        topic: str = typer.Argument(..., help="The original topic, e.g. members.people (without .dlq)."),
    ) -> None:
        """Show a dead-letter topic, or replay it to its original topic once the cause is fixed."""
        import asyncio

        from rich.console import Console
        from rich.table import Table

        from rc_shared import dlq

        settings = settings_factory()
        try:
            dlq.check_topic(settings, topic)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="TOPIC") from exc
        if action == "show":
            table = Table(title=f"{topic}.dlq")
            for col in ("partition", "offset", "event type", "event id", "error", "failed at"):
                table.add_column(col)
            for d in asyncio.run(dlq.show(settings, topic)):
                table.add_row(
                    str(d.partition),
                    str(d.offset),
                    d.event_type or "",
                    d.event_id or "",
                    d.error[:80],
                    d.failed_at or "",
                )
            Console().print(table)
        elif action == "replay":
            n = asyncio.run(dlq.replay(settings, topic))
            typer.echo(f"replayed {n} record(s) to {settings.kafka_namespace}{topic}")
        else:
            raise typer.BadParameter("action must be show or replay")

    outbox_app = typer.Typer(help="Inspect the transactional outbox; republish after a broker loss.")
    app.add_typer(outbox_app, name="outbox")

    @outbox_app.command("status")
    def outbox_status() -> None:
        """Backlog (unpublished rows, oldest age) and the published rows still kept (retention)."""
        import asyncio

        settings = settings_factory()
        info = asyncio.run(_outbox_status(settings.database_url))
        typer.echo(
            f"unpublished rows: {info['unpublished']} (oldest {info['oldest_age_s']:.0f}s old)\n"
            f"published rows kept: {info['published']} (oldest published at {info['retained_from'] or '-'}; "
            f"RC_OUTBOX_RETENTION_H={settings.outbox_retention_h:g})"
        )

    @outbox_app.command("republish")
    def outbox_republish(
        since: str | None = typer.Option(
            None,
            help="ISO 8601 timestamp with a zone (2025-07-01T08:00:00+07:00, ...Z); naive means UTC. "
            "Rows published at or after it are published again.",
        ),
        all_kept: bool = typer.Option(
            False,
            "--all-kept",
            help="Every row the outbox still keeps, however old: after a broker rebuilt from nothing, "
            "whose consumer offsets are lost too (an event a lagging group had not read yet would be lost).",
        ),
        yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
    ) -> None:
        """After a broker lost records: publish again every event published since SINCE (or all kept).

        Puts the rows published at or after SINCE that are still inside the retention window
        (RC_OUTBOX_RETENTION_H) back in the outbox queue (with --all-kept: every row kept, however old); the
        relay publishes them again in id order.
        Consumers ignore events they already applied (same event id). Exits 3 when SINCE is older
        than the retention window (events published before the window cannot be republished).
        """
        if (since is None) == (not all_kept):
            raise typer.BadParameter("give either --since or --all-kept")
        if since is None:
            when = datetime.min.replace(tzinfo=UTC)  # the window's start, whatever it is
        else:
            try:
                when = datetime.fromisoformat(since)
            except ValueError as exc:
                raise typer.BadParameter(f"not an ISO 8601 timestamp: {since!r}") from exc
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if not yes:
            what = "still kept" if all_kept else f"published since {when.isoformat()}"
            typer.confirm(f"publish again every {name} event {what}?", abort=True)
        import asyncio

        from rc_shared.logging import configure

        settings = settings_factory()

        configure(settings.service_name, settings.log_level, settings.log_json)  # the audit line goes to stderr
        # --all-kept: every row still kept, not only those inside the window (a relay stopped for longer than
        # the window, during a long recovery, has not deleted the older ones)
        window = None if all_kept else settings.outbox_retention_h
        result = asyncio.run(_republish(settings.database_url, when, window))
        typer.echo(
            f"marked {result.rows} outbox row(s) for republishing (published since "
            f"{max(result.since, result.window_start).isoformat()}); the relay sends them again"
        )
        if not result.complete and not all_kept:
            typer.echo(
                f"WARNING: {when.isoformat()} is older than the retention window "
                f"(RC_OUTBOX_RETENTION_H={settings.outbox_retention_h:g}, window starts "
                f"{result.window_start.isoformat()}): events published before the window are no longer "
                "in the outbox and cannot be republished",
                err=True,
            )
            raise typer.Exit(3)

    return app


async def _outbox_status(dsn: str) -> dict[str, Any]:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE published_at IS NULL) AS unpublished,"
            " count(*) FILTER (WHERE published_at IS NOT NULL) AS published,"
            " coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE published_at IS NULL)), 0) AS age,"
            " min(published_at) AS retained_from FROM outbox"
        )
    finally:
        await conn.close()
    assert row is not None
    return {
        "unpublished": int(row["unpublished"]),
        "published": int(row["published"]),
        "oldest_age_s": float(row["age"]),
        "retained_from": row["retained_from"].isoformat() if row["retained_from"] else None,
    }


async def _republish(dsn: str, since: datetime, retention_h: float | None) -> Republished:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        from rc_shared.outbox import republish_since

        return await republish_since(conn, since, retention_h)
    finally:
        await conn.close()
