"""Client side of ``rc-donations import-statement``: stream a bank-statement CSV to the API in batches.

CSV (UTF-8, BOM allowed; delimiter ``,`` ``;`` or tab, detected) with a header row naming at least
``bank_reference``, ``received_on`` and ``amount_vnd`` (optional ``payer_name``, ``description``;
a few Vietnamese aliases are understood). Every data row ends up counted as created, duplicate or
rejected; rejected rows go to the report with the reason. Re-running is safe: rows already recorded
come back as duplicates.

Up to ``in_flight`` requests are on their way at once (default 2; 1: one at a time, as before), and
the receipts still follow the rows of the file without gaps: each request names the import (a uuid
per run) and its batch number, and the service numbers a batch's rows only once the batch before it
has committed, whichever replica answers (with ``in_flight`` 1 neither is sent: any version of the
service takes them). Answers are taken in file order. Meanwhile a thread reads and encodes the next
batches (the reading and JSON encoding were a third of a batch's time, spent while the service waited).
"""

from __future__ import annotations

import contextlib
import csv
import json
import queue
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from rc_shared.cli import ImportAborted
from rc_shared.client import api_headers
from rc_shared.sheets import csv_cell, utf8_lines
from rc_shared.statement_csv import FIELDS, MissingColumns, read_csv

T = TypeVar("T")


@dataclass
class Totals:
    rows: int = 0
    created: int = 0
    duplicate: int = 0
    rejected: int = 0
    created_amount_vnd: int = 0
    duplicate_amount_vnd: int = 0
    seconds: float = 0.0
    rejections: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "rejections"}


