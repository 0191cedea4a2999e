"""Bank-statement import: per-row results, dedupe by bank reference, safe re-runs, the CLI over many batches."""

from __future__ import annotations

import asyncio
import csv
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from typer.testing import CliRunner

from rc_donations.entrypoints.cli import app as cli_app
from rc_donations.entrypoints.importer import run_import
from tests.integration.donations.conftest import TODAY, Campaigns


def row(ref: str, amount: Any, on: Any = None, **extra: Any) -> dict[str, Any]:
    return {"bank_reference": ref, "received_on": str(on or TODAY), "amount_vnd": amount, **extra}


async def test_statement_rows_are_created_duplicated_or_rejected_with_reasons_and_a_rerun_creates_nothing(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    rows = [
        row("FT001", 1_000_000, payer_name="NGUYEN VAN A", description="ung ho Tet Nhan ai"),
        row("FT002", "2.500.000"),
        row("FT003", "3,000,000", on=(TODAY - timedelta(days=2)).strftime("%d/%m/%Y")),
        row("FT001", 1_000_000),  # repeated in the batch: duplicate
        row("FT004", "12.5"),
        row("FT005", 100.5),
        row("FT006", 0),
        row("", 1000),
        row("FT007", 1000, on="31/02/2026"),
        row("FT008", 1000, on=TODAY - timedelta(days=11)),
        row("FT009", 1000, on=TODAY + timedelta(days=1)),
        row("FT010", 10**15 + 1),
        row("FT002", 999),  # same reference, different amount: rejected, never merged
        "not an object",
    ]
    r = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows})
    assert r.status_code == 200, r.text
    body = r.json()
    statuses = [(x["index"], x["status"]) for x in body["results"]]
    assert statuses == [
        (0, "created"),
        (1, "created"),
        (2, "created"),
        (3, "duplicate"),
        *((i, "rejected") for i in range(4, 14)),
    ]
    reasons = {x["index"]: x["reason"] for x in body["results"] if x["status"] == "rejected"}
    assert "not a whole number" in reasons[4] and "must be a whole number" in reasons[5]
    assert "more than 0" in reasons[6] and "bank_reference is required" in reasons[7]
    assert "not a date" in reasons[8] and "outside the receiving period" in reasons[9]
    assert "future" in reasons[10] and "exceeds" in reasons[11] and "different amount" in reasons[12]
    assert "must be an object" in reasons[13]
    assert (body["created"], body["duplicate"], body["rejected"]) == (3, 1, 10)
    assert body["created_amount_vnd"] == 6_500_000
    assert body["results"][3]["donation_id"] == body["results"][0]["donation_id"]
    assert [x.get("receipt_no") for x in body["results"][:3]] == [1, 2, 3]

    again = (await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows})).json()
    assert (again["created"], again["duplicate"], again["rejected"]) == (0, 4, 10)
    assert again["duplicate_amount_vnd"] == 7_500_000
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["cash"]["received_vnd"] == 6_500_000 and ledger["receipts_issued"] == 3
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 3
    assert (
        await db.fetchval(
            "SELECT count(*) FROM outbox WHERE key = $1 AND event_type = 'donations.donation.recorded.v1'", str(cid)
        )
        == 3
    )
    # the payer's name is bank data: kept here, never published without consent
    public = (await client.get(f"/campaigns/{cid}/public-ledger")).json()
    assert {c["donor"] for c in public["contributions"]} == {"Nhà hảo tâm ẩn danh"}


async def test_more_than_5000_rows_in_one_request_is_refused_whole(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    rows = [row(f"R{i}", 1000) for i in range(5001)]
    r = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rows"
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 0


def _write_statement(path: Path, n: int, bad_every: int = 0) -> int:
    """A CSV of n rows; returns the sum of the valid amounts."""
    total = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Bank reference", "Received on", "Amount VND", "Payer name", "Description"])
        for i in range(n):
            amount = 10_000 + i
            if bad_every and i % bad_every == 0:
                w.writerow([f"FT{i:07d}", str(TODAY), "-5", "TRAN B", "refund"])
                continue
            w.writerow([f"FT{i:07d}", TODAY.strftime("%d/%m/%Y"), f"{amount:,}", f"NGUYEN VAN {i}", "ung ho"])
            total += amount
    return total


async def test_cli_imports_5000_rows_in_batches_and_a_rerun_finds_only_duplicates(
    campaigns: Campaigns, second_instance: str, client: httpx.AsyncClient, db: asyncpg.Connection, tmp_path: Path
) -> None:
    """Ten requests of 500 rows; the rerun in five of 1,000. The 50,000-row scale (imported twice,
    the relay and the reporting consumer killed mid-way) is tests/e2e/test_statement_import_crash.py."""
    cid, _ = await campaigns.launch()
    n = 5_000
    path = tmp_path / "statement.csv"
    expected = _write_statement(path, n, bad_every=100)
    report = tmp_path / "rejected.csv"
    totals = await asyncio.to_thread(run_import, cid, path, second_instance, report, batch=500, progress=False)
    assert (totals.rows, totals.created, totals.duplicate, totals.rejected) == (n, n - 50, 0, 50)
    assert totals.created_amount_vnd == expected
    with report.open() as f:
        rejected = list(csv.DictReader(f))
    assert len(rejected) == 50 and all("more than 0" in r["reason"] for r in rejected)
    assert rejected[0]["line"] == "2" and rejected[0]["bank_reference"] == "FT0000000"
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["cash"]["received_vnd"] == expected and ledger["receipts_issued"] == n - 50
    nos = await db.fetchval(
        "SELECT count(DISTINCT receipt_no) = max(receipt_no) AND min(receipt_no) = 1 FROM donations"
        " WHERE campaign_id = $1",
        cid,
    )
    assert nos is True

    again = await asyncio.to_thread(run_import, cid, path, second_instance, None, batch=1000, progress=False)
    assert (again.created, again.duplicate, again.rejected) == (0, n - 50, 50)
    assert again.duplicate_amount_vnd == expected
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == n - 50


async def test_cli_exit_codes_report_rejections_and_a_closed_campaign(
    campaigns: Campaigns, second_instance: str, tmp_path: Path
) -> None:
    cid, _ = await campaigns.launch()
    path = tmp_path / "s.csv"
    path.write_text(f"bank_reference;received_on;amount_vnd\nA1;{TODAY};1000\nA2;{TODAY};abc\n")
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(cli_app, ["import-statement", *args, "--api", second_instance, "--no-progress"])

    res = await asyncio.to_thread(invoke, str(cid), str(path))
    assert res.exit_code == 1, res.output
    assert "created 1 (1000 VND), duplicate 0 (0 VND), rejected 1" in res.output
    res = await asyncio.to_thread(invoke, "not-a-uuid", str(path))
    assert res.exit_code == 2
    bad_header = tmp_path / "h.csv"
    bad_header.write_text("ref,amount\nA,1\n")
    res = await asyncio.to_thread(invoke, str(cid), str(bad_header))
    assert res.exit_code == 2 and "lacks the column(s) received_on" in res.output
    await campaigns.cancel(cid)
    res = await asyncio.to_thread(invoke, str(cid), str(path))
    assert res.exit_code == 2 and "409" in res.output and "cancelled" in res.output
    unknown = await asyncio.to_thread(invoke, str(uuid.uuid4()), str(path))
    assert unknown.exit_code == 2 and "not open for contributions" in unknown.output
