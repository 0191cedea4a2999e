"""Distributions: verified beneficiaries only, within the balance (also under 100 concurrent requests)."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx

from rc_shared.events.campaigns import BeneficiaryEnrolled, BeneficiaryRegistered
from tests.integration.donations.conftest import TODAY, Campaigns, eventually


def cash(amount: int, **extra: Any) -> dict[str, Any]:
    return {"kind": "cash", "amount_vnd": amount, "channel": "cash", "received_on": str(TODAY), **extra}


def give(beneficiary: uuid.UUID, amount: int, kind: str = "cash", **extra: Any) -> dict[str, Any]:
    field = "amount_vnd" if kind == "cash" else "value_vnd"
    return {"beneficiary_id": str(beneficiary), "kind": kind, field: amount, "distributed_on": str(TODAY), **extra}


async def test_100_concurrent_distributions_on_two_replicas_never_overdraw(
    campaigns: Campaigns, client: httpx.AsyncClient, second_instance: str, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    for amount in (600_000, 400_000):
        assert (await client.post(f"/campaigns/{cid}/donations", json=cash(amount))).status_code == 201
    bens = [await campaigns.verified_beneficiary() for _ in range(4)]
    async with httpx.AsyncClient(base_url=second_instance, timeout=120) as remote:
        requests = [
            (client if i % 2 else remote).post(f"/campaigns/{cid}/distributions", json=give(bens[i % 4], 30_000))
            for i in range(100)
        ]
        rs = await asyncio.gather(*requests)
    codes = [r.status_code for r in rs]
    accepted = [r for r in rs if r.status_code == 201]
    refused = [r for r in rs if r.status_code == 409]
    assert len(accepted) + len(refused) == 100, sorted(set(codes))
    assert len(accepted) == 33  # 33 × 30,000 = 990,000 ≤ 1,000,000 < 34 × 30,000
    assert sum(r.json()["amount_vnd"] for r in accepted) == 990_000
    for r in refused:
        assert re.fullmatch(r"insufficient balance: requested 30000 VND, available 10000 VND", r.json()["message"])
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()
    assert ledger["cash"]["balance_vnd"] == 10_000 and ledger["cash"]["distributed_vnd"] == 990_000
    assert await db.fetchval("SELECT sum(amount_vnd) FROM distributions WHERE campaign_id = $1", cid) == 990_000
    assert (
        await db.fetchval(
            "SELECT count(*) FROM outbox WHERE key = $1 AND event_type = 'donations.distribution.recorded.v1'",
            str(cid),
        )
        == 33
    )


async def test_distribution_needs_a_verified_beneficiary(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(1_000_000))).status_code == 201
    unknown = uuid.uuid4()
    r = await client.post(f"/campaigns/{cid}/distributions", json=give(unknown, 1_000))
    assert r.status_code == 409 and f"beneficiary {unknown} is not a verified beneficiary" == r.json()["message"]
    registered = uuid.uuid4()
    await campaigns.publish(BeneficiaryRegistered(beneficiary_id=registered, kind="household", unit_id=uuid.uuid4()))

    async def seen() -> bool:
        return bool(await db.fetchval("SELECT count(*) FROM beneficiaries WHERE id = $1", registered))

    await eventually(seen, what="registered beneficiary")
    r = await client.post(f"/campaigns/{cid}/distributions", json=give(registered, 1_000))
    assert r.status_code == 409 and "not yet verified" in r.json()["message"]
    late = await campaigns.verified_beneficiary(verified_on=TODAY)
    r = await client.post(
        f"/campaigns/{cid}/distributions", json=give(late, 1_000, distributed_on=str(TODAY - timedelta(days=1)))
    )
    assert r.status_code == 409 and "before the beneficiary was verified" in r.json()["message"]
    assert await db.fetchval("SELECT count(*) FROM distributions WHERE campaign_id = $1", cid) == 0


async def test_goods_are_distributed_within_the_in_kind_value_and_cash_is_separate(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    cid, _ = await campaigns.launch()
    goods = {
        "kind": "in_kind",
        "received_on": str(TODAY),
        "items": [{"item": "Gạo", "quantity": 500, "unit": "kg", "assessed_value_vnd": 10_000_000}],
    }
    assert (await client.post(f"/campaigns/{cid}/donations", json=goods)).status_code == 201
    b = await campaigns.verified_beneficiary()
    r = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1, "cash"))
    assert r.status_code == 409 and r.json()["message"] == "insufficient balance: requested 1 VND, available 0 VND"
    assert (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 8_000_000, "goods"))).status_code == 201
    r = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 2_000_001, "goods"))
    assert r.status_code == 409
    assert r.json()["message"] == "insufficient balance (goods, by value): requested 2000001 VND, available 2000000 VND"
    public = (await client.get(f"/campaigns/{cid}/public-ledger")).json()
    assert public["totals"]["goods_balance_value_vnd"] == 2_000_000
    # the recipient as a pseudonym: the same within the campaign, another in the next one, never the id
    assert (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1_000_000, "goods"))).status_code == 201
    other, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{other}/donations", json=cash(100_000))).status_code == 201
    assert (await client.post(f"/campaigns/{other}/distributions", json=give(b, 100_000))).status_code == 201
    here = {d["beneficiary_id"] for d in (await client.get(f"/campaigns/{cid}/public-ledger")).json()["distributions"]}
    there = {
        d["beneficiary_id"] for d in (await client.get(f"/campaigns/{other}/public-ledger")).json()["distributions"]
    }
    assert len(here) == len(there) == 1 and here != there and str(b) not in here | there


async def test_distribution_reversal_restores_the_balance_once(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(500_000))).status_code == 201
    b = await campaigns.verified_beneficiary()
    d = (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 500_000))).json()
    assert (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1))).status_code == 409
    r1 = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "wrong household, call 0912 345 678"})
    r2 = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "again"})
    assert (r1.status_code, r2.status_code) == (201, 409)
    cash_totals = (await client.get(f"/campaigns/{cid}/ledger")).json()["cash"]
    assert cash_totals["balance_vnd"] == 500_000 and cash_totals["distribution_reversed_vnd"] == 500_000
    assert (await client.get(f"/distributions/{d['id']}")).json()["reversed"] is True
    assert (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 500_000))).status_code == 201
    # its reason does not leave the service (it names whom it was given to by mistake): a fixed text stands
    # for it in the event, and for a read-only role; the recording roles read it whole
    sql = "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'donations.distribution.reversed.v1'"
    [reason] = [json.loads(r["payload"])["reason"] for r in await db.fetch(sql, str(cid))]
    assert reason == "(lý do không công bố: có thể nêu tên người nhận)"
    assert (await client.get(f"/distributions/{d['id']}")).json()["reversal"]["reason"] == (
        "wrong household, call 0912 345 678"
    )


async def test_a_distribution_dated_back_cannot_spend_what_arrived_after_its_day(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """100,000 received yesterday: today's balance covers 50,000, but a distribution dated three days ago would
    spend money the campaign did not have then (an inspector's finding: an as-of report showed it distributed
    before it was received). Dated yesterday it is covered; later days count too."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    b = await campaigns.verified_beneficiary(verified_on=TODAY - timedelta(days=5))
    day = lambda n: str(TODAY - timedelta(days=n))  # noqa: E731
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(100_000, received_on=day(1)))).status_code == 201
    early = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 50_000, distributed_on=day(3)))
    assert early.status_code == 409 and early.json()["field"] == "distributed_on", early.text
    assert "from that day on the balance falls to 0 VND" in early.json()["message"]
    assert (
        await client.post(f"/campaigns/{cid}/distributions", json=give(b, 60_000, distributed_on=day(1)))
    ).status_code == 201
    # 100,000 more today: 140,000 now, but 40,000 yesterday, which 50,000 dated yesterday would overdraw
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(100_000))).status_code == 201
    late = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 50_000, distributed_on=day(1)))
    assert late.status_code == 409 and "falls to 40000 VND" in late.json()["message"], late.text
    assert (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 50_000))).status_code == 201  # today
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()["cash"]
    assert (ledger["distributed_vnd"], ledger["balance_vnd"]) == (110_000, 90_000)


