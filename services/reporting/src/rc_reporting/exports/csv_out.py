"""CSV export: one line per figure (section, indicator, value, previous year, plan, and the unit and the two
periods they are of), streamed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from rc_reporting.exports.rows import FIGURE_HEADER, figure_rows
from rc_shared.sheets import csv_cell

# the unit and the periods of every line (a CSV read alone, or pasted beside another year's, says what it is of)
PERIOD_HEADER = ("unit_code", "period_from", "period_to", "previous_from", "previous_to")


def _line(values: tuple[Any, ...]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([csv_cell(v) for v in values])
    return buf.getvalue()


def review_csv(review: Mapping[str, Any]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (Excel opens Vietnamese text right), one chunk per line."""
    yield "\ufeff".encode() + _line((*FIGURE_HEADER, *PERIOD_HEADER)).encode()
    of = (review["unit"]["code"], *(review[k] for k in PERIOD_HEADER[1:]))
    for row in figure_rows(review):
        yield _line((*row, *of)).encode()
