"""The configurable rules a use case needs (built from settings by the entrypoints)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rc_members.domain.people import RoleRules
from rc_members.domain.units import Levels
from rc_shared import clock


@dataclass(frozen=True)
class Policy:
    levels: Levels = field(default_factory=lambda: Levels.parse("central,province,district,commune,grassroots,branch"))
    roles: RoleRules = field(default_factory=RoleRules)
    import_max_rows: int = 2000
    today: Callable[[], date] = clock.today
