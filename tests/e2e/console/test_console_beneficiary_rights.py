"""A person supported has their details corrected, and their personal data erased at their request, in the
console (the campaigns API had both; the console offered neither, and still offered to verify and pair a
sponsor with an erased record, which the API then refused in English).

A data-entry user corrects the circumstances of a verified household; who it is (name, identity number,
address) is locked for them, and forcing it is refused next to the name. A unit manager corrects the
name, then erases the personal data behind a confirmation; the erased record offers no correction,
verification nor sponsorship, and the campaigns API answers it erased.
"""

from __future__ import annotations

from typing import Any

import httpx
from playwright.async_api import Browser

from tests.e2e.conftest import System
from tests.e2e.console.conftest import DESKTOP, PHONE, Shots, follow, login, ok
from tests.e2e.console.test_console_money import humanitarian_address
from tests.e2e.harness import ServiceProcess, auth


async def test_a_households_details_are_corrected_and_then_erased_at_its_request(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    bid = await humanitarian_address(system, world["a"], f"{tag} sửa")  # verified, of commune A
    url = f"{console.url}/beneficiaries/{bid}"
    # a data-entry user: the circumstances, not who the verified household is
    page = await login(browser, console, "data_entry", world["a"], DESKTOP)
    await page.goto(url)
    await follow(page, page.get_by_role("link", name="Sửa thông tin…"))
    assert await page.locator("[data-identity-locked]").count() == 1
    assert await page.locator("#full_name").get_attribute("readonly") is not None
    await page.get_by_label("Hoàn cảnh").fill("Nhà bị sập sau bão; chồng mất sức lao động")
    await shots.take(page, "beneficiary-edit", "desktop")
    await follow(page, page.get_by_role("button", name="Lưu"))
    assert page.url.startswith(url) and await page.get_by_role("status").inner_text() == "Đã lưu."
    assert "chồng mất sức lao động" in await page.locator("dl.facts").inner_text()
    # the name forced past the lock: refused next to it, what was typed kept, nothing changed
    await follow(page, page.get_by_role("link", name="Sửa thông tin…"))
    await page.locator("#full_name").evaluate("e => e.removeAttribute('readonly')")
    await page.get_by_label("Họ tên (người, hoặc chủ hộ)").fill(f"Người Khác {tag}")
    await follow(page, page.get_by_role("button", name="Lưu"))
    assert (await page.locator("#full_name-error").inner_text()).startswith("Người này đã được xác minh")
    assert await page.get_by_label("Họ tên (người, hoặc chủ hộ)").input_value() == f"Người Khác {tag}"
    # nothing typed differs: said, nothing sent
    await page.goto(f"{url}/edit")
    await follow(page, page.get_by_role("button", name="Lưu"))
    assert await page.get_by_role("alert").inner_text() == "Không có gì thay đổi."
    assert await page.get_by_text("Xoá thông tin cá nhân theo yêu cầu…").count() == 0  # (a manager's)
    await page.context.close()
    async with httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns:
        held = await ok(await campaigns.get(f"/beneficiaries/{bid}"))
        assert held["full_name"] == f"Lê Thị Tư {tag} sửa" and held["situation"].endswith("mất sức lao động")
        # a unit manager: the name corrected, then everything personal erased behind a confirmation
        page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
        await page.goto(f"{url}/edit")
        assert await page.locator("[data-identity-locked]").count() == 0
        await page.get_by_label("Họ tên (người, hoặc chủ hộ)").fill(f"Lê Thị Tứ {tag}")
        await follow(page, page.get_by_role("button", name="Lưu"))
        assert await page.get_by_role("heading", level=1).inner_text() == f"Lê Thị Tứ {tag}"
        await page.get_by_text("Xoá thông tin cá nhân theo yêu cầu…").click()
        await follow(page, page.get_by_role("button", name="Xoá thông tin cá nhân"))
        assert await page.locator("#confirm-error").inner_text() == "Xin xác nhận yêu cầu xoá."
        assert not (await ok(await campaigns.get(f"/beneficiaries/{bid}"))).get("erased")  # nothing erased yet
        await page.get_by_label("Người này đã yêu cầu xoá thông tin cá nhân của mình").check()
        await follow(page, page.get_by_role("button", name="Xoá thông tin cá nhân"))
        assert await page.locator("[data-erased]").count() == 1
        assert await page.get_by_role("heading", level=1).inner_text() == "(ẩn danh theo yêu cầu)"
        for offered in ("Sửa thông tin…", "Xoá thông tin cá nhân theo yêu cầu…"):
            assert await page.get_by_text(offered).count() == 0, offered
        assert await page.locator("#sponsor_name").count() == 0  # no sponsor paired with an erased record
        await shots.take(page, "beneficiary-erased", "desktop")
        erased = await ok(await campaigns.get(f"/beneficiaries/{bid}"))
        assert erased["erased"] is True and tag not in erased["full_name"]
        edit = await page.goto(f"{url}/edit")
        assert edit is not None and edit.status == 409
    await page.context.close()
    phone = await login(browser, console, "unit_manager", world["a"], PHONE)
    await phone.goto(url)
    await shots.take(phone, "beneficiary-erased", "phone")
    other = await humanitarian_address(system, world["a"], f"{tag} khác")
    await phone.goto(f"{console.url}/beneficiaries/{other}/edit")
    await shots.take(phone, "beneficiary-edit", "phone")
    await phone.context.close()
