"""The organisation's clock: its time zone (``RC_TIMEZONE``, default Asia/Ho_Chi_Minh) decides what
"today" is, for every service and every rule ("not in the future", date windows, scope as of today).

Everything asks :func:`today` or :func:`now`, never ``date.today()`` (the machine's zone: a server in
UTC would still be on yesterday until 07:00 in Viet Nam). Each service calls :func:`configure` with its
settings at start-up; tests move the clock with :func:`frozen`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from rc_shared.errors import Invalid

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"

_zone = ZoneInfo(DEFAULT_TIMEZONE)
_frozen: datetime | None = None


def configure(timezone: str) -> None:
    """Set the organisation's time zone (an IANA name, e.g. ``Asia/Ho_Chi_Minh``)."""
    global _zone
    _zone = ZoneInfo(timezone)


def zone() -> ZoneInfo:
    return _zone


def now() -> datetime:
    """The current instant in the organisation's time zone (aware)."""
    return _frozen.astimezone(_zone) if _frozen is not None else datetime.now(_zone)


def today() -> date:
    """Today's date in the organisation's time zone."""
    return now().date()


@contextlib.contextmanager
def frozen(at: date | datetime) -> Iterator[None]:
    """Tests: the clock stands still at ``at`` (a date means noon of that day in the organisation's zone)."""
    global _frozen
    before = _frozen
    _frozen = at if isinstance(at, datetime) else datetime.combine(at, time(12), _zone)
    try:
        yield
    finally:
        _frozen = before


@dataclass(frozen=True)
class Window:
    """How far from today an operational date may lie: ``days_back`` before, ``days_ahead`` after."""

    days_back: int
    days_ahead: int

    def bounds(self, on: date) -> tuple[date, date]:
        return on - timedelta(days=self.days_back), on + timedelta(days=self.days_ahead)

    def check(self, field: str, day: date, on: date) -> None:
        """Invalid (422, naming ``field`` and the allowed range) unless ``day`` lies in the window around ``on``."""
        earliest, latest = self.bounds(on)
        if not earliest <= day <= latest:
            raise Invalid(
                f"{field} {day.isoformat()} is outside the allowed range {earliest.isoformat()} to "
                f"{latest.isoformat()} ({self.days_back} days back to {self.days_ahead} days ahead of today, "
                f"{on.isoformat()})",
                field=field,
                earliest=earliest,
                latest=latest,
            )
