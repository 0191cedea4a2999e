"""Member import from an uploaded CSV or XLSX file: the file read into rows, then sent to the members
API (``POST /imports/members``) in batches by a background task whose progress a page polls.

The jobs live in the console process's memory (the console owns no database): a job is seen only by
the session that started it, the latest few are kept, and a restart forgets them (the rows already
sent stay imported; sending the file again reports them as already imported). The job's reasons and
messages are said in the language of the request that started it (its task inherits that context).
"""

from __future__ import annotations

import asyncio
import csv
import functools
import io
import time
import uuid
from collections import OrderedDict
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter

from rc_console.adapters.upstream import Api, ApiError, patiently
from rc_console.domain.model import import_reason
from rc_console.i18n import gettext as _
from rc_console.i18n import number
from rc_shared import member_columns
from rc_shared.logging import get_logger
from rc_shared.sheets import (
    MAX_COLUMNS,
    SUFFIXES,
    RepeatedColumn,
    TableTooWide,
    check_workbook,
    consecutive_batches,
    csv_cell,
    read_table,
)

log = get_logger(__name__)
BATCH_ROWS = 200  # rows per request to the members API (its limit: 2000); each batch moves the progress bar
MAX_ROWS = 20_000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
JOBS_KEPT = 50


class BadFile(ValueError):
    """The upload cannot be imported; the message says why, in the user's language."""


Row = tuple[int, dict[str, Any]]


def _json_cell(v: Any) -> Any:
    """A cell as the API takes it (text, number, true/false or empty); anything else as text."""
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def template_workbook() -> bytes:
    """The members import's template (.xlsx): a sheet headed as an office heads it (the Vietnamese
    headers of rc_shared.member_columns, which the members service reads as its columns) with an
    example row (its unit, :data:`EXAMPLE_UNIT`, exists nowhere: left in, it is refused, not imported),
    and a sheet saying each column (required or not, example, note, the API's name).
    The code, phone and identity-number columns are text, so that Excel keeps their leading 0."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#FBE3E3", "border": 1, "text_wrap": True, "valign": "top"})
    text = book.add_format({"num_format": "@"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Hội viên")
    for i, c in enumerate(member_columns.COLUMNS):
        sheet.set_column(i, i, max(14, len(c.header) + 2), text if c.name in TEXT_COLUMNS else None)
        sheet.write_string(0, i, c.header, bold)
        sheet.write_string(1, i, EXAMPLE_UNIT if c.name == "unit_code" else c.example)
    sheet.freeze_panes(1, 0)
    guide = book.add_worksheet("Hướng dẫn")
    for i, (title, width) in enumerate(
        (("Cột", 22), ("Bắt buộc", 22), ("Ví dụ", 20), ("Ghi chú", 60), ("Tên trong API", 18))
    ):
        guide.set_column(i, i, width, wrap)
        guide.write_string(0, i, title, bold)
    for r, c in enumerate(member_columns.COLUMNS, start=1):
        for i, value in enumerate((c.header, c.required or "không", c.example, c.note, c.name)):
            guide.write_string(r, i, value)
    note = len(member_columns.COLUMNS) + 2
    guide.write_string(note, 0, GUIDE)
    book.close()
    return out.getvalue()


TEXT_COLUMNS = frozenset({"unit_code", "member_code", "phone", "id_number"})
EXAMPLE_UNIT = "VIDU-XOA-DONG-NAY"  # the example row's unit: no unit has it, so a file sent with it imports no one
GUIDE = (
    "Dòng 1 của sheet Hội viên là tên các cột (có dấu hay không dấu đều được); mỗi dòng sau là một người. "
    "Xoá dòng ví dụ trước khi nhập. Nhập lại cùng tệp không tạo trùng."
)


def rows_of(filename: str, content: bytes) -> tuple[list[str], list[Row]]:
    """The header and the data rows of an uploaded file (its row numbers: the header is row 1)."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in SUFFIXES:
        raise BadFile(_("Chỉ nhận tệp CSV hoặc Excel (.xlsx)."))
    if not content:
        raise BadFile(_("Tệp rỗng."))
    if suffix != ".csv":
        try:
            check_workbook(io.BytesIO(content))
        except ValueError as exc:  # a crafted file would take the console's memory and minutes of CPU
            raise BadFile(
                _(
                    "Tệp Excel này giải nén ra quá lớn (có thể không phải bảng tính thật): xin chia thành nhiều tệp, "
                    "hoặc lưu dưới dạng CSV."
                )
            ) from exc
    try:
        with ExitStack() as stack:
            header, it = read_table(
                io.BytesIO(content), suffix, stack, member_columns.is_header, member_columns.ignored
            )
            rows: list[Row] = []
            for n, row in it:
                rows.append((n, {k: _json_cell(v) for k, v in row.items()}))
                if len(rows) > MAX_ROWS:
                    raise BadFile(_("Tệp có hơn %(rows)s dòng: xin chia thành nhiều tệp.") % {"rows": number(MAX_ROWS)})
    except UnicodeDecodeError as exc:
        raise BadFile(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
    except RepeatedColumn as exc:
        raise BadFile(
            _(
                "Các cột %(columns)s có cùng tiêu đề “%(name)s”: giá trị ở cột này sẽ che mất giá trị ở cột kia. "
                "Xin giữ một cột (hoặc đặt cho mỗi cột một tiêu đề riêng) rồi nhập lại."
            )
            % {"columns": " và ".join(exc.columns), "name": exc.name.replace("_", " ")}
        ) from exc
    except TableTooWide as exc:
        raise BadFile(
            _(
                "Dòng %(row)s có dữ liệu ở sau cột thứ %(max)s: một bảng có tối đa %(max)s cột. Xin xoá các cột ở "
                "sau cột cuối của bảng rồi nhập lại."
            )
            % {"row": number(exc.row), "max": MAX_COLUMNS}
        ) from exc
    except (ValueError, csv.Error) as exc:
        if isinstance(exc, BadFile):
            raise
        raise BadFile(_("Không đọc được tệp (hỏng, hoặc không đúng loại tệp).")) from exc
    if not any(h for h in header):
        raise BadFile(_("Tệp không có dòng tiêu đề (tên các cột, ở dòng 1 hoặc dưới tên bảng)."))
    if not rows:
        raise BadFile(_("Tệp không có dòng dữ liệu nào (dưới dòng tiêu đề)."))
    if (found := member_columns.month_first(header, rows)) is not None:
        raise BadFile(
            _(
                "Cột “%(column)s” ghi ngày theo kiểu tháng trước (dòng %(row)s: %(value)s), nên ngày ở dòng "
                "%(ambiguous)s sẽ bị đọc đảo ngày và tháng. Xin lưu lại tệp với ngày dạng ngày/tháng/năm rồi nhập lại."
            )
            % {
                "column": found.column.replace("_", " "),
                "row": number(found.row),
                "value": found.value,
                "ambiguous": number(found.ambiguous),
            }
        )
    return header, rows


@dataclass
class RowResult:
    row: int
    status: str  # created | unchanged | rejected
    reason: str  # in the language of the session that started the import ("" when none)
    person_id: str | None


@dataclass
class ImportJob:
    id: uuid.UUID
    owner: str
    source: str
    header: list[str]
    rows: list[Row]
    started: float = field(default_factory=time.time)
    done: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"created": 0, "unchanged": 0, "rejected": 0})
    results: list[RowResult] = field(default_factory=list)
    finished: bool = False
    failure: str = ""  # why the import stopped before the end (the rows not sent are listed as not imported)
    waiting_s: float | None = None  # the members service is busy: the next batch is sent again after this

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total

    def rejected_csv(self) -> str:
        """The rejected rows as the file had them, with their row number and the reason (UTF-8 with BOM,
        which Excel needs to read Vietnamese), ready to be corrected and imported again."""
        out = io.StringIO()
        out.write("\ufeff")
        w = csv.writer(out)
        header, echoed = member_columns.report_header(self.header)
        w.writerow(header)
        originals = dict(self.rows)
        for r in self.results:
            if r.status == "rejected":
                orig = originals.get(r.row, {})
                w.writerow([r.row, r.reason, *(csv_cell(orig.get(h)) for h in echoed)])
        return out.getvalue()


