"""The staff console in a real browser, on the four services and the console as processes.

Journeys: a commune's unit manager signs in (development login), is told in Vietnamese next to the
field what is wrong with a new campaign, creates it, launches it and finds it in the list with its
progress bar; searches the members register without diacritics and pages through it; a viewer of
the same commune sees the campaign with no action button; the same users get a refusal page (403,
never a 500) for the campaign of another commune, by its URL. The province's manager walks the
organisation tree and sees a commune as it was before its rename; a commune's data-entry user records a
cash gift (the API's field errors first), gets its printable receipt, and a form sent twice is one gift;
a viewer sees the gifts and is offered no entry.

Screenshots of every screen at phone and desktop widths go to a temporary folder, and to
docs/console/ when RC_UPDATE_SCREENSHOTS=1 (how the committed ones were made; README links them).
"""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta
from typing import Any

import httpx
from playwright.async_api import Browser, Page, Route

from rc_shared.labels import vn_date
from tests.e2e.conftest import System
from tests.e2e.console.conftest import (
    DESKTOP,
    PHONE,
    TODAY,
    Shots,
    follow,
    launch_with_ledger,
    login,
    new_campaign,
)
from tests.e2e.harness import ServiceProcess, auth
from tests.integration.shared.helpers import eventually


async def test_a_unit_manager_creates_launches_and_lists_a_campaign(
    console: ServiceProcess, browser: Browser, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "unit_manager", world["a"], viewport)
        # the dashboard: the commune's members and volunteers (from the members API)
        assert await page.locator("[data-figure=members]").inner_text() == "3"
        assert await page.locator("[data-figure=volunteers]").inner_text() == "1"
        await follow(page, page.get_by_role("link", name="Cuộc vận động", exact=True))
        await follow(page, page.get_by_role("link", name="Tạo cuộc vận động"))
        code = f"TNA-{uuid.uuid4().hex[:6]}"
        name = f"Tết Nhân ái {tag} {width}"
        # First with mistakes: the campaigns API's field errors come back in Vietnamese, next to their fields.
        await page.get_by_label("Mã (ví dụ TNA-2026)").fill("mã có dấu")
        await page.get_by_label("Tiếp nhận từ ngày").fill((TODAY + timedelta(days=3)).isoformat())
        await page.get_by_label("đến ngày").fill(TODAY.isoformat())
        await page.get_by_label("Chỉ tiêu tiền mặt").fill("hai triệu")
        await follow(page, page.get_by_role("button", name="Tạo"))
        assert await page.locator("#code-error").inner_text() == (
            "Chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới."
        )
        assert await page.locator("#name-error").inner_text() == "Bắt buộc nhập."
        assert await page.locator("#target_cash_vnd-error").inner_text() == "Phải là một số nguyên."
        assert await page.get_by_label("Mã (ví dụ TNA-2026)").get_attribute("aria-invalid") == "true"
        assert await page.get_by_label("Chỉ tiêu tiền mặt").input_value() == "hai triệu"  # the input is kept
        await shots.take(page, "campaign-new", width)
        # The receiving period backwards: the campaign rule's error, next to the end date.
        await page.get_by_label("Mã (ví dụ TNA-2026)").fill(code)
        await page.get_by_label("Tên cuộc vận động").fill(name)
        await page.get_by_label("Chỉ tiêu tiền mặt").fill("20.000.000")
        await follow(page, page.get_by_role("button", name="Tạo"))
        assert await page.locator("#receiving_until-error").inner_text() == "Ngày này không được trước ngày bắt đầu."
        await page.get_by_label("đến ngày").fill((TODAY + timedelta(days=30)).isoformat())
        await page.get_by_role("button", name="Tạo").click()
        await page.wait_for_url(f"{console.url}/campaigns/*")
        campaign_url = page.url
        assert await page.locator("h1").inner_text() == name
        assert await page.locator("[data-state]").get_attribute("data-state") == "draft"
        # The draft corrected before its launch: the form as the draft holds it; a mistake is said at its field
        # and changes nothing; then the name, the end of the period and the cash target changed.
        await follow(page, page.get_by_role("link", name="Sửa bản nháp"))
        assert await page.locator("h1").inner_text() == f"Sửa bản nháp: {name}"
        assert await page.get_by_label("Tên cuộc vận động").input_value() == name
        assert await page.get_by_label("Chỉ tiêu tiền mặt").input_value() == "20.000.000"
        await page.get_by_label("Tên cuộc vận động").fill(f"{name} (sửa)")
        await page.get_by_label("đến ngày").fill((TODAY + timedelta(days=2)).isoformat())
        await follow(page, page.get_by_role("button", name="Lưu thay đổi"))
        assert await page.locator("#receiving_until-error").inner_text() == "Ngày này không được trước ngày bắt đầu."
        assert await page.get_by_label("Tên cuộc vận động").input_value() == f"{name} (sửa)"  # the input is kept
        await shots.take(page, "campaign-edit", width)
        async with httpx.AsyncClient(timeout=30, headers=auth()) as api:
            cid = campaign_url.rsplit("/", 1)[1]
            held = (await api.get(f"{world['campaigns_url']}/campaigns/{cid}")).json()
            assert (held["name"], held["targets"]["cash_vnd"]) == (name, 20_000_000)  # unchanged
            # meanwhile another user writes the description: the form sends what it changed, not that field as
            # it showed it (empty), which would undo their change
            r = await api.patch(f"{world['campaigns_url']}/campaigns/{cid}", json={"description": "Hỗ trợ Tết"})
            assert r.status_code == 200, r.text
            await page.get_by_label("đến ngày").fill((TODAY + timedelta(days=30)).isoformat())
            await page.get_by_label("Chỉ tiêu tiền mặt").fill("25000000")
            await follow(page, page.get_by_role("button", name="Lưu thay đổi"))
            assert page.url == campaign_url
            name = f"{name} (sửa)"
            assert await page.locator("h1").inner_text() == name
            held = (await api.get(f"{world['campaigns_url']}/campaigns/{cid}")).json()
            assert (held["name"], held["targets"]["cash_vnd"]) == (name, 25_000_000)
            assert held["receiving_until"] == (TODAY + timedelta(days=30)).isoformat()
            assert held["description"] == "Hỗ trợ Tết"
        assert await page.locator(".actions > form button").all_inner_texts() == ["Phát động"]
        assert await page.locator(".actions summary").inner_text() == "Huỷ cuộc vận động…"  # behind its form
        await follow(page, page.get_by_role("button", name="Phát động"))
        assert await page.locator("[data-state]").get_attribute("data-state") == "launched"
        assert await page.get_by_role("link", name="Sửa bản nháp").count() == 0  # launched: no longer a draft
        assert await page.locator(".actions > form button").all_inner_texts() == []  # close: behind its summary
        assert await page.locator(".actions summary").all_inner_texts() == ["Kết thúc tiếp nhận…", "Huỷ cuộc vận động…"]

        async def ledger_shown(page: Page = page) -> bool:  # open when the launch event reaches donations
            if await page.locator("#donations-h").count() == 1:
                return True
            # until then the page says the ledger is opening (not a campaign page without its donations)
            assert await page.locator("[data-ledger=opening]").count() == 1
            await page.reload()
            return False

        await eventually(ledger_shown, timeout=30, what="the campaign's page to show its donations")
        await shots.take(page, "campaign", width)
        if width == "desktop":
            # Closing before the receiving period starts: the service's rule, in Vietnamese; nothing changes.
            assert not await page.get_by_role("button", name="Xác nhận kết thúc tiếp nhận").is_visible()
            await page.locator("details[data-confirm=close] summary").click()  # what closing means, then confirm
            await follow(page, page.get_by_role("button", name="Xác nhận kết thúc tiếp nhận"))
            assert (await page.get_by_role("alert").inner_text()).startswith("Chưa đến ngày bắt đầu tiếp nhận")
            assert await page.locator("[data-state]").get_attribute("data-state") == "launched"
            # The launch form sent again (a second tab, a double click): refused, said so, not a 500.
            csrf = await page.locator("form[action='/logout'] input[name=csrf]").get_attribute("value")
            again = await page.request.post(f"{campaign_url}/launch", form={"csrf": csrf or ""}, max_redirects=0)
            assert again.status == 409 and "không cho phép thao tác này" in await again.text()
        await follow(page, page.get_by_role("link", name="← Cuộc vận động"))
        row = page.locator("tr", has_text=name)
        assert await row.count() == 1
        assert "Đang vận động" in await row.inner_text() and "25.000.000 ₫" in await row.inner_text()
        assert await row.locator("progress").get_attribute("max") == "100"
        await shots.take(page, "campaigns", width)
        # and on the dashboard, among the campaigns under way, with its progress bar
        await follow(page, page.get_by_role("link", name="Tổng quan"))
        card = page.locator(".card", has_text=name)
        assert await card.locator("progress").get_attribute("value") == "0"
        await shots.take(page, "dashboard", width)
        await page.context.close()


