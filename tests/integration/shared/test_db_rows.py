"""rc_shared.db.insert_row: one row, each value bound (never spliced) into the column of its name."""

from __future__ import annotations

from datetime import date

import asyncpg
import pytest

from rc_shared.db import insert_row

pytestmark = pytest.mark.integration


async def test_insert_row_puts_each_value_in_the_column_of_its_name(fresh_dsn: str) -> None:
    conn = await asyncpg.connect(fresh_dsn)
    try:
        await conn.execute("CREATE TABLE sample (id int PRIMARY KEY, name text NOT NULL, born date, note text)")
        hostile = "x'); DROP TABLE sample; --"
        await insert_row(conn, "sample", born=date(2000, 1, 2), name=hostile, id=7)
        rows = [dict(r) for r in await conn.fetch("SELECT * FROM sample")]
        assert rows == [{"id": 7, "name": hostile, "born": date(2000, 1, 2), "note": None}]
    finally:
        await conn.close()
