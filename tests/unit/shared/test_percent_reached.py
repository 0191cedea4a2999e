"""A target's progress as both public pages say it (the reporting service's campaign page and the
donations service's ledger page said 100 % and 99 % of one target, 130 % and 100 % of another)."""

from __future__ import annotations

import pytest

from rc_shared.labels import percent_reached


@pytest.mark.parametrize(
    ("value", "target", "said"),
    [(996, 1000, 99), (1000, 1000, 100), (1300, 1000, 130), (0, 1000, 0), (5, None, 0), (5, 0, 0), (1, 3, 33)],
)
def test_progress_is_truncated_and_not_capped(value: int, target: int | None, said: int) -> None:
    assert percent_reached(value, target) == said