async def test_a_distribution_recorded_in_error_is_corrected_as_of_its_own_day(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """Relief officer's review: 100,000 received four days ago, all of it handed over two days ago but recorded
    to the wrong household. Reversed today, the wrong record held the money until today, so the right household's
    distribution, dated the day it was made, was refused. Reversed as of its own day, it is not."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    wrong, right = [await campaigns.verified_beneficiary(verified_on=TODAY - timedelta(days=5)) for _ in range(2)]
    day = lambda n: str(TODAY - timedelta(days=n))  # noqa: E731
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(100_000, received_on=day(4)))).status_code == 201
    d = (await client.post(f"/campaigns/{cid}/distributions", json=give(wrong, 100_000, distributed_on=day(2)))).json()
    # the day it takes effect: not before the distribution, not after today
    tomorrow = str(TODAY + timedelta(days=1))
    for on, says in ((day(3), f"is before the distribution it corrects ({day(2)})"), (tomorrow, "is in the future")):
        r = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "ghi nhầm hộ", "reversed_on": on})
        assert r.status_code == 422 and r.json()["field"] == "reversed_on" and says in r.json()["message"], r.text
    assert (await client.get(f"/distributions/{d['id']}")).json()["reversed"] is False  # nothing written
    r = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "ghi nhầm hộ", "reversed_on": day(2)})
    assert r.status_code == 201 and r.json()["reversed_on"] == day(2), r.text
    again = await client.post(f"/campaigns/{cid}/distributions", json=give(right, 100_000, distributed_on=day(2)))
    assert again.status_code == 201, again.text
    ledger = (await client.get(f"/campaigns/{cid}/ledger")).json()["cash"]
    assert (ledger["net_distributed_vnd"], ledger["balance_vnd"]) == (100_000, 0)
    sql = "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'donations.distribution.reversed.v1'"
    [event] = [json.loads(r["payload"]) for r in await db.fetch(sql, str(cid))]
    assert event["reversed_on"] == day(2)  # the campaigns and reporting projections date it so too


async def test_a_household_registered_for_another_campaign_is_given_to_once_enrolled_in_this_one(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """Relief officer's review: a household supported by last year's appeal was refused this year's distributions
    ("registered for another campaign"). Enrolled in this campaign too (campaigns.beneficiary.enrolled.v1), it
    is given to; another campaign's household still is not."""
    last_year, _ = await campaigns.launch()
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(300_000))).status_code == 201
    b, other = [await campaigns.verified_beneficiary() for _ in range(2)]
    unit = uuid.uuid4()
    for who in (b, other):
        await campaigns.publish(BeneficiaryRegistered(beneficiary_id=who, kind="household", unit_id=unit,
                                                      campaign_id=last_year))  # fmt: skip

    async def registered() -> bool:
        n = await campaigns.db.fetchval("SELECT count(*) FROM beneficiaries WHERE campaign_id = $1", last_year)
        return int(n) == 2

    await eventually(registered, what="both registered for last year's campaign")
    refused = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 100_000))
    assert refused.status_code == 409 and "enrol it in this campaign first" in refused.json()["message"], refused.text
    await campaigns.publish(BeneficiaryEnrolled(beneficiary_id=b, kind="household", unit_id=unit, campaign_id=cid,
                                                enrolled_on=TODAY))  # fmt: skip

    async def enrolled() -> bool:
        return bool(
            await campaigns.db.fetchval("SELECT count(*) FROM beneficiary_campaigns WHERE campaign_id = $1", cid)
        )

    await eventually(enrolled, what="the enrolment projected")
    # not before the day it was taken on (reporting counts it registered from then)
    early = await client.post(
        f"/campaigns/{cid}/distributions", json=give(b, 100_000, distributed_on=str(TODAY - timedelta(days=1)))
    )
    assert early.status_code == 409 and early.json()["field"] == "distributed_on", early.text
    assert f"before the beneficiary was enrolled in this campaign ({TODAY})" in early.json()["message"]
    assert (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 100_000))).status_code == 201
    still = await client.post(f"/campaigns/{cid}/distributions", json=give(other, 100_000))
    assert still.status_code == 409 and still.json()["field"] == "beneficiary_id", still.text


