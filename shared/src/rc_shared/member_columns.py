"""The columns of a members import: the API's names, and the Vietnamese headers a spreadsheet kept by a
Red Cross office uses instead (pure).

The members service reads a row by the API's names (``full_name``, ``birth_date`` ...); a file whose
header row says "Họ và tên", "Ngày sinh", "Số điện thoại" (with or without accents, in any case, with
spaces or underscores) is read the same way (:func:`column_name`). The console's template workbook
is written from :data:`COLUMNS` (each column's Vietnamese header, whether it is required, an example
and a note), so the template and what the service reads can never disagree.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Column:
    name: str  # the API's name
    header: str  # the Vietnamese header of the template
    required: str  # "" (optional), "bắt buộc", or when it is required
    example: str
    note: str
    also: tuple[str, ...] = ()  # other headers offices write for it


COLUMNS: tuple[Column, ...] = (
    Column("unit_code", "Mã đơn vị", "bắt buộc", "BL-HB-01", "Mã của chi hội, xã, phường… nơi người này sinh hoạt.",
           ("Đơn vị", "Mã chi hội")),
    Column("member_code", "Số thẻ hội viên", "", "HV0001", "Số thẻ (nếu có): nhận ra người này khi nhập lại tệp.",
           ("Mã hội viên", "Số thẻ")),
    Column("full_name", "Họ và tên", "bắt buộc", "Nguyễn Thị Lan", "", ("Họ tên", "Tên")),
    Column("gender", "Giới tính", "", "Nữ", "Nam, Nữ hoặc Khác.", ("Nam/Nữ", "Giới")),
    Column("birth_date", "Ngày sinh", "bắt buộc khi không có số thẻ", "15/04/1990", "Ngày/tháng/năm.",
           ("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày")),
    Column("phone", "Số điện thoại", "", "0912 345 678", "8–15 chữ số (có thể có dấu +, dấu cách, chấm, gạch ngang).",
           ("Điện thoại", "SĐT", "Di động", "Số ĐT", "ĐT", "Điện thoại liên hệ")),
    Column("id_number", "Số CCCD", "", "095190001234", "Căn cước công dân, CMND hoặc hộ chiếu: 6–20 chữ số, chữ cái.",
           ("CCCD", "CMND", "Số CMND", "Số giấy tờ", "Căn cước", "Số CCCD/CMND", "CCCD/CMND", "CMND/CCCD",
            "Số định danh", "Số định danh cá nhân")),
    Column("address", "Địa chỉ", "", "Ấp 3, xã Vĩnh Trạch", "",
           ("Nơi ở", "Địa chỉ thường trú", "Nơi cư trú", "Chỗ ở hiện nay", "Địa chỉ liên hệ")),
    Column("joined_on", "Ngày vào hội", "bắt buộc, trừ người chỉ là tình nguyện viên… có ngày nhận vai trò",
           "15/01/2023", "Ngày/tháng/năm; không sau hôm nay.",
           ("Ngày kết nạp", "Ngày gia nhập")),
    Column("fee_status", "Hội phí", "", "Đã đóng", "Đã đóng, Chưa đóng hoặc Miễn (để trống: chưa đóng).",
           ("Tình trạng hội phí", "Đóng hội phí")),
    Column("fee_year", "Năm hội phí", "", "2023", "Năm của hội phí (để trống: năm vào hội).", ("Năm đóng hội phí",)),
    Column("roles", "Vai trò", "", "Tình nguyện viên", "Tình nguyện viên, Thanh thiếu niên, Cộng tác viên; cách nhau "
           "bằng dấu phẩy hoặc chấm phẩy.", ("Vai trò khác",)),
    Column("roles_since", "Ngày nhận vai trò", "", "01/03/2024", "Ngày/tháng/năm người này nhận vai trò (để trống: "
           "ngày vào hội); tuổi cho vai trò tính vào ngày này.", ("Ngày bắt đầu vai trò", "Ngày làm tình nguyện viên")),
    Column("membership", "Là hội viên", "", "Có", "Có hoặc Không (Không: chỉ là tình nguyện viên…; để trống: có).",
           ("Hội viên",)),
    Column("consent_purpose", "Mục đích đồng ý", "bắt buộc", "Quản lý hội viên", "Mục đích người này đồng ý cho xử "
           "lý dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).", ("Đồng ý xử lý dữ liệu",)),
    Column("consent_given_on", "Ngày đồng ý", "bắt buộc", "15/01/2023", "Ngày/tháng/năm.", ("Ngày ký đồng ý",)),
)  # fmt: skip
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)


def fold(header: str) -> str:
    """A header as compared: accents and case dropped, đ as d, every run of other characters one ``_``
    ("Số điện thoại" → "so_dien_thoai", "SĐT" → "sdt", "full name" → "full_name")."""
    text = unicodedata.normalize("NFD", header.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


ALIASES: dict[str, str] = {
    fold(alias): c.name for c in COLUMNS for alias in (c.name, c.header, *c.also)
}  # (a header folded → the API's name)


# The two columns the rejected rows' file starts with, before the file's own (the console's download and
# `rc-members import --report` write them so): left out by the import, so that the file corrected is imported
# again as it is, and not written twice when a file of rejected rows is rejected again.
REPORT_COLUMNS: tuple[str, str] = ("row", "reason")
# Columns an office's list has that the import leaves out: the row's number, a remark, and what the
# platform does not keep (ethnicity, religion: sensitive personal data it has no purpose for); and those.
IGNORED: frozenset[str] = frozenset(
    {"stt", "so_tt", "tt", "so_thu_tu", "ghi_chu", "dan_toc", "ton_giao", *REPORT_COLUMNS}
)


def report_header(header: list[str]) -> tuple[list[str], list[str]]:
    """The rejected rows' file's header for a file headed ``header``, and the file's columns it echoes (all
    but a rejected rows' file's own "row" and "reason", which its first two columns say again)."""
    echoed = [h for h in header if fold(h) not in REPORT_COLUMNS]
    return [*REPORT_COLUMNS, *echoed], echoed


@functools.lru_cache(maxsize=256)  # (a file's few headers, asked again for each of its thousands of rows)
def column_name(header: str) -> str:
    """The API's name of a header ("Họ và tên" → "full_name"); a header it does not know, as it is."""
    return ALIASES.get(fold(header), header)


