"""The ledger summary (GET /campaigns/{id}/ledger) reads counters kept by statement-level triggers in
the same transaction as the writes: equal to a direct count after single donations, group-committed
bursts, statement imports, COPY, reversals and pledge payments; the backfill of migration 0003 gives
the same; and the summary's queries never touch the donations table (EXPLAIN)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from rc_donations.entrypoints.app import MIGRATIONS
from rc_donations.service_layer import reports
from rc_shared.db import connect, migrate
from tests.infra import database_before
from tests.integration.donations.conftest import TODAY, Campaigns
from tests.integration.donations.test_donations import cash, person

_LIVE = "NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id)"


async def direct_count(conn: asyncpg.Connection, cid: uuid.UUID) -> dict[str, Any]:
    """The figures counted from the rows themselves (the summary's definition)."""
    c = await conn.fetchrow(
        "SELECT count(*) AS count, count(*) FILTER (WHERE kind = 'cash') AS cash,"
        " count(*) FILTER (WHERE kind = 'in_kind') AS in_kind, count(*) FILTER (WHERE kind = 'blood') AS blood,"
        " count(DISTINCT donor_id) AS identified, count(*) FILTER (WHERE donor_id IS NULL) AS anonymous_gifts"
        f" FROM donations d WHERE campaign_id = $1 AND {_LIVE}",
        cid,
    )
    assert c is not None
    reversed_ = await conn.fetchval("SELECT count(*) FROM donation_reversals WHERE campaign_id = $1", cid)
    soft = await conn.fetch(
        "SELECT credited_unit_id, credited_person_id, count(*) AS donations, sum(amount_vnd)::bigint AS amount_vnd,"
        " sum(value_vnd)::bigint AS value_vnd, sum(blood_units)::bigint AS blood_units"
        f" FROM donations d WHERE campaign_id = $1 AND {_LIVE}"
        " AND (credited_unit_id IS NOT NULL OR credited_person_id IS NOT NULL)"
        " GROUP BY 1, 2 ORDER BY sum(amount_vnd + value_vnd) DESC, 1, 2 LIMIT 100",
        cid,
    )
    pledges = await conn.fetchrow(
        "SELECT count(*) AS n, coalesce(sum(p.amount_vnd), 0)::bigint AS pledged,"
        " coalesce(sum(least(p.amount_vnd, coalesce(x.paid, 0))), 0)::bigint AS paid,"
        " coalesce(sum(greatest(p.amount_vnd - coalesce(x.paid, 0), 0)), 0)::bigint AS outstanding"
        " FROM pledges p LEFT JOIN LATERAL (SELECT sum(d.amount_vnd)::bigint AS paid FROM donations d"
        f"  WHERE d.pledge_id = p.id AND {_LIVE}) x ON true WHERE p.campaign_id = $1",
        cid,
    )
    assert pledges is not None
    return {
        "donations": {
            "count": c["count"],
            "cash": c["cash"],
            "in_kind": c["in_kind"],
            "blood": c["blood"],
            "reversed": reversed_,
        },
        "identified": c["identified"],
        "anonymous_gifts": c["anonymous_gifts"],
        "soft_credits": [dict(s) for s in soft],
        "pledges": {
            "count": pledges["n"],
            "pledged_vnd": pledges["pledged"],
            "paid_vnd": pledges["paid"],
            "outstanding_vnd": pledges["outstanding"],
        },
    }


@pytest.fixture
async def svc(dn_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection set up as the service's (its JSON codecs)."""
    conn = await connect(dn_dsn)
    yield conn
    await conn.close()


async def summary(conn: asyncpg.Connection, cid: uuid.UUID) -> dict[str, Any]:
    """The same figures as the ledger summary answers them."""
    body = await reports.ledger(conn, cid)
    return {
        "donations": body["donations"],
        "identified": body["donors"]["identified"],
        "anonymous_gifts": body["donors"]["anonymous_gifts"],
        "soft_credits": body["soft_credits"],
        "pledges": body["pledges"],
    }


async def test_the_summary_equals_a_direct_count_after_donations_bursts_imports_and_reversals(
    campaigns: Campaigns, client: httpx.AsyncClient, svc: asyncpg.Connection
) -> None:
    db = svc
    cid, _ = await campaigns.launch()
    other, _ = await campaigns.launch()  # another campaign's gifts never count here
    unit_a, unit_b, mobiliser = await campaigns.unit(), await campaigns.unit(), uuid.uuid4()
    regular = person("Lê Văn Cường", id_number="079000000101")
    once = person("Phạm Thị Dung", id_number="079000000102")
    sent: list[httpx.Response] = []
    for body in (
        cash(100_000),
        cash(200_000, donor=regular),
        cash(300_000, donor=regular, credited_unit_id=str(unit_a)),
        cash(400_000, donor=once, credited_unit_id=str(unit_a), credited_person_id=str(mobiliser)),
        cash(50_000, credited_unit_id=str(unit_b)),
        {
            "kind": "in_kind",
            "received_on": str(TODAY),
            "items": [{"item": "Gạo", "quantity": 10, "unit": "kg", "assessed_value_vnd": 900_000}],
            "donor": {"type": "organisation", "name": "Công ty Hòa Bình"},
            "credited_unit_id": str(unit_b),
        },
        {
            "kind": "blood",
            "units": 1,
            "blood_kind": "whole_blood",
            "received_on": str(TODAY),
            "donor": person("Võ Thị Em", id_number="079000000103", birth_date="1990-01-01"),
        },
    ):
        sent.append(await client.post(f"/campaigns/{cid}/donations", json=body))
    sent.append(await client.post(f"/campaigns/{other}/donations", json=cash(10_000, donor=regular)))
    pledge = await client.post(
        f"/campaigns/{cid}/pledges",
        json={
            "donor": person("Đặng Văn Phú", id_number="079000000104"),
            "amount_vnd": 900_000,
            "instalments": 1,
            "first_due_on": str(TODAY),
            "interval_days": 30,
        },
    )
    assert pledge.status_code == 201, pledge.text
    for amount in (300_000, 700_000):  # overpaid: paid counts at most the pledge
        sent.append(await client.post(f"/campaigns/{cid}/donations", json=cash(amount, pledge_id=pledge.json()["id"])))
    # a concurrent burst: the group commit inserts many rows in one statement
    burst = await asyncio.gather(
        *(
            client.post(
                f"/campaigns/{cid}/donations",
                json=cash(1_000 + i, **({"donor": regular} if i % 3 == 0 else {})),
                headers={"Idempotency-Key": f"sum-{cid}-{i}"},
            )
            for i in range(30)
        )
    )
    sent += burst
    assert all(r.status_code == 201 for r in sent), [r.text for r in sent if r.status_code != 201]
    statement = [
        {"bank_reference": f"SUM{i:04d}", "received_on": str(TODAY), "amount_vnd": 10_000 + i} for i in range(40)
    ]
    imp = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": statement})
    assert imp.status_code == 200 and imp.json()["created"] == 40, imp.text
    again = await client.post(f"/campaigns/{cid}/bank-statement", json={"rows": statement})  # all duplicates
    assert again.json()["created"] == 0
    assert await summary(db, cid) == await direct_count(db, cid)

    by_id = {r.json()["id"]: r.json() for r in sent if r.json()["campaign_id"] == str(cid)}
    donated = list(by_id)
    to_reverse = [
        donated[0],  # anonymous
        donated[2],  # one of the regular donor's gifts (still identified after it)
        donated[3],  # the only gift of its donor, soft-credited to a unit and a person
        donated[4],  # the only gift credited to unit_b in cash
        donated[7],  # a pledge payment
        imp.json()["results"][5]["donation_id"],  # an imported row
    ]
    for did in to_reverse:
        r = await client.post(f"/donations/{did}/reversal", json={"reason": "test"})
        assert r.status_code == 201, r.text
    expected = await direct_count(db, cid)
    got = await summary(db, cid)
    assert got == expected
    assert got["donations"]["reversed"] == 6 and got["identified"] == 4  # regular, organisation, blood, pledge
    assert got["pledges"]["paid_vnd"] == 700_000
    assert (await summary(db, other))["identified"] == 1
    http = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert http["donations"] == expected["donations"]
    assert http["donors"]["identified"] == expected["identified"]


async def test_the_summary_queries_do_not_touch_the_donations_table(
    campaigns: Campaigns, client: httpx.AsyncClient, svc: asyncpg.Connection
) -> None:
    db = svc
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(5_000))).status_code == 201
    queries: list[tuple[str, tuple[Any, ...]]] = []

    def record(q: Any) -> None:
        queries.append((q.query, tuple(q.args)))

    db.add_query_logger(record)
    try:
        await reports.ledger(db, cid)
    finally:
        db.remove_query_logger(record)
    assert queries, "the summary issued no query"
    touched: set[str] = set()
    for sql, args in queries:
        plan = await db.fetchval(f"EXPLAIN (FORMAT JSON) {sql}", *args)
        touched |= set(_relations(plan if isinstance(plan, list) else json.loads(plan)))
    assert "ledger_summaries" in touched
    assert not touched & {"donations", "donation_reversals"}, touched


