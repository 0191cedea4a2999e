"""Rules of this deployment that the use cases need (from settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from rc_donations.domain.blood import BloodRules
from rc_donations.domain.donations import ANONYMOUS_LABEL


@dataclass(frozen=True)
class Policy:
    blood: BloodRules = field(default_factory=BloodRules)
    enforce_distribution_deadline: bool = True
    statement_max_rows: int = 5000
    anonymous_label: str = ANONYMOUS_LABEL
    timezone: str = "Asia/Ho_Chi_Minh"

    def today(self) -> date:
        return datetime.now(ZoneInfo(self.timezone)).date()
