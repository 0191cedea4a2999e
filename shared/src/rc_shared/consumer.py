"""Idempotent, batched Kafka consumption with a dead-letter topic.

A service registers one handler per event type. For each batch of records the consumer opens one
database transaction; for each event it records ``(consumer, event_id)`` in ``processed_events``
(a redelivered event is found there and ignored) and runs the handler in a savepoint. An event
whose handler still fails after bounded retries, or that is not a valid event at all, is published
to ``<topic>.dlq`` with the error in its headers (awaited, acks=all) and marked dead-lettered; the
partition moves on. Offsets are committed only after the database commit. An infrastructure error
(database or broker unreachable) rolls the whole batch back and rewinds the partitions, after a pause.

Runs on FastStream (over aiokafka) with manual acknowledgement: never FastStream's default
at-most-once policy.
"""

from __future__ import annotations

import asyncio
import dataclasses
import traceback
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeAlias, TypeVar, overload

import asyncpg
from aiokafka import AIOKafkaProducer, ConsumerRecord
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage

from rc_shared.catalogue import catalogue
from rc_shared.db import local_statement_timeout
from rc_shared.envelope import Envelope, EnvelopeError, Event, decode, header_text
from rc_shared.logging import get_logger
from rc_shared.metrics import EVENTS_CONSUMED, EVENTS_DEAD_LETTERED, EVENTS_DUPLICATE, EVENTS_FAILED
from rc_shared.tracing import current_correlation_id, current_traceparent

log = get_logger(__name__)

E = TypeVar("E", bound=Event)
E1 = TypeVar("E1", bound=Event)
E2 = TypeVar("E2", bound=Event)
E3 = TypeVar("E3", bound=Event)
E4 = TypeVar("E4", bound=Event)

# A handler gets its event already typed: ``Handler[UnitCreated]`` takes an ``Envelope[UnitCreated]``.
Handler: TypeAlias = Callable[[asyncpg.Connection, Envelope[E]], Awaitable[None]]
BatchHandler: TypeAlias = Callable[[asyncpg.Connection, list[Envelope[E]]], Awaitable[None]]

# Errors that mean "the database or network is unavailable", not "this event is bad".
INFRA_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    ConnectionError,
    OSError,
    asyncio.TimeoutError,
    asyncpg.QueryCanceledError,  # a statement timeout: the database is overloaded, the event is not bad
    asyncpg.TransactionRollbackError,  # a deadlock or serialization failure: retry the batch
    asyncpg.InsufficientResourcesError,  # a full disk, no memory or connections: the event is not bad
)


