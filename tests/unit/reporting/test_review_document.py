"""The review as a document filed up the hierarchy: its letterhead, title, date and closing (Decree
30/2020/NĐ-CP's layout as Red Cross societies use it), besides its figures."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from rc_reporting.domain.review import issue_date_phrase, period_phrase, place_name, support_names, units_below
from rc_reporting.entrypoints.table_export import sheet_name
from rc_reporting.exports.csv_out import review_csv
from rc_reporting.exports.pdf_out import review_html
from rc_reporting.exports.rows import signed_pct
from rc_reporting.exports.xlsx_out import review_xlsx
from rc_shared import clock
from rc_shared.support import DEFAULT_SUPPORT_KINDS, SUPPORT_KIND_UNITS


@pytest.mark.parametrize(
    ("start", "end", "phrase"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), "năm 2025"),
        (date(2025, 1, 1), date(2025, 6, 30), "6 tháng đầu năm 2025"),
        (date(2025, 1, 1), date(2025, 9, 30), "9 tháng đầu năm 2025"),
        (date(2025, 1, 1), date(2025, 3, 31), "quý I năm 2025"),
        (date(2025, 7, 1), date(2025, 12, 31), "6 tháng cuối năm 2025"),
        (date(2025, 3, 1), date(2025, 8, 31), "từ ngày 01/03/2025 đến ngày 31/08/2025"),
        (date(2024, 7, 1), date(2025, 6, 30), "từ ngày 01/07/2024 đến ngày 30/06/2025"),
    ],
)
def test_the_title_names_the_period_as_reports_do(start: date, end: date, phrase: str) -> None:
    assert period_phrase(start, end) == phrase


@pytest.mark.parametrize(
    ("day", "phrase"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),  # a day under 10: a leading zero; March: none
        (date(2026, 2, 14), "ngày 14 tháng 02 năm 2026"),  # January and February: a leading zero
        (date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
    ],
)
def test_the_date_of_issue_is_written_as_administrative_documents_write_it(day: date, phrase: str) -> None:
    assert issue_date_phrase(day) == phrase


@pytest.mark.parametrize(
    ("unit", "place"),
    [
        ("Hội Chữ thập đỏ tỉnh Bạc Liêu", "Bạc Liêu"),
        ("Hội Chữ Thập Đỏ Thành phố Cần Thơ", "Cần Thơ"),
        ("Xã Vĩnh Trạch", "Vĩnh Trạch"),
        ("TP. Bạc Liêu", "Bạc Liêu"),
        ("H. Hồng Dân", "Hồng Dân"),
        ("Thị xã  Giá Rai", "Giá Rai"),
        ("phường 8", "Phường 8"),  # a number keeps its kind
        ("Xuân Lộc", None),  # no kind: not guessed
        ("Chi hội Ấp 3", None),  # a branch: no administrative unit
        ("Xã", None),
        ("Xãi Lộc", None),  # a word that only starts like a kind
        ("Xã Tân Phong, huyện Giá Rai", "Tân Phong"),  # the unit is the first part
        ("Xã đảo Thạnh An", "Thạnh An"),
        ("xã vĩnh trạch", "Vĩnh trạch"),
    ],
)
def test_the_place_of_issue_is_the_administrative_units_proper_name(unit: str, place: str | None) -> None:
    assert place_name(unit) == place


def test_the_units_below_go_from_the_top_down_without_the_reporting_unit() -> None:
    by_level = {"branch": 504, "commune": 68, "district": 7, "province": 1}  # as stored: alphabetical
    assert units_below(by_level, "province") == [("district", 7), ("commune", 68), ("branch", 504)]
    assert units_below({"commune": 1, "branch": 9}, "commune") == [("branch", 9)]
    assert units_below({"branch": 1}, "branch") == []


def _review(parent_name: str | None) -> dict[str, object]:
    return {
        "unit": {"unit_id": "u", "code": "GR", "name": "Hội Chữ thập đỏ thị xã Giá Rai", "level": "district",
                 "parent_id": None if parent_name is None else "p", "parent_name": parent_name,
                 "units_by_level": {"branch": 80, "commune": 10, "district": 1}},
        "period_from": "2025-01-01", "period_to": "2025-06-30", "previous_from": "2024-01-01",
        "previous_to": "2024-06-30", "plan_year": 2025, "sections": [], "units": [],
        "monthly": [{"month": "2025-01", "funds_raised_vnd": 0, "support_value_vnd": 0, "person_times": 0,
                     "blood_units": 0}],
    }  # fmt: skip


def test_the_report_has_a_letterhead_a_title_of_its_period_and_a_closing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2025, 7, 5))
    html = review_html(_review("Hội Chữ thập đỏ tỉnh Bạc Liêu"))
    letterhead = html[html.index('<table class="letterhead">') : html.index("</header>")]
    for part in (
        "Hội Chữ thập đỏ tỉnh Bạc Liêu",  # the body it reports to, above its own name
        "Hội Chữ thập đỏ thị xã Giá Rai",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-CTĐ",
        "ngày 05 tháng 7 năm 2025",
        "Kết quả công tác Hội 6 tháng đầu năm 2025",
        "Từ ngày 01/01/2025 đến ngày 30/06/2025",
        "Trực thuộc: 10 xã, phường; 80 chi hội",
    ):
        assert part in letterhead, part
    closing = html[html.index('<table class="closing">') :]
    assert "Nơi nhận:" in closing and "- Hội Chữ thập đỏ tỉnh Bạc Liêu;" in closing and "- Lưu: VT." in closing
    assert "TM. BAN THƯỜNG VỤ" in closing and "CHỦ TỊCH" in closing
    # a province's society reports to the national society
    top = review_html(_review(None))
    assert "Trung ương Hội Chữ thập đỏ Việt Nam" in top[: top.index("</header>")]
    assert "- Trung ương Hội Chữ thập đỏ Việt Nam;" in top


def test_a_support_kind_is_counted_in_its_own_unit() -> None:
    assert set(SUPPORT_KIND_UNITS) == set(DEFAULT_SUPPORT_KINDS)  # every default kind has its unit
    now = {"support.house_built": 3, "support.gift_package": 10, "support.goats": 4}  # goats: an operator's kind
    names = support_names("", {**DEFAULT_SUPPORT_KINDS, "goats": "Dê giống"}, now, None, {})
    assert names["support.house_built"] == ("Nhà nhân đạo xây mới", "căn")
    assert names["support.gift_package"] == ("Suất quà", "suất")
    assert names["support.goats"] == ("Dê giống", "số lượng")  # no unit configured for it: a quantity


@pytest.mark.parametrize(("change", "written"), [(100.0, "+100,0 %"), (-20.0, "−20,0 %"), (0.0, "0,0 %"), (None, "–")])
def test_a_change_on_last_year_is_written_with_its_sign(change: float | None, written: str) -> None:
    """11,603 members against 5,801 is '+100,0 %' under 'Tăng/giảm so cùng kỳ': a bare '100,0 %' next to
    '% kế hoạch' (a ratio) reads as 'the same as last year'."""
    assert signed_pct(change) == written
    members = {"indicator": "members", "label": "Hội viên", "measure": "người", "value": 11_603, "previous": 5_801,
               "change_percent": change, "plan": None, "percent_of_plan": None}  # fmt: skip
    section = {"key": "organisation", "title": "Tổ chức", "figures": [members]}
    html = review_html({**_review("Hội Chữ thập đỏ tỉnh Bạc Liêu"), "sections": [section]})
    assert "<th>Tăng/giảm so cùng kỳ</th>" in html and "<th>So cùng kỳ</th>" not in html
    assert f'<td class="num">{written}</td>' in html


def _with_hours(hours: float) -> dict[str, object]:
    review = _review(None)
    review["sections"] = [{"key": "organisation", "title": "Công tác tổ chức", "figures": [
        {"indicator": "volunteer_hours", "label": "Giờ tình nguyện", "measure": "giờ", "value": hours,
         "previous": 7.0, "change_percent": None, "plan": None, "percent_of_plan": None},
        {"indicator": "members", "label": "Hội viên", "measure": "người", "value": 3, "previous": 4,
         "change_percent": -25.0, "plan": None, "percent_of_plan": None},
    ]}]  # fmt: skip
    return review


def test_the_workbook_shows_hours_that_are_not_whole_with_their_decimals_and_names_both_periods() -> None:
    """1,234.5 hours showed "1,235" in the workbook where the PDF and the CSV said 1234.5."""
    book = load_workbook(io.BytesIO(review_xlsx(_with_hours(1234.5))))
    sheet = book["Tong hop"]
    hours, members = sheet["F3"], sheet["F4"]
    assert (hours.value, hours.number_format) == (1234.5, "#,##0.00")
    assert (members.value, members.number_format) == (3, "#,##0")  # a whole figure stays whole
    assert sheet["G3"].number_format == "#,##0"  # last year's 7 hours
    assert "kỳ trước: từ 2024-01-01 đến 2024-06-30" in sheet["A1"].value


def test_the_csv_says_on_every_line_which_unit_and_periods_it_is_of() -> None:
    text = b"".join(review_csv(_with_hours(2.5))).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["indicator"], r["value"]) for r in rows] == [("volunteer_hours", "2.5"), ("members", "3")]
    assert {(r["unit_code"], r["period_from"], r["period_to"], r["previous_from"], r["previous_to"]) for r in rows} == {
        ("GR", "2025-01-01", "2025-06-30", "2024-01-01", "2024-06-30")
    }


@pytest.mark.parametrize(
    ("file_name", "sheet"),
    [
        ("membership-2025-01-01-2025-12-31", "membership"),
        ("funds-by-unit-2025-01-01-2025-12-31", "funds-by-unit"),
        ("campaign-by-period-LL-2025-01-2025-01-01-2025-03-31", "campaign-by-period-LL-2025-01"),
        ("x" * 40, "x" * 31),
        ("2025-01-01", "2025-01-01"),
    ],
)
def test_a_table_sheet_is_named_after_its_report_not_a_date_cut_short(file_name: str, sheet: str) -> None:
    assert sheet_name(file_name) == sheet
