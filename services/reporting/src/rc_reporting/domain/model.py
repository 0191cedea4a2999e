"""Membership report types and rules (pure: no database, web or Kafka imports).

Conventions of the projection and of every report:

- Intervals are half-open ``[from, to)``: a unit version, a membership span or a role holds on day
  ``d`` when ``from <= d < to``; a change "effective on" / "valid from" ``d`` holds from ``d`` on, and a
  role "ended on" ``d`` no longer counts on ``d``.
- Stocks (units, members, roles) are counted on ``as_of`` over the subtree of the tree valid on
  ``as_of``. People are counted once per figure even when they hold it in several units of the subtree.
- Flows (joined, lapsed, volunteer hours) in ``[period_from, period_to]`` (both inclusive) are
  attributed through the tree valid on the day each flow happened: a member who lapsed in a
  district later dissolved still counts for the province above it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rc_shared.errors import Invalid

ACTIVE = "active"
LAPSED = "lapsed"
MAX_DEPTH = 10
DEFAULT_DEPTH = 1


@dataclass(frozen=True)
class RoleNames:
    """Which role names feed the dedicated figures (roles are configurable upstream)."""

    volunteer: str = "volunteer"
    youth: str = "youth"
    collaborator: str = "collaborator"


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates for flows."""

    start: date
    end: date

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


def resolve_period(as_of: date, period_from: date | None, period_to: date | None) -> Period:
    """The period of flows: defaults to the calendar year of ``as_of`` up to ``as_of``.

    Only ``period_from`` given: up to ``as_of``. Only ``period_to`` given: from the first of January
    of its year. A period ending before it starts is invalid.
    """
    if period_from is None and period_to is None:
        return Period(date(as_of.year, 1, 1), as_of)
    if period_to is None:
        assert period_from is not None
        period_to = as_of
        if period_from > period_to:
            raise Invalid(
                f"period_from {period_from} is after as_of {as_of}; give period_to as well",
                field="period_from",
            )
    if period_from is None:
        period_from = date(period_to.year, 1, 1)
    if period_from > period_to:
        raise Invalid(f"period_from {period_from} is after period_to {period_to}", field="period_from")
    return Period(period_from, period_to)


def check_depth(depth: int) -> int:
    if not 0 <= depth <= MAX_DEPTH:
        raise Invalid(f"depth must be between 0 and {MAX_DEPTH}", field="depth")
    return depth


@dataclass(frozen=True)
class ReportRequest:
    as_of: date
    period: Period
    unit_id: uuid.UUID | None = None
    depth: int = DEFAULT_DEPTH

    @classmethod
    def build(
        cls,
        as_of: date,
        unit_id: uuid.UUID | None = None,
        period_from: date | None = None,
        period_to: date | None = None,
        depth: int = DEFAULT_DEPTH,
    ) -> ReportRequest:
        return cls(as_of, resolve_period(as_of, period_from, period_to), unit_id, check_depth(depth))


@dataclass
class UnitReport:
    """Figures of one unit, rolled up over its subtree."""

    unit_id: uuid.UUID
    code: str
    name: str
    level: str
    parent_id: uuid.UUID | None
    units_by_level: dict[str, int] = field(default_factory=dict)
    members: int = 0
    volunteers: int = 0
    youth: int = 0
    collaborators: int = 0
    roles: dict[str, int] = field(default_factory=dict)
    members_joined: int = 0
    members_lapsed: int = 0
    volunteer_hours: float = 0.0
    fees: dict[str, int] = field(default_factory=dict)
    children: list[UnitReport] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit_id": str(self.unit_id),
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "units_by_level": dict(self.units_by_level),
            "members": self.members,
            "volunteers": self.volunteers,
            "youth": self.youth,
            "collaborators": self.collaborators,
            "roles": dict(self.roles),
            "members_joined": self.members_joined,
            "members_lapsed": self.members_lapsed,
            "volunteer_hours": self.volunteer_hours,
            "fees": dict(self.fees),
            "children": [c.to_dict() for c in self.children],
        }


FEE_STATUSES = ("paid", "unpaid", "exempted")


def unit_report(row: Mapping[str, Any], roles: RoleNames) -> UnitReport:
    """One unit's figures from a flat row of the roll-up query."""
    role_counts = {str(k): int(v) for k, v in sorted((row.get("roles") or {}).items())}
    fees = {s: 0 for s in FEE_STATUSES}
    for k, v in (row.get("fees") or {}).items():
        fees[str(k)] = int(v)
    return UnitReport(
        unit_id=row["unit_id"],
        code=row["code"],
        name=row["name"],
        level=row["level"],
        parent_id=row["parent_id"],
        units_by_level={str(k): int(v) for k, v in sorted((row.get("units_by_level") or {}).items())},
        members=int(row.get("members") or 0),
        volunteers=role_counts.get(roles.volunteer, 0),
        youth=role_counts.get(roles.youth, 0),
        collaborators=role_counts.get(roles.collaborator, 0),
        roles=role_counts,
        members_joined=int(row.get("members_joined") or 0),
        members_lapsed=int(row.get("members_lapsed") or 0),
        volunteer_hours=round(float(row.get("volunteer_hours") or 0), 2),
        fees=fees,
    )


def assemble(rows: Iterable[Mapping[str, Any]], roles: RoleNames) -> list[UnitReport]:
    """Nest flat rows (each with ``unit_id``, ``parent_id`` and ``dist`` from the top) into trees.

    Rows at distance 0 are the tops; a row is attached under its parent when the parent is among
    the rows. Children are ordered by code, then name; tops likewise.
    """
    ordered = sorted(rows, key=lambda r: (int(r["dist"]), str(r["code"]), str(r["name"]), str(r["unit_id"])))
    by_id: dict[uuid.UUID, UnitReport] = {}
    tops: list[UnitReport] = []
    for r in ordered:
        if r["unit_id"] in by_id:  # a unit reached twice (only with a corrupt, cyclic tree)
            continue
        rep = unit_report(r, roles)
        by_id[rep.unit_id] = rep
        parent = by_id.get(rep.parent_id) if rep.parent_id is not None and int(r["dist"]) > 0 else None
        if parent is None:
            tops.append(rep)
        else:
            parent.children.append(rep)
    return tops
