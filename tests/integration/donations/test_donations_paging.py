"""A campaign's donations read a page at a time, after a receipt number (a cursor) or at an offset."""

from __future__ import annotations

import httpx

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
