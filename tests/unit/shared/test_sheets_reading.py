"""The shared reader of CSV and XLSX files (rc_shared.sheets) reads the shapes Excel saves: a CSV with
``;`` or tab, a sheet ruled far below its last row, a workbook saved on another sheet than its table."""

from __future__ import annotations

import csv
import io
from contextlib import ExitStack
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Border, Side

from rc_shared import member_columns, sheets

HEADER = ["Mã đơn vị", "Họ và tên", "Địa chỉ", "Ngày sinh"]


def read(content: bytes, suffix: str, is_header: Any = member_columns.is_header) -> tuple[list[str], list[Any]]:
    with ExitStack() as stack:
        header, rows = sheets.read_table(io.BytesIO(content), suffix, stack, is_header)
        return header, list(rows)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_csv_is_read_whichever_delimiter_excel_wrote(delimiter: str) -> None:
    """Excel's "CSV" writes ``;`` where the decimal mark is a comma (Vietnamese regional settings), with a
    BOM and CRLF; an address with a comma in it is quoted only where the comma is the delimiter."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(HEADER)
    w.writerow(["BL-PL-01", "Nguyễn Thị Lan", "Ấp 3, xã Vĩnh Trạch", "15/04/1990"])
    w.writerow(["BL-PL-01", "Trần Văn Bảy", "Ấp 4", "02/09/1950"])
    header, rows = read(("\ufeff" + out.getvalue()).encode(), ".csv")
    assert header == ["mã_đơn_vị", "họ_và_tên", "địa_chỉ", "ngày_sinh"]
    assert rows == [
        (2, {"mã_đơn_vị": "BL-PL-01", "họ_và_tên": "Nguyễn Thị Lan", "địa_chỉ": "Ấp 3, xã Vĩnh Trạch",
             "ngày_sinh": "15/04/1990"}),
        (3, {"mã_đơn_vị": "BL-PL-01", "họ_và_tên": "Trần Văn Bảy", "địa_chỉ": "Ấp 4", "ngày_sinh": "02/09/1950"}),
    ]  # fmt: skip


def test_only_the_delimiter_is_sniffed_an_apostrophe_is_no_quote() -> None:
    """A cell our rejected rows' file wrote with a leading apostrophe (a text a spreadsheet would run as a
    formula) on two lines: the sniffer alone takes the apostrophe for the quote character."""
    text = "unit_code;full_name;address\n'=A1;Lan;x\nB;'=B2;y\n"
    assert sheets.csv_dialect(text).quotechar == '"'
    _, rows = read(text.encode(), ".csv", is_header=None)
    assert rows == [(2, {"unit_code": "'=A1", "full_name": "Lan", "address": "x"}),
                    (3, {"unit_code": "B", "full_name": "'=B2", "address": "y"})]  # fmt: skip


def test_the_delimiter_is_the_samples_most_frequent_when_the_sniffer_cannot_tell() -> None:
    assert sheets.csv_dialect("a;b;c\n1;2\n3\n").delimiter == ";"  # rows of unequal lengths
    # a title line above the header and a row: the sniffer finds no delimiter on every line
    assert (
        sheets.csv_dialect("DANH SÁCH HỘI VIÊN\nMã đơn vị;Họ và tên;Địa chỉ\nA;Lan;Ấp 3, xã Vĩnh Trạch\n").delimiter
        == ";"
    )
    assert sheets.csv_dialect("").delimiter == ","
    assert sheets.csv_dialect("họ_và_tên\nLan\n").delimiter == ","  # one column: none to find


def test_empty_rows_are_no_rows_and_the_others_keep_the_files_numbers() -> None:
    """A table ruled in advance for 200 more members, empty rows between: only the rows with something in
    them, each numbered as the spreadsheet numbers it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["HỘI CHỮ THẬP ĐỎ XÃ VĨNH TRẠCH"])  # a title above the table
    ws.append(HEADER)
    ws.append(["BL-PL-01", "Nguyễn Thị Lan", None, "15/04/1990"])
    ws.append([None, "  ", None, None])  # blanks only
    ws.append(["BL-PL-01", "Trần Văn Bảy", None, "02/09/1950"])
    thin = Side(style="thin")
    for r in range(6, 206):
        for c in range(1, 5):
            ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    out = io.BytesIO()
    wb.save(out)
    _, rows = read(out.getvalue(), ".xlsx")
    assert [(n, r["họ_và_tên"]) for n, r in rows] == [(3, "Nguyễn Thị Lan"), (5, "Trần Văn Bảy")]
    _, rows = read("Mã đơn vị;Họ và tên\r\nA;Lan\r\n;\r\n\r\nB;Bảy\r\n;\r\n;\r\n".encode(), ".csv")
    assert rows == [(2, {"mã_đơn_vị": "A", "họ_và_tên": "Lan"}), (5, {"mã_đơn_vị": "B", "họ_và_tên": "Bảy"})]


