"""The public campaign ledger (Decree 93/2021 Art. 14): lines, header, downloads.

Reads only: the lines are written by the database in the same transaction as each movement
(migration 0004). The donor label is decided here at read time from the donor's current consent,
so a withdrawal or an erasure takes effect on the next read (docs/architecture/0002-public-ledger-lines.md).
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any

import asyncpg

from rc_donations.adapters.ledgers import LedgerRepository
from rc_donations.adapters.lines_repo import VERSION_COLUMNS, LineRepository
from rc_donations.domain.lines import LineFilter, donor_label, items_text, public_items, published_note, signed
from rc_donations.domain.receipts import receipt_number
from rc_donations.service_layer import reports
from rc_donations.service_layer.policy import Policy
from rc_shared import clock
from rc_shared.db import PoolBusy
from rc_shared.errors import NotFound
from rc_shared.labels import GIFT_CHANNELS, percent_reached
from rc_shared.sheets import csv_cell

MOVEMENT_LABELS = {
    "donation": "Tiếp nhận",
    "donation_reversal": "Hủy tiếp nhận (bút toán đảo)",
    "distribution": "Phân phối",
    "distribution_reversal": "Hủy phân phối (bút toán đảo)",
}
KIND_LABELS = {"cash": "Tiền", "in_kind": "Hiện vật", "blood": "Máu", "goods": "Hàng hóa"}

# The columns of a download, in order: (key of the line view, header).
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("line_no", "STT"),
    ("id", "Mã dòng"),
    ("on", "Ngày"),
    ("recorded_at", "Ghi nhận lúc"),
    ("movement", "Loại bút toán"),
    ("direction", "Chiều"),
    ("kind", "Hình thức"),
    ("reference", "Số biên nhận / quyết định"),
    ("donor", "Nhà hảo tâm"),
    ("unit", "Đơn vị / xã"),
    ("support_level", "Mức hỗ trợ"),
    ("amount_vnd", "Số tiền (VND)"),
    ("value_vnd", "Giá trị hiện vật (VND)"),
    ("blood_units", "Đơn vị máu"),
    ("cash_balance_vnd", "Số dư tiền (VND)"),
    ("goods_balance_vnd", "Số dư hiện vật (VND)"),
    ("channel", "Kênh"),
    ("note", "Nội dung (đã che số)"),
    # (added at the end, so the columns a reader already uses keep their places) the amounts with their
    # sign, so that a column's sum is the balance's change (a voided gift is − here), and the goods
    ("cash_effect_vnd", "Tiền vào (+) / ra (−) quỹ (VND)"),
    ("goods_effect_vnd", "Hiện vật vào (+) / ra (−) quỹ (VND)"),
    ("items_text", "Hàng hoá (đã che số)"),
)


async def ledger_row(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> asyncpg.Record:
    row = await LedgerRepository(conn).get(campaign_id)
    if row is None:
        raise NotFound(f"no ledger for campaign {campaign_id}: it was never launched", campaign_id=str(campaign_id))
    return row


async def version(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> tuple[Any, ...]:
    """The version of everything a public answer of the campaign shows (migration 0007; one statement):
    a cached answer is rendered in one snapshot with it (rc_shared.http_cache)."""
    row = await LineRepository(conn).version(campaign_id)
    if row is None:
        raise NotFound(f"no ledger for campaign {campaign_id}: it was never launched", campaign_id=str(campaign_id))
    return tuple(row.values())


async def unit_names(conn: asyncpg.Connection, unit_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not unit_ids:
        return {}
    rows = await conn.fetch("SELECT unit_id, name FROM unit_names WHERE unit_id = ANY($1::uuid[])", list(unit_ids))
    return {r["unit_id"]: r["name"] for r in rows}


def line_view(r: asyncpg.Record, code: str, policy: Policy, unit: str | None) -> dict[str, Any]:
    """A line as published: the donor's label (donation lines), never the donor; notes masked;
    ``unit``: the name of the line's unit."""
    movement = r["movement"]
    is_gift = movement in ("donation", "donation_reversal")
    named = r["named"]
    reference = receipt_number(code, r["receipt_no"]) if is_gift else r["decision_no"]
    if movement == "donation_reversal" and r["kind"] == "blood":
        # a blood gift voided is often a test result (health data): its line is not tied to the donor's receipt
        reference = None
    return {
        "id": r["id"],
        "line_no": r["line_no"],
        "movement": movement,
        "direction": r["direction"],
        "kind": r["kind"],
        "on": r["on_date"],
        "recorded_at": r["recorded_at"],
        "amount_vnd": r["amount_vnd"],
        "value_vnd": r["value_vnd"],
        "blood_units": r["blood_units"],
        "cash_balance_vnd": r["cash_balance_vnd"],
        "goods_balance_vnd": r["goods_balance_vnd"],
        "channel": r["channel"],
        "reference": reference,
        "donor": donor_label(named, policy.anonymous_label) if is_gift else None,
        "unit_id": r["unit_id"],
        "unit": unit if r["unit_id"] is not None else None,
        "beneficiary_kind": r["beneficiary_kind"],
        "support_level": r["support_level"],
        "items": public_items(r["items"]),
        "note": published_note(movement, r["note"], bool(named)),
    }


