"""Bank-statement import: per-row results, dedupe by bank reference, safe re-runs, the CLI over many batches."""

from __future__ import annotations

import asyncio
import csv
import json
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from prometheus_client import REGISTRY
from pydantic import TypeAdapter
from typer.testing import CliRunner

from rc_donations.entrypoints.app import build_app
from rc_donations.entrypoints.cli import app as cli_app
from rc_donations.entrypoints.importer import run_import
from rc_donations.entrypoints.schemas import StatementOut
from rc_shared.client import api_headers
from tests.integration.donations.conftest import TODAY, Campaigns, eventually, make_settings, served


def row(ref: str, amount: Any, on: Any = None, **extra: Any) -> dict[str, Any]:
    return {"bank_reference": ref, "received_on": str(on or TODAY), "amount_vnd": amount, **extra}


async def test_a_transfer_typed_by_hand_and_found_in_the_statement_is_one_gift(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """Staff type the reference as they read it ("ft 26 001"), the bank prints "FT26001": one transfer, one
    receipt (an inspector's finding: both were receipted, and cash received exceeded the statement)."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    typed = {"kind": "cash", "amount_vnd": 700_000, "channel": "bank_transfer", "received_on": str(TODAY),
             "bank_reference": " ft 26 001 "}  # fmt: skip
    by_hand = await client.post(f"/campaigns/{cid}/donations", json=typed)
    assert by_hand.status_code == 201 and by_hand.json()["bank_reference"] == "FT26001", by_hand.text
    imported = (await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": [
        row("FT26001", 700_000), row("ft26002", 100_000), row("FT 26002", 100_000)]})).json()  # fmt: skip
    first, *others = imported["results"]
    assert (first["status"], first["donation_id"]) == ("duplicate", by_hand.json()["id"])
    assert [x["status"] for x in others] == ["created", "duplicate"]
    again = await client.post(f"/campaigns/{cid}/donations", json={**typed, "bank_reference": "FT26001"})
    assert again.status_code in (200, 201) and again.json()["id"] == by_hand.json()["id"]  # a resubmission
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert (ledger["cash"]["received_vnd"], ledger["receipts_issued"]) == (800_000, 2)


async def test_a_voided_transfer_can_be_recorded_again_by_hand_and_a_statement_does_not_record_it_by_itself(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """A transfer keyed wrongly (200,000 for 2,000,000) and voided is recorded again with its reference: a
    new receipt, counted (an auditor's finding: the voided gift kept the reference, the corrected one was
    refused, and the statement called the row a duplicate, so the money never reached the totals). A
    statement row of a voided transfer not recorded again is rejected naming the voided receipt (it may
    have been sent back), and the row of the one recorded again is its duplicate."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    gift = {"kind": "cash", "amount_vnd": 200_000, "channel": "bank_transfer", "received_on": str(TODAY),
            "bank_reference": "FT26001"}  # fmt: skip
    wrong = await client.post(f"/campaigns/{cid}/donations", json=gift)
    assert wrong.status_code == 201, wrong.text
    r = await client.post(f"/donations/{wrong.json()['id']}/reversal", json={"reason": "nhập sai số tiền"})
    assert r.status_code == 201, r.text
    # the same body again is a new gift now, not a replay of the voided one
    same = await client.post(f"/campaigns/{cid}/donations", json=gift)
    assert same.status_code == 201 and same.json()["id"] != wrong.json()["id"], same.text
    r = await client.post(f"/donations/{same.json()['id']}/reversal", json={"reason": "nhập lại, vẫn sai"})
    assert r.status_code == 201, r.text
    right = await client.post(f"/campaigns/{cid}/donations", json={**gift, "amount_vnd": 2_000_000})
    assert right.status_code == 201, right.text
    assert right.json()["receipt_number"].endswith("-000003") and right.json()["bank_reference"] == "FT26001"
    voided = (await client.get(f"/donations/{wrong.json()['id']}")).json()
    assert (voided["reversed"], voided["bank_reference"]) == (True, "FT26001")  # still shown on the voided gift
    # a voided transfer never recorded again
    other = await client.post(f"/campaigns/{cid}/donations", json={**gift, "bank_reference": "FT26002"})
    assert other.status_code == 201, other.text
    r = await client.post(f"/donations/{other.json()['id']}/reversal", json={"reason": "đã hoàn trả"})
    assert r.status_code == 201, r.text
    imported = (await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": [
        row("FT26001", 2_000_000), row("FT26002", 200_000)]})).json()  # fmt: skip
    first, second = imported["results"]
    assert (first["status"], first["donation_id"]) == ("duplicate", right.json()["id"]), first
    assert (second["status"], second["donation_id"]) == ("rejected", None), second  # the reason names it
    assert f"receipt {other.json()['receipt_number']} and voided" in second["reason"], second
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert (ledger["cash"]["net_received_vnd"], ledger["receipts_issued"]) == (2_000_000, 4), ledger
    # the public ledger finds every gift of the transfer by its reference: the two voided and the one counted
    lines = (await client.get(f"/campaigns/{cid}/public-ledger/lines", params={"reference": "FT26001"})).json()
    gifts = sorted(x["amount_vnd"] for x in lines["items"] if x["movement"] == "donation")
    assert gifts == [200_000, 200_000, 2_000_000], lines
    # and their reversals' lines (written by a trigger that reads the reference before 0031's releases it)
    assert sorted(x["amount_vnd"] for x in lines["items"] if x["movement"] == "donation_reversal") == [200_000] * 2


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


