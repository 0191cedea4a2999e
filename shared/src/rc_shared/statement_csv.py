"""Bank-statement CSV files: the columns a statement has, under the names banks and people give them.

One reader for the donations service's ``import-statement`` command and the console's upload: UTF-8
(a BOM is allowed), delimiter ``,`` ``;`` or tab (detected), a header row naming at least
``bank_reference``, ``received_on`` and ``amount_vnd`` (optional ``payer_name``, ``description``;
a few Vietnamese aliases are understood). Values are passed on as text: the donations API checks them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any, TextIO

from rc_shared.member_columns import fold
from rc_shared.sheets import CSV_SAMPLE_CHARS, csv_dialect

FIELDS = ("bank_reference", "received_on", "amount_vnd", "payer_name", "description")
REQUIRED = ("bank_reference", "received_on", "amount_vnd")
# (headers as :func:`rc_shared.member_columns.fold` writes them: "Số tiền (VND)" → "so_tien_vnd")
ALIASES = {
    "bank_reference": {
        "bank_reference", "reference", "ref", "transaction_id", "so_tham_chieu", "ma_giao_dich", "ma_gd", "so_gd",
        "so_but_toan", "so_chung_tu",
    },
    "received_on": {
        "received_on", "date", "value_date", "transaction_date", "ngay", "ngay_giao_dich", "ngay_gd",
        "ngay_hieu_luc", "ngay_ghi_so",
    },
    "amount_vnd": {
        "amount_vnd", "amount", "credit", "credit_amount", "so_tien", "so_tien_vnd", "so_tien_ghi_co",
        "so_tien_ghi_co_vnd", "ghi_co", "ghi_co_vnd",
    },
    "payer_name": {"payer_name", "payer", "ten_nguoi_chuyen", "nguoi_chuyen", "ten_tai_khoan_chuyen"},
    "description": {
        "description", "noi_dung", "noi_dung_giao_dich", "noi_dung_chuyen_khoan", "dien_giai", "mo_ta", "memo",
    },
}  # fmt: skip


class MissingColumns(ValueError):
    """The header lacks a required column; ``missing`` names them (our field names)."""

    def __init__(self, header: list[str], missing: list[str]) -> None:
        super().__init__(f"the CSV header {header} lacks the column(s) {', '.join(missing)}")
        self.missing = missing


def map_header(header: list[str]) -> dict[str, str]:
    """Our field name → the file's column name; :class:`MissingColumns` if a required one is missing."""
    out: dict[str, str] = {}
    for col in header:
        slug = fold(col)
        for name, names in ALIASES.items():
            if slug in names and name not in out:
                out[name] = col
    missing = [f for f in REQUIRED if f not in out]
    if missing:
        raise MissingColumns(header, missing)
    return out


def read_csv(f: TextIO) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """(line number, row with our field names, local rejection reason or None), streaming; ValueError
    when the file is empty (:class:`MissingColumns` when its header lacks a required column)."""
    dialect = csv_dialect(f.read(CSV_SAMPLE_CHARS))  # (the members import's reader detects it alike)
    f.seek(0)
    reader = csv.reader(f, dialect)
    header = next(reader, None)
    if header is None:
        raise ValueError("the file is empty")
    cols = map_header(header)
    pos = {name: header.index(col) for name, col in cols.items()}
    needed = max(pos[f] for f in REQUIRED) + 1  # a row may leave out empty cells after its last required one
    for row in reader:
        if not any(c.strip() for c in row):
            continue  # a blank line carries no data
        line = reader.line_num
        rec: dict[str, Any] = {}
        for name, i in pos.items():
            v = row[i].strip() if i < len(row) else ""
            rec[name] = v or None
        reason = None
        if len(row) > len(header) or len(row) < needed:  # (more: a value's unquoted delimiter split it in two)
            reason = f"the row has {len(row)} fields, the header {len(header)}"
        yield line, rec, reason