async def test_a_distribution_reversed_today_keeps_the_wrong_record_until_today(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """Without reversed_on a reversal takes effect today, as before: the distribution recorded in its place on
    the earlier day is refused (the balance was spent by the wrong record until today)."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=10))
    wrong, right = [await campaigns.verified_beneficiary(verified_on=TODAY - timedelta(days=5)) for _ in range(2)]
    day = lambda n: str(TODAY - timedelta(days=n))  # noqa: E731
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(100_000, received_on=day(4)))).status_code == 201
    d = (await client.post(f"/campaigns/{cid}/distributions", json=give(wrong, 100_000, distributed_on=day(2)))).json()
    r = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "ghi nhầm hộ"})
    assert r.status_code == 201 and r.json()["reversed_on"] == str(TODAY), r.text
    late = await client.post(f"/campaigns/{cid}/distributions", json=give(right, 100_000, distributed_on=day(2)))
    assert late.status_code == 409 and late.json()["field"] == "distributed_on", late.text


async def test_distribution_after_the_deadline_or_by_a_stranger_unit_is_refused(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    partner = uuid.uuid4()
    cid, _ = await campaigns.launch(
        receiving_from=TODAY - timedelta(days=40),
        receiving_until=TODAY - timedelta(days=10),
        distribution_deadline=TODAY - timedelta(days=1),
        participating=[partner],
    )
    r = await client.post(
        f"/campaigns/{cid}/donations", json=cash(100_000, received_on=str(TODAY - timedelta(days=20)))
    )
    assert r.status_code == 201
    b = await campaigns.verified_beneficiary(verified_on=TODAY - timedelta(days=30))
    r = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1_000))
    assert r.status_code == 409 and "after the distribution deadline" in r.json()["message"]
    ok_day = str(TODAY - timedelta(days=2))
    r = await client.post(
        f"/campaigns/{cid}/distributions", json=give(b, 1_000, distributed_on=ok_day, unit_id=str(uuid.uuid4()))
    )
    assert r.status_code == 409 and "neither the organising unit nor a participating unit" in r.json()["message"]
    r = await client.post(
        f"/campaigns/{cid}/distributions", json=give(b, 1_000, distributed_on=ok_day, unit_id=str(partner))
    )
    assert r.status_code == 201


async def test_distribution_idempotency_key_returns_the_original(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(100_000))).status_code == 201
    b = await campaigns.verified_beneficiary()
    h = {"Idempotency-Key": str(uuid.uuid4())}
    r1 = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 60_000), headers=h)
    r2 = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 60_000), headers=h)
    assert (r1.status_code, r2.status_code) == (201, 200) and r1.json()["id"] == r2.json()["id"]
    assert await db.fetchval("SELECT count(*) FROM distributions WHERE campaign_id = $1", cid) == 1


async def test_a_distribution_dated_before_its_window_is_422_naming_the_field_and_range(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=400))
    earliest = TODAY - timedelta(days=180)  # the default window: 180 days back
    gift = cash(100_000, received_on=str(earliest))  # (received by then: a distribution never spends ahead)
    assert (await client.post(f"/campaigns/{cid}/donations", json=gift)).status_code == 201
    b = await campaigns.verified_beneficiary(verified_on=TODAY - timedelta(days=390))
    for day in (TODAY - timedelta(days=181), date(2000, 1, 1)):  # the schema allows 2000 on
        r = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1_000, distributed_on=str(day)))
        assert r.status_code == 422 and r.json().get("field") == "distributed_on", r.text
        assert f"outside the allowed range {earliest} to {TODAY}" in r.json()["message"]
    assert await db.fetchval("SELECT count(*) FROM distributions WHERE campaign_id = $1", cid) == 0
    ok = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1_000, distributed_on=str(earliest)))
    assert ok.status_code == 201, ok.text


async def test_support_kind_quantity_and_people_reached_are_recorded_and_published(
    campaigns: Campaigns, client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """A distribution names what was given from the catalogue, how many, and the person-times reached; the
    event carries them (no personal data); an unknown kind or a quantity without a kind is a 422 that
    records nothing."""
    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(5_000_000))).status_code == 201
    b = await campaigns.verified_beneficiary()
    body = give(b, 1_200_000, support_kind="gift_package", quantity=3, people_reached=12, support_level="Mức 1",
                decision_no="12/QĐ-HCTĐ", description="Quà Tết cho hộ nghèo")  # fmt: skip
    r = await client.post(f"/campaigns/{cid}/distributions", json=body)
    assert r.status_code == 201, r.text
    assert (r.json()["support_kind"], r.json()["quantity"], r.json()["people_reached"]) == ("gift_package", 3, 12)
    one = (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1_000, support_kind="scholarship"))).json()
    assert (one["support_kind"], one["quantity"], one["people_reached"]) == ("scholarship", 1, None)
    plain = (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 1_000))).json()
    assert (plain["support_kind"], plain["quantity"], plain["people_reached"]) == (None, None, None)
    payloads = await db.fetch(
        "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'donations.distribution.recorded.v1' ORDER BY id",
        str(cid),
    )
    events = [json.loads(p["payload"]) for p in payloads]
    assert [(e["support_kind"], e["quantity"], e["people_reached"]) for e in events] == [
        ("gift_package", 3, 12),
        ("scholarship", 1, None),
        (None, None, None),
    ]
    # the published level and decision (events 1.6.0: the central society counts by level); not the purpose
    assert [(e["support_level"], e["decision_no"]) for e in events] == [("Mức 1", "12/QĐ-HCTĐ"), (None, None),
                                                                        (None, None)]  # fmt: skip
    assert all("description" not in e for e in events)
    row = await db.fetchrow("SELECT support_level, decision_no, description FROM distributions WHERE id = $1",
                            uuid.UUID(r.json()["id"]))  # fmt: skip
    assert tuple(row) == ("Mức 1", "12/QĐ-HCTĐ", "Quà Tết cho hộ nghèo")
    for bad, field in (
        (give(b, 1_000, support_kind="spaceship"), "support_kind"),
        (give(b, 1_000, support_kind="Gift Package"), "support_kind"),
        (give(b, 1_000, quantity=2), "quantity"),
        (give(b, 1_000, support_kind="gift_package", quantity=0), "quantity"),
        (give(b, 1_000, support_kind="gift_package", people_reached=-1), "people_reached"),
    ):
        r = await client.post(f"/campaigns/{cid}/distributions", json=bad)
        assert r.status_code == 422, (bad, r.text)
        assert field in r.text, (bad, r.text)
    assert await db.fetchval("SELECT count(*) FROM distributions WHERE campaign_id = $1", cid) == 3


async def test_a_distribution_answered_503_was_not_recorded(
    campaigns: Campaigns, client: httpx.AsyncClient, monkeypatch: Any
) -> None:
    """Its answer is read before the commit: a read that times out (503, "nothing was done": retry)
    rolls the write back with it. Read after the commit, the retry recorded a second distribution."""
    from rc_donations.service_layer import distributions
    from rc_shared.errors import Unavailable

    cid, _ = await campaigns.launch()
    assert (await client.post(f"/campaigns/{cid}/donations", json=cash(500_000))).status_code == 201
    b = await campaigns.verified_beneficiary()

    async def times_out(*_: Any) -> Any:
        raise Unavailable("canceling statement due to statement timeout", retry_after_s=1)

    with monkeypatch.context() as m:
        m.setattr(distributions, "get_distribution", times_out)
        refused = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 300_000))
    assert refused.status_code == 503 and "Retry-After" in refused.headers, refused.text
    retried = await client.post(f"/campaigns/{cid}/distributions", json=give(b, 300_000))
    assert retried.status_code == 201, retried.text
    assert (await client.get(f"/campaigns/{cid}/ledger")).json()["cash"]["balance_vnd"] == 200_000  # once


async def test_paging_with_after_reads_each_distribution_once_though_one_is_dated_back_meanwhile(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """Paged by offset, in the order of their dates, a distribution dated back moves the later ones by a
    place: one is read twice and the new one never (an integrator's finding). With after=, in the order they
    were recorded: each once, the one dated back on a later page."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=30))
    gift = cash(10_000_000, received_on=str(TODAY - timedelta(days=30)))
    assert (await client.post(f"/campaigns/{cid}/donations", json=gift)).status_code == 201
    ben = await campaigns.verified_beneficiary()
    url = f"/campaigns/{cid}/distributions"
    for days in (10, 5, 1):
        r = await client.post(url, json=give(ben, 10_000 + days, distributed_on=str(TODAY - timedelta(days=days))))
        assert r.status_code == 201, r.text
    by_offset = (await client.get(url, params={"limit": 2})).json()
    assert by_offset["next_after"] is None  # read by offset: no cursor
    first = (await client.get(url, params={"limit": 2, "after": 0})).json()
    assert [d["amount_vnd"] for d in first["items"]] == [10_010, 10_005] and first["next_after"] is not None
    backdated = give(ben, 10_020, distributed_on=str(TODAY - timedelta(days=20)))
    assert (await client.post(url, json=backdated)).status_code == 201
    seen = [d["amount_vnd"] for d in first["items"]]
    after = first["next_after"]
    while after is not None:
        page = (await client.get(url, params={"limit": 2, "after": after})).json()
        seen += [d["amount_vnd"] for d in page["items"]]
        after = page["next_after"]
    assert seen == [10_010, 10_005, 10_001, 10_020]  # each once, in the order recorded
    # by offset, the dates' order: the second page repeats what the first ended with
    assert [d["amount_vnd"] for d in (await client.get(url, params={"limit": 2, "offset": 2})).json()["items"]] == [
        10_005, 10_001]  # fmt: skip
    r = await client.get(url, params={"after": 1, "offset": 2})
    assert r.status_code == 422 and r.json()["field"] == "after", r.text
    unknown = await client.get(f"/campaigns/{uuid.uuid4()}/distributions", params={"after": 0})
    assert unknown.status_code == 404


async def test_one_recipients_distributions_are_listed_by_date_reversed_ones_too(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """beneficiary_id= (1.12.0): what one household was given in this campaign, which the console asks before
    recording a second handout; another household's and another campaign's are not in it."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=30))
    other_campaign, _ = await campaigns.launch()
    for c in (cid, other_campaign):
        gift = cash(10_000_000, received_on=str(TODAY - timedelta(days=30 if c == cid else 0)))
        assert (await client.post(f"/campaigns/{c}/donations", json=gift)).status_code == 201
    ben, neighbour = await campaigns.verified_beneficiary(), await campaigns.verified_beneficiary()
    url = f"/campaigns/{cid}/distributions"
    made = {}
    for who, amount, days in ((ben, 20_005, 5), (neighbour, 30_000, 4), (ben, 20_010, 10), (ben, 20_001, 1)):
        r = await client.post(url, json=give(who, amount, distributed_on=str(TODAY - timedelta(days=days))))
        assert r.status_code == 201, r.text
        made[amount] = r.json()["id"]
    r = await client.post(f"/campaigns/{other_campaign}/distributions", json=give(ben, 40_000))
    assert r.status_code == 201, r.text
    r = await client.post(f"/distributions/{made[20_005]}/reversal", json={"reason": "ghi nhầm hộ"})
    assert r.status_code in (200, 201), r.text
    page = (await client.get(url, params={"beneficiary_id": str(ben)})).json()
    assert [(d["amount_vnd"], d["reversed"]) for d in page["items"]] == [(20_010, False), (20_005, True),
                                                                          (20_001, False)]  # fmt: skip
    assert {d["beneficiary_id"] for d in page["items"]} == {str(ben)} and page["count"] == 3
    second = (await client.get(url, params={"beneficiary_id": str(ben), "limit": 2, "offset": 2})).json()
    assert [d["amount_vnd"] for d in second["items"]] == [20_001]
    never = (await client.get(url, params={"beneficiary_id": str(uuid.uuid4())})).json()
    assert never["items"] == [] and never["count"] == 0
    r = await client.get(url, params={"beneficiary_id": str(ben), "after": 0})
    assert r.status_code == 422 and r.json()["field"] == "after" and "beneficiary_id" in r.json()["message"], r.text
    r = await client.get(url, params={"beneficiary_id": "not-an-id"})
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["query.beneficiary_id"], r.text
    unknown = await client.get(f"/campaigns/{uuid.uuid4()}/distributions", params={"beneficiary_id": str(ben)})
    assert unknown.status_code == 404


async def test_a_reversal_dated_back_is_no_older_than_a_distribution_may_be(
    campaigns: Campaigns, client: httpx.AsyncClient
) -> None:
    """reversed_on goes back no further than a distribution may be dated (the one recorded in its place): the
    window's 180 days, whatever the distribution's day (review of this change: a correction could otherwise
    rewrite figures filed long ago)."""
    cid, _ = await campaigns.launch(receiving_from=TODAY - timedelta(days=250))
    b = await campaigns.verified_beneficiary(verified_on=TODAY - timedelta(days=240))
    day = lambda n: str(TODAY - timedelta(days=n))  # noqa: E731
    assert (
        await client.post(f"/campaigns/{cid}/donations", json=cash(50_000, received_on=day(175)))
    ).status_code == 201
    d = (await client.post(f"/campaigns/{cid}/distributions", json=give(b, 50_000, distributed_on=day(170)))).json()
    r = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "ghi nhầm", "reversed_on": day(181)})
    assert r.status_code == 422 and r.json()["field"] == "reversed_on", r.text
    assert "is outside the allowed range" in r.json()["message"], r.text
    r = await client.post(f"/distributions/{d['id']}/reversal", json={"reason": "ghi nhầm", "reversed_on": day(170)})
    assert r.status_code == 201, r.text