async def test_the_members_register_searches_without_diacritics_and_pages(
    console: ServiceProcess, browser: Browser, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await follow(page, page.get_by_role("link", name="Hội viên"))
        await page.get_by_label("Tìm theo tên (không cần dấu)").fill(f"nguyen thi hoa {tag}")
        await follow(page, page.get_by_role("button", name="Tìm"))
        first = await page.locator("tr[data-person-id]").all_inner_texts()
        assert len(first) == 2  # a page of two (RC_PEOPLE_PAGE_SIZE)
        await shots.take(page, "members", width)
        await follow(page, page.get_by_role("link", name="Trang sau »"))
        rest = await page.locator("tr[data-person-id]").all_inner_texts()
        names = sorted(t.split("\t")[0].split("\n")[0] for t in first + rest)
        assert len(rest) == 1 and all(tag in n for n in names), names
        assert {n.split(" ")[2] for n in names} == {"Hoà", "Hoa", "Hòa"}
        assert "Tình nguyện viên" in "".join(first + rest)  # the volunteer's role, in Vietnamese
        if width == "desktop":  # typing is enough: htmx fetches the results (and keeps them in the URL)
            await page.goto(f"{console.url}/members?q=khong-co-ai-{tag}")
            assert await page.locator("tr[data-person-id]").count() == 0
            await page.get_by_label("Tìm theo tên (không cần dấu)").fill(f"nguyen thi hoa {tag}")
            await page.locator("#results tr[data-person-id]", has_text=tag).nth(1).wait_for()
            assert await page.locator("#results tr[data-person-id]").count() == 2
            await page.wait_for_url(f"{console.url}/members?q=nguyen*")
            summary = page.locator("#results-summary")
            assert await summary.inner_text() == "Số người trên trang: 2"
            # part of a phone number: the members service's refusal reaches the page as the user types (htmx
            # dropped the 422, leaving the old results without a word), said in Vietnamese and announced
            await page.get_by_label("Tìm theo tên (không cần dấu)").fill("0912")
            refusal = "Nhập ít nhất một chữ của họ tên, hoặc trọn số điện thoại hay số CCCD (ví dụ 0912 345 678)."
            await page.locator("#q-error", has_text=refusal).wait_for()
            assert await page.locator("#results tr[data-person-id]").count() == 0
            assert await summary.inner_text() == refusal and await summary.get_attribute("role") == "status"
            assert "must" not in await page.locator("main").inner_text()
            await page.get_by_label("Tìm theo tên (không cần dấu)").fill(f"nguyen thi hoa {tag}")
            await page.locator("#results tr[data-person-id]", has_text=tag).nth(1).wait_for()
            assert (
                await page.locator("#q-error").count() == 0 and await summary.inner_text() == "Số người trên trang: 2"
            )

            # the live search's request fails (a proxy's 502): the page says that what is shown may be old,
            # where the old results stayed without a word, taken for the new search's (accessibility review)
            async def failing(route: Route) -> None:
                if route.request.headers.get("hx-request"):
                    await route.fulfill(status=502, body="bad gateway")
                else:
                    await route.continue_()

            await page.route(lambda url: "/members?" in url, failing)
            await page.get_by_label("Tìm theo tên (không cần dấu)").fill(f"tran van {tag}")
            said = page.locator("#request-error")
            await said.wait_for(state="visible")
            assert await said.get_attribute("role") == "alert"
            assert (await said.inner_text()).startswith("Không tải được phần cập nhật của trang")
            await shots.take(page, "members-search-failed", width)
            await page.unroute_all()
            await page.get_by_label("Tìm theo tên (không cần dấu)").fill(f"nguyen thi hoa {tag}")
            await said.wait_for(state="hidden")  # the next search answered: the warning goes
            assert await page.locator("#results tr[data-person-id]").count() == 2
        # Too long a search: the members API's refusal, in Vietnamese, next to the search field.
        answer = await page.goto(f"{console.url}/members?q={'a' * 101}")
        assert answer is not None and answer.status == 422
        assert await page.locator("#q-error").inner_text() == "Quá dài."
        await page.context.close()


async def test_a_viewer_is_offered_no_action_and_commune_b_is_refused(
    console: ServiceProcess, browser: Browser, world: dict[str, Any], shots: Shots
) -> None:
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "viewer", world["a"], viewport)
        await page.goto(f"{console.url}/campaigns")
        assert await page.get_by_role("link", name="Tạo cuộc vận động").count() == 0
        answer = await page.goto(f"{console.url}/campaigns/{world['campaign_a']}")
        assert answer is not None and answer.status == 200
        assert await page.locator("[data-state]").get_attribute("data-state") == "draft"  # launch is allowed...
        assert await page.locator(".actions").count() == 0  # ...but not to a viewer
        assert await page.get_by_role("link", name="Sửa bản nháp").count() == 0  # nor correcting the draft
        answer = await page.goto(f"{console.url}/campaigns/{world['campaign_a']}/edit")
        assert answer is not None and answer.status == 403
        assert await page.locator("form[action*='/launch'], form[action*='/close']").count() == 0
        # commune B's campaign, by its URL: a refusal page, not its data and not a 500
        answer = await page.goto(f"{console.url}/campaigns/{world['campaign_b']}")
        assert answer is not None and answer.status == 403
        assert await page.get_by_role("alert").inner_text() == "Bạn không có quyền thực hiện thao tác này."
        await shots.take(page, "refused", width)
        await page.context.close()
    # a unit manager of A is refused B's campaign too, and cannot launch it by posting the form
    page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    answer = await page.goto(f"{console.url}/campaigns/{world['campaign_b']}")
    assert answer is not None and answer.status == 403
    csrf = await page.locator("form[action='/logout'] input[name=csrf]").get_attribute("value")
    posted = await page.request.post(
        f"{console.url}/campaigns/{world['campaign_b']}/launch", form={"csrf": csrf or ""}, max_redirects=0
    )
    assert posted.status == 403
    # nor correct it by posting the edit form (its page refused too)
    answer = await page.goto(f"{console.url}/campaigns/{world['campaign_b']}/edit")
    assert answer is not None and answer.status == 403
    posted = await page.request.post(
        f"{console.url}/campaigns/{world['campaign_b']}/edit", form={"csrf": csrf or "", "name": "x"}, max_redirects=0
    )
    assert posted.status == 403
    await page.context.close()
    async with httpx.AsyncClient(timeout=30, headers=auth()) as api:
        held = (await api.get(f"{world['campaigns_url']}/campaigns/{world['campaign_b']}")).json()
        assert held["name"] != "x"


