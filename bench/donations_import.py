"""Benchmark: a bulk import of N donations through the public interface, timed until the reporting
totals are complete (stage by stage: import, relay, campaigns, reporting; bench/pipeline.py),
beside raw baselines measured in the same run on the same broker and database (aiokafka produce
and consume, PostgreSQL COPY, a naive FastStream consumer committing each event: bench/baselines.py).

    ./dev bench            (or: .venv/bin/python -m bench.donations_import --rows 50000)
    ./dev bench --in-flight 3   the import command's requests on their way at once (default: its own, 2)

Prints a table and writes bench/results/donations_import-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.baselines import copy_baseline, kafka_baseline, naive_consumer_baseline  # noqa: E402
from bench.pipeline import import_statement, launch_campaign, load_average, start_stack  # noqa: E402
from tests.e2e.harness import auth  # noqa: E402
from tests.infra import select_infrastructure  # noqa: E402


async def pipeline(infra: Any, rows: int, workdir: Path, in_flight: int | None = None) -> dict[str, Any]:
    stack = start_stack(infra.admin_dsn, infra.kafka_bootstrap, workdir)
    try:
        async with httpx.AsyncClient(timeout=60, headers=auth()) as client:
            cid = await launch_campaign(stack, client)
            stages = await import_statement(stack, client, cid, rows, workdir, in_flight=in_flight)
        return stages.as_dict() | {"in_flight": in_flight, "load_average": load_average()}
    finally:
        stack.stop()


async def main(rows: int, in_flight: int | None = None) -> dict[str, Any]:
    infra = select_infrastructure()
    with tempfile.TemporaryDirectory() as tmp:
        result = {
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "pipeline": await pipeline(infra, rows, Path(tmp), in_flight),
            "kafka_raw": await kafka_baseline(infra.kafka_bootstrap, rows),
            "postgres_copy": await copy_baseline(infra.admin_dsn, rows),
            "naive_consumer": await naive_consumer_baseline(infra.kafka_bootstrap, infra.admin_dsn, min(rows, 5000)),
            "bench_process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--in-flight", type=int, default=None, help="the import command's --in-flight")
    args = parser.parse_args()
    res = asyncio.run(main(args.rows, args.in_flight))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"donations_import-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))
    print(f"written to {path}")
