"""A stopping runtime never waits without end: a task that ignores its cancellation, consumers that
cannot leave their group, a producer or a pool that do not close each get a bounded time, and the
rest still stops."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from rc_shared import runtime
from rc_shared.runtime import Runtime
from rc_shared.settings import ServiceSettings


class _Stuck:
    """Stands for the broker, producer or pool: its stop never returns."""

    def __init__(self) -> None:
        self.stopping = False
        self.terminated = False

    async def _never(self) -> None:
        self.stopping = True
        await asyncio.Event().wait()

    async def stop(self) -> None:
        await self._never()

    async def close(self) -> None:
        await self._never()

    def terminate(self) -> None:
        self.terminated = True


async def _ignores_cancellation(released: asyncio.Event) -> None:
    while not released.is_set():
        with contextlib.suppress(asyncio.CancelledError):
            await released.wait()


@contextlib.asynccontextmanager
async def _stuck_runtime(tmp_path: Path) -> AsyncIterator[tuple[Runtime, _Stuck, _Stuck, _Stuck]]:
    """A runtime whose broker, producer and pool never stop, with a task that ignores its cancellation (let go
    at the end)."""
    settings = ServiceSettings(service_name="stop-test", database_url="postgresql://u@127.0.0.1:1/x")
    rt = Runtime(settings, tmp_path, consumers=[], run_api=False, run_relay=False)
    broker, producer, pool = _Stuck(), _Stuck(), _Stuck()
    rt.broker, rt.producer, rt.pool = broker, producer, pool  # type: ignore[assignment]
    released = asyncio.Event()
    stubborn = asyncio.create_task(_ignores_cancellation(released), name="stubborn")
    rt._tasks.append(stubborn)
    await asyncio.sleep(0)  # it runs (a task cancelled before its first step just ends)
    try:
        yield rt, broker, producer, pool
    finally:
        released.set()
        await stubborn


async def test_every_part_of_a_stopping_runtime_gets_a_bounded_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(runtime, "STOP_TIMEOUT_S", 0.2)
    async with _stuck_runtime(tmp_path) as (rt, broker, producer, pool):
        await asyncio.wait_for(rt.stop(), 10)  # before: the first of them held it for ever
        assert broker.stopping and producer.stopping and pool.stopping  # each was asked, none awaited for ever
        assert pool.terminated  # a pool that did not close gracefully is closed at once
        assert rt._tasks == []


async def test_all_parts_of_a_stop_together_keep_within_one_deadline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Six parts of 10 s each would be 60 s with Kafka gone, past the pod's grace period (a kill, not a clean
    stop): together they take the deadline, and each part past it is still asked (and the pool terminated)."""
    monkeypatch.setattr(runtime, "STOP_TIMEOUT_S", 0.4)
    monkeypatch.setattr(runtime, "STOP_DEADLINE_S", 0.6)
    monkeypatch.setattr(runtime, "STOP_FLOOR_S", 0.02)
    loop = asyncio.get_running_loop()
    async with _stuck_runtime(tmp_path) as (rt, broker, producer, pool):
        started = loop.time()
        await rt.stop()
        took = loop.time() - started
        # (4 parts of 0.4 s each: 1.6 s without a deadline) 0.6 s, and the floors of the parts past it
        assert 0.6 <= took < 0.6 + 3 * 0.02 + 0.3, took
        assert broker.stopping and producer.stopping and pool.stopping and pool.terminated
