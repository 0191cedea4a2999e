"""Annual plans: targets per unit, year and indicator, entered through the API or a spreadsheet.

A spreadsheet (XLSX, first sheet) has a header row with the columns ``unit_code``, ``year``,
``indicator`` and ``target`` (any order, other columns ignored), one target a row. A unit code is
looked up among the units valid at some time in that year (a district wound up on 30 June 2025
can still be given its 2025 plan). Every row is checked first: one bad row refuses the file with a
422 that lists the bad rows, and nothing is written.
"""

from __future__ import annotations

import asyncio
import io
import uuid
import zipfile
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import asyncpg

from rc_reporting.adapters import review as queries
from rc_reporting.domain.review import ReviewPeriod, check_indicator, check_target, plan_rollup
from rc_shared.errors import Invalid, NotFound
from rc_shared.labels import read_whole_number
from rc_shared.sheets import MAX_COLUMNS, check_workbook

COLUMNS = ("unit_code", "year", "indicator", "target")
MAX_ROWS = 100_000
MAX_ERRORS = 20


def _year_range(year: int) -> tuple[date, date]:
    if not 1900 <= year <= 2100:
        raise Invalid(f"year must be between 1900 and 2100, not {year}", field="year")
    return date(year, 1, 1), date(year, 12, 31)


async def put_plan(
    conn: asyncpg.Connection,
    unit_id: uuid.UUID,
    year: int,
    targets: Mapping[str, int],
    support_kinds: Mapping[str, str],
) -> dict[str, Any]:
    """Replace the unit's targets for the year (indicators left out are removed)."""
    start, end = _year_range(year)
    clean = {
        check_indicator(k, support_kinds, f"targets.{k}"): check_target(v, f"targets.{k}") for k, v in targets.items()
    }
    if not await queries.unit_ever(conn, unit_id, start, end):
        raise Invalid(f"unit {unit_id} does not exist in {year}", field="unit_id", reason="unknown_unit")
    async with conn.transaction():
        await queries.replace_unit_targets(conn, unit_id, year, clean)
    return await get_plan(conn, unit_id, year)


async def get_plan(conn: asyncpg.Connection, unit_id: uuid.UUID, year: int) -> dict[str, Any]:
    """The unit's own targets and its plan rolled up over the subtree (the trees of the year)."""
    start, end = _year_range(year)
    if not await queries.unit_ever(conn, unit_id, start, end):
        raise NotFound(f"unit {unit_id} does not exist in {year}", unit_id=str(unit_id))
    own = await queries.unit_targets(conn, unit_id, year)
    rolled = await rolled_up(conn, unit_id, year)
    return {"unit_id": unit_id, "year": year, "targets": own, "rolled_up": dict(sorted(rolled.items()))}


async def rolled_up(conn: asyncpg.Connection, unit_id: uuid.UUID, year: int) -> dict[str, int]:
    """The unit's plan of ``year`` over its subtree, whatever part of the year a review covers (a six-month
    review is measured against the year's plan): a flow over every unit below it at some time in the year,
    a stock (counted on 31 December) over the tree of that day only (of the unit's last day, if it ended
    during the year)."""
    start, end = _year_range(year)
    during: dict[uuid.UUID, list[uuid.UUID]] = {}
    for e in await queries.period_edges(conn, start, end):
        during.setdefault(e["parent_id"], []).append(e["unit_id"])
    ended = await queries.unit_ended(conn, unit_id)
    last = min(end, ended - timedelta(days=1)) if ended is not None and ended > start else end
    at_end: dict[uuid.UUID, list[uuid.UUID]] = {}
    for e in await queries.period_edges(conn, last, last):
        at_end.setdefault(e["parent_id"], []).append(e["unit_id"])
    targets: dict[uuid.UUID, dict[str, int]] = {}
    for t in await queries.plan_targets(conn, year):
        targets.setdefault(t["unit_id"], {})[t["indicator"]] = int(t["target"])
    return plan_rollup(unit_id, during, targets, at_end)