async def test_the_login_page_and_logout(console: ServiceProcess, browser: Browser, shots: Shots) -> None:
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = await browser.new_context(viewport=viewport, locale="vi-VN", device_scale_factor=1)
        page = await context.new_page()
        await page.goto(f"{console.url}/campaigns")
        assert page.url.startswith(f"{console.url}/login?next=/campaigns")
        await shots.take(page, "login", width)
        await page.get_by_label("Vai trò").select_option("admin")
        await page.get_by_role("button", name="Đăng nhập").click()
        await page.wait_for_url(f"{console.url}/campaigns")  # back where the user was going
        await page.get_by_role("button", name="Đăng xuất").click()
        await page.wait_for_url(f"{console.url}/login")
        await page.goto(f"{console.url}/")
        assert page.url.startswith(f"{console.url}/login")
        await context.close()


def _luminance(rgb: tuple[int, ...]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(x)) for x in re.findall(r"[\d.]+", css)[:3])


async def test_the_keyboard_focus_is_seen_against_every_background_it_sits_on(
    console: ServiceProcess, browser: Browser
) -> None:
    """WCAG 2.4.7 / 1.4.11: the focus ring was #f0a500, 2.1:1 on white and 1.9:1 on the page's grey, so an
    older volunteer tabbing through a form lost their place. Tabbing from the top of the login page and
    of the dashboard, every focused control's outline is drawn and is at least 3:1 against the page's
    background and against white (the cards and inputs it sits on)."""
    context = await browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = await context.new_page()
    await page.goto(f"{console.url}/login")
    seen = 0
    for stage in ("login", "dashboard"):
        for _ in range(6):
            await page.keyboard.press("Tab")
            style = await page.evaluate(
                "() => { const e = document.activeElement; if (!e || e === document.body) return null;"
                " const s = getComputedStyle(e); return [e.tagName, s.outlineStyle, s.outlineWidth, s.outlineColor,"
                " getComputedStyle(document.body).backgroundColor]; }"
            )
            if style is None:
                continue
            tag, line, width, colour, background = style
            assert line == "solid" and float(width.removesuffix("px")) >= 2, style
            for behind in (_rgb(background), (255, 255, 255)):
                assert _contrast(_rgb(colour), behind) >= 3, (tag, colour, behind)
            seen += 1
        if stage == "login":
            await page.get_by_label("Vai trò").select_option("admin")
            await page.get_by_role("button", name="Đăng nhập").click()
            await page.wait_for_url(f"{console.url}/")
    assert seen >= 8
    await context.close()


