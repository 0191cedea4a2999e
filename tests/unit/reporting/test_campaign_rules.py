"""Pure rules of the campaign reports: state on a date, targets, figures, time buckets, nesting."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from rc_reporting.domain.campaigns import (
    MAX_BUCKETS,
    SeriesRequest,
    bucket_count,
    campaign_figures,
    campaign_report,
    campaign_state,
    local_date,
    nest,
    percent,
    target_progress,
    unit_funds,
)
from rc_shared.errors import Invalid

CLOSED, SETTLED, CANCELLED = date(2025, 8, 1), date(2025, 8, 25), date(2025, 9, 1)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 7, 31), "launched"),
        (CLOSED, "closed"),
        (SETTLED - timedelta(days=1), "closed"),
        (SETTLED, "settled"),
        (CANCELLED, "cancelled"),
        (None, "cancelled"),
    ],
)
def test_state_on_a_date_follows_the_lifecycle_dates_up_to_it(as_of: date | None, expected: str) -> None:
    assert campaign_state(as_of, True, CLOSED, SETTLED, CANCELLED) == expected


def test_a_close_dated_ahead_has_not_happened_before_its_day() -> None:
    """Everything projected so far, read on ``today``: a close dated ahead is not yet the state."""
    assert campaign_state(None, True, CLOSED, None, None, CLOSED - timedelta(days=1)) == "launched"
    assert campaign_state(None, True, CLOSED, None, None, CLOSED) == "closed"
    assert campaign_state(None, True, CLOSED, None, None) == "closed"  # no day given: every projected fact
    assert campaign_state(CLOSED - timedelta(days=1), True, CLOSED, None, None, CLOSED) == "launched"  # as_of first


def test_state_is_unknown_until_the_launch_is_projected_and_cancelled_from_draft_is_cancelled() -> None:
    assert campaign_state(None, False, None, None, None) == "unknown"
    assert campaign_state(None, False, None, None, date(2025, 1, 1)) == "cancelled"
    assert campaign_state(date(2024, 12, 31), False, None, None, date(2025, 1, 1)) == "unknown"


def test_percent_has_one_decimal_and_is_none_for_an_untracked_target() -> None:
    assert percent(7_700_000, 10_000_000) == 77.0
    assert percent(1, 3) == 33.3
    assert percent(12, 10) == 120.0
    assert percent(5, None) is None and percent(5, 0) is None


def test_target_progress_lists_every_target_kind() -> None:
    progress = target_progress({"cash_vnd": 1000, "blood_units": 0}, {"cash_vnd": 250, "blood_units": 3})
    assert progress == {
        "cash_vnd": {"target": 1000, "value": 250, "percent": 25.0},
        "in_kind_value_vnd": {"target": None, "value": 0, "percent": None},
        "blood_units": {"target": None, "value": 3, "percent": None},
        "beneficiaries": {"target": None, "value": 0, "percent": None},
    }


def _row(**over: Any) -> dict[str, Any]:
    return {
        "campaign_id": uuid.uuid4(),
        "launched": True,
        "code": "C",
        "cash_raised_vnd": 5_000_000,
        "distributed_cash_vnd": 1_200_000,
        "in_kind_value_vnd": None,
        "beneficiaries_reached": 3,
        "target_cash_vnd": 10_000_000,
        "target_beneficiaries": 6,
        **over,
    }


def test_balance_is_cash_raised_minus_cash_distributed_and_missing_figures_are_zero() -> None:
    f = campaign_figures(_row(), None)
    assert f["balance_cash_vnd"] == 3_800_000
    assert (f["in_kind_value_vnd"], f["donors"], f["pledged_vnd"]) == (0, 0, 0)
    assert f["state"] == "launched"


def test_report_targets_use_raised_figures_and_beneficiaries_reached() -> None:
    r = campaign_report(_row(), date(2025, 6, 1))
    assert r["targets"]["cash_vnd"] == {"target": 10_000_000, "value": 5_000_000, "percent": 50.0}
    assert r["targets"]["beneficiaries"] == {"target": 6, "value": 3, "percent": 50.0}
    assert r["as_of"] == date(2025, 6, 1)


def test_report_orders_the_targets_reached_by_time() -> None:
    t1, t2 = datetime(2025, 7, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)
    r = campaign_report(
        _row(targets_reached=[{"target": "cash_vnd", "reached_at": t1}, {"target": "beneficiaries", "reached_at": t2}]),
        None,
    )
    assert r["targets_reached"] == [
        {"target": "beneficiaries", "reached_at": t2},
        {"target": "cash_vnd", "reached_at": t1},
    ]


@pytest.mark.usefixtures("default_zone")  # (tests/conftest.py: whatever zone the run chose)
def test_local_date_is_viet_nam_time() -> None:
    late_utc = datetime(2025, 5, 31, 18, 30, tzinfo=UTC)  # 01:30 on 1 June in Viet Nam
    assert local_date(late_utc) == date(2025, 6, 1)
    assert local_date(datetime(2025, 5, 31, 16, 59)) == date(2025, 5, 31)  # naive: UTC
    assert local_date(datetime(2025, 6, 1, 0, 5, tzinfo=timezone(timedelta(hours=7)))) == date(2025, 6, 1)


def test_bucket_count_counts_calendar_days_and_months_inclusive() -> None:
    assert bucket_count("day", date(2025, 6, 14), date(2025, 6, 20)) == 7
    assert bucket_count("month", date(2025, 5, 31), date(2025, 8, 1)) == 4
    assert bucket_count("month", date(2024, 12, 1), date(2025, 1, 31)) == 2
    assert bucket_count("day", date(2025, 6, 2), date(2025, 6, 1)) == 0


def test_series_request_rejects_a_reversed_period_too_many_buckets_and_unknown_granularity() -> None:
    with pytest.raises(Invalid, match="after period_to"):
        SeriesRequest.build("day", date(2025, 6, 2), date(2025, 6, 1))
    with pytest.raises(Invalid, match="granularity=month"):
        SeriesRequest.build("day", date(2020, 1, 1), date(2020, 1, 1) + timedelta(days=MAX_BUCKETS))
    with pytest.raises(Invalid, match="granularity"):
        SeriesRequest.build("week")
    ok = SeriesRequest.build("day", date(2020, 1, 1), date(2020, 1, 1) + timedelta(days=MAX_BUCKETS - 1))
    assert ok.granularity == "day"
    assert SeriesRequest.build("month") == SeriesRequest("month", None, None)


def _unit(unit: uuid.UUID, parent: uuid.UUID | None, dist: int, code: str, **figures: Any) -> dict[str, Any]:
    return {"unit_id": unit, "parent_id": parent, "dist": dist, "code": code, "name": code, "level": "x", **figures}


def test_unit_funds_are_nested_under_their_parents_with_missing_figures_zero() -> None:
    top, a, b = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    (t,) = nest(
        [_unit(b, top, 1, "B"), _unit(a, top, 1, "A", credited_cash_vnd=5), _unit(top, None, 0, "T", donations=2)],
        unit_funds,
    )
    assert (t["donations"], t["cash_raised_vnd"]) == (2, 0)
    assert [c["code"] for c in t["children"]] == ["A", "B"]
    assert t["children"][0]["credited_cash_vnd"] == 5
