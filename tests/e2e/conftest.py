"""End-to-end fixtures: the four services as real processes on a real broker and database."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, async_playwright

from tests.e2e.harness import FAST_GAUGES, ServiceProcess, service_env, stop_all
from tests.infra import create_database, new_namespace, service_migrations

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("members", "campaigns", "donations", "reporting")


@dataclass
class System:
    namespace: str
    services: dict[str, ServiceProcess]
    kafka: str

    def url(self, name: str) -> str:
        return self.services[name].url

    def stop(self) -> None:
        stop_all(self.services.values())


# The systems started here (and the console's OIDC system) are idle most of their life, between the
# requests of tests that hold them for minutes: each of their consumers' fetches waits up to 500 ms for
# an event (Kafka's default) instead of the services' 100 ms, and is answered as soon as one arrives
# (fetch.min.bytes 1) instead of gathering 16 KiB. An idle system then costs 6.0 % of a core in its
# services and 3.7 % in the broker instead of 11.6 % and 7.5 % (2026-12-01, 30 s each, one after the
# other), for the ~700 system-seconds of a run. The services' own defaults (a bulk import's backlog
# fetched again within 100 ms) are what the crash tests, the runbook and the benchmarks start their
# services with (``service_env`` alone).
QUIET_CONSUMERS = {"RC_CONSUMER_FETCH_MIN_BYTES": "1", "RC_CONSUMER_FETCH_MAX_WAIT_MS": "500"}


def start_system(
    infra: Any, log_dir: Path, names: tuple[str, ...] = SERVICES, extra: dict[str, str] | None = None
) -> System:
    """``names`` started on fresh databases and a private topic namespace, their consumers
    :data:`QUIET_CONSUMERS` (``extra``: more environment)."""
    namespace = new_namespace("e2e")
    services = {}
    for name in names:
        dsn = create_database(infra.admin_dsn, f"e2e_{name}", migrations=[service_migrations(name)])
        services[name] = ServiceProcess(
            name=name,
            env=service_env(name, dsn, infra.kafka_bootstrap, namespace) | QUIET_CONSUMERS | (extra or {}),
            args=[],
            log_path=log_dir / f"{name}.log",
        )
    for s in services.values():
        s.start(wait=False)
    for s in services.values():
        s.wait_ready()
    return System(namespace=namespace, services=services, kafka=infra.kafka_bootstrap)


@pytest.fixture(scope="package")
def system(infra: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    """All four services, started once for the end-to-end tests that share them (stopped after
    them; under xdist their modules are one scope, tests/parallel.py). Their lag gauges are measured every second:
    test_zz_observability_and_privacy.py waits for them to drain."""
    # (export jobs: the authorization table starts one per role and scope at once; the per-process limit is
    # tested on its own, tests/integration/reporting/test_review.py)
    extra = FAST_GAUGES | {"RC_EXPORT_JOBS_IN_FLIGHT": "64"}
    sys_ = start_system(infra, tmp_path_factory.mktemp("e2e-logs"), extra=extra)
    try:
        yield sys_
    finally:
        sys_.stop()


@pytest.fixture(scope="package")
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium (Debian's, installed by deploy/tools/install-chromium.sh) driven by Playwright,
    launched once for the end-to-end tests: each test opens contexts of its own (cookies, storage and
    viewport apart) and closes them."""
    out = subprocess.run(  # noqa: ASYNC221 (once, before any browser or service is used)
        ["bash", str(ROOT / "deploy" / "tools" / "install-chromium.sh")], capture_output=True, text=True, timeout=900
    )
    assert out.returncode == 0, f"install-chromium.sh failed:\n{out.stdout}\n{out.stderr}"
    executable = out.stdout.strip().splitlines()[-1]
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        await b.close()
