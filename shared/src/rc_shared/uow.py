"""The unit of work as the use cases see it (after *Architecture Patterns with Python*, chapter 6).

A use case receives its service's unit of work: the service's repositories as attributes (each
typed by a small Protocol of the methods the use cases call), :meth:`emit` for the events its
change causes and :meth:`commit`. It never sees a connection, so its rules can be tested with
in-memory fakes of the same shape.

The real one, :class:`OutboxUnitOfWork`, wraps an entered :class:`rc_shared.outbox.UnitOfWork`:
the state written through the repositories and the emitted events commit in one PostgreSQL
transaction (the events as outbox rows), and leaving without commit writes neither.
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Any, Protocol, Self

import asyncpg

from rc_shared.envelope import Event
from rc_shared.outbox import UnitOfWork


class Row(Protocol):
    """A row as a repository returns it (an asyncpg ``Record``; a ``dict`` in a fake), read by column."""

    def __getitem__(self, key: str, /) -> Any: ...


def columns(row: Row, *names: str) -> dict[str, Any]:
    """The named columns of a row, as a view's fields of the same names."""
    return {n: row[n] for n in names}


class AbstractUnitOfWork(abc.ABC):
    """Repositories (declared by each service's subclass), events, commit; no commit means nothing happened."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.rollback()

    @abc.abstractmethod
    def emit(self, *events: Event) -> None:
        """Events to publish if, and only if, this unit of work commits."""

    @abc.abstractmethod
    async def commit(self) -> None:
        """Make the changes and the emitted events durable together."""

    @abc.abstractmethod
    async def rollback(self) -> None:
        """Discard the changes and the emitted events (a no-op after commit)."""


class OutboxUnitOfWork(AbstractUnitOfWork):
    """The real unit of work on an entered outbox transaction; a service's subclass builds its
    SQL repositories on :attr:`conn` in ``__init__``."""

    def __init__(self, tx: UnitOfWork) -> None:
        self.tx = tx

    @property
    def conn(self) -> asyncpg.Connection:
        """The transaction's connection (for entrypoints' access checks and reads, not for use cases)."""
        return self.tx.conn

    def emit(self, *events: Event) -> None:
        self.tx.emit(*events)

    async def commit(self) -> None:
        await self.tx.commit()

    async def rollback(self) -> None:
        await self.tx.rollback()
