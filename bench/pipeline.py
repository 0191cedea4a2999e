"""The pieces the benchmarks share: the services as real processes on the shared broker and database,
a launched campaign, and a bank statement of N donations imported through the donations API and
timed stage by stage until the campaigns and reporting projections are complete.

Stages, each timed from the start of the import: ``import`` (the CLI has every answer), ``relay``
(the donations outbox is empty), ``campaigns`` (its totals equal the statement's), ``reporting``
(the campaign report counts every donation and the amount). ``complete`` is the last of them.
Beside them, the CPU each process used until complete, per 1,000 donations (``cli``: the import
command; ``donations`` includes its outbox relay; ``postgres``: the server processes serving the three
services' databases; ``kafka_broker``: the process listening on the bootstrap port, shared with
whatever else runs, so not in the total): the figure to compare on a shared machine, where the wall
times follow the load. At 10,000 donations a second on 2 cores, all of them together have 200 ms per
1,000.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil

from rc_shared import clock
from tests.e2e.harness import (
    BIN,
    ServiceProcess,
    auth,
    create_campaign_without_members,
    service_env,
    stop_all,
    token,
)
from tests.e2e.test_statement_import_crash import write_statement
from tests.infra import _run_sync, create_database, delete_topics_under, drop_databases_async, service_migrations

SERVICES = ("campaigns", "donations", "reporting")


@dataclass
class Stack:
    """Service processes with their databases (one namespace of topics)."""

    procs: dict[str, ServiceProcess]
    dsns: dict[str, str]
    namespace: str
    admin_dsn: str
    kafka: str  # the bootstrap servers

    def url(self, name: str) -> str:
        return self.procs[name].url

    def pid(self, name: str) -> int:
        proc = self.procs[name].proc
        assert proc is not None
        return proc.pid

    def stop(self) -> None:
        """Stop the processes, drop their databases and delete their topics (a broker that kept every
        run's topics, ~1,000 after a few days of runs, spent 0.7 ms of CPU per donation POST where a
        fresh one spends 0.2-0.3)."""
        stop_all(self.procs.values())
        _run_sync(drop_databases_async(self.admin_dsn, list(self.dsns.values())))
        remove_topics(self.kafka, [self.namespace])


def remove_topics(bootstrap: str, prefixes: list[str]) -> None:
    """:func:`remove_topics_async`, from synchronous code."""
    _run_sync(remove_topics_async(bootstrap, prefixes))


async def remove_topics_async(bootstrap: str, prefixes: list[str]) -> None:
    """Delete the topics under ``prefixes`` (a benchmark's own); a failure is printed, never raised
    (over the benchmark's own outcome: a broker that refuses only keeps the topics)."""
    try:
        await delete_topics_under(bootstrap, prefixes)
    except Exception as exc:
        print(f"could not delete the topics under {prefixes}: {type(exc).__name__}: {exc}", flush=True)


def db_names(dsns: Iterable[str]) -> list[str]:
    """The database names of these DSNs."""
    return [dsn.rsplit("/", 1)[1].split("?", 1)[0] for dsn in dsns]


def start_stack(
    admin_dsn: str,
    kafka: str,
    workdir: Path,
    extra_env: dict[str, str] | None = None,
    names: tuple[str, ...] = SERVICES,
) -> Stack:
    namespace = f"bench{uuid.uuid4().hex[:8]}."
    dsns = {
        n: create_database(admin_dsn, f"bench_{n}", durable=True, migrations=[service_migrations(n)]) for n in names
    }
    procs = {
        n: ServiceProcess(
            name=n,
            env=service_env(n, dsns[n], kafka, namespace) | {"RC_LOG_LEVEL": "WARNING"} | (extra_env or {}),
            args=[],
            log_path=workdir / f"{n}.log",
        )
        for n in names
    }
    for p in procs.values():
        p.start(wait=False)
    for p in procs.values():
        p.wait_ready()
    return Stack(procs, dsns, namespace, admin_dsn, kafka)


async def launch_campaign(stack: Stack, client: httpx.AsyncClient, code: str = "BENCH") -> str:
    """A launched campaign whose ledger is open in the donations service; returns its id."""
    today = clock.today()
    r = await create_campaign_without_members(
        client,
        stack.url("campaigns") + "/campaigns",
        stack.procs["campaigns"].env["RC_KAFKA_BOOTSTRAP_SERVERS"],
        stack.namespace,
        {
            "code": code,
            "name": "Benchmark",
            "campaign_type": "emergency_relief",
            "receiving_from": (today - timedelta(days=1)).isoformat(),
            "receiving_until": (today + timedelta(days=30)).isoformat(),
        },
    )
    r.raise_for_status()
    cid: str = r.json()["id"]
    (await client.post(stack.url("campaigns") + f"/campaigns/{cid}/launch", json={})).raise_for_status()
    while (await client.get(stack.url("donations") + f"/campaigns/{cid}/ledger")).status_code != 200:
        await asyncio.sleep(0.2)
    return cid


@dataclass
class Stages:
    rows: int
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        done = max(self.seconds.values())
        return {
            "rows": self.rows,
            "stages_s": {k: round(v, 2) for k, v in self.seconds.items()},
            "import_per_s": round(self.rows / self.seconds["import"]),
            "complete_s": round(done, 2),
            "end_to_end_per_s": round(self.rows / done),
            "cpu_ms_per_1000": {k: round(v * 1000 * 1000 / self.rows) for k, v in self.cpu_s.items()},
            # the broker not counted in the total: shared with whatever else runs on the machine
            "cpu_ms_per_1000_total": round(
                sum(v for k, v in self.cpu_s.items() if k != "kafka_broker") * 1000 * 1000 / self.rows
            ),
        }


async def import_statement(
    stack: Stack, client: httpx.AsyncClient, cid: str, rows: int, workdir: Path, in_flight: int | None = None
) -> Stages:
    """Import a statement of ``rows`` donations (the CLI, over HTTP, ``--in-flight`` requests at once:
    None, its default) and time each stage until complete."""
    statement = workdir / f"statement-{cid}.csv"
    expected = write_statement(statement, rows)
    stages = Stages(rows)
    dn = await asyncpg.connect(stack.dsns["donations"])
    cp = await asyncpg.connect(stack.dsns["campaigns"])
    backends = await postgres_backends(stack)
    cpu0 = _cpu(stack, backends)
    t0 = time.perf_counter()
    command = [str(BIN / "rc-donations"), "import-statement", cid, str(statement), "--api", stack.url("donations")]
    command += [] if in_flight is None else ["--in-flight", str(in_flight)]
    cli = asyncio.create_task(
        asyncio.to_thread(
            subprocess.run,
            [*command, "--no-progress"],
            capture_output=True,
            env={**os.environ, "RC_API_TOKEN": token()},
        )
    )
    try:
        while len(stages.seconds) < 4:
            now = time.perf_counter() - t0
            if "import" not in stages.seconds and cli.done():
                imp = cli.result()
                if imp.returncode != 0:
                    raise RuntimeError(imp.stdout.decode() + imp.stderr.decode())
                stages.seconds["import"] = now
            if (
                "import" in stages.seconds
                and "relay" not in stages.seconds
                and not await dn.fetchval("SELECT count(*) FROM outbox_queue")
            ):
                stages.seconds["relay"] = now
            if "import" not in stages.seconds:  # nothing is complete before every row is imported
                await asyncio.sleep(0.1)  # and asking the services meanwhile would add to their CPU
                continue
            if "campaigns" not in stages.seconds:
                raised = await cp.fetchval(
                    "SELECT cash_vnd FROM campaign_totals WHERE campaign_id = $1", uuid.UUID(cid)
                )
                if raised == expected:
                    stages.seconds["campaigns"] = now
            if "reporting" not in stages.seconds:
                rep = (await client.get(stack.url("reporting") + f"/reports/campaigns/{cid}")).json()
                if rep.get("donations") == rows and rep.get("cash_raised_vnd") == expected:
                    stages.seconds["reporting"] = now
            await asyncio.sleep(0.1)
        cpu1 = _cpu(stack, backends)
        stages.cpu_s = {n: cpu1[n] - cpu0[n] for n in cpu0}
    finally:
        await dn.close()
        await cp.close()
        statement.unlink(missing_ok=True)
    return stages


async def postgres_backends(stack: Stack) -> list[int]:
    """The PostgreSQL server processes connected to the stack's databases (its pools and relays, open
    for the whole run once the services are ready)."""
    conn = await asyncpg.connect(stack.admin_dsn)
    try:
        rows = await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[])", db_names(stack.dsns.values())
        )
    finally:
        await conn.close()
    return [r["pid"] for r in rows]


