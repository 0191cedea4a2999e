"""Target crossing: which targets are newly reached, and the progress figures."""

from __future__ import annotations

from datetime import UTC, datetime

from rc_campaigns.domain.progress import Totals, newly_reached, percent, progress, tracked
from rc_shared.events.campaigns import Targets

T = Targets(cash_vnd=1_000, in_kind_value_vnd=500, blood_units=0, beneficiaries=None)


def test_only_positive_targets_are_tracked() -> None:
    assert tracked(T) == {"cash_vnd": 1_000, "in_kind_value_vnd": 500}


def test_below_target_nothing_is_reached() -> None:
    assert newly_reached(T, Totals(cash_vnd=999, in_kind_value_vnd=499), set()) == []


def test_exactly_the_target_counts_as_reached() -> None:
    got = newly_reached(T, Totals(cash_vnd=1_000), set())
    assert [(c.target, c.target_value, c.reached_value) for c in got] == [("cash_vnd", 1_000, 1_000)]


def test_two_targets_crossed_by_one_total_update_are_both_reported() -> None:
    got = newly_reached(T, Totals(cash_vnd=2_000, in_kind_value_vnd=800), set())
    assert [c.target for c in got] == ["cash_vnd", "in_kind_value_vnd"]


def test_a_target_already_reached_is_not_reported_again() -> None:
    assert newly_reached(T, Totals(cash_vnd=5_000), {"cash_vnd"}) == []


def test_zero_or_absent_targets_are_never_reached() -> None:
    assert newly_reached(T, Totals(blood_units=100, beneficiaries=100), set()) == []


def test_percent_is_none_without_a_target_and_truncated_otherwise() -> None:
    assert percent(5, None) is None
    assert percent(5, 0) is None
    assert percent(1, 3) == 33.3
    assert percent(3_000, 1_000) == 300.0
    # truncated, as reporting and the public pages say it: not 100.0 before the target is reached
    assert percent(999_600_000, 1_000_000_000) == 99.9 and percent(2, 3) == 66.6
    assert percent(1_000_000_000, 1_000_000_000) == 100.0


def test_progress_lists_every_kind_with_reached_at() -> None:
    at = datetime(2025, 1, 2, tzinfo=UTC)
    p = progress(T, Totals(cash_vnd=1_500), {"cash_vnd": at})
    assert p["cash_vnd"] == {"raised": 1_500, "target": 1_000, "percent": 150.0, "target_reached_at": at}
    assert p["in_kind_value_vnd"] == {"raised": 0, "target": 500, "percent": 0.0, "target_reached_at": None}
    assert p["blood_units"]["percent"] is None
    assert set(p) == {"cash_vnd", "in_kind_value_vnd", "blood_units", "beneficiaries"}
