"""Rows of a CSV or XLSX file, read as they come (``csv``; ``openpyxl`` in read-only mode, imported
only when a workbook is read): the header row's names, and each later row as a mapping of them.

Row numbers are the file's (the header is row 1, or the row a caller's ``is_header`` found below a
title); a row with nothing in it is left out, the rows after it keep their numbers (a caller sending
rows numbered from a batch's first one batches them with :func:`consecutive_batches`). A header name is
lower-cased with spaces as underscores; a cell beyond the header is named ``column_N``; a blank cell
is None, a date an ISO text; a table has at most :data:`MAX_COLUMNS` columns (a workbook is read to the
column after, and a value there refuses it; further right is never unpacked). A CSV's delimiter (``,``
``;`` or tab) is detected (:func:`csv_dialect`); a workbook's table is read from the sheet that has it
(:func:`table_sheet`).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

SUFFIXES = (".csv", ".xlsx", ".xlsm")
R = TypeVar("R")


def utf8_lines(path: Path) -> int:
    """The number of line breaks in a text file, read in 1 MB chunks; ValueError naming the first line
    that is not UTF-8 (a CSV saved in a legacy code page), so that an import stops before it sends a row."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            held = len(decoder.getstate()[0])  # the end of the last chunk's character, which this one finishes
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line = lines + chunk[: max(exc.start - held, 0)].count(b"\n") + 1
                raise ValueError(
                    f'{path} is not UTF-8 text (line {line}): save it as "CSV UTF-8" and import it again'
                ) from None
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ValueError(f'{path} is not UTF-8 text (it ends inside a character): save it as "CSV UTF-8"') from None
    return lines


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(v: Any) -> Any:
    """A value as a cell of a CSV file we write: None as empty; a text a spreadsheet would run as a
    formula (its first character one of ``= + - @``, a tab or a carriage return: CSV injection) quoted
    with a leading apostrophe, unless it is a number ("-5000", "+84912345678"); anything else as it is."""
    if v is None:
        return ""
    if isinstance(v, str) and v[:1] in _FORMULA_START and not _number(v):
        return "'" + v
    return v


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _cell(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        return v.strip() or None
    return v


def _header(cells: list[Any]) -> list[str]:
    return [str(c).strip().lower().replace(" ", "_") if c is not None else "" for c in cells]


HEADER_SEARCH_ROWS = 20


CSV_DELIMITERS = ",;\t"
CSV_SAMPLE_CHARS = 8192


def csv_dialect(sample: str) -> type[csv.Dialect]:
    """Excel's CSV dialect with the delimiter of a file, from its first characters: ``,``, ``;`` (what Excel
    writes where the decimal mark is a comma, as Vietnamese regional settings have it) or tab, as
    :class:`csv.Sniffer` finds it; when the sniffer cannot tell (rows of unequal lengths, a title line above
    a few rows), the most frequent of them in the sample (a comma when it has none). Only the delimiter is
    taken from the sniffer: its guess of a quote character could take an apostrophe in a cell for one."""
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        delimiter = max(CSV_DELIMITERS, key=sample.count)

    class Found(csv.excel):
        pass

    Found.delimiter = delimiter
    return Found


def _take_header(
    records: Iterator[list[Any]], is_header: Callable[[list[str]], bool] | None
) -> tuple[list[str], int, Iterator[list[Any]]]:
    """(header, its row number, the rows after it): the first row, or with ``is_header`` the first of the
    first :data:`HEADER_SEARCH_ROWS` it accepts (a sheet that starts with its title and the office's
    name above the table), else the first."""
    if is_header is None:
        return _header(next(records, [])), 1, records
    top = list(itertools.islice(records, HEADER_SEARCH_ROWS))
    at = next((i for i, cells in enumerate(top) if is_header(_header(cells))), 0)
    return _header(top[at] if top else []), at + 1, itertools.chain(top[at + 1 :], records)


def consecutive_batches(rows: Iterable[tuple[int, R]], size: int) -> Iterator[list[tuple[int, R]]]:
    """``rows`` (numbered as :func:`read_table` numbers them) in batches of at most ``size`` whose numbers
    follow each other: an API that numbers a batch's rows from its first one's (``first_row``) gives each
    row its own number, also after an empty row the reader left out (which ends a batch)."""
    batch: list[tuple[int, R]] = []
    for n, row in rows:
        if batch and (len(batch) >= size or n != batch[-1][0] + 1):
            yield batch
            batch = []
        batch.append((n, row))
    if batch:
        yield batch


# The widest table read: a member list has about 20 columns, a statement about 10. Without a bound a crafted
# file (a CSV line of a million commas, a workbook whose one cell sits in column XFD) made every row cost
# its width, or its width squared, for hours of a worker's CPU.
MAX_COLUMNS = 256


class TableTooWide(ValueError):
    """A row has something in a column beyond :data:`MAX_COLUMNS` (``row``: its number in the file)."""

    def __init__(self, row: int) -> None:
        super().__init__(
            f"row {row} has a value beyond column {MAX_COLUMNS}: a table may have at most {MAX_COLUMNS} columns "
            "(delete the columns after the table's last one)"
        )
        self.row = row


class RepeatedColumn(ValueError):
    """Two columns of the header have one name (``name``; ``columns``: their letters, A for the first): a
    row's value under one would hide its value under the other, so the file is refused, not read."""

    def __init__(self, name: str, columns: list[str]) -> None:
        super().__init__(
            f"columns {' and '.join(columns)} are both headed {name.replace('_', ' ')!r}: keep one of them, or give"
            " each its own heading"
        )
        self.name = name
        self.columns = columns


def column_letter(index: int) -> str:
    """A column's letters as a spreadsheet shows them, from its index (0: A, 25: Z, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _distinct(header: list[str], may_repeat: Callable[[str], bool] | None) -> list[str]:
    """``header``, or :class:`RepeatedColumn` for its first name given to two columns (but a name
    ``may_repeat`` allows: a column the caller leaves out, "Ghi chú" twice)."""
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name and name in seen and not (may_repeat is not None and may_repeat(name)):
            raise RepeatedColumn(name, [column_letter(seen[name]), column_letter(i)])
        seen.setdefault(name, i)
    return header


def _blank(cells: Sequence[Any]) -> bool:
    """Nothing but None and empty text (counted without a Python loop), or blanks only."""
    return cells.count(None) + cells.count("") == len(cells) or all(_cell(v) is None for v in cells)


def _within_columns(records: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """The rows (numbered from 1, as in the file) cut to :data:`MAX_COLUMNS` cells and their empty cells at
    the end left out; :class:`TableTooWide` for the first row with something in a column beyond."""
    for n, cells in enumerate(records, start=1):
        if cells.count(None) == len(cells):
            yield []  # (a gap between rows, a row of formatted empty cells: nothing to look at one by one)
            continue
        if len(cells) > MAX_COLUMNS:
            if not _blank(cells[MAX_COLUMNS:]):
                raise TableTooWide(n)
            cells = cells[:MAX_COLUMNS]
        end = len(cells)
        while end and (cells[end - 1] is None or cells[end - 1] == ""):
            end -= 1
        yield list(cells[:end])


def _rows(header: list[str], records: Iterator[list[Any]], start: int = 2) -> Iterator[tuple[int, dict[str, Any]]]:
    named = frozenset(header)
    for n, cells in enumerate(records, start=start):
        if _blank(cells):
            continue  # nothing in it (a sheet ruled for 200 more rows, a blank line): the others keep their number
        row: dict[str, Any] = {}
        for i, v in enumerate(cells):
            name = header[i] if i < len(header) and header[i] else f"column_{i + 1}"
            value = _cell(v)
            if value is not None or name in named:
                row[name] = value
        yield n, row


# What a workbook may unpack to. Real ones are far below (20,000 members: ~8 MB of shared strings, ~15 MB
# of sheet; XML compresses 5 to 15 times); a crafted one is not: openpyxl holds the shared strings in memory,
# and a 250 KB file of them took 565 MB and 71 s of CPU to open, so a 5 MB upload could take a process down.
WORKBOOK_MAX_BYTES = 100 << 20  # every part, uncompressed
SHARED_STRINGS_MAX_BYTES = 16 << 20
WORKBOOK_MAX_RATIO = 100  # a part's uncompressed size to its compressed size (parts over 1 MB)


def check_workbook(source: IO[bytes] | Path) -> None:
    """ValueError (saying which limit) for a workbook that would unpack to more than it may, read from its
    zip directory alone (nothing is decompressed); a stream is left at its start. Not a zip: left to the
    reader, which says so."""
    import zipfile

    try:
        with zipfile.ZipFile(source) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    finally:
        if not isinstance(source, Path):
            source.seek(0)
    total = sum(p.file_size for p in parts)
    if total > WORKBOOK_MAX_BYTES:
        raise ValueError(
            f"the workbook unpacks to {total >> 20} MB, more than the {WORKBOOK_MAX_BYTES >> 20} MB a file may: "
            "split it, or save it as CSV"
        )
    for p in parts:
        if p.filename.lower().endswith("sharedstrings.xml") and p.file_size > SHARED_STRINGS_MAX_BYTES:
            raise ValueError(
                f"the workbook's text takes {p.file_size >> 20} MB, more than the "
                f"{SHARED_STRINGS_MAX_BYTES >> 20} MB a file may: split it, or save it as CSV"
            )
        if p.file_size > 1 << 20 and p.file_size > WORKBOOK_MAX_RATIO * max(p.compress_size, 1):
            raise ValueError(
                f"the workbook's part {p.filename} unpacks {p.file_size // max(p.compress_size, 1)} times its size "
                "(a spreadsheet's is about 10; thousands of formatted empty rows do this too): save it as CSV"
            )


def read_table(
    stream: IO[bytes],
    suffix: str,
    stack: ExitStack,
    is_header: Callable[[list[str]], bool] | None = None,
    may_repeat: Callable[[str], bool] | None = None,
) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """(header, iterator of (row number, row)) of a CSV (UTF-8, with or without BOM) or XLSX stream;
    ValueError for another kind of file, or one that cannot be read as its kind; :class:`RepeatedColumn`
    for a header that names two columns alike, unless ``may_repeat`` allows that name (a column the caller
    leaves out). ``is_header``: which of the first rows is the header (:func:`_take_header`; None: the first)."""
    suffix = suffix.lower()
    if suffix == ".csv":
        text = stack.enter_context(io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""))
        dialect = csv_dialect(text.read(CSV_SAMPLE_CHARS))
        text.seek(0)
        header, at, rest = _take_header(_within_columns(csv.reader(text, dialect)), is_header)
        return _distinct(header, may_repeat), _rows(header, rest, at + 1)
    if suffix in (".xlsx", ".xlsm"):
        import zipfile

        import openpyxl

        check_workbook(stream)
        try:
            wb = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise ValueError(f"not a readable workbook: {exc}") from exc
        stack.callback(wb.close)
        ws = table_sheet(wb, is_header)
        # never wider than a table may be, plus one column to see a value there: the sheet's declared size (a
        # crafted "A1:XFD1048576") or a formatted empty cell far to the right would otherwise widen rows, and
        # the gaps between rows, to 16,384 cells each
        ws.reset_dimensions()
        rows = ws.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        header, at, rest = _take_header(_within_columns(rows), is_header)
        return _distinct(header, may_repeat), _rows(header, rest, at + 1)
    raise ValueError(f"unsupported file type {suffix!r}: use .csv or .xlsx")


def table_sheet(wb: Any, is_header: Callable[[list[str]], bool] | None = None) -> Any:
    """The worksheet of an openpyxl workbook that holds the table: the active sheet when ``is_header``
    finds a header among its first :data:`HEADER_SEARCH_ROWS` rows (or is None), else the first other
    sheet where it finds one (a workbook last saved on its guide sheet), else the active sheet.
    ValueError for a workbook with no worksheet."""
    sheets = list(wb.worksheets)  # (not a chart sheet: it has no rows)
    if not sheets:
        raise ValueError("the workbook has no sheet")
    active = wb.active if any(ws is wb.active for ws in sheets) else sheets[0]
    if is_header is None:
        return active
    for ws in (active, *(ws for ws in sheets if ws is not active)):
        top = ws.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True)
        if any(is_header(_header(list(r))) for r in top):
            return ws
    return active
