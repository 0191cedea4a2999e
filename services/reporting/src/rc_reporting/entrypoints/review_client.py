"""Command-line client of the review exports: start a job, show its progress, write its file.

Used by ``./dev report review`` (``rc report review``); it talks to the reporting HTTP API like any
client (``POST /exports/reviews``, then ``GET /exports/{job_id}`` until done, then the download link).
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

POLL_S = 0.2


class ExportFailed(RuntimeError):
    """The API refused the export or the job failed; the message says why."""


def _problem(r: httpx.Response) -> str:
    try:
        body: dict[str, Any] = r.json()
        return str(body.get("detail") or body.get("message") or r.text)
    except ValueError:
        return r.text


async def download_review(
    client: httpx.AsyncClient,
    unit_code: str,
    period_from: date | None,
    period_to: date | None,
    fmt: str,
    out: Path | None = None,
    progress: bool = True,
    timeout_s: float = 600.0,
) -> Path:
    """Export the review of ``unit_code`` as ``fmt`` into ``out`` (default: the server's file name in
    the current directory); returns the path written."""
    body: dict[str, Any] = {"unit_code": unit_code, "format": fmt}
    if period_from:
        body["period_from"] = period_from.isoformat()
    if period_to:
        body["period_to"] = period_to.isoformat()
    r = await client.post("/exports/reviews", json=body)
    if r.status_code != 202:
        raise ExportFailed(f"{r.status_code}: {_problem(r)}")
    job = r.json()
    url = f"/exports/{job['job_id']}"
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, disable=not progress) as bar:
        task = bar.add_task(f"review {unit_code} ({fmt})", total=100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while job["status"] not in ("done", "failed"):
            if loop.time() > deadline:
                raise ExportFailed(f"the export job {job['job_id']} is not done after {timeout_s:.0f} s")
            await asyncio.sleep(POLL_S)
            r = await client.get(url)
            if r.status_code != 200:
                raise ExportFailed(f"{r.status_code}: {_problem(r)}")
            job = r.json()
            bar.update(task, completed=job["progress"])
        if job["status"] == "failed":
            raise ExportFailed(f"the export failed: {job['error']}")
        bar.update(task, completed=100)
    f = await client.get(job["download"])
    if f.status_code != 200:
        raise ExportFailed(f"{f.status_code}: {_problem(f)}")
    path = out or Path(job["filename"])
    await asyncio.to_thread(path.write_bytes, f.content)
    return path