def test_a_tables_width_is_bounded_whatever_the_file_declares(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted upload cost a worker hours: a CSV line of 30,000 commas made every empty cell search the
    30,000-name header (width squared a row), and a workbook declaring "A1:XFD1048576", or with a formatted
    empty cell in column XFD of each row, padded every row (and every gap between rows) to 16,384 cells.
    Empty columns beyond the bound, and empty cells at a row's end, are dropped; a value beyond it refuses
    the file, naming its row."""
    wide = "Họ và tên,Địa chỉ" + "," * 30_000 + "\r\n" + "Lan,Ấp 3" + "," * 30_000 + "\r\n"
    header, rows = read(wide.encode(), ".csv", is_header=None)
    assert header == ["họ_và_tên", "địa_chỉ"]
    assert rows == [(2, {"họ_và_tên": "Lan", "địa_chỉ": "Ấp 3"})]
    with pytest.raises(sheets.TableTooWide, match="row 3 has a value beyond column 256") as refused:
        read(("Họ và tên\r\nLan\r\nBảy" + "," * 300 + "x\r\n").encode(), ".csv", is_header=None)
    assert refused.value.row == 3

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append(["BL-PL-01", "Nguyễn Thị Lan", "Ấp 3", "15/04/1990"])
    far = Border(left=Side(style="thin"))
    for r in range(3, 2_003):  # 2,000 rows of one formatted empty cell each, in the last column
        ws.cell(r, 16384).border = far
    ws.cell(50_000, 16384).border = far  # the sheet's size: A1:XFD50000, a gap of 48,000 rows
    out = io.BytesIO()
    wb.save(out)
    touched = 0
    cell = sheets._cell

    def counted(v: Any) -> Any:
        nonlocal touched
        touched += 1
        return cell(v)

    monkeypatch.setattr(sheets, "_cell", counted)
    header, rows = read(out.getvalue(), ".xlsx")
    assert header == ["mã_đơn_vị", "họ_và_tên", "địa_chỉ", "ngày_sinh"] and [n for n, _ in rows] == [2]
    # cells looked at one by one: the two rows' own (and the header search's), not the 2,000 padded rows'
    # 32 million nor the gap's 786 million
    assert touched < 100, touched
    ws.cell(3, 257, "x")  # (a workbook is read to its 257th column: what lies further is never unpacked)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(sheets.TableTooWide, match="row 3 has a value beyond column 256"):
        read(out.getvalue(), ".xlsx")


def workbook(active: str, sheets_: dict[str, list[list[Any]]]) -> bytes:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for title, rows in sheets_.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.active = wb.sheetnames.index(active)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GUIDE = [["Cột", "Bắt buộc", "Ví dụ", "Ghi chú", "Tên trong API"],
         ["Mã đơn vị", "bắt buộc", "BL-HB-01", "Mã của chi hội", "unit_code"],
         ["Họ và tên", "bắt buộc", "Nguyễn Thị Lan", "", "full_name"]]  # fmt: skip
DATA = [HEADER, ["BL-PL-01", "Nguyễn Thị Lan", "Ấp 3", "15/04/1990"]]


def test_a_workbook_saved_on_its_guide_sheet_is_read_from_the_sheet_with_the_table() -> None:
    """The guide names one column a row (its header and its API name): no row of it is a header."""
    header, rows = read(workbook("Hướng dẫn", {"Hội viên": DATA, "Hướng dẫn": GUIDE}), ".xlsx")
    assert header == ["mã_đơn_vị", "họ_và_tên", "địa_chỉ", "ngày_sinh"] and [n for n, _ in rows] == [2]
    # the guide first in the workbook and active: the same
    header, rows = read(workbook("Hướng dẫn", {"Hướng dẫn": GUIDE, "Hội viên": DATA}), ".xlsx")
    assert header[0] == "mã_đơn_vị" and rows[0][1]["họ_và_tên"] == "Nguyễn Thị Lan"
    # two sheets with a table: the active one (the one the user was looking at)
    other = [HEADER, ["BL-PL-02", "Trần Văn Bảy", "Ấp 4", "02/09/1950"]]
    _, rows = read(workbook("Xã 2", {"Xã 1": DATA, "Xã 2": other}), ".xlsx")
    assert rows[0][1]["mã_đơn_vị"] == "BL-PL-02"
    # no sheet with a table, or no is_header: the active sheet, as before
    header, _ = read(workbook("B", {"A": [["x", "y"], [1, 2]], "B": [["p", "q"], [3, 4]]}), ".xlsx")
    assert header == ["p", "q"]
    header, _ = read(workbook("Hướng dẫn", {"Hội viên": DATA, "Hướng dẫn": GUIDE}), ".xlsx", is_header=None)
    assert header == ["cột", "bắt_buộc", "ví_dụ", "ghi_chú", "tên_trong_api"]


def test_consecutive_batches_end_where_a_row_was_left_out() -> None:
    rows = [(n, str(n)) for n in (2, 3, 4, 5, 6, 9, 10, 12)]
    assert [[n for n, _ in b] for b in sheets.consecutive_batches(rows, 3)] == [[2, 3, 4], [5, 6], [9, 10], [12]]
    assert list(sheets.consecutive_batches([], 3)) == []


def test_a_header_naming_two_columns_alike_refuses_the_file_naming_both_columns() -> None:
    """Two "Điện thoại" columns: a row's blank second cell hid its first (the member was created without a
    phone, and nothing said so). The file is refused before any row is read, naming both columns."""
    csv_text = "Họ và tên,Điện thoại,Điện Thoại\r\nLan,0912345678,\r\n"
    with pytest.raises(sheets.RepeatedColumn, match=r"^columns B and C are both headed 'điện thoại'") as refused:
        read(csv_text.encode(), ".csv", is_header=None)
    assert refused.value.columns == ["B", "C"] and refused.value.name == "điện_thoại"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([*HEADER, *[f"Cột {i}" for i in range(24)], "Ngày sinh"])  # column AC repeats column D
    ws.append(["BL-PL-01", "Nguyễn Thị Lan", "Ấp 3", "15/04/1990"])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(sheets.RepeatedColumn, match=r"^columns D and AC are both headed 'ngày sinh'"):
        read(out.getvalue(), ".xlsx")
    # a column the import leaves out may be there twice (an office's two "Ghi chú"), for the readers that say so
    notes = "Họ và tên,Ghi chú,Điện thoại,Ghi chú\r\nLan,a,0912345678,b\r\n".encode()
    with pytest.raises(sheets.RepeatedColumn, match=r"^columns B and D are both headed 'ghi chú'"):
        read(notes, ".csv", is_header=None)
    with ExitStack() as stack:
        header, rows = sheets.read_table(io.BytesIO(notes), ".csv", stack, None, member_columns.ignored)
        assert header == ["họ_và_tên", "ghi_chú", "điện_thoại", "ghi_chú"] and len(list(rows)) == 1
    # columns without a heading are no repetition: each is named by its place
    header, rows = read(b"Ho ten,,\r\nLan,a,b\r\n", ".csv", is_header=None)
    assert header == ["ho_ten"] and rows == [(2, {"ho_ten": "Lan", "column_2": "a", "column_3": "b"})]
    assert [sheets.column_letter(i) for i in (0, 25, 26, 51, 52, 255)] == ["A", "Z", "AA", "AZ", "BA", "IV"]


def test_a_members_list_with_month_first_dates_is_found_by_a_date_only_month_first() -> None:
    """An English-locale Excel saves date cells to CSV month first: "12/25/1970" can only be month first, so
    "3/5/1968" in the same column is 5 March, which a day-first reading takes for 3 May without a word."""
    header = ["Họ và tên", "Ngày sinh", "Ngày vào hội"]
    rows = [(2, {"Họ và tên": "A", "Ngày sinh": "3/5/1968", "Ngày vào hội": "2023-01-15"}),
            (3, {"Họ và tên": "B", "Ngày sinh": "12/25/1970", "Ngày vào hội": "15/01/2023"})]  # fmt: skip
    assert member_columns.month_first(header, rows) == member_columns.MonthFirst("Ngày sinh", 3, "12/25/1970", 2)
    # day first, a day above 12 in front: nothing to say; month-first values only, nothing read wrong (each is
    # refused by the import itself): nothing to say either; a day and a month alike ("5/5/1970") read one way
    day_first = [(2, {"Ngày sinh": "25/12/1970"}), (3, {"Ngày sinh": "3/5/1968"}), (4, {"Ngày sinh": "1970-12-25"})]
    assert member_columns.month_first(header, day_first) is None
    # a day-first file with one date typed month first (a typo, refused by its own row) is no month-first file,
    # nor is one whose only month-first-looking date is no date either way ("4/31/1990")
    typo = [*day_first, (5, {"Ngày sinh": "5/13/1980"}), (6, {"Ngày sinh": "4/31/1990"})]
    assert member_columns.month_first(header, typo) is None
    assert member_columns.month_first(header, [(2, {"Ngày sinh": "3/5/1968"}), (3, {"Ngày sinh": "4/31/1990"})]) is None
    assert (
        member_columns.month_first(header, [(2, {"Ngày sinh": "12/25/1970"}), (3, {"Ngày sinh": "5/5/1970"})]) is None
    )
    # a column that is no date column, and a slugged header as the console's reader gives it
    assert (
        member_columns.month_first(["Ghi chú"], [(2, {"Ghi chú": "12/25/1970"}), (3, {"Ghi chú": "3/5/1968"})]) is None
    )
    slugged = [(2, {"ngày_sinh": "3/5/1968"}), (3, {"ngày_sinh": "12.25.1970"})]
    assert member_columns.month_first(["ngày_sinh"], slugged) == member_columns.MonthFirst(
        "ngày_sinh", 3, "12.25.1970", 2
    )
