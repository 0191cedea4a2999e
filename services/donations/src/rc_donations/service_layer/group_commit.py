"""Group commit: concurrent requests for one key (a campaign) share one transaction.

Each key has a queue and at most one flusher task in this process. A request puts its prepared item
in the queue and awaits its future; the flusher takes whatever is queued (up to ``max_batch``),
commits it through ``commit`` (given the pool: one transaction, or one statement with its own commit)
and resolves each item's future with its own result or error. While a batch commits, the next one
gathers, so under load batches grow by themselves and at low load a request waits for nobody (there
is no timer).

``commit`` returns one outcome per item (a result, or the exception that item must raise): a refused
item never fails the others. If the batch's commit itself fails with a database error (then nothing of
it was written), each item is committed again alone, so only the culprit fails; unless no item can
have caused it (a deadlock, a timeout, a shutdown, a lost connection): then every item fails with it
at once (their requests answer 503 with Retry-After), not each after the other.

Across replicas, batches of one key are serialised by whatever lock ``commit`` takes (the ledger
row); this class only batches within a process.

Inside an API request, an item waits in the queue at most the request's bound on pool waits
(:func:`rc_shared.db.acquire_bound`), less what the request already spent since it ``started`` (its
own pool waits and statements): so the request's waits together stay within the bound. Still
queued then (the batches ahead of it are slow, the process is overloaded), it is taken out, never
committed, and the request answers 503 with Retry-After (:class:`Busy`); a request whose bound has
already run out is refused so before it queues. Once a batch has taken an item, its outcome is
awaited whatever the time. While it waits the request holds no pool connection, so it counts against
the process's budget of such waits, not its in-flight bound (:func:`rc_shared.db.waiting_without_connection`).
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

import asyncpg

from rc_shared.db import current_acquire_bound, waiting_without_connection
from rc_shared.errors import Unavailable
from rc_shared.logging import get_logger
from rc_shared.metrics import GROUP_COMMIT_ITEMS, GROUP_COMMIT_SECONDS, HTTP_REFUSED

log = get_logger(__name__)

T = TypeVar("T")
R = TypeVar("R")

Commit = Callable[[asyncpg.Pool, Sequence[T]], Awaitable[list[R | Exception]]]
"""Commits a batch (rolled back whole if it raises) and returns one outcome per item."""


# Errors of a batch's transaction that no item caused (a deadlock or serialization failure, a statement
# timeout, a shutdown, no resources, a lost connection): committing each item alone would only repeat
# them, one after another, while the key's next requests wait; each item fails at once (503, retry).
_NOT_AN_ITEMS_FAULT = (
    asyncpg.TransactionRollbackError,
    asyncpg.OperatorInterventionError,
    asyncpg.InsufficientResourcesError,
    asyncpg.PostgresConnectionError,
)


class Busy(Unavailable):
    """An item still queued when its request's bound ran out: withdrawn, never committed (503)."""


