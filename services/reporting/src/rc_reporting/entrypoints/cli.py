"""Command line of the reporting service: ``rc-reporting serve | migrate | settings | rebuild``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from rc_reporting import MIGRATIONS
from rc_shared.cli import lazy, service_cli

if TYPE_CHECKING:
    from rc_reporting.service_layer import rebuild as rebuild_uc
    from rc_reporting.settings import Settings

app = service_cli(
    "reporting", lazy("rc_reporting.settings:Settings"), lazy("rc_reporting.entrypoints.app:build_app"), MIGRATIONS
)


async def _rebuild(settings: Settings, quiet: bool) -> rebuild_uc.RebuildResult:
    from rc_reporting.adapters.replay import read_to_end
    from rc_reporting.service_layer import rebuild as rebuild_uc
    from rc_reporting.service_layer.reports import status
    from rc_shared.db import create_pool, migrate
    from rc_shared.kafka import make_producer

    await migrate(settings.database_url, [MIGRATIONS])
    namespace = getattr(settings, "kafka_namespace", "")  # topic prefix shared by every service
    pool = await create_pool(settings.database_url, 1, 2, settings.db_batch_statement_timeout_s)
    producer = make_producer(settings)  # for dead letters only
    await producer.start()
    try:

        def progress(consumer: str, r: rebuild_uc.RebuildResult) -> None:
            if not quiet:
                typer.echo(f"  {consumer}: {r.records} records, {r.applied} applied", err=True)

        per_consumer = await rebuild_uc.rebuild_all(
            pool,
            producer,
            settings.service_name,
            lambda topics: read_to_end(settings, topics, settings.rebuild_batch_size),
            namespace,
            settings.consumer_max_retries,
            progress,
        )
        result = rebuild_uc.RebuildResult()
        for r in per_consumer.values():
            result.add(r)
        async with pool.acquire() as conn:
            result.status = await status(conn)
        result.status["rebuilt"] = {name: r.counts() for name, r in per_consumer.items()}
        return result
    finally:
        await producer.stop()
        await pool.close()


@app.command()
def rebuild(
    yes: bool = typer.Option(False, "--yes", help="Confirm: the projections are emptied first."),
    quiet: bool = typer.Option(False, help="No progress lines."),
) -> None:
    """Rebuild every projection from the beginning of its topics (stop the consumers first).

    For each consumer (reporting.members: members.units, members.people; reporting.campaigns:
    campaigns.campaigns, campaigns.beneficiaries, donations.ledger; RC_KAFKA_NAMESPACE prefixed):
    empties its projection tables and its processed-event ledger, then replays its topics up to
    their end offsets at the start of its replay, through the live handlers.
    Prints the counts as JSON (totals, then per consumer under "consumers").
    """
    import asyncio
    import json

    from rc_reporting.settings import Settings

    if not yes:
        typer.echo("refusing to rebuild without --yes (the projections are emptied first)", err=True)
        raise typer.Exit(2)
    result = asyncio.run(_rebuild(Settings(), quiet))
    per_consumer = result.status.pop("rebuilt", {})
    typer.echo(
        json.dumps(
            {**result.counts(), "consumers": per_consumer, "status": result.status},
            default=str,
            indent=2,
        )
    )
    if result.dead_lettered:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