async def test_the_organisation_tree_as_of_a_date(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    renamed = f"Xã Vĩnh Trạch Đông {tag}"
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        r = await members.post(f"/units/{world['a']}/rename", json={"name": renamed, "valid_from": "2024-06-01"})
        assert r.status_code == 200, r.text
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "unit_manager", world["province"], viewport)
        await follow(page, page.get_by_role("link", name="Đơn vị", exact=True))
        assert page.url == f"{console.url}/units/{world['province']}"  # the user's own unit
        assert await page.locator("h1").inner_text() == f"Tỉnh Thử {tag}"
        assert await page.locator("[data-figure=members]").inner_text() == "3"
        assert await page.locator("[data-figure=units]").inner_text() == "3"
        children = await page.locator(".children a").all_inner_texts()
        assert sorted(children) == sorted([renamed, f"Xã Hiệp Thành {tag}"])
        await shots.take(page, "units", width)
        await follow(page, page.get_by_role("link", name=renamed))
        assert await page.locator("h1").inner_text() == renamed
        assert await page.locator("[data-figure=volunteers]").inner_text() == "1"
        assert await page.locator("tbody tr").evaluate_all("rs => rs.map(r => r.dataset.change)") == [
            "created",
            "renamed",
        ]
        assert "Đổi tên" in await page.locator("tr[data-change=renamed]").inner_text()
        assert await page.locator(".crumbs a").all_inner_texts() == [f"Tỉnh Thử {tag}"]
        await shots.take(page, "unit", width)
        # The tree as it was: before the rename, and before anyone joined (2024-02-01).
        await page.get_by_label("Xem vào ngày").fill("2024-01-15")
        await follow(page, page.get_by_role("button", name="Xem"))
        assert await page.locator("h1").inner_text() == f"Xã Vĩnh Trạch {tag}"
        assert await page.locator("[data-as-of]").inner_text() == "15/01/2024"  # as Vietnamese writes dates
        assert await page.locator("[data-as-of]").get_attribute("data-as-of") == "2024-01-15"
        assert await page.locator("[data-figure=members]").inner_text() == "0"
        # the province's page on that date names the commune as it was then
        await follow(page, page.locator(".crumbs a"))
        assert page.url.endswith("?as_of=2024-01-15")
        assert f"Xã Vĩnh Trạch {tag}" in await page.locator(".children").inner_text()
        if width == "desktop":
            # An impossible date, and a date before the unit existed: said next to the date field.
            answer = await page.goto(f"{console.url}/units/{world['a']}?as_of=2024-02-30")
            assert answer is not None and answer.status == 422
            assert (await page.locator("#as_of-error").inner_text()).startswith("Ngày không hợp lệ")
            answer = await page.goto(f"{console.url}/units/{world['a']}?as_of=2019-12-31")
            assert answer is not None and answer.status in (403, 404)  # not in the tree of that date
            assert "chưa có" in await page.locator("#as_of-error").inner_text()
        await page.context.close()
    # commune A's people cannot open commune B, nor the province above them
    page = await login(browser, console, "viewer", world["a"], DESKTOP)
    await follow(page, page.get_by_role("link", name="Đơn vị", exact=True))
    assert page.url == f"{console.url}/units/{world['a']}"
    for other in (world["b"], world["province"]):
        answer = await page.goto(f"{console.url}/units/{other}")
        assert answer is not None and answer.status == 403
        assert await page.get_by_role("alert").inner_text() == "Bạn không có quyền thực hiện thao tác này."
    await page.context.close()


