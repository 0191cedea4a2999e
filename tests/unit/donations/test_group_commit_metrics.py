"""Each group-commit batch is measured: its duration and its size, by stage (what an operator watches
during an appeal, and what the load benchmark reads to tell a slow commit from a slow client)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from prometheus_client import REGISTRY

from rc_donations.service_layer.group_commit import GroupCommit


def _sample(name: str, stage: str) -> float:
    return REGISTRY.get_sample_value(name, {"service": "gc-metrics-test", "stage": stage}) or 0.0


async def test_every_batch_is_timed_and_counted_with_its_items() -> None:
    gate, taken = asyncio.Event(), asyncio.Event()
    sizes: list[int] = []

    async def commit(_pool: Any, items: Sequence[int]) -> list[int | Exception]:
        sizes.append(len(items))
        taken.set()
        if len(sizes) == 1:
            await gate.wait()  # the first batch is slow: the others queue behind it, as one batch
        await asyncio.sleep(0.02)
        return [i * 10 for i in items]

    gc = GroupCommit[int, int](lambda: None, "/gc-metrics-test", commit, stage="unit")
    names = [f"rc_group_commit_batch_{m}_{s}" for m in ("seconds", "items") for s in ("count", "sum")]
    before = {n: _sample(n, "unit") for n in names}
    first = asyncio.create_task(gc.submit("campaign", 1))
    await taken.wait()
    rest = [asyncio.create_task(gc.submit("campaign", i)) for i in range(2, 6)]
    await asyncio.sleep(0.01)
    gate.set()
    assert [await t for t in (first, *rest)] == [10, 20, 30, 40, 50]
    assert sizes == [1, 4]

    def grew(name: str) -> float:
        return _sample(name, "unit") - before[name]

    assert grew("rc_group_commit_batch_seconds_count") == 2
    assert grew("rc_group_commit_batch_seconds_sum") >= 0.04  # each batch's commit took at least 20 ms
    assert grew("rc_group_commit_batch_items_count") == 2
    assert grew("rc_group_commit_batch_items_sum") == 5
