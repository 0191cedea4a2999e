"""Review rules: plan roll-up across a reform, indicators, periods; exports' pure parts."""

from __future__ import annotations

import sys
import uuid
from datetime import date

import pytest

from rc_reporting.domain.review import (
    MOVEMENTS,
    ReviewPeriod,
    check_indicator,
    check_target,
    figure,
    plan_rollup,
    sections,
)
from rc_reporting.exports.charts import column_chart, short
from rc_reporting.exports.pdf_out import PdfUnavailable, review_pdf
from rc_reporting.exports.rows import pct, vnd
from rc_shared.errors import Invalid

P, D1, D2, C1, C2, C3 = (uuid.uuid4() for _ in range(6))
# 2025: D1 (C1, C2) and D2 (C3) until 30 June, then C1..C3 directly under P
CHILDREN = {P: [D1, D2, C1, C2, C3], D1: [C1, C2], D2: [C3]}


def test_plan_rollup_counts_each_planned_unit_once_and_own_targets_win() -> None:
    targets = {D1: {"new_members": 5}, D2: {"new_members": 3}, C3: {"new_members": 2}, C1: {"new_members": 7},
               C2: {"new_members": 1}}  # fmt: skip
    # D1's target replaces C1's below it, yet C1 also sat directly under P from July: both count
    assert plan_rollup(P, CHILDREN, targets) == {"new_members": 5 + 3 + 2 + 7 + 1}
    assert plan_rollup(D1, CHILDREN, targets) == {"new_members": 5}
    assert plan_rollup(P, CHILDREN, {**targets, P: {"new_members": 4}}) == {"new_members": 4}
    assert plan_rollup(C2, CHILDREN, {}) == {} and plan_rollup(C2, CHILDREN, {D1: {"new_members": 5}}) == {}
    only_communes = {C1: {"x": 1}, C2: {"x": 2}, C3: {"x": 4}}
    assert plan_rollup(P, CHILDREN, only_communes) == {"x": 7}  # reached twice (via districts and P), once each


def test_a_plan_that_covers_part_of_the_subtree_is_no_plan() -> None:
    """Two communes of five planned: the district's actuals count all five, so a plan of the two would put it
    at "200 %" while each planned commune reached 80 %; it has no plan, each planned commune has its own."""
    d, communes = uuid.uuid4(), [uuid.uuid4() for _ in range(5)]
    tree = {d: communes}
    two = {communes[0]: {"blood_units": 100}, communes[1]: {"blood_units": 100}}
    assert plan_rollup(d, tree, two) == {}
    assert plan_rollup(communes[0], tree, two) == {"blood_units": 100}
    every = {c: {"blood_units": 100} for c in communes}
    assert plan_rollup(d, tree, every) == {"blood_units": 500}
    # the reform: a district planned for the year ends in July, its communes go on under the province with no
    # target of their own: the district's target covered them (they were below it during the year)
    p2, gone, c1, c2 = (uuid.uuid4() for _ in range(4))
    reform = {p2: [gone, c1, c2], gone: [c1, c2]}
    assert plan_rollup(p2, reform, {gone: {"new_members": 9}}) == {"new_members": 9}
    assert plan_rollup(p2, reform, {c1: {"new_members": 9}}) == {}  # c2: never below a planned unit
    # a unit with no target of its own under a planned one: no plan (not 0), and its communes none either
    top = uuid.uuid4()
    up = {top: [d], d: communes}
    assert plan_rollup(d, up, {top: {"blood_units": 1000}}) == {}
    assert plan_rollup(communes[0], up, {top: {"blood_units": 1000}, d: {"blood_units": 500}}) == {}
    # a commune that moved in from a planned district of another province: that target is not this one's plan
    q2, a, b, moved, e = (uuid.uuid4() for _ in range(5))
    assert plan_rollup(q2, {a: [moved], b: [moved, e], q2: [b]}, {a: {"x": 5}, e: {"x": 7}}) == {}
    # a province whose district plans only blood and whose other district plans nothing: no province plan
    p, other = uuid.uuid4(), uuid.uuid4()
    assert plan_rollup(p, {p: [d, other], d: communes}, every) == {}
    assert plan_rollup(p, {p: [d, other], d: communes}, {**every, other: {"blood_units": 50}}) == {"blood_units": 550}


