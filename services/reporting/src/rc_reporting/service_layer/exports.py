"""Export use cases: render a review as CSV, XLSX or PDF, directly or as a job.

A job is a row of ``rpt_export_jobs`` (queued, running with a progress percentage, done with its
file, or failed with the reason) worked by a task of the process that accepted it. The task renews
the job's heartbeat every quarter of the lease; a process that stops while a job is queued or running
stops renewing it, and the next read of a job whose heartbeat is older than the lease marks it failed
(the client asks again). This holds with several replicas: no process needs to know which others
are alive.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import asyncpg

from rc_reporting.domain.model import RoleNames
from rc_reporting.domain.review import ReviewPeriod
from rc_reporting.exports.csv_out import review_csv
from rc_reporting.exports.pdf_out import review_pdf
from rc_reporting.exports.rows import filename
from rc_reporting.exports.xlsx_out import review_xlsx
from rc_reporting.service_layer import review as reviews
from rc_shared.errors import Invalid, NotFound

log = logging.getLogger(__name__)

Format = Literal["json", "csv", "xlsx", "pdf"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReviewExport:
    unit_id: uuid.UUID
    period: ReviewPeriod
    format: Literal["csv", "xlsx", "pdf"]

    def params(self) -> dict[str, Any]:
        return {
            "unit_id": str(self.unit_id),
            "period_from": self.period.start.isoformat(),
            "period_to": self.period.end.isoformat(),
        }


def jsonable(review: Mapping[str, Any]) -> dict[str, Any]:
    """Dates and ids as strings (what the JSON answer carries), so every format shows the same text."""
    out: dict[str, Any] = json.loads(json.dumps(review, default=str))
    return out


async def render(
    review: Mapping[str, Any],
    fmt: Literal["csv", "xlsx", "pdf"],
    templates_dir: str | None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The file's bytes (XLSX and PDF rendered in a worker thread: they are CPU-bound)."""
    data = jsonable(review)
    if fmt == "csv":
        return b"".join(review_csv(data))
    if fmt == "xlsx":
        return await asyncio.to_thread(review_xlsx, data, progress)
    return await asyncio.to_thread(review_pdf, data, templates_dir)


def csv_stream(review: Mapping[str, Any]) -> Iterator[bytes]:
    return review_csv(jsonable(review))


def export_filename(review: Mapping[str, Any], fmt: str) -> str:
    return filename(jsonable(review), fmt)


async def create_job(conn: asyncpg.Connection, export: ReviewExport, ttl_s: int) -> uuid.UUID:
    job_id = uuid.uuid4()
    await conn.execute("DELETE FROM rpt_export_jobs WHERE expires_at <= now()")  # files past their time
    await conn.execute(
        "INSERT INTO rpt_export_jobs (job_id, kind, format, params, status, expires_at)"
        " VALUES ($1, 'review', $2, $3::jsonb, 'queued', now() + make_interval(secs => $4))",
        job_id,
        export.format,
        json.dumps(export.params()),
        ttl_s,
    )
    return job_id


# A worker's updates leave a job alone once it has ended: one read as interrupted (its heartbeat missed
# for longer than the lease) stays failed, never turns back to running or done under the client.
LIVE = " AND status IN ('queued', 'running')"
INTERRUPTED = "interrupted: the process working this export stopped before it finished; ask for it again"


