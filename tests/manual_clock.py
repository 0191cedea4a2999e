"""A monotonic clock that only moves when a test says so (a bound of time checked without waiting)."""

from __future__ import annotations

import time


class ManualClock:
    """Starts after the real monotonic clock's now (so it is later than anything read before it)."""

    def __init__(self) -> None:
        self.now = time.monotonic() + 1.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
