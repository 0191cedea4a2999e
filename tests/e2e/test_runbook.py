"""Every procedure of docs/operations/runbook.md, run as an operator runs it: real service
processes (their console scripts), their command lines as subprocesses with the service's
environment, a real Kafka broker and a real PostgreSQL.

1. start / stop (SIGTERM, exit code 0) / restart: continue where they left off;
2. scale: two reporting consumers in one group, two members processes (one active outbox relay,
   fail-over to the standby);
3. DLQ: an event dead-lettered by a transient cause, ``dlq show``, the cause fixed, ``dlq replay``;
4. ``rc-reporting rebuild --yes`` with the consumer stopped: identical figures;
5. rotation of the token-signing key (a key file holding two public keys);
6. restore after a broker loss: a fresh empty broker, ``rc-members outbox republish --since``.

Each test gets fresh databases and a private topic namespace. The last one starts its own broker
(``rc_local.kafka``) in a temporary state dir on free ports, whatever infrastructure the other
tests use (as tests/integration/security/test_kafka_scram.py).
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from rc_local import kafka as local_kafka
from rc_local.stack import state_dir
from rc_reporting.service_layer.projection import CONSUMER_NAME
from rc_shared.auth import generate_keys, mint
from rc_shared.events.members import PEOPLE_TOPIC, UNITS_TOPIC
from tests.e2e.harness import AUDIENCE, ISSUER, ServiceProcess, auth, auth_keys, free_port
from tests.e2e.offsets import record_count, wait_caught_up
from tests.e2e.runbook_helpers import (
    AS_OF,
    Env,
    add_members,
    add_volunteer,
    cli,
    create_tree,
    figures,
    processed,
    ready,
    start_all,
    summary,
    terminate,
    wait_figures,
    wait_processed,
)
from tests.integration.shared.helpers import eventually

pytestmark = pytest.mark.e2e

GRACEFUL_S = 15.0  # uvicorn's graceful shutdown is 10 s; Kubernetes waits 30 s before SIGKILL
# After a complete graceful shutdown uvicorn re-raises the SIGTERM it caught, so the process ends
# "killed by SIGTERM": Popen sees -15, a shell or Docker/Kubernetes 143 (runbook: "Stop").
STOPPED = -signal.SIGTERM


@pytest.fixture
def env(infra: Any, tmp_path: Path) -> Iterator[Env]:
    e = Env(kafka=infra.kafka_bootstrap, admin_dsn=infra.admin_dsn, log_dir=tmp_path)
    yield e


@pytest.fixture
def procs() -> Iterator[list[ServiceProcess]]:
    """Every process a test starts; stopped at the end whatever happened."""
    started: list[ServiceProcess] = []
    yield started
    for p in started:
        p.kill()


async def _metric(url: str, name: str, **labels: str) -> float:
    """Sum of the samples called ``name`` with these labels at ``url``/metrics (0 when absent)."""
    async with httpx.AsyncClient(timeout=10) as c:
        text = (await c.get(f"{url}/metrics")).text
    return sum(
        s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
    )


def _topics(env: Env) -> list[str]:
    return [env.namespace + UNITS_TOPIC, env.namespace + PEOPLE_TOPIC]


# --------------------------------------------------------------------------------------------
# 1. start, stop, restart


async def test_start_stop_on_sigterm_and_restart_continues_where_it_left_off(
    env: Env, procs: list[ServiceProcess]
) -> None:
    members, reporting = env.members(), env.reporting()
    procs += [members, reporting]
    start_all(members, reporting)
    tree = await create_tree(members.url, "RB1")
    await add_members(members.url, tree, 3, volunteers=1)
    await wait_figures(reporting.url, tree, what="figures before the stop")
    await wait_processed(env)

    for p in (reporting, members):
        code, took = terminate(p, timeout=GRACEFUL_S + 10)
        assert code == STOPPED, f"{p.name} exited with {code} on SIGTERM:\n{p.tail()}"
        assert took < GRACEFUL_S, f"{p.name} took {took:.1f}s to stop"
        assert "Application shutdown complete." in p.tail(5), p.tail()  # the graceful path, not a crash

    start_all(members, reporting)
    await add_members(members.url, tree, 2, volunteers=1)
    await wait_figures(reporting.url, tree, what="figures after the restart")
    n = await wait_processed(env)
    # the relay did not publish anything twice, the consumer did not re-read committed records
    assert await record_count(env.kafka, _topics(env)) == await _outbox_rows(env.members_dsn)
    assert await _metric(reporting.url, "rc_events_duplicate_total") == 0
    assert await processed(env.reporting_dsn) == n


async def _outbox_rows(dsn: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM outbox"))
    finally:
        await conn.close()


# --------------------------------------------------------------------------------------------
# 2. scale


async def test_scale_two_reporting_consumers_two_members_one_active_relay(
    env: Env, procs: list[ServiceProcess]
) -> None:
    m1, m2 = env.members(), env.members()
    r1, r2 = env.reporting(), env.reporting()
    procs += [m1, m2, r1, r2]
    start_all(m1, m2, r1, r2)  # migrations run under an advisory lock: concurrent starts are safe

    def relays(*ps: ServiceProcess) -> list[str]:
        return sorted(ready(p)["checks"]["outbox_relay"] for p in ps)

    async def one_active() -> bool:
        return relays(m1, m2) == ["active", "standby"] and relays(r1, r2) == ["active", "standby"]

    await eventually(one_active, timeout=10, what="one active outbox relay per service, the other standby")

    admin = AIOKafkaAdminClient(bootstrap_servers=env.kafka)
    await admin.start()
    try:
        group = env.namespace + "reporting.members"

        async def two_consumers() -> bool:
            described = (await admin.describe_consumer_groups([group]))[0].to_object()
            return len(described["groups"][0]["members"]) == 2

        await eventually(two_consumers, timeout=20, what="both reporting processes in the consumer group")
        # static membership: each process joined under its own instance id (kept across its restarts);
        # the coordinator names a static member "<group.instance.id>-<uuid>", a dynamic one "<client.id>-<uuid>"
        members = (await admin.describe_consumer_groups([group]))[0].to_object()["groups"][0]["members"]
        assert sorted(m["member_id"].rsplit("-", 5)[0] for m in members) == sorted(
            f"reporting-{r.port}" for r in (r1, r2)
        ), members
    finally:
        await admin.close()

    tree = await create_tree(m1.url, "RB2")  # writes go to either members process
    # enough people (each its own key) that both processes' partitions get some: with 8 people, one process took
    # every event about once in 200 runs ((2/3)^13: the other's one partition of three got none)
    await add_members(m2.url, tree, 12, volunteers=1)
    await add_members(m1.url, tree, 12, volunteers=1)
    for r in (r1, r2):
        await wait_figures(r.url, tree, what=f"figures through {r.url}")
    n = await wait_processed(env)
    # every record committed: nothing can be redelivered any more, so the counts below are final
    await wait_caught_up(env.kafka, env.namespace + CONSUMER_NAME, _topics(env))
    # the group shared the work: each process applied part of the events, none twice (the consumed
    # counter counts applications, not records: a duplicate applied again would push it above n)
    consumed = [await _metric(r.url, "rc_events_consumed_total", consumer=CONSUMER_NAME) for r in (r1, r2)]
    assert all(c > 0 for c in consumed), consumed
    assert sum(consumed) == n, (consumed, n)

    # fail-over: the active relay's process stops; the standby takes the lock and publishes
    active = m1 if ready(m1)["checks"]["outbox_relay"] == "active" else m2
    other = m2 if active is m1 else m1
    code, _ = terminate(active)
    assert code == STOPPED

    async def took_over() -> bool:
        return bool(ready(other)["checks"]["outbox_relay"] == "active")

    await eventually(took_over, timeout=10, what="the standby relay to become active")
    await add_members(other.url, tree, 2)
    await wait_figures(r1.url, tree, what="figures after the relay fail-over")
    await wait_processed(env)


# --------------------------------------------------------------------------------------------
# 3. DLQ: show, fix the cause, replay


async def test_dlq_show_then_replay_once_the_cause_is_fixed(env: Env, procs: list[ServiceProcess]) -> None:
    # The reporting database refuses to wait more than 300 ms for a lock (runbook: set
    # lock_timeout so a stuck maintenance lock fails events fast instead of stalling the group).
    members = env.members()
    reporting = env.reporting(RC_DATABASE_URL=env.reporting_dsn + "?lock_timeout=300ms", COLUMNS="250")
    procs += [members, reporting]
    start_all(members, reporting)
    tree = await create_tree(members.url, "RB3")
    await add_members(members.url, tree, 2)
    await wait_figures(reporting.url, tree)

    # The cause: a maintenance session holds a write lock on the roles projection.
    maintenance = await asyncpg.connect(env.reporting_dsn)
    tx = maintenance.transaction()
    await tx.start()
    await maintenance.execute("LOCK TABLE rpt_role_spans IN EXCLUSIVE MODE")
    try:
        await add_volunteer(members.url, tree, tree.people[0])

        async def dead_lettered() -> bool:
            return await processed(env.reporting_dsn, "dead_lettered") == 1

        await eventually(dead_lettered, timeout=20, what="the role event to be dead-lettered")
        shown = cli(reporting, "dlq", "show", PEOPLE_TOPIC)
        assert shown.returncode == 0, shown.stderr
        assert "members.role.assigned" in shown.stdout and "lock timeout" in shown.stdout, shown.stdout
    finally:
        await tx.rollback()  # the cause is fixed: the maintenance is over
        await maintenance.close()

    assert (await figures(reporting.url, tree))["volunteers"] == tree.volunteers - 1  # not applied yet

    # the consumed counter counts applications (not records, not ledger rows): the replay applies once
    consumed = await _metric(reporting.url, "rc_events_consumed_total", consumer=CONSUMER_NAME)
    duplicates = await _metric(reporting.url, "rc_events_duplicate_total", consumer=CONSUMER_NAME)
    replayed = cli(reporting, "dlq", "replay", PEOPLE_TOPIC)
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout.startswith("replayed 1 record(s)"), replayed.stdout
    await wait_figures(reporting.url, tree, what="the replayed role applied")
    n = await wait_processed(env)  # dead_lettered -> applied: one ledger row per event still
    records = await record_count(env.kafka, _topics(env))

    again = cli(reporting, "dlq", "replay", PEOPLE_TOPIC)
    assert again.returncode == 0 and again.stdout.startswith("replayed 0 record(s)"), again.stdout
    assert await record_count(env.kafka, _topics(env)) == records  # the command returned: nothing republished
    await wait_caught_up(env.kafka, env.namespace + CONSUMER_NAME, _topics(env))
    assert await processed(env.reporting_dsn) == n
    assert await _metric(reporting.url, "rc_events_consumed_total", consumer=CONSUMER_NAME) == consumed + 1
    assert await _metric(reporting.url, "rc_events_duplicate_total", consumer=CONSUMER_NAME) == duplicates
    assert summary(await figures(reporting.url, tree))["volunteers"] == 1
    assert await _metric(reporting.url, "rc_events_dead_lettered_total") == 1


# --------------------------------------------------------------------------------------------
# 4. rebuild the projections


async def test_rebuild_with_the_consumer_stopped_gives_identical_figures(env: Env, procs: list[ServiceProcess]) -> None:
    members, reporting = env.members(), env.reporting()
    procs += [members, reporting]
    start_all(members, reporting)
    tree = await create_tree(members.url, "RB4")
    await add_members(members.url, tree, 5, volunteers=2)
    async with httpx.AsyncClient(base_url=members.url, timeout=30, headers=auth()) as c:
        r = await c.patch(
            f"/people/{tree.people[-1]}/membership", json={"status": "lapsed", "effective_on": "2024-06-01"}
        )
        assert r.status_code == 200, r.text
    tree.members -= 1
    await wait_figures(reporting.url, tree)
    n = await wait_processed(env)
    before = await _report(reporting.url, tree)

    code, _ = terminate(reporting)
    assert code == STOPPED
    done = cli(reporting, "rebuild", "--yes", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    reporting.start()
    assert await _report(reporting.url, tree) == before
    assert await processed(env.reporting_dsn) == n  # the ledger refilled by the rebuild: a row per event
    # the restarted consumer has nothing left to read (its group committed every record): nothing changes
    await wait_caught_up(env.kafka, env.namespace + CONSUMER_NAME, _topics(env))
    assert await _report(reporting.url, tree) == before
    assert await processed(env.reporting_dsn) == n


async def _report(url: str, tree: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=10, headers=auth()) as c:
        r = await c.get(
            "/reports/membership", params={"as_of": AS_OF, "unit_id": tree.province, "period_from": "2024-01-01"}
        )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    body.pop("generated_at", None)
    return body


# --------------------------------------------------------------------------------------------
# 5. rotate the token-signing key


def _token(private: Path) -> str:
    return mint(private.read_bytes(), subject="rotation", role="admin", unit_id=None, issuer=ISSUER, audience=AUDIENCE)


async def test_signing_key_rotation_with_two_trusted_public_keys(
    env: Env, procs: list[ServiceProcess], tmp_path: Path
) -> None:
    old_private, old_public = auth_keys()
    new_private, new_public = generate_keys(tmp_path / "new-key")
    trusted = tmp_path / "trusted.pem"  # what RC_AUTH_PUBLIC_KEY_FILE points at
    trusted.write_bytes(old_public.read_bytes())
    members = env.members(RC_AUTH_PUBLIC_KEY_FILE=str(trusted))
    reporting = env.reporting(RC_AUTH_PUBLIC_KEY_FILE=str(trusted))
    procs += [members, reporting]
    start_all(members, reporting)
    old, new = _token(old_private), _token(new_private)

    async def statuses(token: str) -> list[int]:
        async with httpx.AsyncClient(timeout=10, headers={"Authorization": f"Bearer {token}"}) as c:
            return [
                (await c.get(f"{members.url}/units", params={"as_of": AS_OF})).status_code,
                (await c.get(f"{reporting.url}/reports/status")).status_code,
            ]

    def restart() -> None:
        for p in (members, reporting):
            assert terminate(p)[0] == STOPPED
        start_all(members, reporting)

    assert await statuses(old) == [200, 200]
    assert await statuses(new) == [401, 401]

    # during the rotation: both public keys trusted, tokens of either key accepted
    trusted.write_bytes(old_public.read_bytes() + new_public.read_bytes())
    restart()
    assert await statuses(old) == [200, 200]
    assert await statuses(new) == [200, 200]

    # the issuer signs with the new key; once the old tokens have expired the old key goes
    trusted.write_bytes(new_public.read_bytes())
    restart()
    assert await statuses(old) == [401, 401]
    assert await statuses(new) == [200, 200]


# --------------------------------------------------------------------------------------------
# 6. restore after a broker loss


def _seed_jars(state: Path) -> None:
    """Reuse the local stack's resolved broker jars (a cache, not broker state) to skip Maven."""
    lib = state_dir() / "kafka" / "lib"
    if (lib / ".resolved").exists():
        shutil.copytree(lib, state / "kafka" / "lib")


