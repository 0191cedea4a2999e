"""End to end over HTTP and Kafka: a relief campaign from launch to settlement across the four
services (campaigns → donations → reporting, and the ledger back to campaigns)."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from functools import partial
from typing import Any

import httpx

from rc_campaigns.entrypoints.consumers import ledger_consumer
from rc_shared import clock
from rc_shared.envelope import headers_dict
from tests.e2e.conftest import System
from tests.e2e.harness import auth, new_unit, post_once_units_known
from tests.e2e.offsets import read_to_end, wait_caught_up
from tests.integration.shared.helpers import eventually

TODAY = clock.today()  # the services' clock (the organisation's time zone)
TOMORROW = TODAY + timedelta(days=1)
TARGET_REACHED = "campaigns.campaign.target_reached.v1"


async def _ok(r: httpx.Response, *codes: int) -> dict[str, Any]:
    assert r.status_code in (codes or (200, 201)), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


async def test_relief_campaign_from_launch_to_settlement(system: System) -> None:
    async with (
        httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members,
        httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns,
        httpx.AsyncClient(base_url=system.url("donations"), timeout=30, headers=auth()) as donations,
        httpx.AsyncClient(base_url=system.url("reporting"), timeout=30, headers=auth()) as reporting,
    ):
        unit = await new_unit(members)  # the campaigns service learns it from members.units
        c = await _ok(
            await post_once_units_known(
                campaigns,
                "/campaigns",
                {
                    "code": f"BAO-{uuid.uuid4().hex[:6]}",
                    "name": "Cứu trợ khẩn cấp bão số 3",
                    "campaign_type": "emergency_relief",
                    "organising_unit_id": unit,
                    "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
                    "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
                    "targets": {"cash_vnd": 1_000_000, "beneficiaries": 2},
                },
            )
        )
        cid = c["id"]
        # A donation before launch is refused: the ledger does not exist yet.
        early = await donations.post(
            f"/campaigns/{cid}/donations",
            json={"kind": "cash", "amount_vnd": 1000, "channel": "cash", "received_on": TODAY.isoformat()},
        )
        assert early.status_code == 409, early.text

        await _ok(await campaigns.post(f"/campaigns/{cid}/launch", json={}))

        async def ledger_open() -> bool:
            return (await donations.get(f"/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=60, what="the donations service to open the ledger from the event")

        beneficiaries = []
        for i in range(2):
            b = await _ok(
                await campaigns.post(
                    "/beneficiaries",
                    json={
                        "kind": "household",
                        "unit_id": unit,
                        "full_name": f"Trần Thị Hộ {i}",
                        "address": f"Ấp {i}, xã Vĩnh Trạch",
                        "commune": "Vĩnh Trạch",
                        "household_size": 4,
                        "campaign_id": cid,
                        "consent": {"purpose": "relief distribution", "given_on": TODAY.isoformat()},
                    },
                )
            )
            await _ok(
                await campaigns.post(
                    f"/beneficiaries/{b['id']}/verify",
                    json={"verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()},
                )
            )
            beneficiaries.append(b["id"])

        gifts = [400_000, 350_000, 300_000]  # crosses the 1,000,000 target on the third
        for i, amount in enumerate(gifts):
            body = {
                "kind": "cash",
                "amount_vnd": amount,
                "channel": "bank_transfer",
                "bank_reference": f"FT{i:08d}",
                "received_on": TODAY.isoformat(),
            }
            first = await donations.post(f"/campaigns/{cid}/donations", json=body, headers={"Idempotency-Key": f"k{i}"})
            assert first.status_code == 201, first.text
            again = await donations.post(f"/campaigns/{cid}/donations", json=body, headers={"Idempotency-Key": f"k{i}"})
            assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
        raised = sum(gifts)

        async def reported() -> bool:
            r = await reporting.get(f"/reports/campaigns/{cid}")
            return r.status_code == 200 and r.json()["cash_raised_vnd"] == raised

        await eventually(reported, timeout=60, what="reporting to total the donations")

        async def target_seen() -> bool:
            body = (await campaigns.get(f"/campaigns/{cid}")).json()
            return body["progress"]["cash_vnd"]["target_reached_at"] is not None

        await eventually(target_seen, timeout=60, what="the campaign to learn its target was reached")

        await _ok(await campaigns.post(f"/campaigns/{cid}/close", json={}))

        async def ledger_closed() -> bool:
            return (await donations.get(f"/campaigns/{cid}/ledger")).json().get("status") == "closed"

        await eventually(ledger_closed, timeout=60, what="the donations service to close the ledger from the event")
        # Closing is decided by dates: money received on the close date still counts when it is recorded
        # after the close (flagged late); a later date is refused (it is in the future until the close
        # date has passed, and the close can never be backdated).
        late = await donations.post(
            f"/campaigns/{cid}/donations",
            json={"kind": "cash", "amount_vnd": 5000, "channel": "cash", "received_on": TODAY.isoformat()},
        )
        assert late.status_code == 201 and late.json()["recorded_after_close"] is True, late.text
        crossed = raised  # the cash target was crossed before this late gift
        raised += 5000
        after = await donations.post(
            f"/campaigns/{cid}/donations",
            json={"kind": "cash", "amount_vnd": 5000, "channel": "cash", "received_on": TOMORROW.isoformat()},
        )
        assert after.status_code == 422 and after.json()["field"] == "received_on", after.text

        # Donations learns the verifications from campaigns.beneficiaries, through Kafka: until it has,
        # a distribution to the beneficiary is refused (409, nothing changes). Probe with one far beyond
        # the balance, which is refused either way.
        async def verification_known(b: str) -> bool:
            body = {"beneficiary_id": b, "kind": "cash", "amount_vnd": 10**15, "distributed_on": TODAY.isoformat()}
            r = await donations.post(f"/campaigns/{cid}/distributions", json=body)
            assert r.status_code in (409, 422), r.text
            return "not a verified beneficiary" not in r.text

        for b in beneficiaries:
            await eventually(partial(verification_known, b), timeout=60, what="donations to learn the verification")

        # Distributions within the balance; an overdraft is refused with the available amount.
        await _ok(
            await donations.post(
                f"/campaigns/{cid}/distributions",
                json={
                    "beneficiary_id": beneficiaries[0],
                    "kind": "cash",
                    "amount_vnd": 600_000,
                    "distributed_on": TODAY.isoformat(),
                    "support_kind": "cash_support",
                    "people_reached": 4,
                },
            )
        )
        over = await donations.post(
            f"/campaigns/{cid}/distributions",
            json={
                "beneficiary_id": beneficiaries[1],
                "kind": "cash",
                "amount_vnd": 500_000,
                "distributed_on": TODAY.isoformat(),
            },
        )
        assert over.status_code == 409, over.text
        assert over.headers["content-type"] == "application/problem+json"
        assert over.json() == {
            "type": "/problems/conflict",
            "title": "Conflicts with the current state",
            "status": 409,
            "detail": "insufficient balance: requested 500000 VND, available 455000 VND",
            "error": "conflict",
            "message": "insufficient balance: requested 500000 VND, available 455000 VND",
            "correlation_id": over.headers["x-correlation-id"],
            "requested_vnd": 500_000,
            "available_vnd": 455_000,
            "kind": "cash",
        }
        await _ok(
            await donations.post(
                f"/campaigns/{cid}/distributions",
                json={
                    "beneficiary_id": beneficiaries[1],
                    "kind": "cash",
                    "amount_vnd": 455_000,
                    "distributed_on": TODAY.isoformat(),
                    "support_kind": "scholarship",
                    "quantity": 2,
                },
            )
        )
        ledger = await _ok(await donations.get(f"/campaigns/{cid}/ledger"))
        assert ledger["cash"]["net_received_vnd"] == raised
        assert ledger["cash"]["balance_vnd"] == 0

        # the settlement waits until the campaigns service has heard of the distributions (through Kafka):
        # until then the campaign still holds money as far as it knows (how much depends on which of the
        # gifts and distributions it has projected yet), and settling is refused (409)
        refusals: list[int] = []

        async def settled() -> bool:
            r = await campaigns.post(f"/campaigns/{cid}/settle", json={})
            if r.status_code == 409:
                held = r.json()
                assert held["field"] == "remainder_note" and 0 < held["cash_vnd"] <= raised, r.text
                assert held["goods_vnd"] == 0, r.text
                refusals.append(r.status_code)
                return False
            await _ok(r)
            return True

        await eventually(settled, timeout=60, what="the settlement once the campaign holds nothing")

        async def settled_report() -> bool:
            r = (await reporting.get(f"/reports/campaigns/{cid}")).json()
            return (
                r.get("state") == "settled"
                and r.get("distributed_cash_vnd") == raised
                and len(r.get("targets_reached", [])) == 2
            )

        await eventually(settled_report, timeout=60, what="reporting to show the settled campaign")
        report = (await reporting.get(f"/reports/campaigns/{cid}")).json()
        assert report["balance_cash_vnd"] == 0
        assert report["donations"] == 4
        assert report["beneficiaries_reached"] == 2
        tracked = {kind: t for kind, t in report["targets"].items() if t["target"] is not None}
        assert tracked == {
            "cash_vnd": {"target": 1_000_000, "value": raised, "percent": 105.5},
            "beneficiaries": {"target": 2, "value": 2, "percent": 100.0},
        }
        assert all(t["percent"] is None for t in report["targets"].values() if t["target"] is None)
        assert {t["target"] for t in report["targets_reached"]} == {"cash_vnd", "beneficiaries"}

        # The organising unit's review since the campaign began: support kinds, quantities and person-times came
        # through donations.distribution.recorded.v1 (the second gave no people_reached: household of 4).
        r = await reporting.get(
            "/reports/review",
            params={
                "unit_id": unit,
                "period_from": (TODAY - timedelta(days=5)).isoformat(),
                "period_to": TODAY.isoformat(),
            },
        )
        assert r.status_code == 200, r.text
        review = {f["indicator"]: f["value"] for s in r.json()["sections"] for f in s["figures"]}
        assert review["emergency_relief.funds_raised_vnd"] == raised and review["campaigns"] == 1
        assert (review["support.cash_support"], review["support.scholarship"]) == (1, 2)
        assert (review["support_value_vnd"], review["person_times"], review["beneficiaries"]) == (raised, 8, 2)

        # The public transparency page needs no token and shows the totals, in Vietnamese formatting.
        async with httpx.AsyncClient(base_url=system.url("reporting"), timeout=30) as public:
            page = await public.get(f"/public/campaigns/{cid}")
            assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
            assert "Cứu trợ khẩn cấp bão số 3" in page.text
            assert "1.055.000 ₫" in page.text  # raised, and distributed
            assert "Trần Thị Hộ" not in page.text  # beneficiaries are never named here
            listing = await public.get("/public/campaigns")
            assert f'href="/public/campaigns/{cid}"' in listing.text
            assert (await public.get(f"/public/campaigns/{uuid.uuid4()}")).status_code == 404

    # The target-reached event was published exactly once per target, despite the resubmissions:
    # once the campaigns service has consumed every ledger event and published its whole outbox,
    # the topic is read to its end offsets (not up to an expected count).
    await wait_caught_up(
        system.kafka, system.namespace + ledger_consumer.name, [system.namespace + t for t in ledger_consumer.topics]
    )

    async def outbox_published() -> bool:
        async with httpx.AsyncClient(timeout=10) as c:
            r = await c.get(system.url("campaigns") + "/health/ready")
        return r.status_code == 200 and r.json()["checks"]["outbox_backlog"] == 0

    await eventually(outbox_published, timeout=30, what="the campaigns outbox published")
    records = await read_to_end(system.kafka, system.namespace + "campaigns.campaigns")
    reached = [
        json.loads(r.value)
        for r in records
        if headers_dict(r.headers)["ce_type"] == TARGET_REACHED and headers_dict(r.headers)["ce_subject"] == cid
    ]
    assert sorted(e["target"] for e in reached) == ["beneficiaries", "cash_vnd"], reached
    assert sorted((e["target"], e["target_value"], e["reached_value"]) for e in reached) == [
        ("beneficiaries", 2, 2),
        ("cash_vnd", 1_000_000, crossed),
    ], reached
