"""Command line of the reporting service: ``rc-reporting serve | migrate | settings | rebuild``."""

from __future__ import annotations

import asyncio
import json

import typer
from rc_shared.cli import service_cli
from rc_shared.db import create_pool, migrate
from rc_shared.kafka import make_producer

from rc_reporting.adapters.replay import read_to_end
from rc_reporting.entrypoints.app import MIGRATIONS, build_app
from rc_reporting.service_layer import rebuild as rebuild_uc
from rc_reporting.service_layer.projection import members_consumer
from rc_reporting.service_layer.reports import status
from rc_reporting.settings import Settings

app = service_cli("reporting", Settings, build_app, MIGRATIONS)


async def _rebuild(settings: Settings, quiet: bool) -> rebuild_uc.RebuildResult:
    await migrate(settings.database_url, [MIGRATIONS])
    namespace = getattr(settings, "kafka_namespace", "")  # topic prefix shared by every service
    topics = [namespace + t for t in members_consumer.topics]
    pool = await create_pool(settings.database_url, 1, 2)
    producer = make_producer(settings)  # for dead letters only
    await producer.start()
    try:
        await rebuild_uc.reset_projection(pool)

        def progress(r: rebuild_uc.RebuildResult) -> None:
            if not quiet:
                typer.echo(f"  {r.records} records, {r.applied} applied", err=True)

        result = await rebuild_uc.replay(
            pool,
            producer,
            settings.service_name,
            read_to_end(settings, topics, settings.rebuild_batch_size),
            settings.consumer_max_retries,
            progress,
        )
        async with pool.acquire() as conn:
            result.status = await status(conn)
        return result
    finally:
        await producer.stop()
        await pool.close()


@app.command()
def rebuild(
    yes: bool = typer.Option(False, "--yes", help="Confirm: the projection is emptied first."),
    quiet: bool = typer.Option(False, help="No progress lines."),
) -> None:
    """Rebuild the projection from the beginning of the members topics (stop the consumers first).

    Empties the projection tables and this consumer's processed-event ledger, then replays
    members.units and members.people (with RC_KAFKA_NAMESPACE prefixed) up to their end offsets
    at start, through the live handlers.
    Prints the counts as JSON.
    """
    if not yes:
        typer.echo("refusing to rebuild without --yes (the projection is emptied first)", err=True)
        raise typer.Exit(2)
    result = asyncio.run(_rebuild(Settings(), quiet))
    typer.echo(
        json.dumps(
            {
                "records": result.records,
                "batches": result.batches,
                "applied": result.applied,
                "duplicates": result.duplicates,
                "ignored": result.ignored,
                "dead_lettered": result.dead_lettered,
                "status": result.status,
            },
            default=str,
            indent=2,
        )
    )
    if result.dead_lettered:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
