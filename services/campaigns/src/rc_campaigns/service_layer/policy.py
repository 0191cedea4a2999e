"""The configurable rules the use cases need (built from settings by the entrypoints)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rc_campaigns.domain.campaigns import Action, PeriodRules
from rc_shared import clock
from rc_shared.clock import Window


@dataclass(frozen=True)
class Policy:
    periods: PeriodRules = field(default_factory=PeriodRules)
    # close_window never reaches back (days_back=0): see Campaign.close
    launch_window: Window = field(default_factory=lambda: Window(days_back=90, days_ahead=30))
    close_window: Window = field(default_factory=lambda: Window(days_back=0, days_ahead=30))
    settle_window: Window = field(default_factory=lambda: Window(days_back=90, days_ahead=0))
    # a cancellation takes effect when it is recorded (never ahead); a draft's may be recorded late
    cancel_window: Window = field(default_factory=lambda: Window(days_back=90, days_ahead=0))
    today: Callable[[], date] = clock.today

    def window(self, action: Action) -> Window | None:
        """How far from today the date of ``action`` may lie (None: not bounded here)."""
        windows = {"launch": self.launch_window, "close": self.close_window, "settle": self.settle_window}
        return (windows | {"cancel": self.cancel_window}).get(action)