def _relations(node: Any) -> list[str]:
    if isinstance(node, list):
        return [r for n in node for r in _relations(n)]
    if isinstance(node, dict):
        own = [node["Relation Name"]] if "Relation Name" in node else []
        return own + [r for v in node.values() for r in _relations(v)]
    return []


async def test_the_migration_backfills_the_counters_and_copy_multi_row_inserts_and_reversals_keep_them(
    infra: Any, drop_later: list[str], tmp_path: Path
) -> None:
    dsn = await database_before(infra.admin_dsn, "donations", "0003", tmp_path)  # up to 0002
    drop_later.append(dsn)
    conn = await connect(dsn)
    try:
        cids = [uuid.uuid4(), uuid.uuid4()]
        for cid in cids:
            await conn.execute(
                "INSERT INTO ledgers (campaign_id, code, name, campaign_type, organising_unit_id, receiving_from,"
                " receiving_until) VALUES ($1, $2, 'x', 'emergency_relief', $3, $4, $4)",
                cid,
                cid.hex[:6],
                uuid.uuid4(),
                TODAY,
            )
        donors = [uuid.uuid4() for _ in range(3)]
        for d in donors:
            await conn.execute("INSERT INTO donors (id, donor_type) VALUES ($1, 'individual')", d)
        pledge = uuid.uuid4()
        await conn.execute(
            "INSERT INTO pledges (id, campaign_id, donor_id, donor_type, amount_vnd, instalments, first_due_on,"
            " interval_days, unit_id) VALUES ($1, $2, $3, 'individual', 500, 1, $4, 30, $5)",
            pledge,
            cids[0],
            donors[0],
            TODAY,
            uuid.uuid4(),
        )
        credit = uuid.uuid4()
        no = {cid: 0 for cid in cids}

        def rows(n: int, cid: uuid.UUID, **over: Any) -> list[tuple[Any, ...]]:
            out = []
            for i in range(n):
                no[cid] += 1
                v: dict[str, Any] = {
                    "id": uuid.uuid4(),
                    "campaign_id": cid,
                    "kind": ("cash", "in_kind", "blood")[i % 3],
                    "amount_vnd": 100 + i,
                    "value_vnd": 7 * i,
                    "blood_units": i % 2,
                    "donor_id": donors[i % 4] if i % 4 < 3 else None,
                    "donor_type": "individual",
                    "unit_id": credit,
                    "credited_unit_id": credit if i % 5 == 0 else None,
                    "credited_person_id": None,
                    "pledge_id": None,
                    "channel": "cash",
                    "received_on": TODAY,
                    "receipt_no": no[cid],
                } | over
                out.append(tuple(v.values()))
            return out

        cols = [
            "id", "campaign_id", "kind", "amount_vnd", "value_vnd", "blood_units", "donor_id", "donor_type",
            "unit_id", "credited_unit_id", "credited_person_id", "pledge_id", "channel", "received_on", "receipt_no",
        ]  # fmt: skip

        values = ", ".join(f"${i + 1}" for i in range(len(cols)))

        async def insert(rs: list[tuple[Any, ...]]) -> None:  # one INSERT statement per row
            await conn.executemany(f"INSERT INTO donations ({', '.join(cols)}) VALUES ({values})", rs)

        async def reverse(n: int, cid: uuid.UUID) -> None:
            await conn.execute(
                "INSERT INTO donation_reversals (id, donation_id, campaign_id, reason, reversed_on)"
                " SELECT gen_random_uuid(), d.id, d.campaign_id, 'test', $3 FROM donations d"
                f" WHERE d.campaign_id = $1 AND {_LIVE} ORDER BY d.receipt_no LIMIT $2",
                cid,
                n,
                TODAY,
            )

        await insert(rows(20, cids[0]) + rows(2, cids[0], pledge_id=pledge, amount_vnd=300))
        await insert(rows(5, cids[1]))
        await reverse(3, cids[0])
        await migrate(dsn, [MIGRATIONS])  # applies 0003 only: the backfill
        for cid in cids:
            assert await summary(conn, cid) == await direct_count(conn, cid)

        await conn.copy_records_to_table("donations", records=rows(30, cids[0]), columns=cols)  # COPY
        await insert(rows(10, cids[1], credited_person_id=credit))  # executemany: one statement per row
        await conn.execute(  # a multi-row INSERT ... SELECT
            "INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_id, donor_type, unit_id, channel,"
            " received_on, receipt_no) SELECT gen_random_uuid(), $1, 'cash', 10, $2, 'individual', $2, 'cash', $3,"
            " $4 + g FROM generate_series(1, 25) g",
            cids[0],
            donors[2],
            TODAY,
            no[cids[0]],
        )
        await reverse(40, cids[0])  # several reversals in one statement, down to donors with no live gift
        await reverse(4, cids[1])
        for cid in cids:
            assert await summary(conn, cid) == await direct_count(conn, cid)
        counts = await direct_count(conn, cids[0])
        assert counts["donations"]["reversed"] == 43 and counts["pledges"]["paid_vnd"] == 0
    finally:
        await conn.close()
