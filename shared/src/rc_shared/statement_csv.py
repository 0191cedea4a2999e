"""Bank-statement CSV files: the columns a statement has, under the names banks and people give them.

One reader for the donations service's ``import-statement`` command and the console's upload: UTF-8
(a BOM is allowed), delimiter ``,`` ``;`` or tab (detected), a header row naming at least
``bank_reference``, ``received_on`` and ``amount_vnd`` (optional ``payer_name``, ``description``;
a few Vietnamese aliases are understood). Values are passed on as text: the donations API checks them.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from typing import Any, TextIO

from rc_shared.sheets import CSV_SAMPLE_CHARS, csv_dialect

FIELDS = ("bank_reference", "received_on", "amount_vnd", "payer_name", "description")
REQUIRED = ("bank_reference", "received_on", "amount_vnd")
ALIASES = {
    "bank_reference": {"bank_reference", "reference", "ref", "transaction_id", "so_tham_chieu", "ma_giao_dich"},
    "received_on": {"received_on", "date", "value_date", "ngay", "ngay_giao_dich"},
    "amount_vnd": {"amount_vnd", "amount", "credit", "so_tien", "so_tien_ghi_co"},
    "payer_name": {"payer_name", "payer", "ten_nguoi_chuyen", "nguoi_chuyen"},
    "description": {"description", "noi_dung", "dien_giai", "memo"},
}


class MissingColumns(ValueError):
    """The header lacks a required column; ``missing`` names them (our field names)."""

    def __init__(self, header: list[str], missing: list[str]) -> None:
        super().__init__(f"the CSV header {header} lacks the column(s) {', '.join(missing)}")
        self.missing = missing


def _slug(header: str) -> str:
    s = unicodedata.normalize("NFD", header.strip().lower()).replace("đ", "d")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return "_".join(s.replace("-", " ").split())


def map_header(header: list[str]) -> dict[str, str]:
    """Our field name → the file's column name; :class:`MissingColumns` if a required one is missing."""
    out: dict[str, str] = {}
    for col in header:
        slug = _slug(col)
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
    for row in reader:
        if not any(c.strip() for c in row):
            continue  # a blank line carries no data
        line = reader.line_num
        rec: dict[str, Any] = {}
        for name, i in pos.items():
            v = row[i].strip() if i < len(row) else ""
            rec[name] = v or None
        reason = None
        if len(row) != len(header):
            reason = f"the row has {len(row)} fields, the header {len(header)}"
        yield line, rec, reason
