"""The public ledger's searches (issue 9): a name fragment and the end of a reference give exactly the
matching lines, newest first, whichever way the page is found (from the text's own index, or in line
order for a common text, a bounded run of lines per page), and the rows a search reads are bounded by
the page's constants, not by the campaign's size, with the plan a prepared statement may get."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from rc_donations.adapters import lines_repo
from rc_donations.adapters.lines_repo import LineRepository
from rc_donations.domain.lines import LineFilter
from tests.integration.donations.conftest import TODAY, Campaigns
from tests.integration.shared.helpers import Capture, rows_read


async def ok(r: httpx.Response) -> Any:
    assert r.status_code in (200, 201), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()


async def pages(client: httpx.AsyncClient, cid: uuid.UUID, limit: int, **params: Any) -> list[list[dict[str, Any]]]:
    """Every page of a search, by following next_after."""
    out: list[list[dict[str, Any]]] = []
    after = None
    while True:
        q = {"limit": limit, **params, **({"after": after} if after else {})}
        page = await ok(await client.get(f"/campaigns/{cid}/public-ledger/lines", params=q))
        assert page["count"] == len(page["items"]) <= limit
        out.append(page["items"])
        after = page["next_after"]
        if after is None:
            return out


@pytest.mark.parametrize("common", [False, True], ids=["from-the-index", "in-line-order"])
async def test_name_and_reference_searches_give_exactly_the_matching_lines_newest_first(
    campaigns: Campaigns, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, common: bool
) -> None:
    if common:  # every text here counts as common: its pages are looked for in line order, 4 lines a page
        monkeypatch.setattr(lines_repo, "TEXT_MATCHES", 2)
        monkeypatch.setattr(lines_repo, "TEXT_SCAN_LINES", 4)
    cid, _ = await campaigns.launch()
    gifts: list[dict[str, Any]] = []
    for i in range(14):
        body: dict[str, Any] = {
            "kind": "cash",
            "amount_vnd": 10_000 * (i + 1),
            "channel": "bank_transfer",
            "received_on": str(TODAY),
        }
        if i % 3 != 2:
            body["bank_reference"] = f"FT26{i:04d}X7" if i % 2 else f"FT26{i:04d}"
        if i % 4 == 0:
            body["donor"] = {"type": "individual", "name": f"Nguyễn Văn Nam {i}", "consent_to_be_named": True}
        elif i % 4 == 1:
            body["donor"] = {"type": "individual", "name": f"Nguyễn Văn Kín {i}", "consent_to_be_named": False}
        elif i == 6:
            body["donor"] = {"type": "individual", "name": "Trần Thị Vân", "consent_to_be_named": True}
        gifts.append({**body, **await ok(await client.post(f"/campaigns/{cid}/donations", json=body))})
    newest_first = list(reversed(gifts))

    async def found(limit: int, **params: Any) -> tuple[list[str], list[list[dict[str, Any]]]]:
        got = await pages(client, cid, limit, **params)
        return [x["id"] for p in got for x in p], got

    named_nguyen_van = [
        g["id"] for g in newest_first if g.get("donor", {}).get("name", "").startswith("Nguyễn Văn Nam")
    ]
    ids, got = await found(2, q="nguyen van")
    assert ids == named_nguyen_van and len(ids) == 4  # never the donors who did not consent
    # in line order a page holds the matches of at most 4 lines: fewer than asked, and more pages
    assert any(len(p) < 2 for p in got[:-1]) == common
    # "Vân" and "Văn" both fold to "van"; the donors who did not consent are never found
    van = [g["id"] for g in newest_first if g.get("donor", {}).get("consent_to_be_named")]
    assert len(van) == 5
    assert (await found(3, q="VĂN"))[0] == van
    assert (await found(3, q="xyz"))[0] == []

    def ends(g: dict[str, Any], suffix: str) -> bool:
        refs = [g["receipt_number"], g.get("bank_reference") or ""]
        return any(r.lower().endswith(suffix.lower()) for r in refs)

    for suffix in ("x7", "7", "0003", "00", "ft260005", "-000012"):
        assert (await found(2, reference=suffix))[0] == [g["id"] for g in newest_first if ends(g, suffix)], suffix
    # a search with other filters too: the same lines, filtered
    assert (await found(2, reference="x7", amount_min=50_000))[0] == [
        g["id"] for g in newest_first if ends(g, "x7") and g["amount_vnd"] >= 50_000
    ]


async def test_a_search_reads_a_bounded_number_of_lines_not_the_campaign(
    campaigns: Campaigns, db: asyncpg.Connection
) -> None:
    lines, limit = 40_000, 51
    cid, _ = await campaigns.launch()
    # a campaign of 40,000 gifts (as a bank statement's rows), one in 10 by a consenting "Nguyễn Văn ..."
    await db.execute(
        "WITH s AS (SELECT i, gen_random_uuid() AS donor FROM generate_series(1, $2) i),"
        " d AS (INSERT INTO donors (id, donor_type, name, consent_to_be_named)"
        "       SELECT donor, 'individual', 'Nguyễn Văn Nam ' || i, true FROM s WHERE i % 10 = 0 RETURNING id)"
        " INSERT INTO donations (id, campaign_id, kind, amount_vnd, donor_id, donor_type, publicly_named, unit_id,"
        " channel, bank_reference, received_on, receipt_no)"
        " SELECT gen_random_uuid(), $1, 'cash', 1000 * (10 + i % 1990), CASE WHEN i % 10 = 0 THEN donor END,"
        " CASE WHEN i % 10 = 0 THEN 'individual' ELSE 'anonymous' END, i % 10 = 0, gen_random_uuid(),"
        " 'bank_transfer', 'FT' || lpad(i::text, 10, '0'), $3, i FROM s",
        cid,
        lines,
        TODAY,
    )
    await db.execute("ANALYZE ledger_lines")
    few = lines_repo.TEXT_MATCHES + 2 * limit  # the text's matches from its index, then the page's lines
    # a common text: its index read until TEXT_MATCHES of them (a plan may read 1 in 10 lines to find them
    # here), then at most TEXT_SCAN_LINES in line order
    common = 10 * lines_repo.TEXT_MATCHES + lines_repo.TEXT_SCAN_LINES + 2 * limit
    generic, custom = "force_generic_plan", "force_custom_plan"
    # (search, the plans it is checked with, its bound): a prepared statement's plan may be the generic one
    # (parameters unknown) once it costs no more than the plans for the values; at this size the planner
    # reads a small table through for a name fragment it cannot estimate (at 1,000,000 lines it takes the
    # trigram index: EXPLAINed in docs/architecture/0002), so names are checked with the plans for the values
    searches = [
        ("end of a bank reference", LineFilter(reference="004321"), (generic, custom), few),
        ("exact amount", LineFilter(amount_min=200_000, amount_max=200_000), (generic, custom), few),
        ("common reference end (8,000 matches)", LineFilter(reference="0"), (generic, custom), common),
        ("rare name", LineFilter(q="nam 4320"), (custom,), few),
        ("no such name", LineFilter(q="xyzzy"), (custom,), few),
        ("common name (4,000 matches)", LineFilter(q="nguyen van"), (custom,), common),
    ]
    over: list[str] = []
    for what, f, modes, bound in searches:
        capture = Capture(db)
        rows = await LineRepository(capture).page(cid, f, None, limit)
        assert (rows[0]["id"] is None) == (what == "no such name"), what
        for mode in modes:
            read, plan = await rows_read(db, capture.sql, capture.args, mode, "ledger_lines")
            if read > bound:
                over.append(f"{what}, {mode}: read {read} lines, more than {bound}:\n{plan}")
    assert not over, "\n".join(over)
    page = await LineRepository(db).page(cid, LineFilter(reference="004321"), None, limit)
    assert [r["receipt_no"] for r in page] == [4321]