def read_sheet(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(row number, values by column) of the first sheet; 422 when it is not an XLSX with the columns."""
    from openpyxl import load_workbook  # here, not at the service's start (a tenth of it)

    stream = io.BytesIO(content)
    try:
        check_workbook(stream)
    except ValueError as exc:
        raise Invalid(str(exc), field="file") from exc
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Invalid(f"not an XLSX workbook: {exc}", field="file") from exc
    try:
        ws = wb.worksheets[0]
        # rows as wide as their cells (not the sheet's declared size, "A1:XFD1048576" in a crafted file) and
        # never wider than a table may be: the gaps between rows are then empty tuples, not 16,384 cells each
        ws.reset_dimensions()
        rows = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        header = [str(h).strip().lower() if h is not None else "" for h in next(rows, ())]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise Invalid(f"the first row must name the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}",
                          field="file")  # fmt: skip
        at = {c: header.index(c) for c in COLUMNS}
        out: list[tuple[int, dict[str, Any]]] = []
        for n, values in enumerate(rows, start=2):
            if values.count(None) == len(values) or all(v is None or str(v).strip() == "" for v in values):
                continue
            if len(out) >= MAX_ROWS:
                raise Invalid(f"at most {MAX_ROWS} rows in one file", field="file")
            out.append((n, {c: values[i] if i < len(values) else None for c, i in at.items()}))
        return out
    finally:
        wb.close()


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):  # '1.000' or '1000'; '²' (str.isdigit() takes it) is no number, not a 500
        return read_whole_number(value)
    return None


async def import_plans(conn: asyncpg.Connection, content: bytes, support_kinds: Mapping[str, str]) -> dict[str, Any]:
    """Check every row, then upsert them all in one transaction (the workbook read in a thread: the event
    loop answers other requests meanwhile)."""
    rows = await asyncio.to_thread(read_sheet, content)
    if not rows:
        raise Invalid("the sheet has no target rows", field="file")
    codes: dict[int, dict[str, uuid.UUID]] = {}
    seen: dict[tuple[uuid.UUID, int, str], tuple[int, int]] = {}  # a target → (its value, the row that set it)
    bad: list[dict[str, Any]] = []
    for n, v in rows:
        year = _int(v["year"])
        target = _int(v["target"])
        code = "" if v["unit_code"] is None else str(v["unit_code"]).strip()
        indicator = "" if v["indicator"] is None else str(v["indicator"]).strip()
        problem: str | None = None
        if year is None or not 1900 <= year <= 2100:
            problem = f"year {v['year']!r} is not a year"
        elif target is None or target < 0 or target > 10**15:
            problem = f"target {v['target']!r} is not a whole number from 0 to 10^15"
        else:
            try:
                check_indicator(indicator, support_kinds)
            except Invalid as exc:
                problem = exc.message
        if problem is None:
            assert year is not None and target is not None
            if year not in codes:
                codes[year] = await queries.units_by_code(conn, *_year_range(year))
            unit_id = codes[year].get(code)
            earlier = None if unit_id is None else seen.get((unit_id, year, indicator))
            if unit_id is None:
                problem = f"no unit with code {code!r} in {year}"
            elif earlier is not None and earlier[0] != target:  # (a district's file combining its communes')
                problem = (
                    f"row {earlier[1]} gives {code} {year} {indicator} the target {earlier[0]}, this row {target}:"
                    " keep one of them"
                )
            elif earlier is None:
                seen[(unit_id, year, indicator)] = (target, n)
        if problem is not None:
            bad.append({"row": n, "message": problem})
    if bad:
        raise Invalid(
            f"{len(bad)} of {len(rows)} rows are invalid; nothing was imported",
            field="file",
            rows=bad[:MAX_ERRORS],
        )
    async with conn.transaction():  # (a row repeating another's target exactly is one target)
        changed = await queries.put_targets(conn, [(*k, t) for k, (t, _) in seen.items()])
    return {"rows": len(rows), "targets": len(seen), "changed": changed}


__all__ = ["ReviewPeriod", "get_plan", "import_plans", "put_plan", "read_sheet"]
