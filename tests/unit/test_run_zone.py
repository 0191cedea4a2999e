"""A test run never crosses the organisation's midnight (tests/conftest.py: zone_for_a_run)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import EARLIER_ZONE, MIDNIGHT_MARGIN_H, zone_for_a_run

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("vn_time", "zone"),
    [
        ((2026, 11, 30, 0, 5), None),
        ((2026, 11, 30, 12, 0), None),
        ((2026, 11, 30, 20, 59), None),
        ((2026, 11, 30, 21, 0), EARLIER_ZONE),
        ((2026, 11, 30, 23, 54), EARLIER_ZONE),  # the run that saw "tomorrow" accepted started here
    ],
)
def test_a_run_near_midnight_in_viet_nam_takes_an_earlier_zone(vn_time: tuple[int, ...], zone: str | None) -> None:
    start = datetime(*vn_time, tzinfo=VN).astimezone(UTC)
    assert zone_for_a_run(start) == zone


def test_in_the_zone_taken_the_run_has_hours_before_its_midnight() -> None:
    for minutes in range(0, 24 * 60, 7):
        start = datetime(2026, 11, 30, tzinfo=VN).astimezone(UTC) + timedelta(minutes=minutes)
        local = start.astimezone(ZoneInfo(zone_for_a_run(start) or "Asia/Ho_Chi_Minh"))
        midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo)
        assert midnight - local >= timedelta(hours=MIDNIGHT_MARGIN_H), start
