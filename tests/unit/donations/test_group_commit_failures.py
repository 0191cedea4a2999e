"""A batch whose transaction fails: an item's own fault (bad data, a constraint) is found by committing
each item alone, so only the culprit fails; a failure no item caused (a deadlock, a statement timeout, a
shutdown, a lost connection) fails every item at once, not again and again one after another while the
campaign's next requests wait behind them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import asyncpg
import pytest

from rc_donations.service_layer.group_commit import GroupCommit


async def _batch_of(n: int, commit: Any) -> list[int | BaseException]:
    """``n`` items submitted while a first one holds the flusher, so the ``n`` form one batch."""
    gate = asyncio.Event()

    async def gated(pool: Any, items: Sequence[int]) -> list[int | Exception]:
        if items == [0]:
            await gate.wait()
            return [0]
        result: list[int | Exception] = await commit(pool, items)
        return result

    gc = GroupCommit[int, int](lambda: None, "/gc-failure-test", gated, stage="unit")
    first = asyncio.create_task(gc.submit("campaign", 0))
    await asyncio.sleep(0)
    rest = [asyncio.create_task(gc.submit("campaign", i)) for i in range(1, n + 1)]
    await asyncio.sleep(0)
    gate.set()
    assert await first == 0
    return list(await asyncio.gather(*rest, return_exceptions=True))


async def test_a_batch_failed_by_one_items_data_is_committed_again_item_by_item_and_only_the_culprit_fails() -> None:
    calls: list[list[int]] = []

    async def commit(_pool: Any, items: Sequence[int]) -> list[int | Exception]:
        calls.append(list(items))
        if 3 in items:
            raise asyncpg.CheckViolationError("new row violates check constraint")
        return [i * 10 for i in items]

    outcomes = await _batch_of(5, commit)
    assert calls == [[1, 2, 3, 4, 5], [1], [2], [3], [4], [5]]
    assert [o if isinstance(o, int) else type(o) for o in outcomes] == [10, 20, asyncpg.CheckViolationError, 40, 50]


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.DeadlockDetectedError("deadlock detected"),
        asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
        asyncpg.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.DiskFullError("could not extend file"),
        asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    ],
    ids=["deadlock", "statement-timeout", "shutdown", "disk-full", "connection-lost"],
)
async def test_a_batch_failed_by_no_item_fails_every_item_at_once_with_that_error(error: Exception) -> None:
    calls: list[list[int]] = []

    async def commit(_pool: Any, items: Sequence[int]) -> list[int | Exception]:
        calls.append(list(items))
        raise error

    outcomes = await _batch_of(50, commit)
    assert calls == [list(range(1, 51))]  # one attempt (it was 51: the batch, then each item alone)
    assert outcomes == [error] * 50