async def test_a_data_entry_user_records_a_cash_gift_and_prints_its_receipt(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    name = f"Cứu trợ bão {world['tag']}"
    cid = await new_campaign(system, world["a"], name)
    await launch_with_ledger(system, cid)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await follow(page, page.get_by_role("link", name="Cuộc vận động", exact=True))
        await follow(page, page.get_by_role("link", name=name))
        await follow(page, page.get_by_role("link", name="Ghi nhận đóng góp"))
        assert await page.get_by_label("Ngày nhận").input_value() == TODAY.isoformat()  # today, by default
        # First with mistakes: the donations API's field errors, in Vietnamese, next to their fields.
        await page.get_by_label("Số tiền (đồng)").fill("-5")
        await page.get_by_label("Số điện thoại").fill("12ab")
        await follow(page, page.get_by_role("button", name="Ghi nhận và in biên nhận"))
        assert await page.locator("#amount_vnd-error").inner_text() == "Phải lớn hơn 0."
        assert (await page.locator("#donor_phone-error").inner_text()).startswith("Số điện thoại gồm 8–15 chữ số")
        assert await page.get_by_label("Số tiền (đồng)").get_attribute("aria-invalid") == "true"
        await shots.take(page, "donation-new", width)
        await page.get_by_label("Số tiền (đồng)").fill("1.500.000")
        await page.get_by_label("Hình thức").select_option("bank_transfer")
        await page.get_by_label("Mã giao dịch ngân hàng (nếu có)").fill(f"FT{world['tag']}{width}")
        await page.get_by_label("Họ tên hoặc tên tổ chức").fill("Trần Văn Bảy")
        await page.get_by_label("Số điện thoại").fill("0912345678")
        await page.get_by_label("Đồng ý được nêu tên công khai").check()
        form: dict[str, str | float | bool] = {
            n: await page.locator(f"form input[name={n}]").first.get_attribute("value") or ""
            for n in ("csrf", "key", "unit_id")  # (the unit it is recorded for: the commune's only one, said)
        }
        await page.get_by_role("button", name="Ghi nhận và in biên nhận").click()
        await page.wait_for_url(f"{console.url}/donations/*/receipt")
        receipt_url = page.url
        assert await page.locator("[data-amount]").inner_text() == "1.500.000 ₫"
        assert "Trần Văn Bảy" in await page.locator("[data-received-from]").inner_text()
        number = await page.locator("[data-receipt-number]").inner_text()
        assert number.strip()
        assert await page.get_by_role("button", name="In biên nhận").count() == 1
        await shots.take(page, "receipt", width)
        if width == "desktop":
            # The same form sent again (a double click, a resend): the same gift and receipt, not a second one.
            again = await page.request.post(
                f"{console.url}/campaigns/{cid}/donations",
                form=form | {"amount_vnd": "1.500.000", "channel": "bank_transfer", "received_on": TODAY.isoformat(),
                             "bank_reference": f"FT{world['tag']}{width}", "donor_type": "individual",
                             "donor_name": "Trần Văn Bảy", "donor_phone": "0912345678", "donor_consent": "yes"},
                max_redirects=0,
            )  # fmt: skip
            location = again.headers["location"]  # the first's receipt, saying nothing was recorded now
            assert again.status == 303 and location.endswith("?again=1")
            assert receipt_url.endswith(location.removesuffix("?again=1"))
        await follow(page, page.get_by_role("link", name=f"← {name}"))
        rows = page.locator("tr[data-donation-id]")
        assert await rows.count() == (1 if width == "desktop" else 2)
        assert "1.500.000 ₫" in await rows.filter(has_text=number).inner_text()
        await shots.take(page, "gifts", width)
        await page.context.close()
    # a viewer sees the gifts, and is offered no entry (nor reaches it by its URL)
    page = await login(browser, console, "viewer", world["a"], DESKTOP)
    await page.goto(f"{console.url}/campaigns/{cid}")
    assert await page.locator("tr[data-donation-id]").count() == 2
    assert await page.get_by_role("link", name="Ghi nhận đóng góp").count() == 0
    answer = await page.goto(f"{console.url}/campaigns/{cid}/donations/new")
    assert answer is not None and answer.status == 403
    await page.context.close()


async def test_a_second_tap_on_a_slow_form_is_not_sent_and_the_button_says_it_is_sending(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any]
) -> None:
    """On a phone over 3G a form showed nothing for seconds and a second tap sent it again (a registration then
    answered "already registered", a reversal a refusal). The form goes once; its button says so."""
    cid = await new_campaign(system, world["a"], f"Chạm hai lần {world['tag']}")
    await launch_with_ledger(system, cid)
    page = await login(browser, console, "data_entry", world["a"], PHONE)
    await page.goto(f"{console.url}/campaigns/{cid}/donations/new")
    await page.get_by_label("Số tiền (đồng)").fill("200.000")
    await page.get_by_label("Họ tên hoặc tên tổ chức").fill("Lê Văn Chạm")
    sent: list[str] = []

    async def slow(route: Route) -> None:  # the network: the answer takes its time
        sent.append(route.request.method)
        await asyncio.sleep(1.5)
        await route.continue_()

    await page.route(f"**/campaigns/{cid}/donations", slow)
    # The taps by script, in one go: Playwright waits for the navigation a tap starts (its own click, or a
    # script run while it is pending), the page in between unseen. A tap; while the answer is awaited the button
    # says the form is being sent; a second, impatient tap.
    said = await page.evaluate(
        """new Promise((done) => {
             const button = document.querySelector("form.card.form button[type=submit]");
             button.click();
             setTimeout(() => { const label = button.textContent; button.click(); done(label); }, 50);
           })"""
    )
    assert said == "Đang gửi…"
    await page.wait_for_url(f"{console.url}/donations/*/receipt")
    assert sent == ["POST"]  # one request, not two
    await page.context.close()


