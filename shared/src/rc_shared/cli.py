"""The command line every service shares: ``serve``, ``migrate``, ``settings``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import typer
from fastapi import FastAPI
from rich.console import Console
from rich.table import Table

from rc_shared.db import migrate
from rc_shared.settings import ServiceSettings


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
        import uvicorn

        settings = settings_factory()
        if port is not None:
            settings.http_port = port
        fastapi_app = app_factory(settings, api=api, relay=relay, consumers=consumers)
        uvicorn.run(
            fastapi_app,
            host=settings.http_host,
            port=settings.http_port,
            log_level=settings.log_level.lower(),
            access_log=False,
            timeout_graceful_shutdown=10,
        )

    @app.command("migrate")
    def migrate_cmd() -> None:
        """Apply pending SQL migrations and exit."""
        settings = settings_factory()
        applied = asyncio.run(migrate(settings.database_url, [migrations]))
        typer.echo(f"applied {len(applied)} migration(s)" + "".join(f"\n  {v}" for v in applied))

    @app.command("settings")
    def settings_cmd() -> None:
        """List every setting, its environment variable, default and meaning."""
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
        from rc_shared import dlq

        settings = settings_factory()
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

    return app
