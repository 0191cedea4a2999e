"""Rules of this deployment that the use cases need (from settings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rc_donations.domain.blood import BloodRules
from rc_donations.domain.donations import ANONYMOUS_LABEL
from rc_shared import clock
from rc_shared.clock import Window
from rc_shared.support import DEFAULT_SUPPORT_KINDS


@dataclass(frozen=True)
class Policy:
    blood: BloodRules = field(default_factory=BloodRules)
    enforce_distribution_deadline: bool = True
    statement_max_rows: int = 5000
    statement_turn_wait_s: float = 5.0
    anonymous_label: str = ANONYMOUS_LABEL
    distribution_window: Window = field(default_factory=lambda: Window(days_back=180, days_ahead=0))
    support_kinds: frozenset[str] = frozenset(DEFAULT_SUPPORT_KINDS)
    today: Callable[[], date] = clock.today
