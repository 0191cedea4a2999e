"""Client side of the bulk import: stream a CSV or XLSX file to ``POST /imports/members`` in batches.

The file is read row by row (``csv`` module; ``openpyxl`` in read-only mode), never loaded whole.
Every row gets a result: rows the server rejects go to the rejection report (a row with nothing in it
is no row: not sent). Row numbers are the file's, the header being row 1.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rc_shared import member_columns
from rc_shared.cli import ImportAborted
from rc_shared.client import api_headers
from rc_shared.sheets import (
    SUFFIXES,
    check_workbook,
    consecutive_batches,
    csv_cell,
    read_table,
    table_sheet,
    utf8_lines,
)


def count_rows(path: Path) -> int | None:
    """Rows in the file after the first (a cheap streaming pass for CSV; the dimension of the sheet read
    for XLSX): the progress bar's total until the end (empty rows are counted here, not sent)."""
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as f:
            return max(0, sum(1 for _ in csv.reader(f)) - 1)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        check_workbook(path)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = table_sheet(wb, member_columns.is_header).max_row
            return None if rows is None else max(0, rows - 1)
        except ValueError:  # no sheet: the reader says so
            return None
        finally:
            wb.close()
    return None


def read_file(path: Path, stack: ExitStack) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """(header, iterator of (row number, row)) for a CSV or XLSX file."""
    if path.suffix.lower() not in SUFFIXES:
        raise ValueError(f"unsupported file type {path.suffix.lower()!r}: use .csv or .xlsx")
    if path.suffix.lower() == ".csv":
        utf8_lines(path)  # ValueError naming the first line that is not UTF-8, before any row is sent
    with ExitStack() as scan:  # the whole file looked at once, before any row is sent
        found = member_columns.month_first(
            *read_table(
                scan.enter_context(path.open("rb")), path.suffix, scan, member_columns.is_header, member_columns.ignored
            )
        )
    if found is not None:
        raise ValueError(
            f"the column {found.column!r} writes dates month first (row {found.row}: {found.value!r}), so row"
            f" {found.ambiguous}'s would be read with day and month swapped: save the file with dates as"
            " DD/MM/YYYY (or YYYY-MM-DD) and import it again"
        )
    return read_table(
        stack.enter_context(path.open("rb")), path.suffix, stack, member_columns.is_header, member_columns.ignored
    )


def _send(client: httpx.Client, source: str, batch: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    body = {"source": source, "first_row": batch[0][0], "rows": [r for _, r in batch]}
    try:
        resp = client.post("/imports/members", json=body)
    except httpx.TransportError as exc:
        raise ImportAborted(
            f"the API at {client.base_url} could not be reached ({type(exc).__name__}: {exc}) with the batch from row"
            f" {batch[0][0]}. Importing the file again is safe: rows already imported are reported unchanged"
        ) from exc
    if resp.status_code == 200:
        results: list[dict[str, Any]] = resp.json()["results"]
        return results
    try:
        detail = resp.json()
        reason = detail.get("message", "")
        if detail.get("errors"):
            reason += ": " + "; ".join(f"{e['field']}: {e['message']}" for e in detail["errors"][:5])
    except ValueError:
        reason = resp.text[:300]
    if resp.status_code >= 500:  # (the batches before it stay imported; this one may or may not be)
        raise ImportAborted(
            f"the API answered {resp.status_code} to the batch from row {batch[0][0]}: {reason}. Importing the file"
            " again is safe: rows already imported are reported unchanged"
        )
    return [
        {"row": n, "status": "rejected", "reason": f"batch refused ({resp.status_code}): {reason}"} for n, _ in batch
    ]


def run_import(
    path: Path,
    api: str,
    report: Path | None = None,
    batch_size: int = 1000,
    progress: bool = True,
    client: httpx.Client | None = None,
) -> dict[str, int]:
    """Import a file through the API; write rejected rows to ``report``; return the totals."""
    totals = {"created": 0, "unchanged": 0, "rejected": 0}
    with ExitStack() as stack:
        header, rows = read_file(path, stack)
        if client is None:
            client = stack.enter_context(httpx.Client(base_url=api, timeout=300, headers=api_headers()))
        writer = None
        report_header, echoed = member_columns.report_header(header)
        if report is not None:
            rf = stack.enter_context(report.open("w", newline="", encoding="utf-8"))
            writer = csv.writer(rf)
            writer.writerow(report_header)
        bar = stack.enter_context(
            Progress(
                TextColumn("[bold]importing {task.fields[name]}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn(
                    "created {task.fields[created]} unchanged {task.fields[unchanged]} rejected {task.fields[rejected]}"
                ),
                disable=not progress,
            )
        )
        task = bar.add_task("import", total=count_rows(path), name=path.name, created=0, unchanged=0, rejected=0)

        def flush(batch: list[tuple[int, dict[str, Any]]]) -> None:
            assert client is not None
            originals = dict(batch)
            for res in _send(client, path.name, batch):
                status = res["status"]
                totals[status] = totals.get(status, 0) + 1
                if status == "rejected" and writer is not None:
                    orig = originals.get(res["row"], {})
                    writer.writerow([res["row"], res["reason"], *(csv_cell(orig.get(h)) for h in echoed)])
            bar.update(
                task,
                advance=len(batch),
                created=totals["created"],
                unchanged=totals["unchanged"],
                rejected=totals["rejected"],
            )

        sent = 0
        # (a batch's rows are numbered from its first by the API: one ends where the reader left an empty row out)
        for batch in consecutive_batches(rows, batch_size):
            flush(batch)
            sent += len(batch)
        bar.update(task, total=sent)  # (the count had the empty rows too, which are not sent)
    return totals
