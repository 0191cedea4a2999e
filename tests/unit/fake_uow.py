"""The part of a fake unit of work every service shares: events are kept until commit."""

from __future__ import annotations

from rc_shared.envelope import Event


class FakeEvents:
    """``emit`` buffers; ``commit`` moves the buffer to ``committed`` (what the outbox would publish)
    and counts; ``rollback`` drops the buffer. Mix in before the service's abstract unit of work."""

    def __init__(self) -> None:
        self.pending: list[Event] = []
        self.committed: list[Event] = []
        self.commits = 0

    def emit(self, *events: Event) -> None:
        self.pending.extend(events)

    async def commit(self) -> None:
        self.committed.extend(self.pending)
        self.pending = []
        self.commits += 1

    async def rollback(self) -> None:
        self.pending = []
