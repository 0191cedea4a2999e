"""The import CLI's client side: streaming CSV/XLSX, batching, blank rows reported, rejection report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import httpx
import openpyxl
import pytest

from rc_members.entrypoints.importer import run_import

HEADER = ["member_code", "unit_code", "full_name", "joined_on"]


def fake_api(batches: list[dict[str, object]]) -> httpx.Client:
    """A stand-in server: rejects rows without unit_code, creates the others."""

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        batches.append(body)
        results = []
        for i, r in enumerate(body["rows"]):
            n = body["first_row"] + i
            bad = not r.get("unit_code")
            results.append(
                {"row": n, "status": "rejected" if bad else "created", "reason": "blank row" if bad else None}
            )
        return httpx.Response(200, json={"results": results})

    return httpx.Client(transport=httpx.MockTransport(handler), base_url="http://api")


def test_csv_is_sent_in_batches_with_file_row_numbers_and_empty_lines_are_no_rows(tmp_path: Path) -> None:
    """An empty line is no row: not sent, not reported; the rows after it keep the file's numbers (a batch,
    numbered by the service from its first row, ends before it)."""
    f = tmp_path / "m.csv"
    with f.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for n in range(5):
            w.writerow([f"HV{n}", "BL-01", f"Tên {n}", "2023-01-02"])
        fh.write("\n,,,\n")  # line 7 empty, line 8 empty cells
        w.writerow(["HV9", "", "Tên 9", "2023-01-02"])  # line 9: rejected by the fake (no unit)
        fh.write("\n" * 50)  # the end of a sheet saved with empty rows
    batches: list[dict[str, object]] = []
    report = tmp_path / "rejected.csv"
    totals = run_import(f, "http://api", report, batch_size=3, progress=False, client=fake_api(batches))
    assert totals == {"created": 5, "unchanged": 0, "rejected": 1}
    assert [(b["first_row"], len(b["rows"])) for b in batches] == [(2, 3), (5, 2), (9, 1)]  # type: ignore[arg-type]
    lines = list(csv.reader(report.open(encoding="utf-8")))
    assert lines == [["row", "reason", *HEADER], ["9", "blank row", "HV9", "", "Tên 9", "2023-01-02"]]


def test_xlsx_dates_are_sent_as_iso_dates(tmp_path: Path) -> None:
    import datetime as dt

    f = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append(["HV1", "BL-01", "Trần Văn A", dt.datetime(2023, 1, 5)])
    wb.save(f)
    batches: list[dict[str, object]] = []
    totals = run_import(f, "http://api", None, progress=False, client=fake_api(batches))
    assert totals["created"] == 1
    assert batches[0]["rows"] == [
        {"member_code": "HV1", "unit_code": "BL-01", "full_name": "Trần Văn A", "joined_on": "2023-01-05"}
    ]


def test_a_refused_batch_marks_each_of_its_rows_rejected(tmp_path: Path) -> None:
    f = tmp_path / "m.csv"
    f.write_text("unit_code,full_name\nBL,A\nBL,B\n", encoding="utf-8")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            422, json={"message": "the request is invalid", "errors": [{"field": "source", "message": "too short"}]}
        )

    client = httpx.Client(transport=httpx.MockTransport(handler), base_url="http://api")
    report = tmp_path / "r.csv"
    totals = run_import(f, "http://api", report, progress=False, client=client)
    assert totals["rejected"] == 2
    assert "batch refused (422)" in report.read_text(encoding="utf-8")


def test_a_csv_in_a_legacy_code_page_stops_before_any_row_is_sent_and_names_its_line(tmp_path: Path) -> None:
    f = tmp_path / "m.csv"
    rows = [",".join(HEADER), "HV1,BL-01,Nguyen Van A,2023-01-02", "HV2,BL-01,Lê Hà,2023-01-02"]
    f.write_bytes("\n".join(rows).encode("cp1258"))  # Vietnamese Windows code page: line 3 is not UTF-8
    batches: list[dict[str, object]] = []
    with pytest.raises(ValueError, match=r"is not UTF-8 text \(line 3\)"):
        run_import(f, "http://api", None, batch_size=1, progress=False, client=fake_api(batches))
    assert batches == []


def test_a_sheet_headed_by_its_title_is_read_from_its_table_with_the_files_row_numbers(tmp_path: Path) -> None:
    """A district's list starts with the office's name and the title; its table's header is found (two
    known columns or more), its rows keep the file's numbers, and "STT" and "Ghi chú" go as they come
    (the service leaves them out: see the domain test)."""
    f = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["HỘI CHỮ THẬP ĐỎ HUYỆN HỒNG DÂN"])
    ws.append(["DANH SÁCH HỘI VIÊN NĂM 2025"])
    ws.append([])
    ws.append(["STT", "Mã đơn vị", "Họ và tên", "Ngày vào hội", "Ghi chú"])
    ws.append([1, "BL-01", "Trần Văn A", "15-01-2023", "chuyển đến"])
    wb.save(f)
    batches: list[dict[str, object]] = []
    run_import(f, "http://api", None, progress=False, client=fake_api(batches))  # (the fake reads unit_code only)
    assert batches[0]["first_row"] == 5
    assert batches[0]["rows"] == [
        {
            "stt": 1,
            "mã_đơn_vị": "BL-01",
            "họ_và_tên": "Trần Văn A",
            "ngày_vào_hội": "15-01-2023",
            "ghi_chú": "chuyển đến",
        }
    ]


def test_the_rejection_report_corrected_is_imported_again_as_it_is(tmp_path: Path) -> None:
    """The report starts with "row" and "reason": read back, they are left out by the service, so the
    corrected report is a file to import (the rows keep their other columns as the file had them)."""
    from datetime import date

    from rc_members.domain.imports import validate_row
    from rc_members.domain.people import RoleRules

    f = tmp_path / "m.csv"
    f.write_text(
        "unit_code;Họ và tên;Ngày sinh;Ngày vào hội;Mục đích đồng ý;Ngày đồng ý\n"  # (the fake reads unit_code)
        ";Nguyễn Thị Lan;15/04/1990;15/01/2023;Quản lý hội viên;15/01/2023\n",
        encoding="utf-8",
    )
    report = tmp_path / "rejected.csv"
    totals = run_import(f, "http://api", report, progress=False, client=fake_api([]))
    assert totals["rejected"] == 1
    corrected = tmp_path / "corrected.csv"
    corrected.write_text(report.read_text(encoding="utf-8").replace(",,Nguyễn", ",BL-PL-01,Nguyễn"), encoding="utf-8")
    batches: list[dict[str, object]] = []
    assert run_import(corrected, "http://api", None, progress=False, client=fake_api(batches))["created"] == 1
    [sent] = batches[0]["rows"]  # type: ignore[misc]
    assert validate_row(2, sent, RoleRules(), date(2025, 8, 1)).full_name == "Nguyễn Thị Lan"  # type: ignore[union-attr]
    # the report rejected again: its own report has one "row" and one "reason" column, the new ones
    again = tmp_path / "again.csv"
    run_import(report, "http://api", again, progress=False, client=fake_api([]))
    lines = list(csv.reader(again.open(encoding="utf-8")))
    assert lines[0] == ["row", "reason", "unit_code", "họ_và_tên", "ngày_sinh", "ngày_vào_hội", "mục_đích_đồng_ý",
                        "ngày_đồng_ý"]  # fmt: skip
    assert lines[1][:3] == ["2", "blank row", ""]


def test_a_workbook_saved_on_another_sheet_is_read_and_counted_from_its_table(tmp_path: Path) -> None:
    from rc_members.entrypoints.importer import count_rows

    f = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    data = wb.active
    assert data is not None
    data.append(HEADER)
    data.append(["HV1", "BL-01", "Trần Văn A", "2023-01-05"])
    guide = wb.create_sheet("Hướng dẫn")
    for r in range(30):
        guide.append([f"note {r}"])
    wb.active = 1
    wb.save(f)
    assert count_rows(f) == 1
    batches: list[dict[str, object]] = []
    assert run_import(f, "http://api", None, progress=False, client=fake_api(batches))["created"] == 1
    assert batches[0]["rows"] == [
        {"member_code": "HV1", "unit_code": "BL-01", "full_name": "Trần Văn A", "joined_on": "2023-01-05"}
    ]


def test_a_server_error_or_an_unreachable_api_ends_the_import_with_a_message_and_the_report_so_far(
    tmp_path: Path,
) -> None:
    """A 5xx (or no answer) stopped the command with a traceback (httpx's error, not caught); now it ends
    with what failed and from which row, the report keeping the rows rejected before it."""
    f = tmp_path / "m.csv"
    f.write_text("unit_code,full_name\n,A\nBL,B\nBL,C\n", encoding="utf-8")
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["first_row"])
        if len(calls) == 1:
            return httpx.Response(200, json={"results": [{"row": 2, "status": "rejected", "reason": "unit_code?"}]})
        return httpx.Response(503, json={"message": "the service is busy"}, headers={"Retry-After": "1"})

    report = tmp_path / "r.csv"
    client = httpx.Client(transport=httpx.MockTransport(handler), base_url="http://api")
    with pytest.raises(ValueError) as ended:
        run_import(f, "http://api", report, batch_size=1, progress=False, client=client)
    assert str(ended.value) == (
        "the API answered 503 to the batch from row 3: the service is busy. Importing the file again is safe: rows"
        " already imported are reported unchanged"
    )
    assert calls == [2, 3] and report.read_text(encoding="utf-8").splitlines()[1].startswith("2,unit_code?")

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refused), base_url="http://api")
    with pytest.raises(ValueError, match=r"^the API at http://api could not be reached \(ConnectError: \[Errno 111\]"):
        run_import(f, "http://api", None, batch_size=2, progress=False, client=client)


def test_a_file_with_month_first_dates_stops_before_any_row_is_sent(tmp_path: Path) -> None:
    f = tmp_path / "m.csv"
    f.write_text("unit_code,full_name,birth_date\nBL,An,3/5/1968\nBL,Bình,12/25/1970\n", encoding="utf-8")
    batches: list[dict[str, object]] = []
    with pytest.raises(ValueError, match=r"^the column 'birth_date' writes dates month first \(row 3: '12/25/1970'\),"
                       r" so row 2's would be read with day and month swapped"):  # fmt: skip
        run_import(f, "http://api", None, progress=False, client=fake_api(batches))
    assert batches == []
