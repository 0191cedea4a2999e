"""A run of recorded donations none of which the ledger holds yet (nearly every run of a bulk import) is
inserted as such, a plain INSERT without a speculative insertion per row (issue 7); a run with a donation
already there (a re-sent copy, a reversal's tombstone) takes the ``ON CONFLICT`` insert instead, and
counts only what it did before."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from rc_campaigns.entrypoints.app import MIGRATIONS
from rc_campaigns.service_layer import ledger
from rc_shared.db import connect, migrate
from rc_shared.envelope import Envelope
from rc_shared.events.donations import DonationReversed
from tests.integration.campaigns.test_targets import donation, reversal

pytestmark = pytest.mark.integration


async def test_new_donations_go_in_plainly_and_known_ones_count_once(infra: Any, fresh_dsn: str) -> None:
    await migrate(fresh_dsn, [Path(MIGRATIONS)])
    conn = await connect(fresh_dsn)
    cid = uuid.uuid4()
    written: list[str] = []

    def log(q: Any) -> None:
        if "INSERT INTO ledger_donations" in q.query:
            written.append("on conflict" if "ON CONFLICT (donation_id)" in q.query else "plain")

    try:
        first = [donation(cid, amount=100 * (i + 1)) for i in range(4)]
        tombstoned = donation(cid, amount=7000)
        late = reversal(tombstoned)  # the reversal arrives before its donation
        assert isinstance(late.data, DonationReversed)
        at = datetime(2025, 1, 10, tzinfo=UTC)
        async with conn.transaction():
            await ledger.apply(conn, late.data, at)
        conn.add_query_logger(log)
        async with conn.transaction():
            await ledger.apply_donations(conn, first)
        again = Envelope(data=first[2].data, source="/donations")  # re-sent under a new event id
        second = [again, donation(cid, amount=10), tombstoned, donation(cid, amount=20)]
        async with conn.transaction():
            await ledger.apply_donations(conn, second)
        conn.remove_query_logger(log)
        assert written == ["plain", "plain", "on conflict"]
        cash = await conn.fetchval("SELECT cash_vnd FROM campaign_totals WHERE campaign_id = $1", cid)
        assert cash == 100 + 200 + 300 + 400 + 10 + 20
        assert await conn.fetchval("SELECT count(*) FROM ledger_donations WHERE campaign_id = $1", cid) == 7
    finally:
        await conn.close()
