"""The province's annual review from the demo organisation plus two years of generated activity
(tests/review_activity.py): the XLSX opens in openpyxl and the PDF's extracted text carries exactly the
JSON report's figures."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rc_reporting.adapters import review as review_queries
from rc_reporting.entrypoints.app import build_app
from rc_reporting.exports.rows import FIGURE_HEADER, MONTH_HEADER, UNIT_HEADER, pct, signed_pct, vnd
from rc_reporting.exports.xlsx_out import VND_FORMAT
from rc_reporting.settings import Settings
from tests.integration.reporting.campaign_helpers import feed_campaigns
from tests.integration.reporting.helpers import feed
from tests.review_activity import DemoActivity

pytestmark = pytest.mark.integration

YEAR = {"unit_code": "BL", "period_from": "2025-01-01", "period_to": "2025-12-31"}


@pytest.fixture(scope="module")
def activity() -> DemoActivity:
    return DemoActivity()


@pytest.fixture
async def demo(pool: asyncpg.Pool, activity: DemoActivity) -> DemoActivity:
    await feed(pool, activity.members_events(), batch=2000)
    await feed_campaigns(pool, activity.campaign_events(), batch=2000)
    async with pool.acquire() as conn:
        await review_queries.put_targets(conn, activity.plan_targets())
    return activity


def client_for(pool: asyncpg.Pool, **settings: Any) -> httpx.AsyncClient:
    app = build_app(Settings(**settings), relay=False, consumers=False)
    app.state.runtime.pool = pool
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting", timeout=120)


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(pool) as c:
        yield c


def pdf_text(content: bytes) -> str:
    """Every page's extracted text, whitespace collapsed."""
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))


def pdf_row(f: dict[str, Any]) -> str:
    return " ".join(
        (f["label"], f["measure"], vnd(f["value"]), vnd(f["previous"]), signed_pct(f["change_percent"]), vnd(f["plan"]),
         pct(f["percent_of_plan"]))
    )  # fmt: skip


async def test_the_province_annual_review_is_the_same_in_json_xlsx_and_pdf(
    client: httpx.AsyncClient, demo: DemoActivity
) -> None:
    r = await client.get("/reports/review", params=YEAR)
    assert r.status_code == 200, r.text
    body = r.json()
    figs = {f["indicator"]: f for s in body["sections"] for f in s["figures"]}
    # the demo's figures, the reform included: the province's tree of 31 December has 68 communes
    assert body["unit"]["units_by_level"] == {"branch": 504, "commune": 68, "province": 1}
    assert figs["new_members"]["value"] == 610 and figs["new_members"]["previous"] == 420
    assert figs["members"]["previous"] == 11_603 + 420 - 60
    assert figs["members"]["value"] == 11_603 + 420 + 610 - 60 - 90
    assert figs["volunteers"]["value"] == 2_193
    logged = demo.hours_by_year()  # the hours the demo's volunteers logged, summed here independently
    assert (figs["volunteer_hours"]["value"], figs["volunteer_hours"]["previous"]) == (logged[2025], logged[2024])
    fees = [figs[f"fees_{s}"]["value"] for s in ("paid", "unpaid", "exempted")]
    assert sum(fees) == figs["members"]["value"] and min(fees) > 0
    # plans: 7 districts (wound up on 30 June) x 40 + the communes' own targets, each counted once
    assert figs["new_members"]["plan"] == 7 * 40 + sum(3 + n % 3 for n in range(68))
    assert figs["funds_raised_vnd"]["plan"] == 3_000_000_000 and figs["funds_raised_vnd"]["percent_of_plan"]
    assert figs["tet_nhan_ai.support.gift_package"]["plan"] == sum(2 + n % 4 for n in range(68))
    assert figs["funds_raised_vnd"]["value"] > 0 and figs["blood_units"]["value"] > 0
    kinds = {i for i in figs if i.startswith("support.")}
    assert len(kinds) == 9, kinds  # every support kind of the catalogue was given in 2025
    assert len(body["units"]) == 68 and len(body["monthly"]) == 12
    assert (figs["courses"]["value"], figs["courses"]["previous"], figs["groups"]["value"]) == (20, 20, 7)
    assert figs["courses.first_aid"]["value"] == figs["courses.disaster_preparedness"]["value"] == 10
    assert figs["group_members"]["value"] == 70 and 0 < figs["people_passed"]["value"] < figs["people_trained"]["value"]

    x = await client.get("/reports/review", params={**YEAR, "format": "xlsx"})
    assert x.status_code == 200 and x.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(x.content))
    ws = wb["Tong hop"]
    assert [c.value for c in ws[2]] == list(FIGURE_HEADER) and ws.freeze_panes == "A3"
    expected = [
        (s["key"], s["title"], *(f[k] for k in FIGURE_HEADER[2:])) for s in body["sections"] for f in s["figures"]
    ]
    assert [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)] == expected
    vnd_cell = next(row[5] for row in ws.iter_rows(min_row=3) if row[2].value == "funds_raised_vnd")
    assert vnd_cell.number_format == VND_FORMAT
    units = wb["Don vi"]
    assert [tuple(c.value for c in row) for row in units.iter_rows(min_row=2)] == [
        tuple(u[k] for k in UNIT_HEADER) for u in body["units"]
    ]
    months = wb["Theo thang"]
    assert [tuple(c.value for c in row[: len(MONTH_HEADER)]) for row in months.iter_rows(min_row=2)] == [
        tuple(m[k] for k in MONTH_HEADER) for m in body["monthly"]
    ]
    with zipfile.ZipFile(io.BytesIO(x.content)) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 3  # native Excel charts of the monthly series
        assert "Theo thang" in z.read(charts[0]).decode()

    p = await client.get("/reports/review", params={**YEAR, "format": "pdf"})
    assert p.status_code == 200 and p.content.startswith(b"%PDF")
    text = pdf_text(p.content)
    for s in body["sections"]:
        assert s["title"] in text, s["title"]
        for f in s["figures"]:
            assert pdf_row(f) in text, (s["key"], pdf_row(f))
    for u in body["units"]:
        row = f"{u['code']} {u['name']} {vnd(u['members'])} {vnd(u['new_members'])}"
        assert row in text, text[text.find(u["code"]) - 50 : text.find(u["code"]) + 200]
    fonts = {str(f.get("/BaseFont")) for page in PdfReader(io.BytesIO(p.content)).pages
             for f in (page["/Resources"].get("/Font") or {}).values()}  # fmt: skip
    # only the packaged font, embedded (subset): no fallback to whatever the machine has
    assert fonts and all(f.split("+")[-1] in ("DejaVu-Sans", "DejaVu-Sans-Bold") for f in fonts), fonts
