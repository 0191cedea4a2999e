"""The configurable rules the use cases need (built from settings by the entrypoints)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rc_campaigns.domain.campaigns import PeriodRules


@dataclass(frozen=True)
class Policy:
    periods: PeriodRules = field(default_factory=PeriodRules)
    today: Callable[[], date] = date.today