async def test_a_viewer_reads_the_membership_report_and_downloads_it(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    async with httpx.AsyncClient(base_url=system.url("reporting"), timeout=30, headers=auth()) as reporting:

        async def arrived() -> bool:  # the members reach the reporting projection through Kafka
            r = await reporting.get("/reports/membership", params={"unit_id": world["province"]})
            return r.status_code == 200 and (r.json()["units"][0]["members"], r.json()["units"][0]["volunteers"]) == (
                3,
                1,
            )

        await eventually(arrived, timeout=60, what="the world's members in the reporting projection")
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "viewer", world["province"], viewport)
        await follow(page, page.get_by_role("link", name="Báo cáo", exact=True))
        head = page.locator("tr.head")
        assert await head.get_attribute("data-unit-id") == world["province"]
        assert await head.locator("[data-figure=members]").inner_text() == "3"
        communes = page.locator("tbody tr:not(.head)")
        assert sorted(await communes.evaluate_all("rs => rs.map(r => r.dataset.unitId)")) == sorted(
            [world["a"], world["b"]]
        )
        # the period: everyone joined on 2024-02-01
        await page.get_by_label("Kỳ báo cáo từ ngày").fill("2024-01-01")
        await page.get_by_label("đến ngày").fill("2024-12-31")
        await follow(page, page.get_by_role("button", name="Xem báo cáo"))
        assert await head.locator("[data-figure=joined]").inner_text() == "3"
        await shots.take(page, "reports", width)
        # a commune, by its row's link; and as it was before anyone joined
        await follow(page, page.locator(f"tr[data-unit-id='{world['a']}'] a"))
        assert await page.locator("tr.head").get_attribute("data-unit-id") == world["a"]
        assert await page.locator("tr.head [data-figure=volunteers]").inner_text() == "1"
        # the same period, carried by the row's link (an empty as_of reads the tree of its last day)
        assert await page.get_by_label("Kỳ báo cáo từ ngày").input_value() == "2024-01-01"
        assert await page.get_by_label("đến ngày", exact=True).input_value() == "2024-12-31"
        await page.get_by_label("Số liệu vào ngày").fill("2024-01-15")
        await follow(page, page.get_by_role("button", name="Xem báo cáo"))
        assert await page.locator("[data-as-of]").get_attribute("data-as-of") == "2024-01-15"
        assert await page.locator("tr.head [data-figure=members]").inner_text() == "0"
        if width == "desktop":
            # the report as files, with the same unit and date
            csv = await page.request.get(
                console.url + (await page.get_by_role("link", name="CSV").get_attribute("href") or "")
            )
            assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
            assert 'filename="hoi-vien-2024-01-01-2024-12-31.csv"' in csv.headers["content-disposition"]
            assert f"A-{tag}" in await csv.text()
            excel = await page.get_by_role("link", name="Excel").get_attribute("href")
            xlsx = await page.request.get(console.url + (excel or ""))
            assert xlsx.status == 200 and (await xlsx.body())[:2] == b"PK"  # a zip: the xlsx container
            answer = await page.goto(f"{console.url}/reports?as_of=2024-02-30")
            assert answer is not None and answer.status == 422
            assert (await page.locator("#as_of-error").inner_text()).startswith("Ngày không hợp lệ")
        await page.context.close()
    # commune A's viewer cannot read commune B's report, by its URL
    page = await login(browser, console, "viewer", world["a"], DESKTOP)
    answer = await page.goto(f"{console.url}/reports?unit_id={world['b']}")
    assert answer is not None and answer.status == 403
    assert await page.locator("tr[data-unit-id]").count() == 0
    await page.context.close()