async def lines_page(
    conn: asyncpg.Connection,
    policy: Policy,
    campaign_id: uuid.UUID,
    f: LineFilter,
    after: int | None,
    limit: int,
) -> dict[str, Any]:
    """:func:`versioned_lines_page` without its version."""
    return (await versioned_lines_page(conn, policy, campaign_id, f, after, limit))[1]


async def versioned_lines_page(
    conn: asyncpg.Connection,
    policy: Policy,
    campaign_id: uuid.UUID,
    f: LineFilter,
    after: int | None,
    limit: int,
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The :func:`version` of the campaign's public answers and one page of lines, newest first;
    ``next_after`` continues it (None: the last page). One statement (:meth:`LineRepository.page`).
    A search for a common name fragment or reference end reads a bounded run of lines: its page may
    hold fewer than ``limit`` lines (none even) and still have a ``next_after``."""
    rows = await LineRepository(conn).page(campaign_id, f, after, limit + 1)
    if not rows:
        raise NotFound(f"no ledger for campaign {campaign_id}: it was never launched", campaign_id=str(campaign_id))
    head = rows[0]
    rows = [r for r in rows if r["id"] is not None]
    more = len(rows) > limit
    items = [line_view(r, head["ledger_code"], policy, r["unit_name"]) for r in rows[:limit]]
    scanned_from = head["scanned_from"]
    if more:
        next_after = items[-1]["line_no"]
    else:  # every match above scanned_from is here: the lines below it are still to be searched
        next_after = scanned_from if scanned_from is not None and scanned_from > 1 else None
    return tuple(head[c] for c in VERSION_COLUMNS), {
        "campaign_id": campaign_id,
        "as_of": head["head_at"],
        "last_line_no": head["head_line_no"] or 0,
        "count": len(items),
        "items": items,
        "next_after": next_after,
    }


async def summary(conn: asyncpg.Connection, campaign_id: uuid.UUID, days: int = 60) -> dict[str, Any]:
    """The public ledger's header and Decree 93 Art. 14 blocks: totals, donors, targets, windows, "as
    of", the disclosure the campaigns service published, beneficiaries counted per commune and
    support level (never named), and cash and goods in and out per day (the chart)."""
    led = await reports.ledger(conn, campaign_id)
    row = await ledger_row(conn, campaign_id)
    repo = LineRepository(conn)
    head = await repo.head(campaign_id)
    disclosure = await conn.fetchrow(
        "SELECT version, content, updated_at FROM ledger_disclosures WHERE campaign_id = $1", campaign_id
    )
    content = disclosure["content"] if disclosure else {}
    groups = await repo.beneficiaries(campaign_id)
    names = await unit_names(conn, {g["unit_id"] for g in groups} | {led["organising_unit_id"]})
    return {
        "campaign_id": campaign_id,
        "code": led["code"],
        "name": led["name"],
        "campaign_type": led["campaign_type"],
        "status": led["status"],
        "organising_unit": names.get(led["organising_unit_id"]),
        "receiving_from": led["receiving_from"],
        "receiving_until": led["receiving_until"],
        "distribution_deadline": led["distribution_deadline"],
        "closed_on": row["closed_on"],
        "settled_on": row["settled_on"],
        "remainder_note": row["remainder_note"],
        "as_of": head["updated_at"] if head else None,
        "last_line_no": head["last_line_no"] if head else 0,
        "totals": {
            "cash_received_vnd": led["cash"]["net_received_vnd"],
            "in_kind_received_value_vnd": led["in_kind"]["net_received_value_vnd"],
            "blood_units": led["blood"]["net_units"],
            "cash_distributed_vnd": led["cash"]["net_distributed_vnd"],
            "goods_distributed_value_vnd": led["in_kind"]["net_distributed_value_vnd"],
            "cash_balance_vnd": led["cash"]["balance_vnd"],
            "goods_balance_value_vnd": led["in_kind"]["balance_value_vnd"],
        },
        "donors": {
            "count": led["donors"]["count"],
            "identified": led["donors"]["identified"],
            "anonymous_gifts": led["donors"]["anonymous_gifts"],
        },
        "targets": [
            {
                "target": t["target"],
                "target_value": t["target_value"],
                "reached_value": t["reached_value"],
                # truncated (99.6 % is not reached) and not capped (130 % was raised), as the reporting
                # service's public page says it (rc_shared.labels.percent_reached)
                "percent": percent_reached(t["reached_value"], t["target_value"]),
            }
            for t in led["targets"]
        ],
        "disclosure_version": disclosure["version"] if disclosure else 0,
        "call_documents": content.get("call_documents", []),
        "support_policy": content.get("support_policy"),
        "support_levels": content.get("support_levels", []),
        "receiving_points": content.get("receiving_points", []),
        "beneficiaries": [
            {
                "unit_id": g["unit_id"],
                "unit": names.get(g["unit_id"]),
                "support_level": g["support_level"],
                "beneficiaries": g["beneficiaries"],
                "amount_vnd": g["amount_vnd"],
                "value_vnd": g["value_vnd"],
            }
            for g in groups
        ],
        "daily": [
            {
                "on": d["on_date"],
                "cash_in_vnd": d["cash_in_vnd"],
                "cash_out_vnd": d["cash_out_vnd"],
                "goods_in_vnd": d["goods_in_vnd"],
                "goods_out_vnd": d["goods_out_vnd"],
            }
            for d in await repo.daily(campaign_id, days)
        ],
    }


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(clock.zone()).isoformat(timespec="seconds")  # the organisation's time
    if value is None:
        return ""
    if isinstance(value, uuid.UUID | list):
        return str(value)
    return value


def export_row(view: dict[str, Any]) -> list[Any]:
    """A line view as a download row (Vietnamese labels for the coded columns)."""
    v = dict(view)
    v["movement"] = MOVEMENT_LABELS.get(v["movement"], v["movement"])
    # money or goods into the fund (a gift, a distribution taken back) or out of it (a distribution, a gift
    # taken back): "Thu"/"Chi" would call a reversed gift an expense
    v["direction"] = "Vào quỹ" if v["direction"] == "in" else "Ra khỏi quỹ"
    v["kind"] = KIND_LABELS.get(v["kind"], v["kind"])
    v["channel"] = GIFT_CHANNELS.get(v["channel"], v["channel"])
    v["on"] = v["on"].isoformat()
    v["cash_effect_vnd"] = signed(view["amount_vnd"] or 0, view["direction"])
    v["goods_effect_vnd"] = signed(view["value_vnd"] or 0, view["direction"])
    v["items_text"] = items_text(view.get("items") or [])
    return [_cell(v[k]) for k, _ in EXPORT_COLUMNS]


def csv_row(view: dict[str, Any]) -> list[Any]:
    """A line view as a CSV row: a donor's name or a note a spreadsheet would run as a formula is quoted
    (an XLSX cell is written as a string, never a formula: it needs no quote)."""
    return [csv_cell(c) for c in export_row(view)]


Connect = Callable[[], AbstractAsyncContextManager[asyncpg.Connection]]
WINDOW_LINES = 5_000
"""Line numbers read by one statement of a download (at most that many rows in memory)."""


WINDOW_BUSY_TRIES = 60  # a window's connection waited for, twice a second, while the pool is busy (30 s)


async def _window(connect: Connect, campaign_id: uuid.UUID, f: LineFilter, above: int, upto: int) -> list[Any]:
    """One window of a download under way: when the pool is busy (the intake of a disaster appeal) it waits its
    turn, as the client already does, rather than breaking a download half sent."""
    for attempt in range(WINDOW_BUSY_TRIES):
        try:
            async with connect() as conn:
                return await LineRepository(conn).window(campaign_id, f, above, upto)
        except PoolBusy:
            if attempt == WINDOW_BUSY_TRIES - 1:
                raise
            await asyncio.sleep(0.5)
    raise AssertionError("unreachable")


async def _views(
    connect: Connect, policy: Policy, campaign_id: uuid.UUID, f: LineFilter
) -> AsyncIterator[dict[str, Any]]:
    """Every matching line's view, newest first: the lines up to the last one written when the download began
    (a consistent end, the ledger being append-only), read :data:`WINDOW_LINES` line numbers at a time, each in a
    statement of its own on a connection taken for it. A download read at the client's pace (a public CSV over a
    slow link, for hours) so holds no connection and no snapshot between windows: one transaction open that long
    kept vacuum from every table of the database (the outbox queue, the ledger heads) and took a pool
    connection from the donations' intake."""
    async with connect() as conn:
        row = await ledger_row(conn, campaign_id)
        # every unit's name: the organisation's tree is a few thousand units at most
        units = {r["unit_id"]: r["name"] for r in await conn.fetch("SELECT unit_id, name FROM unit_names")}
        head = await LineRepository(conn).head(campaign_id)
    upto = int(head["last_line_no"]) if head is not None else 0
    while upto > 0:
        above = max(upto - WINDOW_LINES, 0)
        rows = await _window(connect, campaign_id, f, above, upto)
        for r in rows:
            yield line_view(r, row["code"], policy, units.get(r["unit_id"]))
        upto = above


