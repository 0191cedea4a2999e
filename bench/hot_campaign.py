"""Benchmark: single donation POSTs, all to one campaign, open loop at fixed rates (vegeta).

One donations service process (API, relay and consumers) and a campaigns process that launches the
campaign, on the shared broker and database. Each step sends ``rate`` requests a second for
``duration`` seconds whatever the answers' latency (open loop, as real traffic arrives); every
request carries its own Idempotency-Key, half of them a bank reference and a named donor. After the
steps the receipt numbers are checked gapless.

    deploy/tools/install-vegeta.sh     # once: builds vegeta into .local/bin
    .venv/bin/python -m bench.hot_campaign --rates 50,100,150,300 --duration 10

Prints one line per step (success ratio, p50, p99, status codes) and the donations process's RSS.
Benchmark only: the machine is shared, compare figures of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import subprocess
import sys
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pipeline import cpu_s, remove_topics, rss_mb  # noqa: E402
from rc_shared import clock  # noqa: E402
from tests.e2e.harness import ServiceProcess, auth, create_campaign_without_members, service_env  # noqa: E402
from tests.infra import create_database, select_infrastructure  # noqa: E402


def vegeta() -> str:
    out = subprocess.run(
        ["bash", str(ROOT / "deploy" / "tools" / "install-vegeta.sh")], capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def targets(path: Path, url: str, n: int, step: str, headers: dict[str, str]) -> None:
    """``n`` vegeta JSON targets: cash gifts, each with its own Idempotency-Key."""
    today = clock.today().isoformat()
    with path.open("w") as f:
        for i in range(n):
            body: dict[str, Any] = {
                "kind": "cash",
                "amount_vnd": 10_000 * (1 + i % 50),
                "channel": "bank_transfer" if i % 2 else "momo",
                "received_on": today,
            }
            if i % 2:
                body["bank_reference"] = f"{step}-{i:08d}"
                body["donor"] = {"type": "individual", "name": f"Nguoi {i}", "phone": f"09{i:08d}"}
            f.write(
                json.dumps(
                    {
                        "method": "POST",
                        "url": url,
                        "body": base64.b64encode(json.dumps(body).encode()).decode(),
                        "header": {
                            "Content-Type": ["application/json"],
                            "Idempotency-Key": [f"{step}-{i}"],
                            **{k: [v] for k, v in headers.items()},
                        },
                    }
                )
                + "\n"
            )


async def transactions(dsn: str) -> int:
    """How many transactions inserted donations so far (xmin: a row's inserting transaction)."""
    conn = await asyncpg.connect(dsn)
    try:
        return int(await conn.fetchval("SELECT count(DISTINCT xmin::text) FROM donations"))
    finally:
        await conn.close()


async def run(rates: list[int], duration: int, workdir: Path) -> list[dict[str, Any]]:
    infra = select_infrastructure()
    veg = vegeta()
    namespace = f"hot{uuid.uuid4().hex[:8]}."
    dsns = {n: create_database(infra.admin_dsn, f"bench_{n}") for n in ("campaigns", "donations")}
    procs = {
        n: ServiceProcess(
            name=n,
            env=service_env(n, dsns[n], infra.kafka_bootstrap, namespace)
            | {"RC_LOG_LEVEL": "WARNING", "RC_WRITE_RATE_PER_MINUTE": "100000000", "RC_LOG_JSON": "false"},
            args=[],
            log_path=workdir / f"{n}.log",
        )
        for n in ("campaigns", "donations")
    }
    for p in procs.values():
        p.start(wait=False)
    for p in procs.values():
        p.wait_ready()
    results = []
    try:
        today = clock.today()
        async with httpx.AsyncClient(timeout=60, headers=auth()) as client:
            r = await create_campaign_without_members(
                client,
                procs["campaigns"].url + "/campaigns",
                infra.kafka_bootstrap,
                namespace,
                {
                    "code": "HOT",
                    "name": "Hot campaign",
                    "campaign_type": "emergency_relief",
                    "receiving_from": (today - timedelta(days=1)).isoformat(),
                    "receiving_until": (today + timedelta(days=30)).isoformat(),
                },
            )
            cid = r.json()["id"]
            await client.post(procs["campaigns"].url + f"/campaigns/{cid}/launch", json={})
            while (await client.get(procs["donations"].url + f"/campaigns/{cid}/ledger")).status_code != 200:
                await asyncio.sleep(0.2)
        url = procs["donations"].url + f"/campaigns/{cid}/donations"
        for rate in rates:
            step = f"r{rate}-{uuid.uuid4().hex[:6]}"
            tfile, out = workdir / f"{step}.jsonl", workdir / f"{step}.bin"
            targets(tfile, url, rate * duration, step, auth())
            attack = await asyncio.create_subprocess_exec(
                veg, "attack", "-format=json", f"-targets={tfile}", f"-rate={rate}/s", f"-duration={duration}s",
                "-timeout=10s", "-max-workers=2000", f"-output={out}",
            )  # fmt: skip
            assert procs["donations"].proc is not None
            pid = procs["donations"].proc.pid
            cpu0, tx0 = cpu_s(pid), await transactions(dsns["donations"])
            peak = 0
            while attack.returncode is None:
                peak = max(peak, rss_mb(procs["donations"].proc.pid))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(attack.wait(), 0.5)
            report = await asyncio.to_thread(
                subprocess.run, [veg, "report", "-type=json", str(out)], capture_output=True
            )
            rep = json.loads(report.stdout)
            results.append(
                {
                    "rate": rate,
                    "requests": rep["requests"],
                    "success": round(rep["success"], 4),
                    "p50_ms": round(rep["latencies"]["50th"] / 1e6, 1),
                    "p99_ms": round(rep["latencies"]["99th"] / 1e6, 1),
                    "max_ms": round(rep["latencies"]["max"] / 1e6, 1),
                    "status": rep["status_codes"],
                    "donations_rss_mb": peak,
                    "donations_cpu_s": round(cpu_s(pid) - cpu0, 1),
                    "donations_per_transaction": round(
                        rep["requests"] / max(1, await transactions(dsns["donations"]) - tx0), 1
                    ),
                }
            )
            print(json.dumps(results[-1]), flush=True)
            await asyncio.sleep(2)
        conn = await asyncpg.connect(dsns["donations"])
        try:
            nos = [r[0] for r in await conn.fetch("SELECT receipt_no FROM donations ORDER BY receipt_no")]
        finally:
            await conn.close()
        print(f"receipts: {len(nos)}, gapless 1..N: {nos == list(range(1, len(nos) + 1))}", flush=True)
    finally:
        for p in procs.values():
            p.stop()
        remove_topics(infra.kafka_bootstrap, [namespace])
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rates", default="50,100,150,300")
    parser.add_argument("--duration", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run([int(x) for x in args.rates.split(",")], args.duration, Path(tmp)))
