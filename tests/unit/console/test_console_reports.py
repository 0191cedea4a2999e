"""The campaign reports' pure parts: the filters read from the GET form, the bar chart's layout."""

from __future__ import annotations

import datetime
import uuid

from rc_console.domain.reports import (
    CHART_WIDTH,
    LABEL_WIDTH,
    ROW_HEIGHT,
    VALUE_WIDTH,
    CampaignQuery,
    bar_chart,
    campaign_period,
    campaign_query,
)
from rc_console.entrypoints.pages_reports import period_params, unit_params

CAMPAIGN = uuid.UUID(int=7)


def test_empty_filters_are_the_services_defaults_by_month() -> None:
    assert campaign_query({}) == (CampaignQuery(), {})
    assert campaign_query({"granularity": "", "campaign_id": " "}) == (CampaignQuery(), {})


def test_valid_filters_are_read() -> None:
    q, errors = campaign_query(
        {"as_of": "2026-03-31", "period_from": "2026-01-01", "period_to": "2026-03-31",
         "campaign_id": str(CAMPAIGN), "granularity": "day"}
    )  # fmt: skip
    assert errors == {}
    assert q == CampaignQuery(
        None, datetime.date(2026, 3, 31), datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), CAMPAIGN, "day"
    )
    assert period_params(q) == {
        "campaign_id": CAMPAIGN, "granularity": "day", "period_from": q.period_from, "period_to": q.period_to
    }  # fmt: skip
    assert unit_params(q)["as_of"] == datetime.date(2026, 3, 31) and unit_params(q)["campaign_id"] == CAMPAIGN


def test_each_bad_filter_is_named_next_to_its_field() -> None:
    q, errors = campaign_query(
        {"as_of": "2024-02-30", "period_from": "'; drop", "period_to": "x", "unit_id": "abc",
         "campaign_id": "<script>", "granularity": "week"}
    )  # fmt: skip
    assert set(errors) == {"as_of", "period_from", "period_to", "unit_id", "campaign_id", "granularity"}
    assert errors["as_of"].startswith("Ngày không hợp lệ")
    assert errors["campaign_id"] == "Cuộc vận động không hợp lệ."
    assert errors["granularity"] == "Chọn theo ngày hoặc theo tháng."
    assert q == CampaignQuery()  # nothing of the junk is kept


def test_a_period_ending_before_it_starts_is_refused_at_its_end() -> None:
    _, errors = campaign_query({"period_from": "2026-03-01", "period_to": "2026-02-28"})
    assert errors == {"period_to": "Ngày cuối kỳ phải sau ngày đầu kỳ."}


def test_bars_are_to_scale_the_longest_filling_the_plot() -> None:
    plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    chart = bar_chart([("Xã A", 4_000_000), ("Xã B", 1_000_000), ("Xã C", 0)])
    assert chart.height == 3 * ROW_HEIGHT and chart.zero_x == LABEL_WIDTH
    assert [b.width for b in chart.bars] == [plot, plot / 4, 0]
    assert all(b.x == LABEL_WIDTH for b in chart.bars)
    assert [b.y for b in chart.bars] == sorted(b.y for b in chart.bars)  # one row under the other
    assert [(b.label, b.value) for b in chart.bars] == [("Xã A", 4_000_000), ("Xã B", 1_000_000), ("Xã C", 0)]


def test_a_negative_figure_draws_left_of_the_zero_line() -> None:
    plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    chart = bar_chart([("2026-01", 300), ("2026-02", -100)])
    assert chart.zero_x == LABEL_WIDTH + plot / 4
    up, down = chart.bars
    assert (up.x, up.width) == (chart.zero_x, plot * 3 / 4)
    assert (down.x + down.width, down.width) == (chart.zero_x, plot / 4)


def test_no_rows_or_only_zeros_is_a_chart_without_division_by_zero() -> None:
    assert bar_chart([]).bars == [] and bar_chart([]).height == ROW_HEIGHT
    assert bar_chart([("Xã A", 0)]).bars[0].width == 0


def test_a_chosen_campaigns_funds_by_unit_cover_its_own_period_unless_one_is_given() -> None:
    """Both tables of a chosen campaign count the same gifts: the funds by unit take the period its series
    covered (a Tết campaign from December to January), not 1 January to today; never past the tree's day."""
    tet = uuid.uuid4()
    q, _ = campaign_query({"campaign_id": str(tet)})
    today = datetime.date(2026, 1, 20)
    dec, jan = datetime.date(2025, 12, 1), datetime.date(2026, 2, 10)
    chosen = campaign_period(q, dec, jan, today)
    assert (chosen.period_from, chosen.period_to) == (dec, today)  # the deadline is after today: today
    asked, _ = campaign_query({"campaign_id": str(tet), "period_from": "2026-01-01", "as_of": "2026-01-15"})
    given = campaign_period(asked, dec, jan, today)
    assert (given.period_from, given.period_to) == (datetime.date(2026, 1, 1), datetime.date(2026, 1, 15))
    every, _ = campaign_query({})
    assert campaign_period(every, dec, jan, today) == every  # no campaign: the service's own default