def _count_rows(path: Path) -> int:
    """Data rows (line breaks less the header's); ValueError naming the first line that is not UTF-8."""
    return max(utf8_lines(path) - 1, 0)


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """(line number, row with our field names, local rejection reason or None), streaming."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        try:
            yield from read_csv(f)
        except MissingColumns:
            raise
        except UnicodeDecodeError:
            utf8_lines(path)  # names the line that is not UTF-8
            raise
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from exc


@dataclass
class Batch:
    """Rows read since the previous batch: refused locally (line, row, reason) and to send (line, row)."""

    rows: int
    refused: list[tuple[int, dict[str, Any], str]]
    pending: list[tuple[int, dict[str, Any]]]
    body: bytes  # the request's JSON, encoded while the previous request is on its way


def batches(path: Path, size: int, import_id: uuid.UUID | None = None) -> Iterator[Batch]:
    """The file's rows in batches of ``size`` to send (the last may be smaller or empty), in file order;
    with ``import_id``, each request names it and its batch number (0, 1, 2, ...; the empty last batch,
    never sent, has none)."""
    rows = 0
    sent = 0
    refused: list[tuple[int, dict[str, Any], str]] = []
    pending: list[tuple[int, dict[str, Any]]] = []
    for line, rec, reason in read_rows(path):
        rows += 1
        if reason is not None:
            refused.append((line, rec, reason))
            continue
        pending.append((line, rec))
        if len(pending) >= size:
            yield Batch(rows, refused, pending, _body(pending, import_id, sent))
            rows, refused, pending = 0, [], []
            sent += 1
    yield Batch(rows, refused, pending, _body(pending, import_id, sent))


def _body(pending: list[tuple[int, dict[str, Any]]], import_id: uuid.UUID | None, batch_no: int) -> bytes:
    body: dict[str, Any] = {"rows": [r for _, r in pending]}
    if import_id is not None:
        body["import_batch"] = {"import_id": str(import_id), "batch_no": batch_no}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def read_ahead(items: Iterator[T], depth: int = 1) -> Iterator[T]:
    """``items`` as they come, produced in a thread up to ``depth`` ahead of the consumer; an error of
    the producer is raised in the consumer, at its place; leaving the loop early stops the producer."""
    q: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(("item", item)):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            put(("error", exc))
            return
        put(("end", None))

    worker = threading.Thread(target=produce, name="statement-reader", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = q.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        worker.join()


def _post(
    client: httpx.Client, url: str, request: bytes, retries: int = 3, stop: threading.Event | None = None
) -> dict[str, Any]:
    """The answer to one batch; a transport error or a 5xx is tried again (rows are deduplicated by
    bank_reference, so a resend is safe) after ``attempt`` seconds or the 503's Retry-After, unless
    ``stop`` (another batch failed: the import is over) is set meanwhile."""
    stop = stop or threading.Event()
    for attempt in range(1, retries + 1):
        try:
            r = client.post(url, content=request, headers={"Content-Type": "application/json"})
        except httpx.TransportError as exc:
            if attempt == retries or stop.wait(attempt):
                raise ImportAborted(f"the API at {url} could not be reached ({type(exc).__name__}: {exc})") from exc
            continue
        if r.status_code >= 500 and attempt < retries and not stop.wait(max(attempt, _retry_after(r))):
            continue
        if r.status_code != 200:
            try:
                msg = r.json().get("message", r.text)
            except ValueError:
                msg = r.text
            raise ImportAborted(f"the API answered {r.status_code}: {msg}")
        body: dict[str, Any] = r.json()
        return body
    raise AssertionError("unreachable")


def _retry_after(r: httpx.Response) -> float:
    try:
        return min(float(r.headers.get("Retry-After", 0)), 30.0)
    except ValueError:
        return 0.0


def run_import(
    campaign_id: uuid.UUID,
    path: Path,
    api: str,
    report: Path | None,
    *,
    batch: int = 2000,
    in_flight: int = 2,
    progress: bool = True,
    timeout: float = 300.0,
) -> Totals:
    totals = Totals()
    start = time.perf_counter()
    url = f"{api.rstrip('/')}/campaigns/{campaign_id}/bank-statement"
    expected = _count_rows(path)
    bar = _progress_bar() if progress else _NoBar()

    def record(pending: list[tuple[int, dict[str, Any]]], body: dict[str, Any], task: Any) -> None:
        for res in body["results"]:
            line, rec = pending[res["index"]]
            status = res["status"]
            if status == "created":
                totals.created += 1
            elif status == "duplicate":
                totals.duplicate += 1
            else:
                totals.rejected += 1
                totals.rejections.append({"line": line, **rec, "reason": res.get("reason")})
        totals.created_amount_vnd += int(body["created_amount_vnd"])
        totals.duplicate_amount_vnd += int(body["duplicate_amount_vnd"])
        if len(body["results"]) != len(pending):
            raise ImportAborted(f"the API answered {len(body['results'])} results for {len(pending)} rows")
        bar.update(
            task,
            advance=len(pending),
            created=totals.created,
            duplicate=totals.duplicate,
            rejected=totals.rejected,
        )

    import_id = uuid.uuid4() if in_flight > 1 else None
    try:
        _send_all(path, url, batch, in_flight, import_id, timeout, (bar, expected), record, totals)
    except ImportAborted as exc:
        # the batches answered before stay recorded: say what they did, and keep their rejected rows
        if report is not None:
            write_report(report, totals.rejections)
        kept = f"; rejected rows so far in {report}" if report is not None and totals.rejected else ""
        raise ImportAborted(
            f"{exc}. Before it: created {totals.created}, duplicate {totals.duplicate}, rejected {totals.rejected}"
            f"{kept}. Importing the file again is safe: rows already recorded are reported as duplicates"
        ) from exc
    totals.seconds = time.perf_counter() - start
    if report is not None:
        write_report(report, totals.rejections)
    return totals


def _send_all(
    path: Path,
    url: str,
    batch: int,
    in_flight: int,
    import_id: uuid.UUID | None,
    timeout: float,
    progress: tuple[Any, int | None],
    record: Callable[[list[Any], dict[str, Any], Any], None],
    totals: Totals,
) -> None:
    """Every batch of the file posted, ``in_flight`` at once, each answer recorded in file order;
    :class:`ImportAborted` for the first batch refused (the others are not sent again). ``progress``: the
    bar and the rows expected."""
    bar, expected = progress
    stop = threading.Event()  # a batch failed: the others are not sent again
    on_way: deque[tuple[Batch, Future[dict[str, Any]]]] = deque()
    with (
        bar,
        httpx.Client(timeout=timeout, headers=api_headers()) as client,
        ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="statement-post") as posts,
    ):
        task = bar.add_task("import", total=expected or None, created=0, duplicate=0, rejected=0)
        try:
            for b in read_ahead(batches(path, batch, import_id), depth=in_flight):
                totals.rows += b.rows
                for line, rec, reason in b.refused:
                    totals.rejected += 1
                    totals.rejections.append({"line": line, **rec, "reason": reason})
                if b.refused:
                    bar.update(task, advance=len(b.refused), rejected=totals.rejected)
                if not b.pending:
                    continue
                on_way.append((b, posts.submit(_post, client, url, b.body, stop=stop)))
                if len(on_way) >= in_flight:  # the oldest answer first: results in file order
                    done, answer = on_way.popleft()
                    record(done.pending, answer.result(), task)
            while on_way:
                done, answer = on_way.popleft()
                record(done.pending, answer.result(), task)
        finally:
            stop.set()
            for _, answer in on_way:
                answer.cancel()


class _NoBar(contextlib.nullcontext[None]):
    """No progress shown (``--no-progress``): rich's progress bar, its console and its renderables are not
    even imported (a tenth of the command's start-up)."""

    def add_task(self, *_: Any, **__: Any) -> int:
        return 0

    def update(self, *_: Any, **__: Any) -> None:
        pass


def _progress_bar() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("created {task.fields[created]} · dup {task.fields[duplicate]} · rejected {task.fields[rejected]}"),
        TimeRemainingColumn(),
    )


def write_report(path: Path, rejections: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["line", *FIELDS, "reason"], extrasaction="ignore")
        w.writeheader()
        for r in sorted(rejections, key=lambda r: r["line"]):
            w.writerow({k: csv_cell(v) for k, v in r.items()})  # a payer's text is not a formula