@dataclass
class Consumer:
    """A named consumer group with a handler per event type.

    ``@consumer.on(A, B)`` types the handler's envelope as ``Envelope[A | B]`` (likewise ``on_many``):
    the library routes by event type, so a handler never narrows its event itself.
    """

    name: str
    # Stored untyped: each handler is reached only through its own event types (see ``on``).
    handlers: dict[str, Handler[Any]] = field(default_factory=dict)
    batch_handlers: dict[str, BatchHandler[Any]] = field(default_factory=dict)

    @overload
    def on(self, e1: type[E1], /) -> Callable[[Handler[E1]], Handler[E1]]: ...
    @overload
    def on(self, e1: type[E1], e2: type[E2], /) -> Callable[[Handler[E1 | E2]], Handler[E1 | E2]]: ...
    @overload
    def on(
        self, e1: type[E1], e2: type[E2], e3: type[E3], /
    ) -> Callable[[Handler[E1 | E2 | E3]], Handler[E1 | E2 | E3]]: ...
    @overload
    def on(
        self, e1: type[E1], e2: type[E2], e3: type[E3], e4: type[E4], /
    ) -> Callable[[Handler[E1 | E2 | E3 | E4]], Handler[E1 | E2 | E3 | E4]]: ...
    def on(self, *events: type[Event]) -> Callable[[Handler[Any]], Handler[Any]]:
        """Register a handler of one event at a time for these event types."""

        def deco(fn: Handler[Any]) -> Handler[Any]:
            for e in events:
                self.handlers[e.event_type] = fn
            return fn

        return deco

    @overload
    def on_many(self, e1: type[E1], /) -> Callable[[BatchHandler[E1]], BatchHandler[E1]]: ...
    @overload
    def on_many(self, e1: type[E1], e2: type[E2], /) -> Callable[[BatchHandler[E1 | E2]], BatchHandler[E1 | E2]]: ...
    def on_many(self, *events: type[Event]) -> Callable[[BatchHandler[Any]], BatchHandler[Any]]:
        """Register a handler that takes a run of consecutive events of these types at once
        (for hot paths: one ``executemany`` instead of a statement per event). When a batch has
        to be applied event by event (after a failure), it is called with one event at a time."""

        def deco(fn: BatchHandler[Any]) -> BatchHandler[Any]:
            async def one(conn: asyncpg.Connection, env: Envelope) -> None:
                await fn(conn, [env])

            for e in events:
                self.batch_handlers[e.event_type] = fn
                self.handlers[e.event_type] = one
            return fn

        return deco

    @property
    def topics(self) -> list[str]:
        cat = catalogue()
        return sorted({cat[t].topic for t in self.handlers})


@dataclass
class BatchResult:
    applied: int = 0
    duplicates: int = 0
    ignored: int = 0
    dead_lettered: int = 0
    consumed: dict[str, int] = field(default_factory=dict)


class _HandlerFailed(Exception):
    """A handler raised on the fast path: redo the batch carefully."""


class _SeenBefore(Exception):
    """A batch's plain claim met an id this consumer already has: claim again, skipping such ids."""


# Claim a batch's event ids, all new (as nearly every batch's are): a plain INSERT, a third less of
# the database's CPU than the claim below (no speculative insertion per row); an id already there
# fails it with a unique violation, and the batch is claimed again with ``_CLAIM_MANY``.
_CLAIM_NEW = "INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])"
# Claim event ids for this consumer; an id already applied is a duplicate. A dead-lettered event
# that comes back (a DLQ replay) is tried again.
_CLAIM_ONE = (
    "INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)"
    " ON CONFLICT (consumer, event_id) DO UPDATE SET outcome = 'applied', processed_at = now()"
    " WHERE processed_events.outcome = 'dead_lettered' RETURNING true"
)
_CLAIM_MANY = (
    "INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])"
    " ON CONFLICT (consumer, event_id) DO UPDATE SET outcome = 'applied', processed_at = now()"
    " WHERE processed_events.outcome = 'dead_lettered' RETURNING event_id"
)


