"""Benchmark: a bulk import of N donations through the public interface, timed until the reporting
totals are complete, beside raw baselines measured in the same run on the same broker and database.

    ./dev bench            (or: .venv/bin/python -m bench.donations_import --rows 50000)

Prints a table and writes bench/results/donations_import-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.baselines import kafka_baseline, postgres_copy_baseline  # noqa: E402
from rc_shared import clock  # noqa: E402
from tests.e2e.harness import (  # noqa: E402
    BIN,
    ServiceProcess,
    auth,
    post_once_units_known,
    publish,
    service_env,
    token,
)
from tests.e2e.test_statement_import_crash import write_statement  # noqa: E402
from tests.infra import create_database, select_infrastructure  # noqa: E402
from tests.integration.shared.helpers import unit_created  # noqa: E402


async def pipeline(infra: Any, rows: int, workdir: Path) -> dict[str, Any]:
    namespace = f"bench{uuid.uuid4().hex[:8]}."
    procs = {}
    for name in ("campaigns", "donations", "reporting"):
        dsn = create_database(infra.admin_dsn, f"bench_{name}", durable=True)
        procs[name] = ServiceProcess(
            name=name,
            env=service_env(name, dsn, infra.kafka_bootstrap, namespace) | {"RC_LOG_LEVEL": "WARNING"},
            args=[],
            log_path=workdir / f"{name}.log",
        )
    for p in procs.values():
        p.start(wait=False)
    for p in procs.values():
        p.wait_ready()
    try:
        statement = workdir / "statement.csv"
        expected = write_statement(statement, rows)
        today = clock.today()
        organiser = uuid.uuid4()  # no members service here: its event of the unit is published as it would be
        await publish(infra.kafka_bootstrap, namespace, [unit_created(organiser)])
        async with httpx.AsyncClient(timeout=60, headers=auth()) as client:
            r = await post_once_units_known(
                client,
                procs["campaigns"].url + "/campaigns",
                {
                    "code": "BENCH",
                    "name": "Benchmark",
                    "campaign_type": "emergency_relief",
                    "organising_unit_id": str(organiser),
                    "receiving_from": (today - timedelta(days=1)).isoformat(),
                    "receiving_until": (today + timedelta(days=30)).isoformat(),
                },
            )
            cid = r.json()["id"]
            await client.post(procs["campaigns"].url + f"/campaigns/{cid}/launch", json={})
            while (await client.get(procs["donations"].url + f"/campaigns/{cid}/ledger")).status_code != 200:
                await asyncio.sleep(0.2)
            t0 = time.perf_counter()
            imp = await asyncio.to_thread(
                subprocess.run,
                [
                    str(BIN / "rc-donations"),
                    "import-statement",
                    cid,
                    str(statement),
                    "--api",
                    procs["donations"].url,
                    "--no-progress",
                ],
                capture_output=True,
                env={**os.environ, "RC_API_TOKEN": token()},
            )
            import_s = time.perf_counter() - t0
            if imp.returncode != 0:
                raise RuntimeError(imp.stdout.decode() + imp.stderr.decode())
            while True:
                rep = (await client.get(procs["reporting"].url + f"/reports/campaigns/{cid}")).json()
                if rep.get("donations") == rows and rep.get("cash_raised_vnd") == expected:
                    break
                await asyncio.sleep(0.1)
            total_s = time.perf_counter() - t0
        return {
            "rows": rows,
            "import_s": round(import_s, 2),
            "import_per_s": round(rows / import_s),
            "until_reported_s": round(total_s, 2),
            "end_to_end_per_s": round(rows / total_s),
        }
    finally:
        for p in procs.values():
            p.stop()


async def main(rows: int) -> dict[str, Any]:
    infra = select_infrastructure()
    with tempfile.TemporaryDirectory() as tmp:
        result = {
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "pipeline": await pipeline(infra, rows, Path(tmp)),
            "kafka_raw": await kafka_baseline(infra.kafka_bootstrap, rows),
            "postgres_copy": await postgres_copy_baseline(
                create_database(infra.admin_dsn, "bench_copy", durable=True), rows
            ),
            "bench_process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    res = asyncio.run(main(args.rows))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"donations_import-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))
    print(f"written to {path}")