def ignored(header: str) -> bool:
    """Whether the import leaves this column out (:data:`IGNORED`: "STT", "Ghi chú", "Dân tộc" …)."""
    return fold(header) in IGNORED


def is_header(cells: list[str]) -> bool:
    """Whether a row is a members list's header: its cells name two known columns or more (the rows
    above it are the sheet's title, the office's name, the date). Two columns, not two cells: a row of
    the template's guide sheet names one column twice ("Mã đơn vị" … "unit_code"), and is not a header."""
    return len({ALIASES[f] for c in cells if c and (f := fold(c)) in ALIASES}) >= 2


DATE_COLUMNS = frozenset({"birth_date", "joined_on", "roles_since", "consent_given_on"})
_SLASHED = re.compile(r"\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\s*")


@dataclass(frozen=True)
class MonthFirst:
    """A date column written month first (an English-locale Excel's CSV): ``row`` and ``value`` show it
    (only a month-first reading makes it a date), ``ambiguous`` is a row whose date would be read wrong."""

    column: str
    row: int
    value: str
    ambiguous: int


def month_first(header: list[str], rows: Iterable[tuple[int, Mapping[str, Any]]]) -> MonthFirst | None:
    """The first date column of a members list whose text dates are month first ("12/25/1970") while some of
    its dates read both ways ("3/5/1968": read day first, 3 May, it is 5 March): such a file is read wrong
    without a word (the rows that can only be month first are refused, the others imported with day and
    month swapped), so the readers refuse it whole. None when no column is so."""
    dated = [h for h in header if column_name(h) in DATE_COLUMNS]
    shown: dict[str, tuple[int, str]] = {}  # a date only month first makes real ("12/25/1970")
    either: dict[str, int] = {}  # a date real both ways ("3/5/1968")
    day_first: set[str] = set()  # a date only day first makes real ("25/12/1970"): the column is day first
    for n, row in rows:
        for h in dated:
            value = row.get(h)
            if not isinstance(value, str) or (m := _SLASHED.fullmatch(value)) is None:
                continue
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            as_month_first, as_day_first = _real(year, first, second), _real(year, second, first)
            if as_month_first and not as_day_first:
                shown.setdefault(h, (n, value.strip()))
            elif as_day_first and not as_month_first:
                day_first.add(h)
            elif as_month_first and first != second:
                either.setdefault(h, n)
    # (a day-first file with one date typed month first, "4/31/1990" is neither: a typo, refused by its row)
    for h in dated:
        if h in shown and h in either and h not in day_first:
            return MonthFirst(h, *shown[h], either[h])
    return None


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