@dataclass(eq=False)
class BatchProcessor:
    """Applies a batch of Kafka records to the database exactly once (see module docstring)."""

    consumer: Consumer
    pool: asyncpg.Pool
    producer: AIOKafkaProducer
    service: str
    max_retries: int = 3
    statement_timeout_s: float | None = None
    registry: dict[str, type[Event]] = field(default_factory=catalogue, init=False, repr=False)

    async def process(
        self, records: Iterable[ConsumerRecord[Any, Any]], headers: Sequence[Mapping[str, str]] | None = None
    ) -> BatchResult:
        """Apply a batch: a fast path (one ledger insert, no savepoints); if any handler fails, the
        batch is rolled back and applied again event by event with savepoints and retries. ``headers``:
        each record's headers already decoded as text, in order (FastStream's parser decodes them)."""
        batch = list(records)
        if headers is not None and len(headers) != len(batch):
            raise ValueError(f"{len(headers)} records' headers for {len(batch)} records")
        texts: list[Any] = [rec.headers for rec in batch] if headers is None else list(headers)
        try:
            try:
                res = await self._process_fast(batch, texts, all_new=True)
            except _SeenBefore:  # a resend or a DLQ replay: the batch has ids applied (or dead-lettered) before
                res = await self._process_fast(batch, texts, all_new=False)
        except _HandlerFailed:
            res = await self._process_careful(batch, texts)
        for topic, n in res.consumed.items():
            EVENTS_CONSUMED.labels(self.service, self.consumer.name, topic).inc(n)
        if res.duplicates:
            EVENTS_DUPLICATE.labels(self.service, self.consumer.name).inc(res.duplicates)
        return res

    def _decode(
        self, batch: list[ConsumerRecord[Any, Any]], headers: list[Any], res: BatchResult
    ) -> tuple[list[tuple[ConsumerRecord[Any, Any], Envelope, Handler[Any]]], list[tuple[Any, BaseException]]]:
        """Valid events with their handler (first occurrence of each id), and the poison records."""
        todo: list[tuple[ConsumerRecord[Any, Any], Envelope, Handler[Any]]] = []
        dead: list[tuple[Any, BaseException]] = []
        seen: set[Any] = set()
        for rec, hs in zip(batch, headers, strict=True):
            try:
                env = decode(hs, rec.value, self.registry)
            except EnvelopeError as exc:
                dead.append((rec, exc))
                continue
            handler = self.consumer.handlers.get(env.type)
            if handler is None:
                res.ignored += 1
            elif env.id in seen:
                res.duplicates += 1
            else:
                seen.add(env.id)
                todo.append((rec, env, handler))
        return todo, dead

    async def _process_fast(
        self, batch: list[ConsumerRecord[Any, Any]], headers: list[Any], *, all_new: bool
    ) -> BatchResult:
        """``all_new``: claim the ids with a plain INSERT, raising ``_SeenBefore`` (the transaction rolled
        back, nothing applied) if any is already claimed; else claim them skipping those."""
        res = BatchResult()
        todo, dead = self._decode(batch, headers, res)
        ids = [env.id for _, env, _ in todo]
        async with self.pool.acquire() as conn, conn.transaction():
            await self._bound(conn)
            if all_new:
                try:
                    await conn.execute(_CLAIM_NEW, self.consumer.name, ids)
                except asyncpg.UniqueViolationError:
                    raise _SeenBefore from None
                fresh = None  # every id claimed now: each event of ``todo`` is new
            else:
                fresh = {r["event_id"] for r in await conn.fetch(_CLAIM_MANY, self.consumer.name, ids)}
            runs: list[
                tuple[Handler[Any] | BatchHandler[Any], bool, list[tuple[ConsumerRecord[Any, Any], Envelope]]]
            ] = []
            for rec, env, handler in todo:
                if fresh is not None and env.id not in fresh:
                    res.duplicates += 1
                    continue
                many = self.consumer.batch_handlers.get(env.type)
                if many is not None and runs and runs[-1][0] is many:
                    runs[-1][2].append((rec, env))
                else:
                    runs.append((many or handler, many is not None, [(rec, env)]))
            for fn, is_batch, items in runs:
                first = items[0][1]
                tp = current_traceparent.set(first.traceparent)
                cid = current_correlation_id.set(first.correlation_id)
                try:
                    if is_batch:
                        await fn(conn, [env for _, env in items])  # type: ignore[arg-type]
                    else:
                        await fn(conn, first)  # type: ignore[arg-type]
                except INFRA_ERRORS:
                    raise
                except Exception as exc:
                    raise _HandlerFailed from exc  # rolls the batch back; the careful path takes over
                finally:
                    current_traceparent.reset(tp)
                    current_correlation_id.reset(cid)
                for rec, _ in items:
                    res.applied += 1
                    res.consumed[rec.topic] = res.consumed.get(rec.topic, 0) + 1
            if dead:
                await self._dead_letter(dead)
                res.dead_lettered = len(dead)
        return res

    async def _process_careful(self, batch: list[ConsumerRecord[Any, Any]], headers: list[Any]) -> BatchResult:
        res = BatchResult()
        todo, dead = self._decode(batch, headers, res)
        async with self.pool.acquire() as conn, conn.transaction():
            await self._bound(conn)
            for rec, env, handler in todo:
                fresh = await conn.fetchval(_CLAIM_ONE, self.consumer.name, env.id)
                if not fresh:
                    res.duplicates += 1
                    continue
                error = await self._apply(conn, handler, env, rec.topic)
                if error is None:
                    res.applied += 1
                    res.consumed[rec.topic] = res.consumed.get(rec.topic, 0) + 1
                else:
                    await conn.execute(
                        "UPDATE processed_events SET outcome = 'dead_lettered' WHERE consumer = $1 AND event_id = $2",
                        self.consumer.name,
                        env.id,
                    )
                    dead.append((rec, error))
            if dead:
                await self._dead_letter(dead)
                res.dead_lettered = len(dead)
        return res

    async def _bound(self, conn: asyncpg.Connection) -> None:
        """A batch's statements get the batch timeout (longer than the API pool's)."""
        if self.statement_timeout_s is not None:
            await local_statement_timeout(conn, self.statement_timeout_s)

    async def _apply(
        self, conn: asyncpg.Connection, handler: Handler[Any], env: Envelope, topic: str
    ) -> BaseException | None:
        tp = current_traceparent.set(env.traceparent)
        cid = current_correlation_id.set(env.correlation_id)
        last: BaseException | None = None
        try:
            for attempt in range(1, self.max_retries + 1):
                try:
                    async with conn.transaction():  # a savepoint: only this event's effects roll back
                        await handler(conn, env)
                    return None
                except INFRA_ERRORS:
                    raise
                except Exception as exc:
                    last = exc
                    EVENTS_FAILED.labels(self.service, self.consumer.name, topic).inc()
                    log.warning(
                        "event_handler_failed",
                        consumer=self.consumer.name,
                        event_id=str(env.id),
                        event_type=env.type,
                        attempt=attempt,
                        error=repr(exc),
                    )
            return last
        finally:
            current_traceparent.reset(tp)
            current_correlation_id.reset(cid)

    async def _dead_letter(self, dead: list[tuple[ConsumerRecord[Any, Any], BaseException]]) -> None:
        futures = []
        now = datetime.now(UTC).isoformat()
        for rec, exc in dead:
            headers = [
                *list(rec.headers or ()),
                ("dlq-error", str(exc)[:2000].encode()),
                ("dlq-error-type", type(exc).__name__.encode()),
                ("dlq-error-trace", "".join(traceback.format_exception(exc))[-4000:].encode()),
                ("dlq-original-topic", rec.topic.encode()),
                ("dlq-original-partition", str(rec.partition).encode()),
                ("dlq-original-offset", str(rec.offset).encode()),
                ("dlq-consumer", self.consumer.name.encode()),
                ("dlq-failed-at", now.encode()),
            ]
            futures.append(await self.producer.send(f"{rec.topic}.dlq", value=rec.value, key=rec.key, headers=headers))
            EVENTS_DEAD_LETTERED.labels(self.service, self.consumer.name, rec.topic).inc()
            log.error(
                "event_dead_lettered",
                consumer=self.consumer.name,
                topic=rec.topic,
                partition=rec.partition,
                offset=rec.offset,
                error=str(exc)[:500],
            )
        await asyncio.gather(*futures)


