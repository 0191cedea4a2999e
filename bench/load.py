"""Load benchmark of a disaster appeal, open loop at fixed rates (vegeta): ``./dev bench load``.

1. Starts campaigns, donations and reporting as real processes on the shared broker and database
   (write rate limit raised so that the load client is not throttled), launches one campaign and
   builds it up with ``--donations`` donations (default 1,000,000) through the pipeline: a bank
   statement imported through the donations API, relayed to Kafka, projected by campaigns and
   reporting (each stage timed, bench/pipeline.py).
2. Measures, ``--duration`` seconds each, whatever the answers' latency (open loop, as real traffic
   arrives): the public campaign page and the campaign report at ``--read-rate``; single donation
   POSTs all to that campaign at ``--post-rate``, each with its own Idempotency-Key; an overload
   step of POSTs at 3x ``--post-rate`` (the rate the issue calls sustainable).
   The public campaign ledger (issue 9) at ``--ledger-rate``: its first page as people load it (the
   HTML page of the donations service, with its header and Art. 14 blocks), the first page of its JSON
   API, and "check my donation" searches on the JSON API (the end of a bank reference, an exact
   amount, a name fragment, rotating). Then one full CSV download of the ledger: its rows, bytes,
   seconds and the donations process's peak RSS while it streams.
3. Prints per step the success ratio, p50, p99, max and status codes, the peak RSS and the peak
   accept queue (connections not yet accepted) of each service process during the step, and the raw
   Kafka and PostgreSQL baselines measured in the same run
   (bench/baselines.py); writes it all as JSON to bench/results/load-<timestamp>.json.

    deploy/tools/install-vegeta.sh        # builds vegeta into .local/bin (run on first use anyway)
    ./dev bench load --donations 100000 --read-rate 2000 --post-rate 500 --ledger-rate 500 --duration 10

Benchmark only: the machine is shared (the load average is printed); compare figures of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.baselines import copy_baseline, kafka_baseline  # noqa: E402
from bench.pipeline import (  # noqa: E402
    Stack,
    broker_pid,
    children_cpu_s,
    cpu_s,
    db_names,
    import_statement,
    launch_campaign,
    load_average,
    postgres_backends,
    rss_mb,
    save_results,
    start_stack,
)
from tests.e2e.harness import auth  # noqa: E402
from tests.infra import Endpoints, select_infrastructure  # noqa: E402

STEPS = (
    "public_page",
    "campaign_report",
    "donation_posts",
    "overload_posts",
    "ledger_page",
    "ledger_lines_api",
    "ledger_search",
)
CHOICES = (*STEPS, "ledger_csv")  # the steps and the full CSV download after them


def vegeta() -> str:
    """vegeta's path, built by deploy/tools/install-vegeta.sh on first use."""
    out = subprocess.run(
        ["bash", str(ROOT / "deploy" / "tools" / "install-vegeta.sh")], capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def _target(method: str, url: str, headers: dict[str, str], body: dict[str, Any] | None = None) -> str:
    t: dict[str, Any] = {"method": method, "url": url, "header": {k: [v] for k, v in headers.items()}}
    if body is not None:
        t["body"] = base64.b64encode(json.dumps(body).encode()).decode()
        t["header"]["Content-Type"] = ["application/json"]
    return json.dumps(t) + "\n"


def donation_targets(path: Path, url: str, n: int, step: str, headers: dict[str, str]) -> None:
    """``n`` single cash donations, each with its own Idempotency-Key; half with a bank reference
    and a named donor (as a payment gateway forwards them)."""
    today = date.today().isoformat()
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
            f.write(_target("POST", url, headers | {"Idempotency-Key": f"{step}-{i}"}, body))


def ledger_search_targets(path: Path, base: str, rows: int, n: int = 3000) -> None:
    """Searches of the public ledger as donors check their gift, rotating: the end of a statement row's
    bank reference (FT0000123456 -> "123456"), an exact amount (the statement's are whole thousands from
    10,000 to 1,999,000 VND) and a name fragment without diacritics."""
    with path.open("w") as f:
        for i in range(n):
            row = (i * 7919) % max(1, rows)
            if i % 3 == 0:
                query = f"reference={row % 10**6:06d}"
            elif i % 3 == 1:
                amount = (10 + (i * 31) % 1990) * 1000
                query = f"amount_min={amount}&amount_max={amount}"
            else:
                query = "q=nguyen+van"
            f.write(_target("GET", f"{base}?{query}", {}))


async def csv_download(stack: Stack, url: str) -> dict[str, Any]:
    """One full download of the ledger as CSV, streamed; the donations process's RSS sampled meanwhile."""
    peak = before = rss_mb(stack.pid("donations"))
    rows = size = 0
    t0 = time.perf_counter()
    async with httpx.AsyncClient(timeout=None) as client, client.stream("GET", url) as r:
        r.raise_for_status()
        last = t0
        async for chunk in r.aiter_bytes():
            size += len(chunk)
            rows += chunk.count(b"\n")
            if time.perf_counter() - last > 0.2:
                peak = max(peak, rss_mb(stack.pid("donations")))
                last = time.perf_counter()
    peak = max(peak, rss_mb(stack.pid("donations")))
    return {
        "rows": rows - 1,  # the header
        "bytes": size,
        "seconds": round(time.perf_counter() - t0, 2),
        "donations_rss_before_mb": before,
        "donations_peak_rss_mb": peak,
    }


@dataclass(frozen=True)
class Step:
    name: str
    rate: int
    targets: Path


STATS_SETTLE_S = 11.0
"""How long an idle PostgreSQL connection may keep its statistics before reporting them: a backend
reports at most once a second, and one that reported less than a second ago and then goes idle
reports ``PGSTAT_IDLE_INTERVAL`` (10 s) later. So the last second of a step's work shows in
pg_stat_database only that long after the step (a 1.2 s wait missed up to a tenth of a 10 s step)."""


async def db_work(dsn: str, settle_s: float = STATS_SETTLE_S) -> dict[str, float]:
    """A database's committed transactions and milliseconds spent executing SQL so far (pg_stat_database),
    read ``settle_s`` seconds after the work whose figures are wanted."""
    conn = await asyncpg.connect(dsn)
    try:
        await asyncio.sleep(settle_s)
        r = await conn.fetchrow(
            "SELECT xact_commit, active_time FROM pg_stat_database WHERE datname = current_database()"
        )
    finally:
        await conn.close()
    assert r is not None
    return {"transactions": float(r["xact_commit"]), "active_ms": float(r["active_time"])}


SETTLE_MAX_S = 300.0


async def settle_after_build(admin_dsn: str, dsns: list[str], max_s: float = SETTLE_MAX_S) -> dict[str, Any]:
    """Wait (at most ``max_s``) until PostgreSQL's autovacuum workers are done with what the build
    wrote in the stack's databases ``dsns`` (three quiet checks in a row, a second apart): the steps
    measure serving a campaign of this size, not the build's aftermath. Right after a million-row
    build, the public page's p99 at 2,000/s was 83.8 and 97.3 ms in two runs, 13.1 ms in a third
    (p50 0.6-0.7 ms each); in the first run with this wait (2026-12-01 06:00) no autovacuum worker
    was running (4 s waited) and the p99 was 46.0 ms: the tail follows whatever else runs, and this
    only keeps autovacuum out of it. Returns the seconds waited, whether it settled, and the load
    average then."""
    names = db_names(dsns)
    conn = await asyncpg.connect(admin_dsn)
    began, quiet = time.monotonic(), 0
    try:
        while quiet < 3 and time.monotonic() - began < max_s:
            busy = await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = ANY($1)",
                names,
            )
            quiet = quiet + 1 if busy == 0 else 0
            await asyncio.sleep(1.0)
    finally:
        await conn.close()
    return {"waited_s": round(time.monotonic() - began, 1), "settled": quiet >= 3, "load_average": load_average()}


