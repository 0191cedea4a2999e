"""The load benchmark (``./dev bench load``, bench/load.py) kept from rotting: its pieces run at a tiny
scale (200 donations, 1 s per step, no pause between steps) and report every step. Benchmark only: no
figure is asserted. The runs share one stack of services (each builds and loads a campaign of its own):
starting it is most of a tiny run's set-up."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import load
from bench.pipeline import Stack
from tests.infra import _run_sync


@pytest.fixture(scope="module")
def stack(infra: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = load.start(infra, tmp_path_factory.mktemp("load-stack"))
    try:
        yield s
    finally:
        s.stop()
    # the stack leaves no topic behind (a broker that kept every run's topics spent two to three times
    # the CPU per donation POST); only its own namespace: other benchmarks may share the broker
    assert _left(infra.kafka_bootstrap, lambda t: t.startswith(s.namespace)) == []


def _left(bootstrap: str, ours: Callable[[str], bool]) -> list[str]:
    """The topics ``ours`` names that are still listed a few seconds on (the broker's metadata follows
    the controller's deletion within moments)."""
    for _ in range(100):
        left = sorted(t for t in _run_sync(_topics(bootstrap)) if ours(t))
        if not left:
            break
        time.sleep(0.1)
    return left


async def _topics(bootstrap: str) -> set[str]:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return set(await admin.list_topics())
    finally:
        await admin.close()


# one second a step, no pause, statistics read 1.2 s after a step (not the 11 s that make the database
# figures per request exact: here they are approximate, but each backend has reported at least once)
QUICK = ["--duration", "1", "--pause", "0", "--stats-settle", "1.2", "--settle-max", "30"]


def test_the_load_benchmark_runs_at_a_tiny_scale_and_reports_every_step(stack: Stack, tmp_path: Path) -> None:
    args = ["--donations", "200", "--read-rate", "20", "--post-rate", "10", "--ledger-rate", "10"]
    path = load.main([*args, *QUICK, "--results", str(tmp_path)], stack)
    res = json.loads(path.read_text())
    assert res["build"]["rows"] == 200
    settle = res["settle_after_build"]  # the steps began once autovacuum was done with the build (or 30 s on)
    assert settle["settled"] is True and 3 <= settle["waited_s"] <= 30, settle
    assert set(res["build"]["stages_s"]) == {"import", "relay", "campaigns", "reporting"}
    assert [s["step"] for s in res["steps"]] == list(load.STEPS)
    for s in res["steps"]:
        assert s["requests"] > 0 and {"success", "p50_ms", "p99_ms", "status"} <= set(s)
        assert set(s["peak_rss_mb"]) == {"campaigns", "donations", "reporting"}
        assert all(mb > 0 for mb in s["peak_rss_mb"].values())
        assert set(s["peak_accept_queue"]) == {"campaigns", "donations", "reporting"}
        assert all(isinstance(n, int) and n >= 0 for n in s["peak_accept_queue"].values())
        assert set(s["cpu_ms_per_request"]) == {"campaigns", "donations", "reporting"}
        assert set(s["infra_cpu_ms_per_request"]) == {"postgres", "kafka", "vegeta"}
        assert all(ms >= 0 for ms in s["infra_cpu_ms_per_request"].values())
        assert set(s["donations_db_per_request"]) == {"transactions", "active_ms"}
        assert isinstance(s["donations_refused"], dict)
        server = s["donations_server_latency"]
        if s["step"] in ("donation_posts", "overload_posts"):  # the steps sent to the donations service
            assert server["http"]["n"] > 0 and server["batch:record"]["n"] > 0
        for hist in server.values():
            assert list(hist) == ["n", "mean_ms", ">0.1s", ">0.25s", ">0.5s", ">1.0s", ">2.5s", ">5.0s"]
            counts = [hist["n"], *list(hist.values())[2:]]
            assert all(n >= 0 for n in counts) and counts == sorted(counts, reverse=True)  # fewer over a longer bound
        assert all(ms >= 0 for ms in s["cpu_ms_per_request"].values())
    assert res["steps"][3]["rate"] == 3 * res["steps"][2]["rate"]
    csv = res["ledger_csv"]
    assert csv["rows"] >= 200 and csv["bytes"] > 0 and csv["donations_peak_rss_mb"] > 0
    assert res["kafka_raw"]["records"] == 200 and res["postgres_copy"]["rows"] == 200
    assert _left(stack.kafka, lambda t: t == res["kafka_raw"]["topic"]) == []  # the baseline's, deleted


def test_the_load_benchmark_runs_only_the_steps_asked_for_at_several_post_rates(stack: Stack, tmp_path: Path) -> None:
    args = ["--donations", "50", "--post-rate", "10,20", "--steps", "donation_posts,overload_posts"]
    path = load.main([*args, *QUICK, "--results", str(tmp_path)], stack)
    res = json.loads(path.read_text())
    steps = [(s["step"], s["rate"]) for s in res["steps"]]
    assert steps == [("donation_posts", 10), ("donation_posts", 20), ("overload_posts", 30)]
    assert "ledger_csv" not in res
    posts = res["steps"][0]
    assert posts["status"].get("201", 0) > 0 and posts["donations_db_per_request"]["transactions"] > 0


def test_unknown_steps_are_refused_before_anything_starts() -> None:
    with pytest.raises(SystemExit):
        load.main(["--steps", "public_page,nonsense"])
