"""XLSX export, written by XlsxWriter in constant-memory mode (each row flushed as it is written):
frozen header rows, VND number format, native Excel charts for the monthly series."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rc_reporting.exports.rows import FIGURE_HEADER, MONTH_HEADER, UNIT_HEADER, figure_rows, month_rows, unit_rows

VND_FORMAT = '#,##0 "₫"'
NUMBER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"  # a figure that is not whole (volunteer hours: 1,234.50, not rounded to 1,235)
PERCENT_FORMAT = '0.0" %"'
Progress = Callable[[int], None]

if TYPE_CHECKING:  # XlsxWriter is imported by the exports that write a workbook, not by the service's start
    import xlsxwriter
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet


class NumberFormats:
    """A workbook's formats of figures: VND, a whole number, a number with decimals."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.money = wb.add_format({"num_format": VND_FORMAT})
        self.whole = wb.add_format({"num_format": NUMBER_FORMAT})
        self.decimal = wb.add_format({"num_format": DECIMAL_FORMAT})

    def of(self, value: float, column: str = "", vnd: bool = False) -> Format:
        """VND for a column named ``*_vnd`` (or ``vnd``), else whole or with decimals as ``value`` is."""
        if vnd or column.endswith("_vnd"):
            return self.money
        return self.whole if float(value).is_integer() else self.decimal


def _table_sheet(
    wb: xlsxwriter.Workbook, name: str, header: Sequence[str], head: Format, widths: Sequence[tuple[int, int, int]]
) -> Worksheet:
    """A sheet whose first row, frozen, is ``header``; ``widths``: (first column, last column, width)."""
    ws = wb.add_worksheet(name)
    ws.write_row(0, 0, header, head)
    ws.freeze_panes(1, 0)
    for first, last, width in widths:
        ws.set_column(first, last, width)
    return ws


def _write_figures(ws: Worksheet, i: int, row: Sequence[Any], header: Sequence[str], formats: NumberFormats) -> None:
    """Row ``i``: text as text, a figure in VND when its column's name ends in ``_vnd``."""
    for j, v in enumerate(row):
        if isinstance(v, str):
            ws.write_string(i, j, v)
        else:
            ws.write_number(i, j, v, formats.of(v, header[j]))


def review_xlsx(review: Mapping[str, Any], progress: Progress | None = None) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
    formats = NumberFormats(wb)
    percent = wb.add_format({"num_format": PERCENT_FORMAT})
    title = wb.add_format({"bold": True, "font_size": 13})
    u = review["unit"]

    ws = wb.add_worksheet("Tong hop")
    ws.write_string(
        0,
        0,
        f"Báo cáo {u['name']} ({u['code']}) từ {review['period_from']} đến {review['period_to']}"
        f" (kỳ trước: từ {review['previous_from']} đến {review['previous_to']})",
        title,
    )
    ws.write_row(1, 0, FIGURE_HEADER, head)
    ws.freeze_panes(2, 0)
    ws.set_column(0, 1, 22)
    ws.set_column(2, 3, 40)
    ws.set_column(4, 9, 16)
    for i, row in enumerate(figure_rows(review), start=2):
        is_vnd = row[4] == "VND"
        for j, v in enumerate(row):
            if v is None:
                ws.write_blank(i, j, None)
            elif isinstance(v, str):
                ws.write_string(i, j, v)
            elif j in (7, 9):
                ws.write_number(i, j, v, percent)
            else:
                ws.write_number(i, j, v, formats.of(v, vnd=is_vnd))
    if progress:
        progress(40)

    ws = _table_sheet(wb, "Don vi", UNIT_HEADER, head, ((0, 0, 16), (1, 1, 44), (2, 8, 16)))
    for i, row in enumerate(unit_rows(review), start=1):
        _write_figures(ws, i, row, UNIT_HEADER, formats)
    if progress:
        progress(70)

    ws = _table_sheet(wb, "Theo thang", MONTH_HEADER, head, ((0, 4, 18),))
    months = list(month_rows(review))
    for i, row in enumerate(months, start=1):
        _write_figures(ws, i, row, MONTH_HEADER, formats)
    n = len(months)
    for col, (name, anchor) in enumerate(
        (("Giá trị vận động (VND)", "G2"), ("Giá trị trợ giúp (VND)", "G18")), start=1
    ):
        chart = wb.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": name,
                "categories": ["Theo thang", 1, 0, n, 0],
                "values": ["Theo thang", 1, col, n, col],
            }
        )
        chart.set_title({"name": name})
        chart.set_legend({"none": True})
        chart.set_y_axis({"num_format": NUMBER_FORMAT})
        ws.insert_chart(anchor, chart)
    chart = wb.add_chart({"type": "line"})
    for col, name in ((3, "Lượt người được trợ giúp"), (4, "Đơn vị máu")):
        chart.add_series(
            {"name": name, "categories": ["Theo thang", 1, 0, n, 0], "values": ["Theo thang", 1, col, n, col]}
        )
    chart.set_title({"name": "Lượt người và đơn vị máu"})
    ws.insert_chart("G34", chart)
    wb.close()
    if progress:
        progress(90)
    return out.getvalue()
