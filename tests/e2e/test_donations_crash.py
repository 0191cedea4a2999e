"""The donations service SIGKILLed in the middle of a concurrent burst of donations to one campaign,
clients retrying each request with its Idempotency-Key until it is answered after the restart.

Afterwards: the campaign's receipt numbers are exactly 1..N, each Idempotency-Key gave exactly one
donation (the one it was answered with), and the ledger, the campaigns service and reporting total
exactly what was acknowledged. The kill is shown to land mid-burst (some donations acknowledged
before it, some answered only after a retry that followed it); a broken variant that kills after the
burst must fail that check."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from rc_campaigns.entrypoints.consumers import ledger_consumer
from rc_reporting.service_layer.campaign_projection import campaigns_consumer
from rc_shared import clock
from tests.e2e.harness import ServiceProcess, auth, create_campaign_without_members, service_env, stop_all
from tests.e2e.offsets import wait_consumers_caught_up
from tests.infra import create_database, new_namespace, service_migrations
from tests.integration.shared.helpers import eventually

TODAY = clock.today()
WORKERS = 40


@pytest.fixture
def processes(infra: Any, tmp_path: Path) -> Any:
    namespace = new_namespace("dcr")
    dsns = {
        n: create_database(infra.admin_dsn, f"e2e_{n}", migrations=[service_migrations(n)])
        for n in ("campaigns", "donations", "reporting")
    }
    procs = {
        n: ServiceProcess(
            name=n,
            env=service_env(n, dsns[n], infra.kafka_bootstrap, namespace) | {"RC_WRITE_RATE_PER_MINUTE": "1000000"},
            args=[],
            log_path=tmp_path / f"{n}.log",
        )
        for n in ("campaigns", "donations", "reporting")
    }
    for p in procs.values():
        p.start(wait=False)
    for p in procs.values():
        p.wait_ready()
    yield procs, dsns
    stop_all(procs.values())


@dataclass
class Answer:
    key: str
    amount: int
    donation_id: str
    receipt_no: int
    status: int
    failed_attempts: int  # attempts without an answer (connection refused or reset, timeout, 5xx)
    answered_after_kill: bool


@dataclass
class Burst:
    acknowledged_before_kill: int = 0
    killed: bool = False


def assert_mid_burst(answers: list[Answer], burst: Burst) -> None:
    """The kill landed mid-burst: some donations acknowledged before it, some retried after it."""
    retried = [a for a in answers if a.answered_after_kill and a.failed_attempts > 0]
    assert 0 < burst.acknowledged_before_kill < len(answers) and retried, (
        f"the kill did not land mid-burst: {burst.acknowledged_before_kill} of {len(answers)} acknowledged "
        f"before it, {len(retried)} answered after a failed attempt"
    )


async def _give(client: httpx.AsyncClient, cid: str, key: str, body: dict[str, Any], burst: Burst) -> Answer:
    """POST until answered, with the same Idempotency-Key on every attempt."""
    failed = 0
    while True:
        killed_before = burst.killed
        try:
            r = await client.post(f"/campaigns/{cid}/donations", json=body, headers={"Idempotency-Key": key})
        except httpx.TransportError:
            failed += 1
            await asyncio.sleep(0.2)
            continue
        if r.status_code >= 500:
            failed += 1
            await asyncio.sleep(0.2)
            continue
        assert r.status_code in (200, 201), r.text
        d = r.json()
        after = burst.killed and killed_before  # the attempt started after the kill
        return Answer(key, body["amount_vnd"], d["id"], d["receipt_no"], r.status_code, failed, after)


# "kill-after-burst" is a broken variant (the kill waits for the whole burst to be answered): its
# mid-burst check must fail. It stops at that check.
@pytest.mark.parametrize(("variant", "gifts"), [("real", 600), ("kill-after-burst", 60)])
async def test_donations_killed_mid_burst_keep_gapless_receipts_and_one_donation_per_key(
    processes: Any, variant: str, gifts: int
) -> None:
    procs, dsns = processes
    async with (
        httpx.AsyncClient(base_url=procs["campaigns"].url, timeout=30, headers=auth()) as campaigns,
        httpx.AsyncClient(base_url=procs["donations"].url, timeout=30, headers=auth()) as donations,
        httpx.AsyncClient(base_url=procs["reporting"].url, timeout=30, headers=auth()) as reporting,
    ):
        env = procs["campaigns"].env
        r = await create_campaign_without_members(
            campaigns,
            "/campaigns",
            env["RC_KAFKA_BOOTSTRAP_SERVERS"],
            env["RC_KAFKA_NAMESPACE"],
            {
                "code": "BAO-LU",
                "name": "Ủng hộ đồng bào bị bão lũ",
                "campaign_type": "emergency_relief",
                "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
                "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
            },
        )
        assert r.status_code == 201, r.text
        cid = r.json()["id"]
        assert (await campaigns.post(f"/campaigns/{cid}/launch", json={})).status_code == 200

        async def ledger_open() -> bool:
            return (await donations.get(f"/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=60, what="ledger opened")

        run = uuid.uuid4().hex[:8]
        work = [
            (
                f"gift-{run}-{i}",
                {
                    "kind": "cash",
                    "amount_vnd": 10_000 * (1 + i % 37),
                    "channel": "bank_transfer" if i % 2 else "momo",
                    "received_on": TODAY.isoformat(),
                    **({"bank_reference": f"FT{run}{i:06d}"} if i % 2 else {}),
                },
            )
            for i in range(gifts)
        ]
        queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        for w in work:
            queue.put_nowait(w)
        burst, answers = Burst(), []
        enough = asyncio.Event()  # enough answers for the kill
        threshold = gifts // 4 if variant == "real" else gifts

        async def worker() -> None:
            while not queue.empty():
                key, body = queue.get_nowait()
                answers.append(await _give(donations, cid, key, body, burst))
                if len(answers) >= threshold:
                    enough.set()

        async def killer() -> None:
            await enough.wait()
            burst.acknowledged_before_kill = len(answers)
            procs["donations"].kill()
            burst.killed = True
            await asyncio.sleep(1)
            await asyncio.to_thread(procs["donations"].start)

        await asyncio.gather(killer(), *(worker() for _ in range(WORKERS)))
        if variant != "real":
            with pytest.raises(AssertionError, match="did not land mid-burst"):
                assert_mid_burst(answers, burst)
            return
        assert_mid_burst(answers, burst)

        assert len(answers) == gifts
        ids = {a.key: a.donation_id for a in answers}
        assert len(set(ids.values())) == gifts  # each key: its own donation
        raised = sum(a.amount for a in answers)
        conn = await asyncpg.connect(dsns["donations"])
        try:
            rows = await conn.fetch(
                "SELECT id::text, receipt_no, amount_vnd FROM donations WHERE campaign_id = $1 ORDER BY receipt_no",
                uuid.UUID(cid),
            )
            keys = dict(await conn.fetch("SELECT key, resource_id::text FROM idempotency_keys"))
        finally:
            await conn.close()
        assert [r["receipt_no"] for r in rows] == list(range(1, gifts + 1))  # gapless, no duplicate
        assert {r["id"] for r in rows} == set(ids.values())  # no donation nobody was answered with
        assert keys == ids  # each key names the one donation it was answered with
        assert {a.donation_id: a.receipt_no for a in answers} == {r["id"]: r["receipt_no"] for r in rows}
        ledger = (await donations.get(f"/campaigns/{cid}/ledger")).json()
        assert ledger["cash"]["received_vnd"] == raised and ledger["receipts_issued"] == gifts

        async def reported() -> bool:
            r = await reporting.get(f"/reports/campaigns/{cid}")
            return r.status_code == 200 and r.json()["donations"] == gifts

        async def counted_by_campaigns() -> bool:
            r = await campaigns.get(f"/campaigns/{cid}")
            return r.status_code == 200 and r.json()["progress"]["cash_vnd"]["raised"] >= raised

        await eventually(reported, timeout=120, what="reporting to count every donation")
        await eventually(counted_by_campaigns, timeout=120, what="the campaigns service to count every donation")
        # every copy the killed relay published again has been applied or found a duplicate: then count
        await wait_consumers_caught_up(env, campaigns_consumer, ledger_consumer)
        assert (await reporting.get(f"/reports/campaigns/{cid}")).json()["cash_raised_vnd"] == raised
        assert (await campaigns.get(f"/campaigns/{cid}")).json()["progress"]["cash_vnd"]["raised"] == raised
