"""Benchmark: one batch of donations to one campaign committed in one statement against the same batch in
a transaction under the ledger lock (docs/architecture/0001-hot-campaign-donations.md), interleaved.

On a fresh donations database (the shared PostgreSQL), for ``--rounds`` rounds: ``--batch`` donations are
prepared (each with its Idempotency-Key, one in two with a bank reference), then committed by
``record_donations_at_once`` (one statement, its own commit) or by ``record_donations`` in a unit of
work (begin, lock, reads, keys, insert, outbox, commit), the order alternating each round. A batch's
wall time is what holds the campaign's ledger lock (the per-campaign ceiling is batch / time); its CPU
is this process's. Both paths run in the same minutes, so a loaded machine slows both alike.

    .venv/bin/python -m bench.donation_batch --batch 20 --rounds 100

Benchmark only: the machine is shared, compare figures of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pipeline import load_average  # noqa: E402
from rc_donations.entrypoints.app import MIGRATIONS  # noqa: E402
from rc_donations.service_layer.commands import Idempotency, RecordDonation  # noqa: E402
from rc_donations.service_layer.donations import (  # noqa: E402
    PreparedDonation,
    prepare_donation,
    record_donations,
    record_donations_at_once,
)
from rc_donations.service_layer.policy import Policy  # noqa: E402
from rc_shared.db import create_pool, migrate  # noqa: E402
from rc_shared.outbox import UnitOfWork  # noqa: E402
from tests.infra import create_database_async, drop_databases_async, select_infrastructure  # noqa: E402

POLICY = Policy()
PATHS = ("one_statement", "under_the_lock")


async def run(batch: int, rounds: int) -> dict[str, Any]:
    infra = select_infrastructure()
    dsn = await create_database_async(infra.admin_dsn, "bench_batch")
    try:
        await migrate(dsn, [MIGRATIONS])
        pool = await create_pool(dsn, 1, 2)
        cid = uuid.uuid4()
        today = POLICY.today()
        await pool.execute(
            "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
            " receiving_until) VALUES ($1, 'BATCH', 'Benchmark', 'emergency_relief', $2, $3, $4)",
            cid,
            uuid.uuid4(),
            today - timedelta(days=1),
            today + timedelta(days=30),
        )
        wall: dict[str, list[float]] = {p: [] for p in PATHS}
        cpu: dict[str, list[float]] = {p: [] for p in PATHS}
        n = 0
        for r in range(rounds):
            for path in PATHS if r % 2 else reversed(PATHS):
                async with pool.acquire() as conn:
                    items = []
                    for _ in range(batch):
                        n += 1
                        ref = f"B-{n}" if n % 2 else None
                        cmd = RecordDonation(kind="cash", received_on=today, amount_vnd=10_000 + n, bank_reference=ref)
                        p = await prepare_donation(conn, POLICY, cid, cmd, Idempotency(f"batch-{cid}-{n}", "h"))
                        assert isinstance(p, PreparedDonation)
                        items.append(p)
                c0, w0 = time.process_time(), time.perf_counter()
                if path == "one_statement":
                    async with pool.acquire() as conn:
                        outcomes = await record_donations_at_once(conn, "/donations", POLICY, items)
                    assert outcomes is not None
                else:
                    async with UnitOfWork(pool, "/donations") as uow:
                        outcomes = await record_donations(uow, POLICY, items)
                        await uow.commit()
                wall[path].append(1000 * (time.perf_counter() - w0))
                cpu[path].append(1000 * (time.process_time() - c0))
        receipts = await pool.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid)
        assert receipts == n == await pool.fetchval("SELECT max(receipt_no) FROM donations")
        await pool.close()
    finally:
        await drop_databases_async(infra.admin_dsn, [dsn])
    return {
        path: {
            "batches": len(wall[path]),
            "wall_ms_p50": round(statistics.median(wall[path]), 2),
            "wall_ms_p90": round(statistics.quantiles(wall[path], n=10)[-1], 2),
            "cpu_ms_per_batch": round(statistics.mean(cpu[path]), 3),
            "donations_per_s_under_the_lock": round(1000 * batch / statistics.median(wall[path])),
        }
        for path in PATHS
    } | {"batch": batch, "load_average": load_average()}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="bench.donation_batch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", type=int, default=20, help="donations per batch")
    parser.add_argument("--rounds", type=int, default=100, help="batches per path (alternating)")
    args = parser.parse_args(argv)
    print(f"load average at start {load_average()}")
    res = asyncio.run(run(args.batch, args.rounds))
    for path in PATHS:
        print(f"{path:<15} {res[path]}")
    print(f"load average at the end {res['load_average']} (2-core machines are shared: compare within a run)")
    return res


if __name__ == "__main__":
    main()