async def csv_chunks(
    connect: Connect, policy: Policy, campaign_id: uuid.UUID, f: LineFilter, rows_per_chunk: int = 500
) -> AsyncIterator[bytes]:
    """The matching lines as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese), in chunks."""
    buf = io.StringIO()
    w = csv.writer(buf)
    buf.write("\ufeff")
    w.writerow([h for _, h in EXPORT_COLUMNS])
    n = 0
    async for v in _views(connect, policy, campaign_id, f):
        w.writerow(csv_row(v))
        n += 1
        if n % rows_per_chunk == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


XLSX_ROWS_PER_BATCH = 2000
"""Rows handed to XlsxWriter's thread at a time."""
XLSX_SHEET_ROWS = 1_048_575
"""Lines a worksheet holds under its heading row (Excel's limit is 1,048,576 rows): the next ones go on
another sheet ("So cai (2)"...). Past it XlsxWriter drops a row without an error, and the oldest lines of a
very large ledger vanished from the download."""


async def xlsx_file(connect: Connect, policy: Policy, campaign_id: uuid.UUID, f: LineFilter) -> str:
    """The matching lines as an XLSX file on disk (XlsxWriter constant_memory: one row in memory at a
    time); returns its path, which the caller streams and removes.

    XlsxWriter's work (some 150,000 cells a second) runs in a worker thread, a batch of rows at a time,
    so the service keeps answering other requests while a large ledger is written."""
    import xlsxwriter

    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="ledger-")
    os.close(fd)
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    done = False
    try:
        bold = wb.add_format({"bold": True})
        money = wb.add_format({"num_format": "#,##0"})
        sheets: list[Any] = []

        def sheet(k: int) -> Any:
            """The k-th worksheet (from 0), added with its heading row when first needed."""
            while len(sheets) <= k:
                ws = wb.add_worksheet("So cai" if not sheets else f"So cai ({len(sheets) + 1})")
                for c, (_, h) in enumerate(EXPORT_COLUMNS):
                    ws.write_string(0, c, h, bold)
                sheets.append(ws)
            return sheets[k]

        money_cols = {
            i for i, (k, _) in enumerate(EXPORT_COLUMNS) if k.endswith("_vnd") or k in ("blood_units", "line_no")
        }

        def write(first: int, rows: list[list[Any]]) -> None:
            """Lines ``first``, ``first + 1``... (from 0 over the whole download)."""
            for n, row in enumerate(rows, start=first):
                ws, r = sheet(n // XLSX_SHEET_ROWS), n % XLSX_SHEET_ROWS + 1
                for c, value in enumerate(row):
                    if c in money_cols and isinstance(value, int):
                        ws.write_number(r, c, value, money)
                    else:
                        ws.write_string(r, c, str(value))

        sheet(0)  # (an empty ledger's download: its heading row)
        written = 0
        batch: list[list[Any]] = []
        async for v in _views(connect, policy, campaign_id, f):
            batch.append(export_row(v))
            if len(batch) == XLSX_ROWS_PER_BATCH:
                await asyncio.to_thread(write, written, batch)
                written += len(batch)
                batch = []
        await asyncio.to_thread(write, written, batch)
        done = True
    finally:
        await asyncio.to_thread(wb.close)
        if not done:  # a failed or cancelled export leaves no file behind
            os.remove(path)
    return path
