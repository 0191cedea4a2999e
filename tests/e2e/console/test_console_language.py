"""The staff console in English, in a real browser: a commune's unit manager signs in (a Vietnamese
browser: the pages are Vietnamese), chooses English in the page header and gets the dashboard in English
(``<html lang="en">``, amounts as English writes them) on every page after, then chooses Tiếng Việt and
gets the Vietnamese pages back; a browser that asks for English gets it before any choice.

Screenshots of the English dashboard at phone and desktop widths (docs/console/dashboard-en-*.png with
RC_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Browser, Page

from tests.e2e.conftest import System
from tests.e2e.console.conftest import DESKTOP, PHONE, Shots, follow, launch_with_ledger, login
from tests.e2e.harness import ServiceProcess


async def lang(page: Page) -> str | None:
    return await page.locator("html").get_attribute("lang")


async def test_a_user_switches_the_console_to_english_and_back(
    console: ServiceProcess, browser: Browser, world: dict[str, Any], system: System, shots: Shots
) -> None:
    await launch_with_ledger(system, world["campaign_a"])  # under way: on the dashboard, with its bar
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "unit_manager", world["a"], viewport)  # a vi-VN browser
        assert await lang(page) == "vi"
        assert await page.locator("h1").inner_text() == "Tổng quan"
        assert await page.get_by_role("button", name="Tiếng Việt").get_attribute("aria-pressed") == "true"
        await follow(page, page.get_by_role("button", name="English"))
        assert page.url == f"{console.url}/"  # back on the page it was chosen on
        assert await lang(page) == "en"
        assert await page.locator("h1").inner_text() == "Overview"
        assert await page.get_by_role("heading", name="Campaigns under way").count() == 1
        assert "members" in await page.locator(".tile").first.inner_text()
        nav = await page.get_by_role("navigation").locator("a").all_inner_texts()
        assert nav == ["Overview", "Campaigns", "Members", "Units", "Reports"]
        assert "· Unit manager" in await page.locator(".who").inner_text()
        card = page.locator(".card", has_text=world["tag"])
        assert "₫10,000,000" in await card.inner_text() and "Humanitarian Tết" in await card.inner_text()
        assert await page.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
        await shots.take(page, "dashboard-en", width)
        # the choice holds on the next pages (the cookie), over the browser's Vietnamese
        await follow(page, page.get_by_role("link", name="Reports"))
        assert await lang(page) == "en" and await page.locator("h1").inner_text() == "Membership report"
        await follow(page, page.get_by_role("button", name="Tiếng Việt"))
        assert page.url.endswith("/reports") and await lang(page) == "vi"
        assert await page.locator("h1").inner_text() == "Báo cáo hội viên"
        await follow(page, page.get_by_role("link", name="Tổng quan"))
        assert "10.000.000 ₫" in await page.locator(".card", has_text=world["tag"]).inner_text()
        await page.context.close()


async def test_a_browser_that_asks_for_english_gets_it_before_any_choice(
    console: ServiceProcess, browser: Browser, world: dict[str, Any]
) -> None:
    context = await browser.new_context(locale="en-US")
    page = await context.new_page()
    await page.goto(f"{console.url}/login?unit={world['a']}&role=viewer")
    assert await lang(page) == "en" and await page.locator("h1").inner_text() == "Sign in"
    await page.get_by_label("User name").fill("viewer-e2e")
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{console.url}/")
    assert await lang(page) == "en" and "· Read only" in await page.locator(".who").inner_text()
    await context.close()
