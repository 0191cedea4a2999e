"""The organisation tree as dated data (pure: no I/O).

A unit has versions ``[valid_from, valid_to)``; a change on date D closes the version in force and
opens a new one from D. Levels come from configuration, highest first; a child's level must be
strictly below its parent's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rc_shared.errors import Conflict, Invalid


@dataclass(frozen=True)
class Levels:
    """The configured levels, highest first (e.g. central, province, district, commune, ...)."""

    names: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Levels:
        names = tuple(n.strip() for n in text.split(",") if n.strip())
        if not names:
            raise ValueError("at least one unit level must be configured")
        if len(set(names)) != len(names):
            raise ValueError(f"unit levels must be distinct: {text!r}")
        return cls(names)

    def rank(self, level: str) -> int:
        try:
            return self.names.index(level)
        except ValueError:
            raise Invalid(f"unknown level {level!r}; levels are {', '.join(self.names)}", field="level") from None

    def check_child(self, parent_level: str, child_level: str) -> None:
        """Refuse a child whose level is not strictly below its parent's (409)."""
        if self.rank(child_level) <= self.rank(parent_level):
            raise Conflict(
                f"a {child_level} unit cannot be placed under a {parent_level} unit: "
                f"a child's level must be below its parent's ({' > '.join(self.names)})",
                parent_level=parent_level,
                child_level=child_level,
            )


@dataclass(frozen=True)
class UnitVersion:
    unit_id: uuid.UUID
    name: str
    level: str
    parent_id: uuid.UUID | None
    valid_from: date
    valid_to: date | None  # exclusive; None: still in force

    def holds_on(self, d: date) -> bool:
        return self.valid_from <= d and (self.valid_to is None or d < self.valid_to)


def version_as_of(versions: Iterable[UnitVersion], d: date) -> UnitVersion | None:
    """The version in force on ``d`` (None: the unit did not exist then)."""
    for v in versions:
        if v.holds_on(d):
            return v
    return None


def check_change_date(latest: UnitVersion | None, on: date) -> None:
    """A change must apply to the version in force on ``on`` and be no earlier than the latest version."""
    if latest is None:
        raise Conflict("the unit has no version in force (dissolved or merged)")
    if on < latest.valid_from:
        raise Conflict(
            f"changes must be dated on or after the latest version ({latest.valid_from.isoformat()}); "
            "history is not rewritten",
            latest_valid_from=latest.valid_from.isoformat(),
        )
    if latest.valid_to is not None and on >= latest.valid_to:
        raise Conflict(f"the unit ended on {latest.valid_to.isoformat()}", ended_on=latest.valid_to.isoformat())


def ancestors(
    unit_id: uuid.UUID, parent_of: Callable[[uuid.UUID], uuid.UUID | None], limit: int = 1000
) -> list[uuid.UUID]:
    """Parent, grandparent, ... of ``unit_id`` (nearest first), following ``parent_of`` on one date."""
    out: list[uuid.UUID] = []
    seen = {unit_id}
    current = parent_of(unit_id)
    while current is not None:
        if current in seen or len(out) >= limit:
            raise Conflict("the unit tree contains a cycle", unit_id=str(current))
        out.append(current)
        seen.add(current)
        current = parent_of(current)
    return out


def check_no_cycle(
    unit_id: uuid.UUID, new_parent_id: uuid.UUID | None, parent_of: Callable[[uuid.UUID], uuid.UUID | None]
) -> None:
    """Refuse moving a unit under itself or one of its descendants (409)."""
    if new_parent_id is None:
        return
    if new_parent_id == unit_id:
        raise Conflict("a unit cannot be its own parent")
    if unit_id in ancestors(new_parent_id, parent_of):
        raise Conflict(
            "cannot move a unit under one of its own descendants", unit_id=str(unit_id), parent_id=str(new_parent_id)
        )


def check_children_fit(levels: Levels, new_level: str, child_levels: Sequence[str]) -> None:
    """After a unit changes level, each of its children must still be below it."""
    for lvl in child_levels:
        levels.check_child(new_level, lvl)
