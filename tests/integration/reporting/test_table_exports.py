"""Exports of the tabular reports (membership, funds by unit, campaign series): the CSV and XLSX rows
are the JSON report's, a unit row per node depth-first; the series' XLSX has a native chart."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import AsyncIterator, Iterator
from typing import Any

import asyncpg
import httpx
import pytest
from openpyxl import load_workbook

from rc_reporting.entrypoints.app import build_app
from rc_reporting.exports.xlsx_out import VND_FORMAT
from rc_reporting.settings import Settings
from tests.integration.reporting.campaign_helpers import Relief, feed_campaigns
from tests.integration.reporting.helpers import feed

pytestmark = pytest.mark.integration


@pytest.fixture
async def scenario(pool: asyncpg.Pool) -> Relief:
    s = Relief()
    await feed(pool, s.tree.events())
    await feed_campaigns(pool, s.events())
    return s


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    # public answers read again on every request: these tests project events straight into the tables
    # (not through a write this app answers), which a serving process sees within RC_PUBLIC_FRESH_MS
    app = build_app(Settings(public_fresh_ms=0), relay=False, consumers=False)
    app.state.runtime.pool = pool
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as c:
        yield c


def walk(units: list[dict[str, Any]], depth: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    for u in units:
        yield depth, u
        yield from walk(u["children"], depth + 1)


async def files(client: httpx.AsyncClient, path: str, params: dict[str, str]) -> tuple[Any, list[dict[str, str]], Any]:
    body = (await client.get(path, params=params)).json()
    c = await client.get(path, params={**params, "format": "csv"})
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv"), c.text
    x = await client.get(path, params={**params, "format": "xlsx"})
    assert x.status_code == 200 and "attachment" in x.headers["content-disposition"], x.text
    return body, list(csv.DictReader(io.StringIO(c.content.decode("utf-8-sig")))), x.content


async def test_membership_export_rows_are_the_json_units_depth_first(
    client: httpx.AsyncClient, scenario: Relief
) -> None:
    params = {"as_of": "2025-06-30", "depth": "2"}
    body, rows, xlsx = await files(client, "/reports/membership", params)
    expected = [(d, u["code"], u["members"], u["fees"]["unpaid"]) for d, u in walk(body["units"])]
    assert len(expected) == 6  # P, D1 (C1, C2), D2 (C3)
    assert [(int(r["depth"]), r["code"], int(r["members"]), int(r["fees_unpaid"])) for r in rows] == expected
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert ws.freeze_panes == "A2" and [c.value for c in ws[1]][:3] == ["depth", "code", "name"]
    got = [(r[0].value, r[1].value, r[4].value, r[12].value) for r in ws.iter_rows(min_row=2)]
    assert got == expected


async def test_funds_by_unit_and_series_exports(client: httpx.AsyncClient, scenario: Relief) -> None:
    params = {"as_of": "2025-12-31", "unit_id": str(scenario.tree.P)}
    body, rows, xlsx = await files(client, "/reports/campaigns/by-unit", params)
    expected = [(u["code"], u["cash_raised_vnd"], u["credited_cash_vnd"]) for _, u in walk(body["units"])]
    assert [(r["code"], int(r["cash_raised_vnd"]), int(r["credited_cash_vnd"])) for r in rows] == expected
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert [(r[1].value, r[4].value, r[10].value) for r in ws.iter_rows(min_row=2)] == expected
    assert ws.cell(2, 5).number_format == VND_FORMAT

    params = {"campaign_id": str(scenario.K), "granularity": "month"}
    body, rows, xlsx = await files(client, "/reports/campaigns/by-period", params)
    expected_s = [(b["period_start"], b["cash_raised_vnd"], b["distributed_cash_vnd"]) for b in body["buckets"]]
    assert len(expected_s) >= 3
    assert [(r["period_start"], int(r["cash_raised_vnd"]), int(r["distributed_cash_vnd"])) for r in rows] == expected_s
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert [(r[0].value, r[2].value, r[6].value) for r in ws.iter_rows(min_row=2)] == expected_s
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    bad = await client.get("/reports/campaigns/by-period", params={**params, "format": "pdf"})
    assert bad.status_code == 422 and "format" in bad.text
