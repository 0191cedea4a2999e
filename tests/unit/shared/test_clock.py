"""The organisation's clock: its time zone decides today; tests freeze it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rc_shared import clock
from rc_shared.errors import Invalid
from rc_shared.settings import ServiceSettings


@pytest.mark.usefixtures("default_zone")  # (tests/conftest.py: whatever zone the run chose)
def test_today_is_the_date_in_the_organisations_time_zone() -> None:
    late_evening_utc = datetime(2026, 5, 1, 20, 0, tzinfo=UTC)  # 03:00 on 2 May in Viet Nam
    with clock.frozen(late_evening_utc):
        assert clock.today() == date(2026, 5, 2)
        clock.configure("UTC")
        assert clock.today() == date(2026, 5, 1)


def test_frozen_nests_and_restores() -> None:
    with clock.frozen(date(2025, 1, 1)):
        with clock.frozen(date(2030, 6, 1)):
            assert clock.today() == date(2030, 6, 1)
        assert clock.today() == date(2025, 1, 1)
    assert clock.today() == datetime.now(clock.zone()).date()


def test_a_window_bounds_a_date_around_today_and_names_the_range() -> None:
    w = clock.Window(days_back=3, days_ahead=1)
    on = date(2026, 5, 10)
    w.check("launched_on", date(2026, 5, 7), on)
    w.check("launched_on", date(2026, 5, 11), on)
    with pytest.raises(Invalid, match="launched_on 1900-01-01 is outside the allowed range 2026-05-07 to 2026-05-11"):
        w.check("launched_on", date(1900, 1, 1), on)


def test_an_unknown_time_zone_is_refused_by_the_settings() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        ServiceSettings(timezone="Mars/Olympus")