async def run(job: ImportJob, api: Api) -> None:
    """Send the job's rows in batches; each batch's results are recorded as they come. A busy members
    service (429, 503, no answer) is asked again (:func:`patiently`): a resent row has the same import
    key, so an answer lost on the way shows it as unchanged."""

    def waiting(pause: float | None) -> None:
        job.waiting_s = pause

    try:
        # (a batch's rows are numbered from its first by the API: one ends where the reader left an empty row out)
        for batch in consecutive_batches(job.rows, BATCH_ROWS):
            body = {"source": job.source, "first_row": batch[0][0], "rows": [r for _, r in batch]}
            try:
                answer = await patiently(functools.partial(api.import_members, body), waiting)
            except ApiError as exc:
                if exc.problem.status in (401, 429, 503) or exc.problem.status >= 500:
                    raise
                detail = f" ({exc.problem.detail})" if exc.problem.detail else ""
                why = _("Cả lô bị từ chối: %(reason)s") % {"reason": exc.problem.message + detail}
                _record(job, [{"row": n, "status": "rejected", "reason": None} for n, _ in batch], why)
            else:
                _record(job, answer.get("results") or [], "")
    except ApiError as exc:
        job.failure = _("Dừng lại sau %(rows)s dòng: %(reason)s") % {"rows": job.done, "reason": exc.problem.message}
        _record(
            job, [{"row": n, "status": "rejected", "reason": None} for n, _ in job.rows[job.done :]], _("Chưa nhập.")
        )
    except Exception:  # a bug must not leave the page polling for ever
        log.exception("member_import_failed", job=str(job.id))
        job.failure = _("Dừng lại sau %(rows)s dòng do lỗi hệ thống.") % {"rows": job.done}
        _record(
            job, [{"row": n, "status": "rejected", "reason": None} for n, _ in job.rows[job.done :]], _("Chưa nhập.")
        )
    finally:
        job.finished = True


def _record(job: ImportJob, results: list[dict[str, Any]], why: str) -> None:
    for r in results:
        status = str(r.get("status") or "rejected")
        status = status if status in job.counts else "rejected"
        reason = why or (import_reason(r.get("reason")) if status == "rejected" else "")
        job.results.append(RowResult(int(r.get("row") or 0), status, reason, r.get("person_id")))
        job.counts[status] += 1
    job.done += len(results)


class ImportJobs:
    """The process's import jobs, the latest :data:`JOBS_KEPT` (their tasks held so none is collected)."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[uuid.UUID, ImportJob] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, owner: str, source: str, header: list[str], rows: list[Row], api: Api) -> ImportJob:
        job = ImportJob(id=uuid.uuid4(), owner=owner, source=source, header=header, rows=rows)
        self._jobs[job.id] = job
        while len(self._jobs) > JOBS_KEPT:
            oldest = next((j for j in self._jobs.values() if j.finished), None)
            if oldest is None:
                break
            del self._jobs[oldest.id]
        task = asyncio.create_task(run(job, api))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def get(self, job_id: uuid.UUID, owner: str) -> ImportJob | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None
