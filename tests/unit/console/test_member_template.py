"""The members import's template workbook: what the console offers is what the members service reads.

The template is read back the way an upload is (rc_shared.sheets, then the members service's row
validation): its header names every column of the import, its example row is a valid row, and the
columns whose leading 0 matters are text (Excel would drop it from a number)."""

from __future__ import annotations

import io
from contextlib import ExitStack
from datetime import date

import openpyxl

from rc_console.service_layer.member_import import EXAMPLE_UNIT, TEXT_COLUMNS, rows_of, template_workbook
from rc_members.domain.imports import FIELDS, validate_row
from rc_members.domain.people import RoleRules
from rc_shared import member_columns
from rc_shared.sheets import read_table
from tests.unit.console.test_console_i18n import signed_in


def test_the_template_heads_every_column_in_vietnamese_and_its_example_is_a_valid_row() -> None:
    content = template_workbook()
    header, rows = rows_of("mau-nhap-hoi-vien.xlsx", content)  # as the console reads an upload
    assert header[:3] == ["mã_đơn_vị", "số_thẻ_hội_viên", "họ_và_tên"]
    assert sorted(member_columns.column_name(h) for h in header) == sorted(FIELDS)
    [(n, example)] = rows
    row = validate_row(n, example, RoleRules(), date(2026, 12, 1))
    assert not isinstance(row, list), row
    assert (row.unit_code, row.full_name, row.phone, row.id_number, row.fee_status, row.roles) == (
        EXAMPLE_UNIT, "Nguyễn Thị Lan", "0912345678", "095190001234", "paid", ("volunteer",))  # fmt: skip
    with ExitStack() as stack:  # the same file through the shared reader the members CLI uses
        again, _rows = read_table(io.BytesIO(content), ".xlsx", stack)
        assert again == header
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Hội viên"]
    text = {c.name for i, c in enumerate(member_columns.COLUMNS) if sheet.cell(2, i + 1).number_format == "@"}
    assert text == TEXT_COLUMNS == {"unit_code", "member_code", "phone", "id_number"}
    guide = openpyxl.load_workbook(io.BytesIO(content))["Hướng dẫn"]
    assert [guide.cell(r + 2, 5).value for r in range(len(FIELDS))] == list(member_columns.NAMES)


async def test_the_import_page_offers_the_template_to_download() -> None:
    c, _csrf = signed_in("data_entry")
    async with c:
        page = await c.get("/members/import")
        assert '<a href="/members/import/template.xlsx" download data-template>Tải tệp mẫu (Excel)</a>' in page.text
        got = await c.get("/members/import/template.xlsx")
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert got.headers["content-disposition"] == 'attachment; filename="mau-nhap-hoi-vien.xlsx"'
    assert rows_of("t.xlsx", got.content) == rows_of("t.xlsx", template_workbook())  # the template, as read


def test_the_template_filled_in_and_saved_on_its_guide_sheet_imports_its_members_sheet() -> None:
    """The clerk read the guide last, then saved: the workbook opens on "Hướng dẫn". Its rows were read as
    the file (each naming one column and its API name, refused as unknown columns); the "Hội viên" sheet is."""
    wb = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    ws = wb["Hội viên"]
    ws.delete_rows(2)  # the example row removed, as the guide says
    ws.append(["BL-PL-01", "HV0001", "Nguyễn Thị Lan", "Nữ", "15/04/1990", "0912 345 678", "095190001234", "Ấp 3",
               "15/01/2023", "Đã đóng", "2025", "", "", "Có", "Quản lý hội viên", "15/01/2023"])  # fmt: skip
    wb.active = wb.sheetnames.index("Hướng dẫn")
    out = io.BytesIO()
    wb.save(out)
    header, rows = rows_of("hoi-vien.xlsx", out.getvalue())
    assert header[:3] == ["mã_đơn_vị", "số_thẻ_hội_viên", "họ_và_tên"]
    [(n, raw)] = rows
    row = validate_row(n, raw, RoleRules(), date(2025, 8, 1))
    assert n == 2 and not isinstance(row, list), row
    assert (row.member_code, row.full_name, row.phone, row.fee_year) == ("HV0001", "Nguyễn Thị Lan", "0912345678", 2025)
