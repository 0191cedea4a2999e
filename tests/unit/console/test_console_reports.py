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


def test_the_report_tables_group_the_thousands_of_every_count() -> None:
    """11603 members, 1000 joined, 12345.5 hours: '11.603', '1.000', '12.345,5' as the amounts are grouped;
    a campaign's donations and blood units too."""
    from rc_console.entrypoints import web

    members = web.templates.get_template("reports.html").make_module({"values": {}, "errors": {}})
    unit = {"unit_id": "u", "name": "Tỉnh", "level": "province", "members": 11_603, "volunteers": 2_193,
            "youth": 1, "collaborators": 0, "members_joined": 1_000, "members_lapsed": 12_000,
            "volunteer_hours": 12_345.5}  # fmt: skip
    row = str(members.figures(unit, True))  # type: ignore[attr-defined]
    for shown in (">11.603<", ">2.193<", ">1.000<", ">12.000<", ">12.345,5<", ">1<", ">0<"):
        assert shown in row, (shown, row)
    funds = web.templates.get_template("campaign_reports.html").make_module({"values": {}, "errors": {}})
    figures = {"cash_raised_vnd": 0, "in_kind_value_vnd": 0, "distributed_cash_vnd": 0, "distributed_goods_vnd": 0,
               "credited_cash_vnd": 0, "blood_units": 2_500, "donations": 1_000_000}  # fmt: skip
    campaign_row = str(funds.funds({"unit_id": "u", "name": "Tỉnh", "level": "province", **figures}, True))  # type: ignore[attr-defined]
    assert 'data-figure="blood_units">2.500<' in campaign_row and 'data-figure="donations">1.000.000<' in campaign_row


def test_a_charts_labels_leave_out_the_name_every_unit_shares() -> None:
    """ "Hội Chữ thập đỏ huyện …" cut at 22 characters was the same label for every district."""
    chart = bar_chart([("Hội Chữ thập đỏ huyện Hồng Dân", 1), ("Hội Chữ thập đỏ huyện Phước Long", 2), ("Xã A", 3)])
    assert [(b.label, b.short) for b in chart.bars] == [
        ("Hội Chữ thập đỏ huyện Hồng Dân", "huyện Hồng Dân"),
        ("Hội Chữ thập đỏ huyện Phước Long", "huyện Phước Long"),
        ("Xã A", "Xã A"),
    ]