def broker_pid(bootstrap: str) -> int | None:
    """The process of this machine listening on the broker's bootstrap port (the local KRaft broker's
    JVM; for a broker in a container, its port's proxy), if any: the broker a bench's figures are of.
    Not the first process running ``kafka.Kafka``: in CI the container tier's broker runs beside the
    main suite's, and the load bench measured it (a step's Kafka CPU came out negative when it ended)."""
    port = int(bootstrap.split(",")[0].rpartition(":")[2])
    for c in psutil.net_connections("tcp"):
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid:
            return int(c.pid)
    return None


def _cpu(stack: Stack, backends: list[int]) -> dict[str, float]:
    out = {n: cpu_s(stack.pid(n)) for n in stack.procs} | {"cli": children_cpu_s()}
    out["postgres"] = sum(_own_cpu_s(p) for p in backends)
    broker = broker_pid(stack.kafka)
    if broker is not None:
        out["kafka_broker"] = _own_cpu_s(broker)
    return out


def _own_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of one process, 0 once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (Linux /proc)."""
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return sum(_own_cpu_s(p) for p in [pid, *(int(x) for x in out.stdout.split())])


def children_cpu_s() -> float:
    """CPU seconds used so far by this process's children that have ended (the import command)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def rss_mb(pid: int) -> int:
    """Resident memory of a process and its children (a service runs under its console script)."""
    total = 0
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    for p in [pid, *(int(x) for x in out.stdout.split())]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total // 1024


def save_results(res: dict[str, Any], kind: str, directory: Path) -> Path:
    """Write a benchmark's figures as ``<directory>/<kind>-<timestamp>.json``; returns the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(res, indent=2))
    return path


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def headers() -> dict[str, str]:
    return auth()