def _lose_broker(state: Path) -> None:
    """The broker and its disk are gone: killed (SIGKILL, no controlled shutdown: a lost machine does
    not hand over) and its whole state dir deleted (jars put back)."""
    local_kafka.stop(state, timeout=0)
    lib = state.parent / f"{state.name}-lib"
    shutil.move(state / "kafka" / "lib", lib)
    shutil.rmtree(state)
    (state / "kafka").mkdir(parents=True)
    shutil.move(lib, state / "kafka" / "lib")


async def test_restore_after_a_broker_loss_by_republishing_the_outbox(
    infra: Any, tmp_path: Path, procs: list[ServiceProcess]
) -> None:
    state = tmp_path / "broker"
    _seed_jars(state)
    port, controller = free_port(), free_port()
    bootstrap = local_kafka.start(state, port, controller, timeout=120)
    try:
        env = Env(kafka=bootstrap, admin_dsn=infra.admin_dsn, log_dir=tmp_path)
        members, reporting = env.members(), env.reporting()
        procs += [members, reporting]
        start_all(members, reporting)
        since = datetime.now(UTC) - timedelta(seconds=1)  # before any of this data was created
        tree = await create_tree(members.url, "RB6")
        await add_members(members.url, tree, 3, volunteers=1)
        await wait_figures(reporting.url, tree, what="figures before the loss")

        # The reporting consumer is down for a while; events keep being published (acknowledged,
        # marked published in the members outbox) but nobody consumes them yet.
        assert terminate(reporting)[0] == STOPPED
        before_loss = await processed(env.reporting_dsn)  # applied before the loss: they come back as copies
        await add_members(members.url, tree, 3, volunteers=1)

        async def all_published() -> bool:
            return bool(ready(members)["checks"]["outbox_backlog"] == 0)

        await eventually(all_published, timeout=20, what="the members outbox published")

        # The broker is lost with its disk: the records (and the consumer offsets) are gone.
        _lose_broker(state)
        # still ready (its writes would wait in the outbox), saying the broker is gone: a broker outage
        # does not take every replica out of its Service
        async with httpx.AsyncClient(timeout=10) as c:
            lost = await c.get(f"{members.url}/health/ready")
        assert lost.status_code == 200 and lost.json()["status"] == "degraded", lost.text
        assert lost.json()["checks"]["database"] == "ok" and lost.json()["checks"]["kafka"].startswith("error")
        terminate(members)  # the service has nothing to talk to; exit code irrelevant here
        assert local_kafka.start(state, port, controller, timeout=120) == bootstrap
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            assert not [t for t in await admin.list_topics() if t.startswith(env.namespace)], "not a fresh broker"
        finally:
            await admin.close()

        # Republish what the retention window still holds, then start the services again.
        out = cli(members, "outbox", "republish", "--since", since.isoformat(), "--yes")
        assert out.returncode == 0, out.stdout + out.stderr
        rows = await _outbox_rows(env.members_dsn)
        assert out.stdout.startswith(f"marked {rows} outbox row(s)"), out.stdout
        start_all(members, reporting)  # they re-create their topics on start

        await wait_figures(reporting.url, tree, what="figures after the restore")
        handled = await wait_processed(env)
        topics = _topics(env)
        assert await record_count(bootstrap, topics) == rows  # each event published once again
        group = env.namespace + CONSUMER_NAME
        await wait_caught_up(bootstrap, group, topics)

        async def duplicates() -> float:
            return await _metric(reporting.url, "rc_events_duplicate_total", consumer=CONSUMER_NAME)

        assert await duplicates() == before_loss  # exactly the events applied before the loss

        # A --since older than the retention window: what the window holds is republished (here:
        # everything once more), and exit code 3 says that older events could not be.
        old = cli(members, "outbox", "republish", "--since", "2000-01-01T00:00:00+07:00", "--yes")
        assert old.returncode == 3 and "retention window" in old.stderr, old.stdout + old.stderr
        assert old.stdout.startswith(f"marked {rows} outbox row(s)"), old.stdout

        async def republished() -> bool:
            return await record_count(bootstrap, topics) == 2 * rows

        await eventually(republished, timeout=20, what="the second copies on the topics")
        await wait_caught_up(bootstrap, group, topics)
        assert await duplicates() == before_loss + handled  # every copy recognised, none applied
        await wait_figures(reporting.url, tree, what="figures after a second republish")
        assert await wait_processed(env) == handled
        # A broker rebuilt from nothing (its offsets lost too): every row still kept, no time to choose
        kept = cli(members, "outbox", "republish", "--all-kept", "--yes")
        assert kept.returncode == 0 and kept.stdout.startswith(f"marked {rows} outbox row(s)"), (
            kept.stdout + kept.stderr
        )

        async def thrice() -> bool:
            return await record_count(bootstrap, topics) == 3 * rows

        await eventually(thrice, timeout=20, what="the third copies on the topics")
        await wait_caught_up(bootstrap, group, topics)
        assert await duplicates() == before_loss + 2 * handled
        assert await wait_processed(env) == handled
    finally:
        for p in procs:
            p.kill()
        local_kafka.stop(state, timeout=0)  # its state dir is the test's own: nothing to keep


def test_runbook_lists_every_tested_procedure() -> None:
    """The runbook names the commands these tests run, and each test of this module."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "operations" / "runbook.md").read_text()
    for needle in (
        "rc-reporting rebuild --yes",
        "rc-reporting dlq show",
        "rc-reporting dlq replay",
        "rc-members outbox republish --since",
        "rc-members outbox republish --all-kept",
        "kubectl -n redcross scale deploy/reporting",
        "kubectl -n redcross exec deploy/reporting -- rc-reporting dlq",
        "rc_job reporting reporting-rebuild rebuild --yes",
        "docker compose -f deploy/compose.yaml",
        "rc_outbox_backlog",
        "rc_consumer_lag",
        "rc_dlq_messages",
        "rc_outbox_oldest_age_seconds",
        "rc_events_dead_lettered_total",
        "rc_http_requests_total",
        "tests/e2e/test_runbook.py",
    ):
        assert needle in text, needle
    # the runbook's table of procedures names exactly the procedure tests of this module
    documented = set(re.findall(r"^\|[^|\n]+\| `(test_\w+)` \|$", text, flags=re.MULTILINE))
    tests = {n for n in globals() if n.startswith("test_") and n != "test_runbook_lists_every_tested_procedure"}
    assert documented == tests
