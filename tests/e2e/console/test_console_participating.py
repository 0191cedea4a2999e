"""A commune taking part in its province's campaign records its own gifts and handovers in the console.

The donations API books a gift or a distribution to the unit the request names (the organiser when none)
and refuses a unit outside the caller's scope: a console that never named one sent every commune user's
form to the province and got a 403, losing what was typed, and booked what an organiser's user entered to
the organiser, never to the commune that handed it over. The forms now offer the campaign's own units in
the user's scope (one: said, not asked) and send the one chosen; the services' records show it.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from playwright.async_api import Browser

from tests.e2e.conftest import System
from tests.e2e.console.conftest import DESKTOP, PHONE, TODAY, Shots, follow, launch_with_ledger, login, ok
from tests.e2e.harness import ServiceProcess, auth, post_once_units_known
from tests.integration.shared.helpers import eventually


async def test_a_participating_commune_records_its_gift_and_handover_for_itself(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag, a, b = world["tag"], world["a"], world["b"]  # communes of the province
    async with (
        httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns,
        httpx.AsyncClient(base_url=system.url("donations"), timeout=30, headers=auth()) as donations,
    ):
        body = {
            "code": f"P-{uuid.uuid4().hex[:8]}", "name": f"Tết Nhân ái tỉnh {tag}", "campaign_type": "tet_nhan_ai",
            "organising_unit_id": world["province"], "participating_unit_ids": [a, b],
            "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
            "receiving_until": (TODAY + timedelta(days=25)).isoformat(), "targets": {"cash_vnd": 50_000_000},
        }  # fmt: skip
        cid = str((await ok(await post_once_units_known(campaigns, "/campaigns", body)))["id"])
        await launch_with_ledger(system, cid)
        household = await ok(await campaigns.post("/beneficiaries", json={
            "kind": "household", "unit_id": a, "campaign_id": cid, "full_name": f"Trần Văn Sáu {tag}",
            "address": "Ấp 4", "commune": "Vĩnh Trạch", "household_size": 2,
            "consent": {"purpose": "nhận quà Tết", "given_on": TODAY.isoformat()}}))  # fmt: skip
        await ok(await campaigns.post(f"/beneficiaries/{household['id']}/verify", json={
            "verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}))  # fmt: skip

        page = await login(browser, console, "unit_manager", a, DESKTOP)
        campaign_url = f"{console.url}/campaigns/{cid}"
        await page.goto(campaign_url)
        # a cash gift: the form says which unit it is recorded for (the commune: its only unit here)
        await follow(page, page.get_by_role("link", name="Ghi nhận đóng góp"))
        said = await page.locator("[data-recording-unit]").inner_text()
        assert said == f"Ghi nhận cho đơn vị: Xã Vĩnh Trạch {tag}", said
        await page.get_by_label("Số tiền (đồng)").fill("300.000")
        await page.get_by_label("Hình thức").select_option("cash")
        await page.get_by_label("Là", exact=True).select_option("anonymous")
        await page.get_by_role("button", name="Ghi nhận và in biên nhận").click()
        await page.wait_for_url(f"{console.url}/donations/*/receipt")
        gift = page.url.rsplit("/", 2)[1]
        assert (await ok(await donations.get(f"/donations/{gift}")))["unit_id"] == a
        # a handover to the commune's household, booked to the commune
        await page.goto(f"{campaign_url}/distributions/new")
        option = page.locator(f"option[value='{household['id']}']")

        async def offered() -> bool:  # the verification reaches the services through Kafka
            await page.reload()
            return await option.count() == 1

        await eventually(offered, timeout=60, what="the verified household among the recipients")
        assert await option.inner_text() == f"Trần Văn Sáu {tag} · Ấp 4, Vĩnh Trạch"  # its address tells homonyms apart
        await shots.take(page, "distribution-participating", "desktop")
        await page.get_by_label("Người hoặc hộ được hỗ trợ").select_option(household["id"])
        await page.get_by_label("Số tiền hoặc giá trị hàng (đồng)").fill("200.000")
        await page.get_by_label("Số quyết định phân phối").fill(f"5/QĐ-{tag}")

        async def distributed() -> bool:  # the donations service may learn of the household after the form
            await page.get_by_role("button", name="Ghi nhận phân phối").click()
            await page.wait_for_load_state()
            return "done=" in page.url  # the form again for the next household: this one recorded

        await eventually(distributed, timeout=60, what="the distribution accepted")
        [given] = (await ok(await donations.get(f"/campaigns/{cid}/distributions")))["items"]
        assert (given["unit_id"], given["amount_vnd"]) == (a, 200_000)
        # the same form at phone width
        phone = await login(browser, console, "unit_manager", a, PHONE)
        await phone.goto(f"{campaign_url}/distributions/new")
        await shots.take(phone, "distribution-participating", "phone")
        await phone.context.close()
        await page.context.close()
