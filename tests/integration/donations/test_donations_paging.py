"""A campaign's donations read a page at a time, after a receipt number (a cursor) or at an offset."""

from __future__ import annotations

import uuid

import httpx
import pytest

from rc_donations.adapters.ledgers import LedgerRepository
from tests.integration.donations.conftest import TODAY, Campaigns


async def test_pages_continue_after_the_last_receipt_even_when_gifts_arrive_meanwhile(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    cid, _ = await campaigns.launch()
    other, _ = await campaigns.launch()

    async def give(campaign: object, amount: int) -> None:
        body = {"kind": "cash", "amount_vnd": amount, "channel": "cash", "received_on": str(TODAY)}
        r = await client.post(f"/campaigns/{campaign}/donations", json=body)
        assert r.status_code == 201, r.text

    for i in range(5):
        await give(cid, 1000 + i)
        await give(other, 9000 + i)  # another campaign's gifts are never on this campaign's pages
    first = (await client.get(f"/campaigns/{cid}/donations", params={"limit": 2})).json()
    assert [d["receipt_no"] for d in first["items"]] == [1, 2] and first["next_after"] == 2
    await give(cid, 2000)  # a new gift meanwhile: it joins the end, the next page is unchanged
    second = (await client.get(f"/campaigns/{cid}/donations", params={"limit": 2, "after": 2})).json()
    assert [d["amount_vnd"] for d in second["items"]] == [1002, 1003] and second["next_after"] == 4
    last = (await client.get(f"/campaigns/{cid}/donations", params={"limit": 4, "after": 4})).json()
    assert [d["receipt_no"] for d in last["items"]] == [5, 6] and last["next_after"] is None
    empty = (await client.get(f"/campaigns/{cid}/donations", params={"after": 6})).json()
    assert empty["items"] == [] and empty["next_after"] is None
    # the offset pages answer their cursor too; a page asked both ways is refused, saying which field
    by_offset = (await client.get(f"/campaigns/{cid}/donations", params={"limit": 3, "offset": 3})).json()
    assert [d["receipt_no"] for d in by_offset["items"]] == [4, 5, 6] and by_offset["next_after"] == 6
    both = await client.get(f"/campaigns/{cid}/donations", params={"after": 2, "offset": 2})
    assert both.status_code == 422 and "after" in both.text
    for bad in ("-1", "x", str(2**62 + 1)):
        assert (await client.get(f"/campaigns/{cid}/donations", params={"after": bad})).status_code == 422
    unknown = await client.get("/campaigns/00000000-0000-0000-0000-0000000000aa/donations", params={"after": 1})
    assert unknown.status_code in (403, 404)


async def test_a_page_with_rows_asks_no_more_for_the_ledger_and_an_empty_one_still_tells_a_missing_ledger(
    campaigns: Campaigns, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each row references its ledger: a page that has rows is the ledger's proof (one query less for a
    campaign's page in the console); an empty page asks whether the ledger exists (404 when not)."""
    cid, _ = await campaigns.launch()
    body = {"kind": "cash", "amount_vnd": 1000, "channel": "cash", "received_on": str(TODAY)}
    assert (await client.post(f"/campaigns/{cid}/donations", json=body)).status_code == 201
    asked: list[object] = []
    real = LedgerRepository.get

    async def get(self: LedgerRepository, campaign_id: uuid.UUID) -> object:
        asked.append(campaign_id)
        return await real(self, campaign_id)

    monkeypatch.setattr(LedgerRepository, "get", get)
    for params in ({}, {"after": 0}):
        page = await client.get(f"/campaigns/{cid}/donations", params=params)
        assert page.status_code == 200 and [d["receipt_no"] for d in page.json()["items"]] == [1]
    assert asked == []
    for params in ({"after": 1}, {"offset": 1}):
        empty = await client.get(f"/campaigns/{cid}/donations", params=params)
        assert empty.status_code == 200 and empty.json()["items"] == []
    none = await client.get(f"/campaigns/{cid}/distributions")
    assert none.status_code == 200 and none.json()["items"] == []
    assert asked == [uuid.UUID(str(cid))] * 3
    unknown = "00000000-0000-0000-0000-0000000000ab"
    for path, params in (("donations", {}), ("donations", {"after": 1}), ("distributions", {})):
        r = await client.get(f"/campaigns/{unknown}/{path}", params=params)
        assert r.status_code == 404 and unknown in r.text, (path, params, r.text)
