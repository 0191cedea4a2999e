"""A workbook is checked against what it may unpack to before openpyxl opens it: a crafted one of a few
hundred kilobytes (its shared strings, or a sheet, of little but repetition) took hundreds of megabytes
and a minute of CPU to open; a real one passes."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import openpyxl
import pytest

from rc_console.service_layer import member_import
from rc_reporting.service_layer import plans
from rc_shared import sheets
from rc_shared.errors import Invalid

PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in {**PARTS, **parts}.items():
            z.writestr(name, data)
    return out.getvalue()


def _strings(n_bytes: int) -> bytes:
    one = b"<si><t>a</t></si>"
    return (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + one * (n_bytes // len(one))
        + b"</sst>"
    )


def _real() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Ngày sinh", "Số điện thoại"])
    for i in range(2_000):
        ws.append([f"Nguyễn Văn {i}", "1990-01-01", f"09{i:08d}"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("parts", "says"),
    [
        (lambda: {"xl/sharedStrings.xml": _strings(20 << 20)}, "text takes 20 MB"),
        (lambda: {"xl/worksheets/sheet1.xml": b"<row/>" * (2 << 20)}, "unpacks"),
        (
            lambda: {f"xl/worksheets/sheet{i}.xml": bytes(range(256)) * (1 << 15) for i in range(14)},
            "unpacks to 112 MB",
        ),
    ],
    ids=["shared-strings", "ratio", "total"],
)
def test_a_workbook_that_would_unpack_to_too_much_is_refused_before_it_is_opened(
    parts: Callable[[], dict[str, bytes]], says: str, tmp_path: Path
) -> None:
    crafted = _zip(parts())
    assert len(crafted) < 3 << 20  # (the total case: incompressible bytes would be 112 MB; these are not)
    started = time.process_time()
    with pytest.raises(ValueError, match=says), ExitStack() as stack:
        sheets.read_table(io.BytesIO(crafted), ".xlsx", stack)
    path = tmp_path / "crafted.xlsx"
    path.write_bytes(crafted)
    with pytest.raises(ValueError, match=says):
        sheets.check_workbook(path)
    with pytest.raises(member_import.BadFile, match="giải nén ra quá lớn"):
        member_import.rows_of("danh-sach.xlsx", crafted)
    with pytest.raises(Invalid, match=says) as exc:
        plans.read_sheet(crafted)
    assert exc.value.details["field"] == "file"
    assert time.process_time() - started < 5  # read from the zip's directory, never decompressed


def test_a_real_workbook_passes_and_a_stream_is_left_at_its_start() -> None:
    stream = io.BytesIO(_real())
    stream.seek(100)
    sheets.check_workbook(stream)
    assert stream.tell() == 0
    with ExitStack() as stack:
        header, rows = sheets.read_table(stream, ".xlsx", stack)
        assert header[:3] == ["họ_và_tên", "ngày_sinh", "số_điện_thoại"] and len(list(rows)) == 2_000
    sheets.check_workbook(io.BytesIO(b"not a zip"))  # not a workbook at all: the reader says so