def _vnd(text: str) -> int:
    """An amount as the page writes it ('2.500.000 ₫'), back to đồng."""
    digits = re.sub(r"\D", "", text)
    return -int(digits) if text.strip().startswith("-") else int(digits)


async def test_a_viewer_reads_the_campaign_reports_by_unit_and_by_period(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    name = f"Lũ lụt {tag} báo cáo"
    cid = await new_campaign(system, world["a"], name)
    await launch_with_ledger(system, cid)
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        for amount, day in ((2_500_000, TODAY), (700_000, TODAY - timedelta(days=1))):
            r = await client.post(
                f"{system.url('donations')}/campaigns/{cid}/donations",
                json={"kind": "cash", "amount_vnd": amount, "channel": "cash", "received_on": day.isoformat()},
            )
            assert r.status_code == 201, r.text
    unit_query = {"unit_id": world["province"], "campaign_id": cid}
    period_query = {"campaign_id": cid, "granularity": "day"}
    async with httpx.AsyncClient(base_url=system.url("reporting"), timeout=30, headers=auth()) as reporting:

        async def arrived() -> bool:  # the gifts reach the reporting projection through Kafka
            r = await reporting.get("/reports/campaigns/by-unit", params=unit_query)
            return r.status_code == 200 and r.json()["units"][0]["cash_raised_vnd"] == 3_200_000

        await eventually(arrived, timeout=60, what="the gifts in the reporting projection")
        by_unit = (await reporting.get("/reports/campaigns/by-unit", params=unit_query)).json()
        by_period = (await reporting.get("/reports/campaigns/by-period", params=period_query)).json()
    head = by_unit["units"][0]
    children = {c["unit_id"]: c for c in head["children"]}
    assert set(children) == {world["a"], world["b"]}
    buckets = [b for b in by_period["buckets"] if b["donations"]]
    assert len(buckets) == 2  # the two days with a gift
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "viewer", world["province"], viewport)
        await follow(page, page.get_by_role("link", name="Báo cáo", exact=True))
        await follow(page, page.get_by_role("link", name="Báo cáo vận động theo đơn vị và theo kỳ →"))
        await page.get_by_label("Cuộc vận động").select_option(label=name)
        await page.get_by_label("Gộp số liệu theo").select_option("day")
        await follow(page, page.get_by_role("button", name="Xem báo cáo"))
        # by unit: the province and its communes, the same figures as the reporting API's for the same query
        table = page.locator("#by-unit")
        assert await table.locator("tr.head").get_attribute("data-unit-id") == world["province"]
        for unit in (head, *children.values()):
            row = table.locator(f"tr[data-unit-id='{unit['unit_id']}']")
            for figure in ("cash_raised_vnd", "in_kind_value_vnd", "distributed_cash_vnd", "credited_cash_vnd"):
                assert _vnd(await row.locator(f"[data-figure={figure}]").inner_text()) == unit[figure], (unit, figure)
            for figure in ("donations", "blood_units"):
                assert int(await row.locator(f"[data-figure={figure}]").inner_text()) == unit[figure], (unit, figure)
        # its chart: a bar per commune, with the commune's cash; titled and described for a screen reader
        chart = page.locator("#by-unit-chart")
        assert await chart.locator("title").text_content() == "Tiền tiếp nhận theo đơn vị"
        assert await chart.get_attribute("role") == "img"
        bars = await chart.locator("g[data-bar]").evaluate_all("gs => gs.map(g => [g.dataset.bar, g.dataset.value])")
        assert sorted(bars) == sorted([c["name"], str(c["cash_raised_vnd"])] for c in children.values())
        # by period (days): the period they cover, as the API chose it; its buckets, in order, and a bar each
        covered = f"Kỳ {vn_date(by_period['period_from'])} → {vn_date(by_period['period_to'])}."
        assert await page.locator("[data-figure=series-period]").inner_text() == covered
        rows = page.locator("#by-period tbody tr[data-period]")
        assert await rows.evaluate_all("rs => rs.map(r => r.dataset.period)") == [
            b["period_start"] for b in by_period["buckets"]
        ]
        for b in buckets:
            row = page.locator(f"#by-period tr[data-period='{b['period_start']}']")
            assert _vnd(await row.locator("[data-figure=cash_raised_vnd]").inner_text()) == b["cash_raised_vnd"]
            assert int(await row.locator("[data-figure=donations]").inner_text()) == b["donations"]
        assert await page.locator("#by-period-chart g[data-bar]").count() == len(by_period["buckets"])
        await shots.take(page, "campaign-reports", width)
        if width == "desktop":
            # the two tables as the reporting service's files, for the same query
            href = await page.locator("a[href^='/reports/campaigns/by-unit.csv']").get_attribute("href")
            # the file counts the gifts the screen does: the campaign's period, not the service's default
            assert f"period_from={by_period['period_from']}" in (href or ""), href
            csv = await page.request.get(console.url + (href or ""))
            assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
            assert f"van-dong-by-unit-{by_period['period_from']}-" in csv.headers["content-disposition"]
            assert f"A-{tag}" in await csv.text() and "3200000" in await csv.text()
            href = await page.locator("a[href^='/reports/campaigns/by-period.xlsx']").get_attribute("href")
            xlsx = await page.request.get(console.url + (href or ""))
            assert xlsx.status == 200 and (await xlsx.body())[:2] == b"PK"  # a zip: the xlsx container
            # bad filters: a message next to each field, never a 500
            answer = await page.goto(
                f"{console.url}/reports/campaigns?period_from=2024-02-30&granularity=week&campaign_id=x"
            )
            assert answer is not None and answer.status == 422
            assert (await page.locator("#period_from-error").inner_text()).startswith("Ngày không hợp lệ")
            assert await page.locator("#granularity-error").inner_text() == "Chọn theo ngày hoặc theo tháng."
            assert await page.locator("#campaign_id-error").inner_text() == "Cuộc vận động không hợp lệ."
            # a commune's row opens its report, with the same campaign and buckets
            await page.go_back()
            await follow(page, page.locator(f"#by-unit tr[data-unit-id='{world['a']}'] a"))
            assert await page.locator("#by-unit tr.head").get_attribute("data-unit-id") == world["a"]
            assert await page.locator("#by-period tr[data-period]").count() == len(by_period["buckets"])
            assert await page.get_by_label("Gộp số liệu theo").input_value() == "day"
        await page.context.close()
    # commune B's viewer: commune A's campaign by period is refused next to the campaign, and no figure shown
    page = await login(browser, console, "viewer", world["b"], DESKTOP)
    answer = await page.goto(f"{console.url}/reports/campaigns?campaign_id={cid}")
    assert answer is not None and answer.status == 403
    assert await page.locator("#campaign_id-error").count() == 1
    assert await page.locator("#by-period tr[data-period]").count() == 0
    await page.context.close()