def own_cpu_s(pids: list[int]) -> dict[int, float]:
    """CPU seconds used so far by each process (not its children)."""
    out: dict[int, float] = {}
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            out[p] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass
    return out


async def metrics(url: str) -> str:
    """A service's /metrics, read once for :func:`refused` and :func:`histograms`."""
    async with httpx.AsyncClient(timeout=30) as client:
        return (await client.get(url + "/metrics")).text


def refused(text: str) -> dict[str, float]:
    """The requests a service refused so far, by reason (``rc_http_refused_total`` of its /metrics)."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("rc_http_refused_total{"):
            labels, value = line.rsplit(" ", 1)
            reason = labels.split('reason="', 1)[1].split('"', 1)[0]
            out[reason] = out.get(reason, 0.0) + float(value)
    return out


def histograms(text: str) -> dict[str, dict[str, float]]:
    """The donations service's latency histograms so far, from its /metrics: ``http`` (its middleware's
    time per request, from its start to the answer, so without the time a request waited to be read; all
    routes but health and metrics) and ``batch:<stage>`` (each group-commit batch's commit, pool wait
    included), each as ``{le: count, "sum": seconds}``."""
    out: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        labels, _, value = line.rpartition(" ")
        if line.startswith("rc_http_request_duration_seconds_"):
            if 'route="/health' in line or 'route="/metrics' in line:
                continue
            name = "http"
        elif line.startswith("rc_group_commit_batch_seconds_"):
            name = "batch:" + labels.split('stage="', 1)[1].split('"', 1)[0]
        else:
            continue
        key = (
            labels.split('le="', 1)[1].split('"', 1)[0]
            if "_bucket{" in labels
            else labels.split("{", 1)[0].rsplit("_", 1)[1]
        )
        if key == "created":
            continue
        hist = out.setdefault(name, {})
        hist[key] = hist.get(key, 0.0) + float(value)
    return out


def _slower_than(before: dict[str, dict[str, float]], after: dict[str, dict[str, float]]) -> dict[str, Any]:
    """Per histogram, what the step added: how many (``n``), their mean (ms), and how many took longer
    than each bound."""
    out: dict[str, Any] = {}
    for name, hist in sorted(after.items()):
        old = before.get(name, {})
        n = hist.get("+Inf", 0.0) - old.get("+Inf", 0.0)
        if n <= 0:
            continue
        over = {
            f">{le}s": int(n - (hist[le] - old.get(le, 0.0)))
            for le in ("0.1", "0.25", "0.5", "1.0", "2.5", "5.0")
            if le in hist
        }
        out[name] = {"n": int(n), "mean_ms": round((hist["sum"] - old.get("sum", 0.0)) * 1000 / n, 1), **over}
    return out


def accept_queues(ports: dict[str, int], tables: tuple[str, ...] | None = None) -> dict[str, int]:
    """Connections the kernel has set up that each service has not accepted yet: the accept queue of its
    listening socket (a LISTEN socket's ``rx_queue`` in ``/proc/net/tcp``, ``tcp6``). A process that
    accepts late shows here and not in its own latency histograms, which start at the request: that was
    the overload step's seconds until 2026-12-01 (bench/HISTORY.md). ``tables``: the files' texts."""
    if tables is None:
        tables = tuple(Path(f"/proc/net/{t}").read_text() for t in ("tcp", "tcp6") if Path(f"/proc/net/{t}").exists())
    by_port = {f"{port:04X}": name for name, port in ports.items()}
    out = dict.fromkeys(ports, 0)
    for table in tables:
        for line in table.splitlines()[1:]:
            if " 0A " not in line:  # (most lines are connections: not split at all)
                continue
            fields = line.split()
            if len(fields) < 5 or fields[3] != "0A":  # 0A: LISTEN
                continue
            name = by_port.get(fields[1].rsplit(":", 1)[1])
            if name is not None:
                out[name] = max(out[name], int(fields[4].split(":")[1], 16))
    return out


async def attack(
    veg: str,
    stack: Stack,
    step: Step,
    duration: float,
    workdir: Path,
    db_before: dict[str, float] | None = None,
    stats_settle_s: float = STATS_SETTLE_S,
) -> dict[str, Any]:
    """One open-loop step: ``rate`` requests a second for ``duration`` seconds; peak RSS sampled; the CPU of
    each service and the donations database's transactions and SQL time, per request. ``db_before``: the
    donations database's figures when nothing was sent since they were read (the previous step's
    ``donations_db_totals``), else read again."""
    db_before = db_before or await db_work(stack.dsns["donations"], stats_settle_s)
    scraped = await metrics(stack.url("donations"))
    refused_before, latency_before = refused(scraped), histograms(scraped)
    out = workdir / f"{step.name}.bin"
    broker = broker_pid(stack.kafka)
    infra_before = own_cpu_s([*await postgres_backends(stack), *([broker] if broker else [])])
    clients_before = children_cpu_s()
    proc = await asyncio.create_subprocess_exec(
        veg, "attack", "-format=json", f"-targets={step.targets}", f"-rate={step.rate}/s", f"-duration={duration}s",
        "-timeout=10s", "-max-workers=4000", f"-output={out}",
    )  # fmt: skip
    peak = {n: 0 for n in stack.procs}
    ports = {n: p.port for n, p in stack.procs.items()}
    queued = dict.fromkeys(stack.procs, 0)
    before = {n: cpu_s(stack.pid(n)) for n in stack.procs}
    turn = 0
    while proc.returncode is None:
        now = accept_queues(ports)
        queued = {n: max(queued[n], now[n]) for n in queued}
        if turn % 5 == 0:  # (every 0.5 s: each reading runs pgrep)
            for n in stack.procs:
                peak[n] = max(peak[n], rss_mb(stack.pid(n)))
        turn += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(proc.wait(), 0.1)
    if proc.returncode != 0:
        raise RuntimeError(f"vegeta attack failed in step {step.name} (exit {proc.returncode})")
    spent = {n: cpu_s(stack.pid(n)) - before[n] for n in stack.procs}
    # (a backend that started meanwhile counts from 0; one that ended is lost: the pools stay open)
    infra_after = own_cpu_s([*await postgres_backends(stack), *([broker] if broker else [])])
    infra = {
        "postgres": sum(v - infra_before.get(p, 0.0) for p, v in infra_after.items() if p != broker),
        "kafka": infra_after.get(broker, 0.0) - infra_before.get(broker, 0.0) if broker else 0.0,
        "vegeta": children_cpu_s() - clients_before,  # (this process's children that ended: the attack)
    }
    db_after = await db_work(stack.dsns["donations"], stats_settle_s)
    scraped = await metrics(stack.url("donations"))
    refused_after, latency_after = refused(scraped), histograms(scraped)
    report = await asyncio.to_thread(subprocess.run, [veg, "report", "-type=json", str(out)], capture_output=True)
    rep = json.loads(report.stdout)
    lat = rep["latencies"]
    return {
        "step": step.name,
        "rate": step.rate,
        "duration_s": duration,
        "requests": rep["requests"],
        "success": round(rep["success"], 4),
        "p50_ms": round(lat["50th"] / 1e6, 1),
        "p99_ms": round(lat["99th"] / 1e6, 1),
        "max_ms": round(lat["max"] / 1e6, 1),
        "status": rep["status_codes"],
        "errors": rep.get("errors") or [],
        "peak_rss_mb": peak,
        # the most connections each service's listening socket held not yet accepted (sampled every 0.1 s)
        "peak_accept_queue": queued,
        # CPU each process spent per request of the step: what an answer costs, whatever else the machine runs
        "cpu_ms_per_request": {n: round(spent[n] * 1000 / max(1, rep["requests"]), 3) for n in stack.procs},
        # the same for the rest of the machine's work: the PostgreSQL backends serving the stack's databases,
        # the Kafka broker (shared: other sessions' traffic counts too) and the load client (vegeta)
        "infra_cpu_ms_per_request": {k: round(v * 1000 / max(1, rep["requests"]), 3) for k, v in infra.items()},
        # the donations database: transactions committed and time executing SQL, per request of the step
        "donations_db_per_request": {
            k: round((db_after[k] - db_before[k]) / max(1, rep["requests"]), 3) for k in db_before
        },
        "donations_db_totals": db_after,  # what the next step starts from
        # why the donations service refused requests during the step (503: in_flight, db_pool, batch_queue, …)
        "donations_refused": {
            k: int(v - refused_before.get(k, 0)) for k, v in refused_after.items() if v > refused_before.get(k, 0)
        },
        # the donations service's own view of the step: its requests (health and metrics apart) and its
        # group-commit batches, how many took longer than each bound; against vegeta's, where the time went
        "donations_server_latency": _slower_than(latency_before, latency_after),
        "load_average": load_average(),
    }


def start(infra: Endpoints, workdir: Path) -> Stack:
    """The benchmark's services (campaigns, donations, reporting) on ``infra``, the write rate limit
    raised so that the load client is not throttled."""
    return start_stack(
        infra.admin_dsn, infra.kafka_bootstrap, workdir, extra_env={"RC_WRITE_RATE_PER_MINUTE": "100000000"}
    )


async def run(
    donations: int,
    read_rate: int,
    post_rates: list[int],
    duration: float,
    workdir: Path,
    ledger_rate: int = 500,
    only: frozenset[str] = frozenset(CHOICES),
    pause: float = 1.0,
    stack: Stack | None = None,
    stats_settle_s: float = STATS_SETTLE_S,
    settle_max_s: float = SETTLE_MAX_S,
) -> dict[str, Any]:
    """One run: on ``stack`` if given (left running; the run's campaign is its own), else on a stack
    started for the run and stopped after it."""
    infra = select_infrastructure()
    veg = vegeta()
    own = stack is None
    stack = start(infra, workdir) if stack is None else stack
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "load_average_at_start": load_average(),
    }
    try:
        headers = auth()
        async with httpx.AsyncClient(timeout=60, headers=headers) as client:
            cid = await launch_campaign(stack, client, code=f"APPEAL-{uuid.uuid4().hex[:6]}")
            result["build"] = (await import_statement(stack, client, cid, donations, workdir)).as_dict()
        result["rss_after_build_mb"] = {n: rss_mb(stack.pid(n)) for n in stack.procs}
        stack_dbs = list(stack.dsns.values())
        result["settle_after_build"] = await settle_after_build(infra.admin_dsn, stack_dbs, settle_max_s)
        print(f"after the build: {result['settle_after_build']}", flush=True)
        post_url = stack.url("donations") + f"/campaigns/{cid}/donations"
        dn = stack.url("donations")
        lines_url = f"{dn}/campaigns/{cid}/public-ledger/lines"
        steps = [
            Step("public_page", read_rate, workdir / "public.jsonl"),
            Step("campaign_report", read_rate, workdir / "report.jsonl"),
            *(Step("donation_posts", rate, workdir / f"posts-{rate}.jsonl") for rate in post_rates),
            Step("overload_posts", 3 * post_rates[0], workdir / "overload.jsonl"),
            Step("ledger_page", ledger_rate, workdir / "ledger_page.jsonl"),
            Step("ledger_lines_api", ledger_rate, workdir / "ledger_lines.jsonl"),
            Step("ledger_search", ledger_rate, workdir / "ledger_search.jsonl"),
        ]
        steps = [s for s in steps if s.name in only]
        for s in steps:
            if s.name == "public_page":
                s.targets.write_text(_target("GET", stack.url("reporting") + f"/public/campaigns/{cid}", {}))
            elif s.name == "campaign_report":
                s.targets.write_text(_target("GET", stack.url("reporting") + f"/reports/campaigns/{cid}", headers))
            elif s.name in ("donation_posts", "overload_posts"):
                tag = f"{s.name}-{s.rate}-{uuid.uuid4().hex[:6]}"
                donation_targets(s.targets, post_url, max(1, int(s.rate * duration)), tag, headers)
            elif s.name == "ledger_page":
                s.targets.write_text(_target("GET", f"{dn}/public/campaigns/{cid}/ledger", {}))
            elif s.name == "ledger_lines_api":
                s.targets.write_text(_target("GET", lines_url, {}))
            else:
                ledger_search_targets(s.targets, lines_url, donations)
        result["steps"] = []
        db: dict[str, float] | None = None
        for s in (s for s in steps if s.name in only):
            res = await attack(veg, stack, s, duration, workdir, db, stats_settle_s)
            db = res["donations_db_totals"]
            result["steps"].append(res)
            print(_line(res), flush=True)
            await asyncio.sleep(pause)
        if "ledger_csv" in only:
            result["ledger_csv"] = await csv_download(stack, f"{lines_url}.csv")
            print(_csv_line(result["ledger_csv"]), flush=True)
    finally:
        if own:
            stack.stop()
    raw_n = min(donations, 100_000)
    result["kafka_raw"] = await kafka_baseline(infra.kafka_bootstrap, raw_n)
    result["postgres_copy"] = await copy_baseline(infra.admin_dsn, raw_n)
    result["bench_process_max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def _line(r: dict[str, Any]) -> str:
    rss = " ".join(f"{n}={mb}MB" for n, mb in r["peak_rss_mb"].items())
    cpu = " ".join(f"{n}={ms}" for n, ms in (r["cpu_ms_per_request"] | r["infra_cpu_ms_per_request"]).items())
    return (
        f"{r['step']:<16} {r['rate']:>6}/s  success {r['success'] * 100:6.2f}%  p50 {r['p50_ms']:>8.1f} ms"
        f"  p99 {r['p99_ms']:>8.1f} ms  max {r['max_ms']:>8.1f} ms  status {r['status']}  peak RSS {rss}"
        f"  peak accept queue {r['peak_accept_queue']}"
        f"  CPU ms/request {cpu}  donations DB per request {r['donations_db_per_request']}"
        f"  donations refused {r['donations_refused']}"
        f"  donations server-side {r['donations_server_latency']}"
        f"  load {r['load_average']}"
    )


def _csv_line(c: dict[str, Any]) -> str:
    return (
        f"ledger CSV download: {c['rows']} rows, {c['bytes'] / 1e6:.1f} MB in {c['seconds']} s;"
        f" donations RSS {c['donations_rss_before_mb']} MB before, peak {c['donations_peak_rss_mb']} MB"
    )


def summary(res: dict[str, Any]) -> str:
    b = res["build"]
    lines = [
        f"build: {b['rows']} donations, stages (s from the start) {b['stages_s']},"
        f" {b['end_to_end_per_s']} donations/s end to end (import alone {b['import_per_s']}/s)",
        *(_line(s) for s in res["steps"]),
        *([_csv_line(res["ledger_csv"])] if "ledger_csv" in res else []),
        f"raw Kafka: produce {res['kafka_raw']['produce_per_s']}/s, consume {res['kafka_raw']['consume_per_s']}/s;"
        f" raw PostgreSQL COPY {res['postgres_copy']['copy_per_s']} rows/s",
        f"load average at start {res['load_average_at_start']} (2-core machines are shared: compare within a run)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None, stack: Stack | None = None) -> Path:
    """``./dev bench load``; ``stack``: run on these services (left running) instead of starting them."""
    parser = argparse.ArgumentParser(prog="./dev bench load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--donations", type=int, default=1_000_000, help="donations the campaign is built with")
    parser.add_argument("--read-rate", type=int, default=2000, help="GETs a second (public page, report)")
    parser.add_argument(
        "--post-rate",
        default="500",
        help="donation POSTs a second; several rates comma-separated (300,500,1000), one step each; the overload"
        " step sends 3x the first",
    )
    parser.add_argument(
        "--steps",
        default=",".join(CHOICES),
        help=f"the steps to run, comma-separated, of {','.join(CHOICES)} (default: all); e.g."
        " donation_posts,overload_posts with a small --donations to measure POSTs alone",
    )
    parser.add_argument("--ledger-rate", type=int, default=500, help="public ledger GETs a second (page, search)")
    parser.add_argument("--duration", type=float, default=10, help="seconds per step")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds of quiet after each step (its tests: 0)")
    parser.add_argument(
        "--stats-settle",
        type=float,
        default=STATS_SETTLE_S,
        help="seconds to wait for PostgreSQL's statistics after a step before reading them (its tests: 0; the"
        " donations DB figures per request are then approximate)",
    )
    parser.add_argument(
        "--settle-max",
        type=float,
        default=SETTLE_MAX_S,
        help="at most this many seconds, after the build, waiting for PostgreSQL's autovacuum workers to finish",
    )
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results", help="where the JSON goes")
    args = parser.parse_args(argv)
    unknown = set(args.steps.split(",")) - set(CHOICES)
    if unknown:
        parser.error(f"unknown --steps {', '.join(sorted(unknown))}: choose from {', '.join(CHOICES)}")
    results: Path = args.results
    with tempfile.TemporaryDirectory() as tmp:
        res = asyncio.run(
            run(
                args.donations,
                args.read_rate,
                [int(r) for r in args.post_rate.split(",")],
                args.duration,
                Path(tmp),
                args.ledger_rate,
                frozenset(args.steps.split(",")),
                args.pause,
                stack,
                args.stats_settle,
                args.settle_max,
            )
        )
    path = save_results(res, "load", results)
    print(summary(res))
    print(f"written to {path}")
    return path


if __name__ == "__main__":
    main()
