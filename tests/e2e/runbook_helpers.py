"""Helpers for tests/e2e/test_runbook.py: the runbook's procedures run as an operator would run
them (service processes, their command lines as subprocesses with the service's environment)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from rc_reporting.service_layer.projection import CONSUMER_NAME, members_consumer
from tests.e2e.harness import BIN, ServiceProcess, auth, service_env
from tests.infra import create_database, new_namespace, service_migrations
from tests.integration.shared.helpers import eventually

AS_OF = "2024-12-31"
CONSENT = {"purpose": "membership records", "given_on": "2024-01-02"}


# --------------------------------------------------------------------------------------------
# processes and command lines


def make_service(
    name: str, dsn: str, kafka: str, namespace: str, log_dir: Path, extra: dict[str, str] | None = None
) -> ServiceProcess:
    env = service_env(name, dsn, kafka, namespace)
    env.update(extra or {})
    return ServiceProcess(name=name, env=env, args=[], log_path=log_dir / f"{name}-{uuid.uuid4().hex[:6]}.log")


def start_all(*procs: ServiceProcess, timeout: float = 60.0) -> None:
    for p in procs:
        p.start(wait=False)
    for p in procs:
        p.wait_ready(timeout)


def terminate(proc: ServiceProcess, timeout: float = 20.0) -> tuple[int | None, float]:
    """SIGTERM (what `./dev down`, `docker stop` and Kubernetes send); (exit code, seconds taken).
    The exit code is None when the process did not end within ``timeout`` (it is then killed)."""
    assert proc.proc is not None and proc.proc.poll() is None, f"{proc.name} is not running"
    started = time.monotonic()
    os.killpg(proc.proc.pid, signal.SIGTERM)
    try:
        code: int | None = proc.proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    return code, time.monotonic() - started


def cli(proc: ServiceProcess, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """``rc-<service> ARGS`` with the service's environment, as an operator (or a Kubernetes Job
    running the same image) would run it."""
    env = {**os.environ, **proc.env}
    return subprocess.run(
        [str(BIN / f"rc-{proc.name}"), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def ready(proc: ServiceProcess) -> dict[str, Any]:
    r = httpx.get(f"{proc.url}/health/ready", timeout=5)
    return r.json()  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------
# an environment: fresh databases and a private topic namespace


@dataclass
class Env:
    """Fresh members and reporting databases, a topic namespace, a broker, and process factories."""

    kafka: str
    admin_dsn: str
    log_dir: Path
    namespace: str = field(default_factory=lambda: new_namespace("rb"))
    members_dsn: str = ""
    reporting_dsn: str = ""

    def __post_init__(self) -> None:
        self.members_dsn = create_database(self.admin_dsn, "rb_members", migrations=[service_migrations("members")])
        self.reporting_dsn = create_database(
            self.admin_dsn, "rb_reporting", migrations=[service_migrations("reporting")]
        )

    def members(self, **extra: str) -> ServiceProcess:
        return make_service("members", self.members_dsn, self.kafka, self.namespace, self.log_dir, extra)

    def reporting(self, **extra: str) -> ServiceProcess:
        return make_service("reporting", self.reporting_dsn, self.kafka, self.namespace, self.log_dir, extra)


# --------------------------------------------------------------------------------------------
# data through the members API, with the figures it must produce


@dataclass
class Tree:
    """A province with two communes; people added through the API; the expected figures."""

    province: str
    communes: list[str]
    members: int = 0
    volunteers: int = 0
    people: list[str] = field(default_factory=list)


async def _post(client: httpx.AsyncClient, path: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    r = await client.post(path, json=body)
    assert r.status_code == status, f"{path}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


async def create_tree(members_url: str, code: str) -> Tree:
    async with httpx.AsyncClient(base_url=members_url, timeout=30, headers=auth()) as c:
        prov = await _post(
            c, "/units", {"code": code, "name": f"Tỉnh {code}", "level": "province", "valid_from": "2024-01-01"}
        )
        communes = [
            await _post(
                c,
                "/units",
                {
                    "code": f"{code}-C{i}",
                    "name": f"Xã {code} {i}",
                    "level": "commune",
                    "parent_id": prov["id"],
                    "valid_from": "2024-01-01",
                },
            )
            for i in range(2)
        ]
    return Tree(province=prov["id"], communes=[u["id"] for u in communes])


async def add_members(members_url: str, tree: Tree, n: int, volunteers: int = 0) -> None:
    """``n`` people with a membership (alternating communes); the first ``volunteers`` of them
    also get a volunteer role."""
    async with httpx.AsyncClient(base_url=members_url, timeout=30, headers=auth()) as c:
        for i in range(n):
            k = len(tree.people)
            p = await _post(
                c, "/people", {"full_name": f"Trần Thị {k}", "birth_date": "1990-05-05", "consent": CONSENT}
            )
            unit = tree.communes[k % 2]
            await _post(c, f"/people/{p['id']}/membership", {"unit_id": unit, "joined_on": "2024-02-01"})
            tree.people.append(p["id"])
            tree.members += 1
            if i < volunteers:
                await add_volunteer(members_url, tree, p["id"], client=c)


async def add_volunteer(members_url: str, tree: Tree, person_id: str, client: httpx.AsyncClient | None = None) -> None:
    body = {"role": "volunteer", "unit_id": tree.communes[tree.people.index(person_id) % 2], "start_on": "2024-03-01"}
    if client is None:
        async with httpx.AsyncClient(base_url=members_url, timeout=30, headers=auth()) as c:
            await _post(c, f"/people/{person_id}/roles", body)
    else:
        await _post(client, f"/people/{person_id}/roles", body)
    tree.volunteers += 1


async def figures(reporting_url: str, tree: Tree) -> dict[str, Any]:
    """The province's row of the membership report (empty when not there yet)."""
    try:
        async with httpx.AsyncClient(base_url=reporting_url, timeout=10, headers=auth()) as c:
            r = await c.get("/reports/membership", params={"as_of": AS_OF, "unit_id": tree.province})
    except httpx.HTTPError:
        return {}
    if r.status_code != 200:
        return {}
    units = r.json().get("units") or [{}]
    return units[0]  # type: ignore[no-any-return]


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """What the tests compare: totals and the per-commune split."""
    return {
        "members": row.get("members"),
        "volunteers": row.get("volunteers"),
        "members_joined": row.get("members_joined"),
        "units_by_level": row.get("units_by_level"),
        "children": sorted((c["unit_id"], c["members"]) for c in row.get("children", [])),
    }