def _readable(record: ConsumerRecord[Any, Any]) -> ConsumerRecord[Any, Any]:
    """The record with every header value UTF-8 text (bytes that are not: decoded with U+FFFD in place
    of what is not; no value: empty)."""
    headers = [(k, header_text(v).encode()) for k, v in record.headers]
    return dataclasses.replace(record, headers=headers)


async def _tolerant(raw: Sequence[ConsumerRecord[Any, Any]], original: Any) -> StreamMessage[Any]:
    """FastStream's batch parser, which decodes every header value strictly as UTF-8; for a batch where
    that fails, the batch again with its headers made readable (:func:`_readable`).

    One record with a header value that is not UTF-8 (or none at all: Kafka allows a null value) made
    the parser raise before the batch reached ``on_batch``; with manual acknowledgement FastStream
    then drops the batch, and the next batch's acknowledgement commits past it: every record of it
    lost, none dead-lettered. Now the processor sees each record: an event whose envelope headers are
    unreadable is dead-lettered (the copy carries the readable form of its headers), the others are
    applied. The usual batch costs nothing more."""
    try:
        return await original(raw)  # type: ignore[no-any-return]
    except (UnicodeDecodeError, AttributeError):
        log.warning("consumer_unreadable_headers", records=len(raw))
        return await original(tuple(_readable(r) for r in raw))  # type: ignore[no-any-return]


