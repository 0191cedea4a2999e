"""Pure rules of the membership report: periods, depth, assembling the roll-up tree."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from rc_reporting.domain.model import Period, ReportRequest, RoleNames, assemble, resolve_period
from rc_shared.errors import Invalid


def test_default_period_is_the_calendar_year_of_as_of_up_to_as_of() -> None:
    assert resolve_period(date(2025, 8, 15), None, None) == Period(date(2025, 1, 1), date(2025, 8, 15))


def test_period_from_alone_runs_up_to_as_of() -> None:
    assert resolve_period(date(2025, 8, 15), date(2024, 7, 1), None) == Period(date(2024, 7, 1), date(2025, 8, 15))


def test_period_to_alone_starts_on_the_first_of_january_of_its_year() -> None:
    assert resolve_period(date(2025, 8, 15), None, date(2024, 3, 31)) == Period(date(2024, 1, 1), date(2024, 3, 31))


def test_period_bounds_are_inclusive() -> None:
    p = Period(date(2025, 1, 1), date(2025, 3, 31))
    assert date(2025, 1, 1) in p and date(2025, 3, 31) in p
    assert date(2024, 12, 31) not in p and date(2025, 4, 1) not in p


def test_period_ending_before_it_starts_is_invalid() -> None:
    with pytest.raises(Invalid, match="after period_to"):
        resolve_period(date(2025, 8, 15), date(2025, 6, 1), date(2025, 5, 31))


def test_period_from_after_as_of_without_period_to_is_invalid() -> None:
    with pytest.raises(Invalid, match="after as_of"):
        resolve_period(date(2025, 3, 1), date(2025, 6, 1), None)


@pytest.mark.parametrize("depth", [-1, 11])
def test_depth_outside_0_to_10_is_invalid(depth: int) -> None:
    with pytest.raises(Invalid, match="depth"):
        ReportRequest.build(date(2025, 1, 1), depth=depth)


def _row(unit: uuid.UUID, parent: uuid.UUID | None, dist: int, code: str, **figures: Any) -> dict[str, Any]:
    return {"unit_id": unit, "parent_id": parent, "dist": dist, "code": code, "name": code, "level": "x", **figures}


def test_assemble_nests_rows_under_their_parents_ordered_by_code() -> None:
    top, a, b, a1 = (uuid.uuid4() for _ in range(4))
    rows = [
        _row(a1, a, 2, "A1"),
        _row(b, top, 1, "B"),
        _row(a, top, 1, "A"),
        _row(top, None, 0, "T", members=5),
    ]
    (t,) = assemble(rows, RoleNames())
    assert t.members == 5
    assert [c.code for c in t.children] == ["A", "B"]
    assert [c.code for c in t.children[0].children] == ["A1"]
    assert t.children[1].children == []


def test_assemble_keeps_a_top_whose_parent_is_not_shown_as_a_top() -> None:
    parent, top = uuid.uuid4(), uuid.uuid4()
    (t,) = assemble([_row(top, parent, 0, "T")], RoleNames())
    assert t.unit_id == top and t.parent_id == parent


def test_role_figures_follow_the_configured_role_names() -> None:
    u = uuid.uuid4()
    roles = {"tnv": 3, "youth": 2, "ctv": 1, "first_aider": 4}
    (t,) = assemble([_row(u, None, 0, "U", roles=roles)], RoleNames(volunteer="tnv", collaborator="ctv"))
    assert (t.volunteers, t.youth, t.collaborators) == (3, 2, 1)
    assert t.roles == {"ctv": 1, "first_aider": 4, "tnv": 3, "youth": 2}


def test_missing_figures_are_zero_and_every_fee_status_is_listed() -> None:
    u = uuid.uuid4()
    (t,) = assemble([_row(u, None, 0, "U", fees={"paid": 2}, volunteer_hours=None)], RoleNames())
    d = t.to_dict()
    assert d["fees"] == {"paid": 2, "unpaid": 0, "exempted": 0}
    assert (d["members"], d["volunteers"], d["members_joined"], d["volunteer_hours"]) == (0, 0, 0, 0.0)
    assert d["units_by_level"] == {} and d["children"] == []
    assert d["unit_id"] == str(u) and d["parent_id"] is None
