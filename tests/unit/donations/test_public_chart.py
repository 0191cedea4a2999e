"""The public ledger's chart of a day's flows: a day whose reversals outweigh what it recorded (a negative
figure since migration 0016) draws no bar on that side, never a bar of negative height, and its label
says the figure."""

from __future__ import annotations

from datetime import date

from rc_donations.entrypoints.pages import chart


def test_a_negative_day_draws_no_bar_and_says_its_figure() -> None:
    daily = [
        {"on": date(2026, 11, 30), "cash_in_vnd": 4_000_000, "cash_out_vnd": 1_000_000},
        {"on": date(2026, 12, 1), "cash_in_vnd": -2_000_000, "cash_out_vnd": -500_000},  # reversals only
    ]
    c = chart(daily)
    first, negative = c["bars"]
    assert c["max"] == 4_000_000 and (c["first"], c["last"]) == (date(2026, 11, 30), date(2026, 12, 1))
    assert first["in_h"] > 0 and first["out_h"] > 0
    assert (negative["in_h"], negative["out_h"]) == (0, 0) and negative["in_y"] == c["axis"]
    assert negative["label"] == "01/12/2026: thu −2.000.000 ₫, chi −500.000 ₫"  # the minus sign of the page


def test_no_day_no_bar() -> None:
    assert chart([])["bars"] == [] and chart([])["first"] is None
