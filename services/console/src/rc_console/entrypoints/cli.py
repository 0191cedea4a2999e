"""Command line of the console: ``rc-console serve | settings``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from rc_console.entrypoints import web
from rc_console.entrypoints.app import build_app
from rc_console.settings import Settings
from rc_shared.cli import freeze_what_was_built, serve_http

app = typer.Typer(help="The staff console.", no_args_is_help=True)


@app.command()
def serve(port: int | None = typer.Option(None, help="HTTP port (default: RC_HTTP_PORT).")) -> None:
    """Serve the console."""
    settings = Settings()
    if port is not None:
        settings.http_port = port
    console = build_app(settings)
    web.load_templates()
    freeze_what_was_built()  # what start built, the templates compiled, is not walked by each collection
    serve_http(console, settings)


@app.command("settings")
def settings_cmd() -> None:
    """List every setting, its environment variable, default and meaning."""
    table = Table(title="console settings")
    for col in ("variable", "default", "description"):
        table.add_column(col)
    s = Settings()
    for name, f in type(s).model_fields.items():
        secret = "password" in name or "secret" in name
        table.add_row(f"RC_{name}".upper(), "" if secret else repr(f.default), f.description or "")
    Console().print(table)


if __name__ == "__main__":
    app()