async def test_the_answer_is_the_response_models_json_byte_for_byte_serialised_once_without_validating_it(
    campaigns: Campaigns, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of row result (created on an open and on a closed ledger, duplicate in the batch and
    already recorded, rejected) comes back as exactly the JSON ``StatementOut`` gives it, and FastAPI
    does not validate the thousands of rows of a batch into the response model per request first."""
    import fastapi.routing

    validated: list[Any] = []  # the statement answers FastAPI validated against their response model
    serialize_response = fastapi.routing.serialize_response

    async def counting(**kwargs: Any) -> Any:
        field = kwargs.get("field")
        if field is not None and field.field_info.annotation is StatementOut:
            validated.append(kwargs["response_content"])
        return await serialize_response(**kwargs)

    monkeypatch.setattr(fastapi.routing, "serialize_response", counting)
    model = TypeAdapter(StatementOut)
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    rows = [row("EQ1", 1000, payer_name="Nguyễn Thị Ánh", description='"quà" \\ Tết'), row("EQ1", 1000), row("", 5)]
    answers = [await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows}) for _ in range(2)]
    closed, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    await campaigns.close(closed, on=TODAY - timedelta(days=1))
    late = [row("LATE1", 7000, on=TODAY - timedelta(days=2)), row("LATE2", 7000, on=TODAY)]
    answers.append(await client.post(f"/campaigns/{closed}/bank-statement", json={"rows": late}))
    kinds = set()
    for r in answers:
        assert r.status_code == 200 and r.headers["content-type"] == "application/json", r.text
        assert r.content == model.dump_json(model.validate_json(r.content))
        kinds |= {(x["status"], x["recorded_after_close"], x["donation_id"] is None) for x in r.json()["results"]}
    assert kinds == {
        ("created", False, False),
        ("created", True, False),
        ("duplicate", None, False),
        ("rejected", None, True),
    }
    assert validated == []


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
    """Ten requests of 500 rows, two on their way at once; the rerun in five of 1,000, three at once. The
    50,000-row scale (imported twice, the relay and the reporting consumer killed mid-way) is
    tests/e2e/test_statement_import_crash.py."""
    cid, _ = await campaigns.launch()
    n = 5_000
    path = tmp_path / "statement.csv"
    expected = _write_statement(path, n, bad_every=100)
    report = tmp_path / "rejected.csv"
    totals = await asyncio.to_thread(
        run_import, cid, path, second_instance, report, batch=500, in_flight=2, progress=False
    )
    assert (totals.rows, totals.created, totals.duplicate, totals.rejected) == (n, n - 50, 0, 50)
    assert totals.created_amount_vnd == expected
    with report.open() as f:
        rejected = list(csv.DictReader(f))
    assert len(rejected) == 50 and all("more than 0" in r["reason"] for r in rejected)
    assert rejected[0]["line"] == "2" and rejected[0]["bank_reference"] == "FT0000000"
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["cash"]["received_vnd"] == expected and ledger["receipts_issued"] == n - 50
    # two requests in flight (the default): the receipts still follow the file's rows, 1..n, no gap
    valid = [f"FT{i:07d}" for i in range(n) if i % 100]
    assert await _receipts(db, cid) == list(enumerate(valid, start=1))

    again = await asyncio.to_thread(
        run_import, cid, path, second_instance, None, batch=1000, in_flight=3, progress=False
    )
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


# ------------------------------------------------------- several requests in flight: batches in their turn


def _waits() -> float:
    return REGISTRY.get_sample_value("rc_statement_batch_waits_total", {"service": "donations"}) or 0.0


def _batch(import_id: uuid.UUID, no: int, refs: list[str]) -> dict[str, Any]:
    rows = [row(r, 1000 + i) for i, r in enumerate(refs)]
    return {"import_batch": {"import_id": str(import_id), "batch_no": no}, "rows": rows}


async def _receipts(db: asyncpg.Connection, cid: uuid.UUID) -> list[tuple[int, str]]:
    rows = await db.fetch(
        "SELECT receipt_no, bank_reference FROM donations WHERE campaign_id = $1 ORDER BY receipt_no", cid
    )
    return [(r["receipt_no"], r["bank_reference"]) for r in rows]


async def test_a_batch_sent_before_the_one_before_it_waits_for_it_on_another_replica_and_numbers_after_it(
    campaigns: Campaigns, second_instance: str, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """Batch 1 reaches one replica first and waits (it is seen waiting: the counter of waits moves);
    batch 0 then reaches the other replica: receipts 1-3 are batch 0's rows, 4-6 batch 1's, in row order."""
    cid, _ = await campaigns.launch()
    imp = uuid.uuid4()
    before = _waits()
    async with httpx.AsyncClient(base_url=second_instance, headers=api_headers(), timeout=120) as replica:
        later = asyncio.create_task(
            replica.post(f"/campaigns/{cid}/bank-statement", json=_batch(imp, 1, ["B10", "B11", "B12"]))
        )
        # until batch 1 is seen waiting for batch 0 (or, without the check, has been answered)
        await eventually(lambda: _seen(later.done() or _waits() > before), what="batch 1 waiting for batch 0")
        first = await client.post(f"/campaigns/{cid}/bank-statement", json=_batch(imp, 0, ["B00", "B01", "B02"]))
        second = await later
    assert first.status_code == 200 and second.status_code == 200, (first.text, second.text)
    assert [x["receipt_no"] for x in first.json()["results"]] == [1, 2, 3]
    assert [x["receipt_no"] for x in second.json()["results"]] == [4, 5, 6]
    assert await _receipts(db, cid) == list(enumerate(["B00", "B01", "B02", "B10", "B11", "B12"], start=1))
    assert await db.fetchval("SELECT last_batch FROM statement_imports WHERE import_id = $1", imp) == 1
    assert await _numbered_alike(db, cid)


async def _seen(value: bool) -> bool:
    return value


async def _events(db: asyncpg.Connection, cid: uuid.UUID) -> dict[str, dict[str, Any]]:
    """The campaign's DonationRecorded events by donation id."""
    rows = await db.fetch(
        "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'donations.donation.recorded.v1'", str(cid)
    )
    return {e["donation_id"]: e for e in (json.loads(r["payload"]) for r in rows)}


async def _numbered_alike(db: asyncpg.Connection, cid: uuid.UUID) -> bool:
    """Every donation's event carries its receipt number and late flag, and nothing else has one."""
    rows = await db.fetch("SELECT id, receipt_no, recorded_after_close FROM donations WHERE campaign_id = $1", cid)
    events = await _events(db, cid)
    return {str(r["id"]): (r["receipt_no"], r["recorded_after_close"]) for r in rows} == {
        d: (e["receipt_no"], e["recorded_after_close"]) for d, e in events.items()
    }


async def test_a_ledger_closed_while_a_batch_waits_for_the_lock_decides_its_rows_by_the_close(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection, dn_dsn: str
) -> None:
    """A batch checks its rows and serialises their events before it takes the ledger lock; the close
    arrives while it waits for the lock: its rows are decided again by the closed ledger (a row after
    the close refused, one before it recorded late, its event saying so)."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    holder = await asyncpg.connect(dn_dsn)
    try:
        tx = holder.transaction()
        await tx.start()
        await holder.execute("SELECT 1 FROM ledgers WHERE campaign_id = $1 FOR UPDATE", cid)
        rows = [row("L1", 1000, on=TODAY - timedelta(days=2)), row("L2", 2000, on=TODAY)]
        sent = asyncio.create_task(client.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows}))

        async def waits_for_the_lock() -> bool:
            return bool(
                await db.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND query LIKE '%FROM ledgers%FOR UPDATE%'"
                )
            )

        await eventually(waits_for_the_lock, what="the batch waiting for the ledger lock")
        closed_on = TODAY - timedelta(days=1)
        close = "UPDATE ledgers SET status = 'closed', closed_on = $2 WHERE campaign_id = $1"
        await holder.execute(close, cid, closed_on)
        await tx.commit()
        r = await sent
    finally:
        await holder.close()
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [(x["status"], x.get("recorded_after_close")) for x in results] == [("created", True), ("rejected", None)]
    assert "after the campaign closed" in results[1]["reason"]
    assert await _numbered_alike(db, cid)


async def test_a_committed_batch_sent_again_answers_duplicates_and_the_next_batches_go_on(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """A batch whose answer was lost is sent again (before or after the next batch committed): its rows
    are duplicates and the import goes on in order; a new run of the same file (a new import id, from
    batch 0) finds every row recorded."""
    cid, _ = await campaigns.launch()
    imp = uuid.uuid4()
    url = f"/campaigns/{cid}/bank-statement"
    b0, b1, b2 = ["R0", "R1"], ["R2", "R3"], ["R4"]
    first = (await client.post(url, json=_batch(imp, 0, b0))).json()
    assert first["created"] == 2
    again = (await client.post(url, json=_batch(imp, 0, b0))).json()
    assert (again["created"], again["duplicate"]) == (0, 2)
    assert [x["donation_id"] for x in again["results"]] == [x["donation_id"] for x in first["results"]]
    assert (await client.post(url, json=_batch(imp, 1, b1))).json()["created"] == 2
    late = (await client.post(url, json=_batch(imp, 0, b0))).json()  # batch 0 once more, after batch 1
    assert (late["created"], late["duplicate"]) == (0, 2)
    assert await db.fetchval("SELECT last_batch FROM statement_imports WHERE import_id = $1", imp) == 1
    last = (await client.post(url, json=_batch(imp, 2, b2))).json()  # still in turn: batch 1 committed
    assert [x["receipt_no"] for x in last["results"]] == [5]
    rerun = uuid.uuid4()
    for no, refs in enumerate([b0, b1, b2]):
        out = (await client.post(url, json=_batch(rerun, no, refs))).json()
        assert (out["created"], out["duplicate"]) == (0, len(refs))
    assert await _receipts(db, cid) == list(enumerate(["R0", "R1", "R2", "R3", "R4"], start=1))


async def test_a_batch_whose_previous_batch_never_commits_answers_503_with_retry_after_and_writes_nothing(
    infra: Any, dn_dsn: str, dn_namespace: str, campaigns: Campaigns, db: asyncpg.Connection
) -> None:
    impatient = build_app(
        make_settings(infra, dn_dsn, dn_namespace, statement_turn_wait_s=0.05), relay=False, consumers=False
    )
    cid, _ = await campaigns.launch()
    imp = uuid.uuid4()
    async with served(impatient) as url, httpx.AsyncClient(base_url=url, headers=api_headers()) as replica:
        r = await replica.post(f"/campaigns/{cid}/bank-statement", json=_batch(imp, 3, ["W1", "W2"]))
    assert r.status_code == 503, r.text
    assert r.headers["Retry-After"] == "1"
    assert "batch_no 3" in r.json()["message"] and "batch_no 2" in r.json()["message"]
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 0
    assert await db.fetchval("SELECT count(*) FROM statement_imports WHERE import_id = $1", imp) == 0
    ledger = await db.fetchrow("SELECT last_receipt_no, cash_received_vnd FROM ledgers WHERE campaign_id = $1", cid)
    assert (ledger["last_receipt_no"], ledger["cash_received_vnd"]) == (0, 0)


@pytest.mark.parametrize(
    ("batch", "field"),
    [
        ({"import_id": str(uuid.uuid4())}, "import_batch.batch_no"),
        ({"batch_no": 0}, "import_batch.import_id"),
        ({"import_id": "not-a-uuid", "batch_no": 0}, "import_batch.import_id"),
        ({"import_id": str(uuid.uuid4()), "batch_no": -1}, "import_batch.batch_no"),
        ({"import_id": str(uuid.uuid4()), "batch_no": "1"}, "import_batch.batch_no"),
        ({"import_id": str(uuid.uuid4()), "batch_no": 1.5}, "import_batch.batch_no"),
        ({"import_id": str(uuid.uuid4()), "batch_no": 10**7}, "import_batch.batch_no"),
        ({"import_id": str(uuid.uuid4()), "batch_no": 0, "extra": 1}, "import_batch.extra"),
    ],
)
async def test_an_import_batch_incomplete_or_malformed_is_refused_naming_its_field(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection, batch: dict[str, Any], field: str
) -> None:
    cid, _ = await campaigns.launch()
    r = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": [row("V1", 1000)], "import_batch": batch})
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == [field], r.text
    assert await db.fetchval("SELECT count(*) FROM donations WHERE campaign_id = $1", cid) == 0


async def test_two_imports_with_two_requests_in_flight_each_number_their_files_rows_in_order(
    campaigns: Campaigns, second_instance: str, db: asyncpg.Connection, tmp_path: Path
) -> None:
    """Two files imported at once into one campaign, each with two requests in flight: each file's rows
    get increasing receipts in the file's order, and together they are 1..n without a gap."""
    cid, _ = await campaigns.launch()
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.csv"
        lines = ["bank_reference,received_on,amount_vnd"]
        lines += [f"{name.upper()}{i:04d},{TODAY},{1000 + i}" for i in range(700)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    runs = [
        asyncio.to_thread(run_import, cid, f, second_instance, None, batch=100, in_flight=2, progress=False)
        for f in files
    ]
    for totals in await asyncio.gather(*runs):
        assert (totals.created, totals.duplicate, totals.rejected) == (700, 0, 0)
    numbered = await _receipts(db, cid)
    assert [no for no, _ in numbered] == list(range(1, 1401))
    for name in ("A", "B"):
        assert [ref for _, ref in numbered if ref.startswith(name)] == [f"{name}{i:04d}" for i in range(700)]


async def test_a_transfers_payer_is_erased_on_request_and_the_gift_stays(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """A payer named by the bank statement has no donor record: their name (on the receipt) and their transfer
    note (copied, masked, to the public ledger's line) are erased by the gift; the amount, the bank reference and
    the totals stay. Asked again: nothing left. A gift whose donor is on record is erased with the donor (409)."""
    cid, _ = await campaigns.launch()
    ref = f"FT{uuid.uuid4().hex[:8].upper()}"
    imported = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": [
        row(ref, 750_000, payer_name="TRAN THI MAI", description="Tran Thi Mai 0912345678 ung ho")]})  # fmt: skip
    assert imported.status_code == 200, imported.text
    gift = imported.json()["results"][0]["donation_id"]
    assert (await client.get(f"/donations/{gift}/receipt")).json()["received_from"] == "TRAN THI MAI"
    before = (await client.get(f"/campaigns/{cid}/ledger")).json()
    # (the public ledger publishes no note of a gift whose donor is not named: the line keeps it, unpublished)
    shown = (await client.get(f"/campaigns/{cid}/public-ledger/lines", params={"reference": ref})).json()["items"]
    assert [x["note"] for x in shown] == [None], shown
    page = await client.get(f"/campaigns/{cid}/public-ledger/lines")
    assert page.headers.get("etag")
    erased = await client.delete(f"/donations/{gift}/payer")
    assert erased.status_code == 200 and erased.json() == {"donation_id": gift, "erased": True, "already_erased": False}
    receipt = (await client.get(f"/donations/{gift}/receipt")).json()
    assert receipt["received_from"] == "Nhà hảo tâm ẩn danh" and receipt["bank_reference"] == ref
    assert receipt["amount_vnd"] == 750_000
    row_after = await db.fetchrow(
        "SELECT payer_name, description, bank_reference FROM donations WHERE id = $1", uuid.UUID(gift)
    )
    assert tuple(row_after) == (None, None, ref)
    notes = await db.fetch("SELECT note FROM ledger_lines WHERE donation_id = $1", uuid.UUID(gift))
    assert [n["note"] for n in notes] == [None]
    lines = (await client.get(f"/campaigns/{cid}/public-ledger/lines", params={"reference": ref})).json()["items"]
    assert [x["note"] for x in lines] == [None] and "Mai" not in str(lines)
    again_page = await client.get(
        f"/campaigns/{cid}/public-ledger/lines", headers={"If-None-Match": page.headers["etag"]}
    )
    assert again_page.status_code == 200 and again_page.headers["etag"] != page.headers["etag"]  # renewed all the same
    assert (await client.get(f"/campaigns/{cid}/ledger")).json() == before
    again = await client.delete(f"/donations/{gift}/payer")
    assert again.status_code == 200 and again.json()["already_erased"] is True
    named = await client.post(f"/campaigns/{cid}/donations", json={
        "kind": "cash", "amount_vnd": 10_000, "channel": "cash", "received_on": str(TODAY),
        "donor": {"type": "individual", "name": "Hà Văn Tư", "phone": "0913000111"}})  # fmt: skip
    refused = await client.delete(f"/donations/{named.json()['id']}/payer")
    assert refused.status_code == 409 and refused.json()["donor_id"] == named.json()["donor_id"], refused.text
    assert (await client.delete(f"/donations/{uuid.uuid4()}/payer")).status_code == 404
