"""A run of recorded donations none of which the projection holds yet (nearly every run of a bulk import)
is inserted as such, a plain INSERT without the upsert's lookup and speculative insertion per row
(issue 7); a run with a donation already there (a re-published fact) takes the upsert instead, and
the tables end as they do when every donation comes new in one run."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg
import pytest

from rc_reporting.adapters import campaign_projection as repo
from tests.integration.reporting.conftest import PoolFactory

pytestmark = pytest.mark.integration

CAMPAIGN, UNIT, DONOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
TABLES = ("rpt_campaign_donations", "rpt_campaign_cohorts", "rpt_campaign_unit_cohorts", "rpt_campaign_donor_spans")


def gift(amount: int, donor: uuid.UUID | None, day: int) -> repo.DonationRow:
    return (
        uuid.uuid4(), CAMPAIGN, "cash", amount, 0, 0, donor, "individual" if donor else "anonymous", UNIT, None, None,
        date(2025, 6, day),
    )  # fmt: skip


async def _recorded(pool: asyncpg.Pool, runs: list[list[repo.DonationRow]]) -> tuple[list[str], list[Any]]:
    """The runs recorded, each in its transaction: the statements that wrote donation rows, and the tables."""
    written: list[str] = []
    async with pool.acquire() as conn:

        def log(q: Any) -> None:
            if "INSERT INTO rpt_campaign_donations" in q.query:
                written.append("upsert" if "ON CONFLICT (donation_id)" in q.query else "plain")

        conn.add_query_logger(log)
        for run in runs:
            async with conn.transaction():
                await repo.record_donations(conn, run)
        conn.remove_query_logger(log)
        tables = [[tuple(r) for r in await conn.fetch(f"SELECT * FROM {t} ORDER BY 1, 2, 3, 4")] for t in TABLES]
    return written, tables


async def test_new_donations_go_in_plainly_and_a_known_one_through_the_upsert_with_the_same_result(
    new_pool: PoolFactory,
) -> None:
    first = [gift(100, DONOR, 10), gift(200, None, 10), gift(300, DONOR, 12)]
    second = [first[1], gift(400, DONOR, 11), gift(500, None, 12)]  # first[1] published again
    written, tables = await _recorded(await new_pool(), [first, second])
    assert written == ["plain", "plain", "upsert"]  # the second run's plain INSERT failed, nothing of it kept
    _, at_once = await _recorded(await new_pool(), [[*first, *second[1:]]])
    assert tables == at_once
    cohorts = tables[1]
    assert sum(c[3] for c in cohorts) == 5 and sum(c[4] for c in cohorts) == 1500