class GroupCommit(Generic[T, R]):
    """Per-key micro-batches committed in one transaction each; see the module docstring."""

    def __init__(
        self,
        pool: Callable[[], asyncpg.Pool],
        source: str,
        commit: Commit[T, R],
        max_batch: int = 200,
        stage: str = "commit",
    ) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._pool = pool
        self._source = source
        # each batch's duration and size (``stage``: which of a service's group commits)
        self._seconds = GROUP_COMMIT_SECONDS.labels(source.strip("/"), stage)
        self._items = GROUP_COMMIT_ITEMS.labels(source.strip("/"), stage)
        self._commit = commit
        self.max_batch = max_batch
        self._queues: dict[Hashable, deque[tuple[T, asyncio.Future[R]]]] = {}
        self._flushers: dict[Hashable, asyncio.Task[None]] = {}
        self.batches = 0
        self.items = 0

    async def submit(self, key: Hashable, item: T, started: float | None = None) -> R:
        """Queue ``item`` for ``key`` and wait for its outcome (its result, or its exception raised);
        :class:`Busy` if it is still queued when the request's bound runs out, counted from ``started``
        (``time.monotonic()`` when the request began; None: now), see the module docstring."""
        bound = current_acquire_bound()
        left = None if bound is None else bound - (0.0 if started is None else time.monotonic() - started)
        if left is not None and left <= 0:  # nothing queued, nothing written
            HTTP_REFUSED.labels(self._source.strip("/"), "batch_queue").inc()
            raise Busy(f"the service is busy: the donation was not recorded within {bound:g} s")
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[R] = loop.create_future()
        queue = self._queues.setdefault(key, deque())
        entry = (item, fut)
        queue.append(entry)
        if key not in self._flushers:
            # a fresh context: the flusher serves many requests, it must not carry the first one's ids
            self._flushers[key] = asyncio.create_task(self._flush(key), context=contextvars.Context())
        # (a timer, not asyncio.wait: no waiter future and callbacks of its own per request)
        timer = None if bound is None or left is None else loop.call_later(left, self._withdraw, queue, entry, bound)
        with waiting_without_connection():  # (the batch holds the connection: outside the in-flight bound)
            try:
                # a client that goes away does not cancel the commit (its item may be committed with the batch)
                return await asyncio.shield(fut)
            finally:
                if timer is not None:
                    timer.cancel()

    def _withdraw(
        self, queue: deque[tuple[T, asyncio.Future[R]]], entry: tuple[T, asyncio.Future[R]], bound: float
    ) -> None:
        """The request's bound ran out: its item, if no batch has taken it yet, is withdrawn (never
        written) and the request refused with :class:`Busy`; a taken one is awaited to its outcome."""
        fut = entry[1]
        if fut.done() or entry not in queue:
            return
        queue.remove(entry)
        HTTP_REFUSED.labels(self._source.strip("/"), "batch_queue").inc()
        fut.set_exception(Busy(f"the service is busy: the donation was not recorded within {bound:g} s (its batch)"))

    async def _flush(self, key: Hashable) -> None:
        queue = self._queues[key]
        try:
            while queue:
                batch = [queue.popleft() for _ in range(min(self.max_batch, len(queue)))]
                try:
                    await self._run(batch)
                except BaseException:  # cancelled (shutdown): no request waits for ever
                    for _, fut in batch:
                        fut.cancel()
                    raise
        finally:
            # no await between the last emptiness check and here: nothing can be queued unseen
            del self._flushers[key]
            del self._queues[key]
            while queue:  # only when cancelled
                queue.popleft()[1].cancel()

    async def _run(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        try:
            outcomes = await self._once([item for item, _ in batch])
        except asyncpg.PostgresError as exc:
            if len(batch) == 1 or isinstance(exc, _NOT_AN_ITEMS_FAULT):  # each item's outcome: this error (503)
                if len(batch) > 1:
                    log.warning("group_commit_batch_failed", items=len(batch), error=repr(exc), each_alone=False)
                outcomes = [exc] * len(batch)
            else:  # the transaction was rolled back: commit each alone, so only the culprit fails
                log.warning("group_commit_batch_failed", items=len(batch), error=repr(exc), each_alone=True)
                outcomes = []
                for item, _ in batch:
                    try:
                        outcomes.extend(await self._once([item]))
                    except asyncpg.PostgresError as one:
                        outcomes.append(one)
        except Exception as exc:  # connection lost, …: the outcome of the batch is unknown to each item
            outcomes = [exc] * len(batch)
        for (_, fut), outcome in zip(batch, outcomes, strict=True):
            if fut.done():
                continue
            if isinstance(outcome, Exception):
                fut.set_exception(outcome)
            else:
                fut.set_result(outcome)

    async def _once(self, items: Sequence[T]) -> list[R | Exception]:
        began = time.perf_counter()
        try:
            outcomes = await self._commit(self._pool(), items)
        finally:
            self._seconds.observe(time.perf_counter() - began)
            self._items.observe(len(items))
        if len(outcomes) != len(items):
            raise RuntimeError(f"group commit: {len(outcomes)} outcomes for {len(items)} items")
        self.batches += 1
        self.items += len(items)
        return outcomes