async def wait_figures(reporting_url: str, tree: Tree, timeout: float = 30.0, what: str = "figures") -> dict[str, Any]:
    """Wait until the report shows the tree's expected totals; return the province's row."""

    async def exact() -> bool:
        row = await figures(reporting_url, tree)
        return row.get("members") == tree.members and row.get("volunteers") == tree.volunteers

    await eventually(exact, timeout=timeout, what=f"{what}: {tree.members} members, {tree.volunteers} volunteers")
    row = await figures(reporting_url, tree)
    assert row["units_by_level"] == {"province": 1, "commune": 2}, row
    assert sorted(c["members"] for c in row["children"]) == sorted([(tree.members + 1) // 2, tree.members // 2]), row
    return row


# --------------------------------------------------------------------------------------------
# the database side: each event processed once


async def fetchval(dsn: str, sql: str, *args: Any) -> Any:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


async def events_for_reporting(members_dsn: str) -> int:
    """Events in the members outbox that the reporting consumer handles (it records each once)."""
    return int(
        await fetchval(
            members_dsn,
            "SELECT count(*) FROM outbox WHERE event_type = ANY($1::text[])",
            list(members_consumer.handlers),
        )
    )


async def processed(reporting_dsn: str, outcome: str | None = None) -> int:
    sql = "SELECT count(*) FROM processed_events WHERE consumer = $1"
    args: list[Any] = [CONSUMER_NAME]
    if outcome:
        sql += " AND outcome = $2"
        args.append(outcome)
    return int(await fetchval(reporting_dsn, sql, *args))


async def assert_each_event_processed(env: Env) -> int:
    """processed_events of reporting.members == members events it handles, all applied. (One row per
    event by its key: this shows none is missing or dead-lettered, not that none was applied twice; the
    tests that claim that read the consumed counter, which counts applications.)"""
    n = await events_for_reporting(env.members_dsn)
    assert n > 0
    assert await processed(env.reporting_dsn) == n
    assert await processed(env.reporting_dsn, "applied") == n
    return n


async def wait_processed(env: Env, timeout: float = 30.0) -> int:
    async def caught_up() -> bool:
        return await processed(env.reporting_dsn) >= await events_for_reporting(env.members_dsn)

    await eventually(caught_up, timeout=timeout, what="reporting to process every members event")
    return await assert_each_event_processed(env)
