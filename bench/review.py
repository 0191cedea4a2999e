"""Benchmark of the province's annual review with N donations (default 1,000,000) in the projections.

A fresh reporting database is migrated and fed the demo organisation plus two years of generated
activity (``tests/review_activity.py``: the 2025 reform, campaigns of every type, distributions of
every support kind, blood drives, plans), through the projection's own handlers (the consumer's
code, without Kafka); then N more donations of 2025 spread over the communes and the campaigns
(one blood donation in ten, to the blood drive) go in through ``record_donations``, the handler of
a run of ``DonationRecorded`` events. The review of the province for 2025 is then timed as JSON
(the use case: five statements), as XLSX and as PDF (rendering included), each the median of
``--repeat`` runs. ``--sample DIR`` also writes PNGs of the first pages of the review's PDF (pdftoppm) into DIR (before
the N donations: the generated activity's figures; the PDF itself into bench/results).

    ./dev bench review [--donations N] [--repeat 5] [--sample docs/reports]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rc_reporting.adapters import review as review_queries  # noqa: E402
from rc_reporting.adapters.campaign_projection import DonationRow, record_donations  # noqa: E402
from rc_reporting.domain.review import ReviewPeriod  # noqa: E402
from rc_reporting.entrypoints.app import MIGRATIONS  # noqa: E402
from rc_reporting.service_layer import exports, review  # noqa: E402
from rc_shared.db import create_pool, migrate  # noqa: E402
from rc_shared.support import DEFAULT_SUPPORT_KINDS  # noqa: E402
from tests.infra import create_database_async, drop_database_async, select_infrastructure  # noqa: E402
from tests.integration.reporting.campaign_helpers import feed_campaigns  # noqa: E402
from tests.integration.reporting.helpers import feed  # noqa: E402
from tests.review_activity import DemoActivity, uid  # noqa: E402

PERIOD = ReviewPeriod(date(2025, 1, 1), date(2025, 12, 31))
CHUNK = 20_000


async def _median(fn: Any, repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = await fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times), 3), out


async def load_donations(pool: Any, activity: DemoActivity, n: int) -> float:
    """N donations of 2025 through the projection's handler, CHUNK a transaction; seconds taken."""
    rng = random.Random(7)
    campaigns = [(cid, ctype) for cid, year, ctype, _ in activity.campaigns() if year == 2025]
    blood = next(cid for cid, ctype in campaigns if ctype == "blood_drive")
    others = [cid for cid, ctype in campaigns if ctype != "blood_drive"]
    units = [activity.unit(c) for c in activity.grassroots]
    start = time.perf_counter()
    for lo in range(0, n, CHUNK):
        rows: list[DonationRow] = []
        for k in range(lo, min(n, lo + CHUNK)):
            on = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
            if k % 10 == 9:
                rows.append((uid("bench-donation", k), blood, "blood", 0, 0, 1, uid("bench-donor", k % 50_000),
                             "individual", units[k % len(units)], None, None, on))  # fmt: skip
            else:
                rows.append((uid("bench-donation", k), others[k % len(others)], "cash", rng.randrange(1, 100) * 10_000,
                             0, 0, None, "anonymous", units[k % len(units)], None, None, on))  # fmt: skip
        async with pool.acquire() as conn, conn.transaction():
            await record_donations(conn, rows)
        print(f"  {min(n, lo + CHUNK):>9,} donations projected", flush=True)
    return round(time.perf_counter() - start, 1)


def write_sample(pdf_bytes: bytes, out: Path) -> list[str]:
    """The review's PDF and PNGs of its first two pages (pdftoppm, 80 dpi) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    pdf = ROOT / "bench" / "results" / "review-sample.pdf"  # git-ignored; the PNGs go to ``out``
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(pdf_bytes)
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found (poppler-utils): no PNG written", file=sys.stderr)
        return [str(pdf)]
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(out / "review-page")],
                   check=True)  # fmt: skip
    for png in out.glob("review-page-0*.png"):  # some poppler versions pad the page number: one name for the docs
        png.replace(png.with_name(f"review-page-{int(png.stem.rsplit('-', 1)[1])}.png"))
    return [str(pdf), *sorted(str(p) for p in out.glob("review-page*.png"))]


async def sample(pool: Any, province: uuid.UUID, out: Path) -> list[str]:
    async with pool.acquire() as conn:
        body = await review.review(conn, province, PERIOD, DEFAULT_SUPPORT_KINDS)
    return await asyncio.to_thread(write_sample, await exports.render(body, "pdf", None), out)


async def run(n: int, repeat: int, sample_dir: Path | None) -> dict[str, Any]:
    infra = select_infrastructure()
    dsn = await create_database_async(infra.admin_dsn, "bench_review")
    try:
        await migrate(dsn, [MIGRATIONS])
        pool = await create_pool(dsn, 1, 4, 600.0)
        try:
            activity = DemoActivity()
            t = time.perf_counter()
            await feed(pool, activity.members_events(), batch=2000)
            await feed_campaigns(pool, activity.campaign_events(), batch=2000)
            async with pool.acquire() as conn:
                await review_queries.put_targets(conn, activity.plan_targets())
            setup_s = round(time.perf_counter() - t, 1)
            written = await sample(pool, activity.province_id, sample_dir) if sample_dir else []
            load_s = await load_donations(pool, activity, n) if n else 0.0
            async with pool.acquire() as conn:
                await conn.execute("VACUUM ANALYZE")

            async def json_review() -> dict[str, Any]:
                async with pool.acquire() as conn:
                    doc: dict[str, Any] = await review.review(conn, activity.province_id, PERIOD, DEFAULT_SUPPORT_KINDS)
                return doc

            json_s, body = await _median(json_review, repeat)

            async def xlsx() -> bytes:
                out: bytes = await exports.render(await json_review(), "xlsx", None)
                return out

            async def pdf() -> bytes:
                out: bytes = await exports.render(await json_review(), "pdf", None)
                return out

            xlsx_s, xlsx_bytes = await _median(xlsx, repeat)
            pdf_s, pdf_bytes = await _median(pdf, max(1, repeat // 2))
            async with pool.acquire() as conn:
                donations = await conn.fetchval("SELECT count(*) FROM rpt_campaign_donations")
                cohorts = await conn.fetchval("SELECT count(*) FROM rpt_campaign_unit_cohorts")
        finally:
            await pool.close()
    finally:
        await drop_database_async(infra.admin_dsn, dsn)
    figs = {f["indicator"]: f["value"] for s in body["sections"] for f in s["figures"]}
    return {
        "donations_in_projection": donations,
        "unit_cohort_rows": cohorts,
        "setup_s": setup_s,
        "load_donations_s": load_s,
        "review_json_s": json_s,
        "review_xlsx_s": xlsx_s,
        "review_pdf_s": pdf_s,
        "xlsx_bytes": len(xlsx_bytes),
        "pdf_bytes": len(pdf_bytes),
        "funds_raised_vnd": figs["funds_raised_vnd"],
        "blood_units": figs["blood_units"],
        "sample": written,
        "load_average_at_start": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(prog="./dev bench review", description=__doc__.split("\n\n")[0])
    parser.add_argument("--donations", type=int, default=1_000_000, help="donations added to the projections")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--sample", type=Path, default=None, help="write the sample PDF and PNGs here")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results", help="where the JSON goes")
    args = parser.parse_args(argv)
    res = asyncio.run(run(args.donations, args.repeat, args.sample))
    results: Path = args.results
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"review-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(res, indent=2, default=str))
    print(json.dumps(res, indent=2, default=str))
    print(f"written to {path}")
    return path


if __name__ == "__main__":
    main()
