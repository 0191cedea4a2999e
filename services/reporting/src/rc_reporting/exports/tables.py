"""Exports of the tabular reports (membership and funds per unit, campaign series): one row per unit
(depth-first, with its depth) or per bucket; CSV streamed, XLSX in constant-memory mode with a frozen
header, VND number format and, for series, a native Excel chart."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from rc_reporting.exports.xlsx_out import NUMBER_FORMAT, NumberFormats
from rc_shared.sheets import csv_cell


def flatten(tops: Iterable[Mapping[str, Any]], columns: Sequence[str], depth: int = 0) -> Iterator[tuple[Any, ...]]:
    """Rows of a tree report, depth-first: (depth, *columns); ``fees.paid`` reads a nested figure."""
    for node in tops:
        yield (depth, *(_get(node, c) for c in columns))
        yield from flatten(node.get("children") or [], columns, depth + 1)


def _get(node: Mapping[str, Any], column: str) -> Any:
    value: Any = node
    for part in column.split("."):
        value = value.get(part, 0) if isinstance(value, Mapping) else 0
    return value


def _cell(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    return v


def table_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, one chunk per line."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    yield "\ufeff".encode() + buf.getvalue().encode()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        # a unit's or a campaign's name cannot become a formula in a spreadsheet (an XLSX cell is written as a
        # string, never a formula: it needs no quote)
        writer.writerow([csv_cell(_cell(v)) for v in row])
        yield buf.getvalue().encode()


def table_xlsx(
    sheet: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    chart: tuple[int, Sequence[int]] | None = None,
) -> bytes:
    """One sheet; columns named ``*_vnd`` in VND; ``chart``: (category column, value columns) of a column chart."""
    import xlsxwriter  # here, not at the service's start (a tenth of it)

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
    formats = NumberFormats(wb)
    ws = wb.add_worksheet(sheet)
    ws.write_row(0, 0, header, head)
    ws.freeze_panes(1, 0)
    ws.set_column(0, len(header) - 1, 16)
    n = 0
    for n, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, str | date | bool) or not isinstance(v, int | float):
                ws.write_string(n, j, str(_cell(v)))
            else:
                ws.write_number(n, j, v, formats.of(v, header[j]))
    if chart is not None and n:
        category, values = chart
        c = wb.add_chart({"type": "column"})
        for col in values:
            c.add_series({"name": header[col], "categories": [sheet, 1, category, n, category],
                          "values": [sheet, 1, col, n, col]})  # fmt: skip
        c.set_y_axis({"num_format": NUMBER_FORMAT})
        ws.insert_chart(1, len(header) + 1, c)
    wb.close()
    return out.getvalue()