async def run_job(
    acquire: Callable[[], Any],
    job_id: uuid.UUID,
    export: ReviewExport,
    support_kinds: Mapping[str, str],
    roles: RoleNames,
    templates_dir: str | None,
    lease_s: float,
) -> None:
    """Work one job to its end; every step records its progress on its own short connection, and a
    heartbeat is renewed every quarter of ``lease_s`` until the job ends."""

    async def step(sql: str, *args: Any) -> None:
        async with acquire() as c:
            await c.execute(sql, job_id, *args)

    async def heartbeat() -> None:
        while True:
            await asyncio.sleep(lease_s / 4)
            try:
                await step(
                    "UPDATE rpt_export_jobs SET heartbeat_at = now()"
                    " WHERE job_id = $1 AND status IN ('queued', 'running')"
                )
            except Exception as exc:  # a missed beat (the pool, the network): the next one may land
                log.warning("export job %s: heartbeat not recorded: %s", job_id, exc)

    def progress_of(loop: asyncio.AbstractEventLoop) -> Callable[[int], None]:
        def report(pct: int) -> None:
            asyncio.run_coroutine_threadsafe(
                step(
                    "UPDATE rpt_export_jobs SET progress = $2 WHERE job_id = $1 AND status = 'running'", 40 + pct // 2
                ),
                loop,
            )

        return report

    beating = asyncio.ensure_future(heartbeat())
    try:
        await step("UPDATE rpt_export_jobs SET status = 'running', progress = 5 WHERE job_id = $1" + LIVE)
        async with acquire() as c:
            review = await reviews.review(c, export.unit_id, export.period, support_kinds, roles)
        await step("UPDATE rpt_export_jobs SET progress = 40 WHERE job_id = $1" + LIVE)
        content = await render(review, export.format, templates_dir, progress_of(asyncio.get_running_loop()))
        await step(
            "UPDATE rpt_export_jobs SET status = 'done', progress = 100, content = $2, filename = $3, media_type = $4,"
            " finished_at = now() WHERE job_id = $1" + LIVE,
            content,
            export_filename(review, export.format),
            MEDIA_TYPES[export.format],
        )
    except Exception as exc:  # the job records why; the client reads it from the job resource
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        await step(
            "UPDATE rpt_export_jobs SET status = 'failed', error = $2, finished_at = now() WHERE job_id = $1" + LIVE,
            str(message)[:2000],
        )
    finally:
        beating.cancel()


def spawn(tasks: set[asyncio.Task[None]], work: Awaitable[None]) -> asyncio.Task[None]:
    """Keep a reference to the task until it ends (the loop holds only weak ones); the task."""
    task: asyncio.Task[None] = asyncio.ensure_future(work)
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return task


async def job(conn: asyncpg.Connection, job_id: uuid.UUID, lease_s: float) -> dict[str, Any]:
    """The job; one whose worker stopped renewing its heartbeat for longer than ``lease_s`` is marked
    failed first (its process stopped: see the module docstring)."""
    await conn.execute(
        "UPDATE rpt_export_jobs SET status = 'failed', error = $2, finished_at = now() WHERE job_id = $1"
        " AND status IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $3)",
        job_id,
        INTERRUPTED,
        lease_s,
    )
    row = await conn.fetchrow(
        "SELECT job_id, kind, format, params, status, progress, filename, error, created_at, finished_at, expires_at"
        " FROM rpt_export_jobs WHERE job_id = $1 AND expires_at > now()",
        job_id,
    )
    if row is None:
        raise NotFound(f"export job {job_id} not found (or expired)", job_id=str(job_id))
    out = dict(row.items())
    out["params"] = json.loads(out["params"]) if isinstance(out["params"], str) else out["params"]
    return out


async def job_file(conn: asyncpg.Connection, job_id: uuid.UUID) -> tuple[bytes, str, str]:
    row = await conn.fetchrow(
        "SELECT status, content, filename, media_type FROM rpt_export_jobs WHERE job_id = $1 AND expires_at > now()",
        job_id,
    )
    if row is None:
        raise NotFound(f"export job {job_id} not found (or expired)", job_id=str(job_id))
    if row["status"] != "done":
        raise NotFound(f"export job {job_id} has no file yet (status {row['status']})", job_id=str(job_id))
    return bytes(row["content"]), str(row["filename"]), str(row["media_type"])


def default_period(period_from: date | None, period_to: date | None, today: date) -> ReviewPeriod:
    """Default: the calendar year of ``period_to`` (or of today) up to ``period_to``. A period that has not
    ended yet is counted up to today, and ends today: its figures are today's, and the review says so (its
    ``period_to``, its title) instead of giving them the whole period's title (the year "up to 31 December"
    printed on 15 December). A period that has not begun is refused, naming ``period_from``."""
    end = min(period_to, today) if period_to is not None else today
    start = period_from or date(end.year, 1, 1)
    if start > today:
        raise Invalid(
            f"period_from {start} has not come yet (today is {today}): a review counts days that have passed",
            field="period_from",
        )
    return ReviewPeriod.build(start, end)