def test_a_stock_is_planned_over_the_year_end_tree_and_a_flow_over_the_years() -> None:
    """Members (a stock, counted on 31 December): a district that ended during the year has none then, so
    its target is not the province's; new members (a flow) it recruited while it existed are."""
    during = {P: [D1, C2], D1: [C1]}
    at_end = {P: [C2]}
    targets = {D1: {"members": 100, "new_members": 5}, C2: {"members": 40, "new_members": 2}}
    assert plan_rollup(P, during, targets, at_end) == {"members": 40, "new_members": 7}
    assert plan_rollup(P, during, targets) == {"members": 140, "new_members": 7}  # (one tree for both)
    # members who lapsed in the period: a flow (the ended district's lapses were the province's too)
    assert plan_rollup(P, during, {D1: {"members_lapsed": 5}, C2: {"members_lapsed": 3}}, at_end) == {
        "members_lapsed": 8
    }


def test_periods_indicators_and_targets() -> None:
    assert ReviewPeriod.build(date(2024, 3, 1), date(2024, 8, 31)).months()[0] == "2024-03"
    assert ReviewPeriod.build(date(2024, 2, 29), date(2024, 12, 31)).previous().start == date(2023, 2, 28)
    with pytest.raises(Invalid):
        ReviewPeriod.build(date(2025, 2, 1), date(2025, 1, 1))
    with pytest.raises(Invalid):
        ReviewPeriod.build(date(2015, 1, 1), date(2025, 1, 1))
    kinds = {"gift_package": "Suất quà"}
    for ok in ("new_members", "support.gift_package", "tet_nhan_ai.support.gift_package", "blood_drive.blood_units"):
        assert check_indicator(ok, kinds) == ok
    for bad in ("support.house", "tet.new_members", "", "members.members"):
        with pytest.raises(Invalid):
            check_indicator(bad, kinds)
    for bad_target in (-1, 10**16, True, 1.5, "3"):
        with pytest.raises(Invalid):
            check_target(bad_target)


def test_figure_percentages() -> None:
    f = figure("x", "X", "người", 150, 100, 200)
    assert (f["change_percent"], f["percent_of_plan"]) == (50.0, 75.0)
    assert figure("x", "X", "người", 5, 0, None)["change_percent"] is None
    assert figure("x", "X", "người", 5, None, 0)["percent_of_plan"] is None


def test_number_formats_and_chart_labels() -> None:
    assert (vnd(12_345_678), vnd(None), vnd(2.5), pct(45.25), pct(None)) == ("12.345.678", "–", "2,50", "45,2 %", "–")
    assert (short(1_409_300_000), short(60_850_000), short(142)) == ("1,4 tỷ", "60,9 tr", "142")
    svg = column_chart("Giá trị <VND>", ["01/25", "02/25"], [0, 5])
    assert svg.count("<rect") == 2 and "Giá trị &lt;VND&gt;" in svg


def test_pdf_without_weasyprint_is_a_503_naming_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfUnavailable, match="pango") as err:
        review_pdf({"monthly": []})
    assert err.value.status == 503


def test_sections_show_given_or_planned_support_kinds_and_unknown_codes_by_code() -> None:
    now = {"support.gift_package": 3, "tet_nhan_ai.support.gift_package": 3, "support.boat": 1}
    out = {
        s["key"]: s for s in sections(now, None, {"support.meal": 10}, {"gift_package": "Suất quà", "meal": "Suất ăn"})
    }
    overall = {f["indicator"]: f for f in out["humanitarian"]["figures"]}
    assert (overall["support.gift_package"]["label"], overall["support.gift_package"]["value"]) == ("Suất quà", 3)
    assert (overall["support.meal"]["value"], overall["support.meal"]["plan"]) == (0, 10)  # planned, none given
    assert overall["support.boat"]["label"] == "boat"  # a code the catalogue here does not know
    assert overall["support.gift_package"]["previous"] is None  # no previous period (the unit did not exist)
    tet = {f["indicator"] for f in out["movement:tet_nhan_ai"]["figures"]}
    assert "tet_nhan_ai.support.gift_package" in tet and "tet_nhan_ai.support.meal" not in tet
    assert list(out) == [
        "organisation", "humanitarian", *(f"movement:{m}" for m in MOVEMENTS), "blood", "training",
    ]  # fmt: skip