async def _undecoded(msg: StreamMessage[Any], _original: Any) -> Any:
    """FastStream's decoder for our batches: none (it would JSON-decode every record for nothing)."""
    return msg.raw_message


def subscribe(
    broker: KafkaBroker,
    processor: BatchProcessor,
    *,
    max_records: int = 2000,
    fetch_max_wait_ms: int = 100,
    fetch_min_bytes: int = 1,
    max_partition_fetch_bytes: int = 4 * 1024 * 1024,
    session_timeout_ms: int = 10000,
    heartbeat_interval_ms: int = 3000,
    retry_backoff_s: float = 1.0,
    namespace: str = "",
    group_instance_id: str | None = None,
) -> None:
    """Attach ``processor`` to ``broker`` as a batch subscriber with manual acknowledgement.

    ``fetch_max_wait_ms`` bounds how long the broker holds a fetch that finds nothing new. aiokafka
    sends one fetch per broker for all the partitions it may fetch: while one partition's records
    wait to be processed it asks for the others, and a partition with a backlog (a hot campaign's,
    one key) cannot be fetched again until that fetch returns. With Kafka's default of 500 ms that
    wait came after every ~1 MB fetched and was most of a bulk import's consumption time. Records
    are handed over undecoded (the processor decodes each envelope once, not FastStream as well).
    ``fetch_min_bytes`` lets the broker gather a steady stream's events into larger batches (within
    ``fetch_max_wait_ms``): each batch is one transaction, so a consumer's cost per event falls.
    """
    consumer = processor.consumer

    @broker.subscriber(
        *(namespace + t for t in consumer.topics),
        group_id=namespace + consumer.name,
        group_instance_id=group_instance_id,
        batch=True,
        max_records=max_records,
        batch_timeout_ms=fetch_max_wait_ms,
        fetch_max_wait_ms=fetch_max_wait_ms,
        fetch_min_bytes=fetch_min_bytes,
        max_partition_fetch_bytes=max_partition_fetch_bytes,
        parser=_tolerant,
        decoder=_undecoded,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.MANUAL,
        session_timeout_ms=session_timeout_ms,
        heartbeat_interval_ms=heartbeat_interval_ms,
        title=f"{consumer.name}",
        description=f"Consumer group {consumer.name}",
    )
    async def on_batch(msg: KafkaMessage) -> None:
        raw = msg.raw_message
        records = list(raw) if isinstance(raw, tuple | list) else [raw]
        try:
            # FastStream's parser has decoded every record's headers already (batch_headers): not twice
            await processor.process(records, msg.batch_headers if len(msg.batch_headers) == len(records) else None)
        except Exception as exc:
            log.error("consumer_batch_failed", consumer=consumer.name, error=repr(exc), records=len(records))
            await asyncio.sleep(retry_backoff_s)
            await msg.nack()  # rewind every partition of the batch; nothing is committed
            return
        await msg.ack()  # commit offsets only after the database commit
