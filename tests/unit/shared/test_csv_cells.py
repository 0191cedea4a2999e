"""A CSV file we write never carries a formula a spreadsheet would run (CSV injection)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from rc_donations.domain.lines import public_items
from rc_donations.service_layer.lines import EXPORT_COLUMNS, csv_row, export_row
from rc_shared.notes import MASK
from rc_shared.sheets import csv_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5000", "-5000"),  # a number stays a number
        ("+84912345678", "+84912345678"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("a=b", "a=b"),  # only the first character makes a formula
        ("", ""),
        (None, ""),
        (-5000, -5000),
        (12, 12),
    ],
)
def test_a_text_a_spreadsheet_would_run_is_quoted(value: Any, cell: Any) -> None:
    assert csv_cell(value) == cell


@pytest.mark.usefixtures("default_zone")
def test_the_public_ledger_download_quotes_a_donors_formula() -> None:
    view: dict[str, Any] = {k: None for k, _ in EXPORT_COLUMNS}
    view |= {
        "line_no": 1, "id": uuid.uuid4(), "on": date(2026, 12, 1), "movement": "donation", "direction": "in",
        "kind": "cash", "recorded_at": datetime(2026, 12, 1, 3, 0, tzinfo=UTC), "amount_vnd": 500_000,
        "donor": "=HYPERLINK(\"http://x\",\"bấm\")", "note": "@SUM(1)",
    }  # fmt: skip
    row = dict(zip([k for k, _ in EXPORT_COLUMNS], csv_row(view), strict=True))
    assert row["donor"] == '\'=HYPERLINK("http://x","bấm")'
    assert row["note"] == "'@SUM(1)"
    assert row["amount_vnd"] == 500_000 and row["value_vnd"] == ""
    # in the organisation's time (the gift was recorded at 10:00 in Viet Nam, 03:00 UTC), its channel named
    assert row["recorded_at"] == "2026-12-01T10:00:00+07:00" and row["kind"] == "Tiền"
    # the XLSX download writes every cell as a string (never a formula): the name as given
    assert export_row(view)[[k for k, _ in EXPORT_COLUMNS].index("donor")] == view["donor"]


def test_the_download_signs_what_moves_the_balance_and_names_the_goods_masked() -> None:
    """A voided gift's amount is − in the signed column, so the column sums to the balance's change (an
    auditor's finding: the unsigned amount column summed to every voided gift twice), and the goods are
    named, their free text masked as a note is."""
    names = [k for k, _ in EXPORT_COLUMNS]
    base: dict[str, Any] = {k: None for k in names} | {"on": date(2026, 12, 1), "kind": "cash", "items": []}
    gift = base | {"movement": "donation", "direction": "in", "amount_vnd": 2_000_000, "value_vnd": 0}
    voided = base | {"movement": "donation_reversal", "direction": "out", "amount_vnd": 2_000_000, "value_vnd": 0}
    given = base | {"movement": "distribution", "direction": "out", "amount_vnd": 0, "value_vnd": 300_000,
                    "kind": "goods", "items": public_items([{"item": "Gạo – anh Tuấn 0912345678 gửi", "quantity": 10,
                                                             "unit": "kg"}])}  # fmt: skip
    rows = [dict(zip(names, csv_row(v), strict=True)) for v in (gift, voided, given)]
    assert [r["cash_effect_vnd"] for r in rows] == [2_000_000, -2_000_000, 0]
    assert [r["goods_effect_vnd"] for r in rows] == [0, 0, -300_000]
    assert [r["amount_vnd"] for r in rows] == [2_000_000, 2_000_000, 0]  # the unsigned column, kept in its place
    assert rows[2]["items_text"] == f"Gạo – anh Tuấn {MASK} gửi 10 kg" and "0912345678" not in str(rows[2])
    assert [label for _, label in EXPORT_COLUMNS][:18][-1] == "Nội dung (đã che số)"  # the earlier columns stay


def test_a_channel_is_named_in_the_download() -> None:
    view: dict[str, Any] = {k: None for k, _ in EXPORT_COLUMNS}
    view |= {"on": date(2026, 12, 1), "movement": "donation", "direction": "in", "kind": "in_kind",
             "channel": "in_person"}  # fmt: skip
    row = dict(zip([k for k, _ in EXPORT_COLUMNS], csv_row(view), strict=True))
    assert (row["channel"], row["kind"]) == ("Trao trực tiếp", "Hiện vật")


def test_a_report_table_quotes_a_formula_in_its_csv_and_writes_it_as_text_in_its_xlsx() -> None:
    import io

    import openpyxl

    from rc_reporting.exports.tables import table_csv, table_xlsx

    rows = [("=1+1", 5), ("-Xã Tân Phong", 6), ("Xã A", None)]
    text = b"".join(table_csv(["name", "donations"], rows)).decode("utf-8-sig")
    assert text.splitlines() == ["name,donations", "'=1+1,5", "'-Xã Tân Phong,6", "Xã A,"]
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx("t", ["name", "donations"], rows)), read_only=True).active
    assert sheet is not None
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [("=1+1", 5), ("-Xã Tân Phong", 6), ("Xã A", None)]
