"""The money screens of the staff console in a real browser: a commune's unit manager creates a campaign,
launches it, records a cash gift, a gift in kind and a blood gift, imports a bank statement (progress
by htmx polling, the per-line results), reverses a gift, records a distribution to a verified
humanitarian address, pages through the gifts and closes the campaign; the effects are read back
through the services' APIs (the reporting figures once they have arrived through Kafka). The same
screens at phone width, and what a viewer is not offered.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import httpx
from playwright.async_api import Browser, Page

from tests.e2e.conftest import System
from tests.e2e.console.conftest import DESKTOP, PHONE, TODAY, Shots, follow, login, ok
from tests.e2e.harness import ServiceProcess, auth
from tests.integration.shared.helpers import eventually

# the deployment's support kinds, as the console is told them (RC_SUPPORT_KINDS): codes the system's donations
# service takes, a built-in one under its built-in label and one its operator named otherwise
SUPPORT_KINDS = {"gift_package": "Suất quà", "cash_support": "Tiền mừng tuổi Tết"}
CONSOLE_ENV = {"RC_SUPPORT_KINDS": json.dumps(SUPPORT_KINDS)}


async def humanitarian_address(system: System, unit: str, tag: str) -> str:
    """A verified humanitarian address of ``unit`` (no campaign): any campaign of the unit may support it."""
    async with httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns:
        b = await ok(
            await campaigns.post(
                "/beneficiaries",
                json={
                    "kind": "household",
                    "unit_id": unit,
                    "full_name": f"Lê Thị Tư {tag}",
                    "address": "Ấp 3, xã Vĩnh Trạch",
                    "commune": "Vĩnh Trạch",
                    "household_size": 3,
                    "humanitarian_address": True,
                    "consent": {"purpose": "hỗ trợ nhân đạo", "given_on": TODAY.isoformat()},
                },
            )
        )
        await ok(await campaigns.post(f"/beneficiaries/{b['id']}/verify", json={
            "verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}))  # fmt: skip
    return str(b["id"])


async def until_shown(page: Page, selector: str, what: str) -> None:
    """Reload the page until ``selector`` is on it (the services learn of each other through Kafka)."""

    async def shown() -> bool:
        await page.reload()
        return await page.locator(selector).count() > 0

    await eventually(shown, timeout=60, what=what)


async def test_a_unit_manager_runs_a_campaign_from_launch_to_close(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    beneficiary = await humanitarian_address(system, world["a"], tag)
    page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    # create and launch
    await follow(page, page.get_by_role("link", name="Cuộc vận động", exact=True))
    await follow(page, page.get_by_role("link", name="Tạo cuộc vận động"))
    name, code = f"Hỗ trợ lũ {tag}", f"HTL-{uuid.uuid4().hex[:6]}"
    await page.get_by_label("Mã (ví dụ TNA-2026)").fill(code)
    await page.get_by_label("Tên cuộc vận động").fill(name)
    await page.get_by_label("Tiếp nhận từ ngày").fill(TODAY.isoformat())
    await page.get_by_label("đến ngày").fill((TODAY + timedelta(days=30)).isoformat())
    await page.get_by_label("Chỉ tiêu tiền mặt").fill("10.000.000")
    await page.get_by_role("button", name="Tạo").click()
    await page.wait_for_url(f"{console.url}/campaigns/*")
    campaign_url = page.url
    cid = campaign_url.rsplit("/", 1)[1]
    # a draft: launch, and cancel (behind its reason and the code typed again)
    assert await page.locator(".actions summary").inner_text() == "Huỷ cuộc vận động…"
    await page.locator(".actions summary").click()
    await page.get_by_label("Lý do huỷ").fill("nhầm")
    await page.get_by_label("Để xác nhận, nhập mã cuộc vận động").fill("sai mã")
    await follow(page, page.get_by_role("button", name="Huỷ cuộc vận động", exact=True))
    assert await page.locator("#confirm-error").inner_text() == "Nhập đúng như yêu cầu để xác nhận."
    assert await page.locator("[data-state]").get_attribute("data-state") == "draft"  # nothing was cancelled
    await follow(page, page.get_by_role("button", name="Phát động"))
    assert await page.locator("[data-state]").get_attribute("data-state") == "launched"
    await until_shown(page, "a[href$='/donations/new']", "the donations ledger of the launched campaign")
    # a cash gift
    await follow(page, page.get_by_role("link", name="Ghi nhận đóng góp"))
    await page.get_by_label("Số tiền (đồng)").fill("2.000.000")
    await page.get_by_label("Hình thức").select_option("cash")
    await page.get_by_label("Là", exact=True).select_option("anonymous")
    await page.get_by_role("button", name="Ghi nhận và in biên nhận").click()
    await page.wait_for_url(f"{console.url}/donations/*/receipt")
    cash_receipt = page.url
    await page.goto(campaign_url)
    # a gift in kind: first with a quantity that is not a number, its error next to its row
    await follow(page, page.get_by_role("link", name="Hiện vật"))
    await page.get_by_label("Tên hiện vật 1").fill("Gạo")
    await page.get_by_label("Số lượng 1").fill("mười")
    await page.get_by_label("Đơn vị tính 1").fill("kg")
    await page.get_by_label("Giá trị (đồng) 1").fill("200.000")
    await page.get_by_label("Tên hiện vật 2").fill("Mì tôm")
    await page.get_by_label("Số lượng 2").fill("5")
    await page.get_by_label("Đơn vị tính 2").fill("thùng")
    await page.get_by_label("Giá trị (đồng) 2").fill("500.000")
    await follow(page, page.get_by_role("button", name="Ghi nhận và in biên nhận"))
    assert await page.locator("#item_0_quantity-error").inner_text() == "Phải là một số nguyên."
    assert await page.get_by_label("Số lượng 1").get_attribute("aria-invalid") == "true"
    await shots.take(page, "donation-in-kind", "desktop")
    await page.get_by_label("Số lượng 1").fill("10")
    await page.get_by_role("button", name="Ghi nhận và in biên nhận").click()
    await page.wait_for_url(f"{console.url}/donations/*/receipt")
    in_kind_receipt = page.url
    assert await page.locator("[data-amount]").inner_text() == "700.000 ₫"
    assert await page.locator("[data-amount-in-words]").inner_text() == "Bảy trăm nghìn đồng"
    assert await page.locator("table.items tbody tr").count() == 2
    assert world["tag"] in await page.locator("[data-issuer]").inner_text()  # the receiving commune's name
    await shots.take(page, "receipt-in-kind", "desktop")
    # a blood gift: an identified individual
    await page.goto(campaign_url)
    await follow(page, page.get_by_role("link", name="Hiến máu"))
    await page.get_by_label("Số đơn vị máu (1 đến 4)").fill("1")
    await page.get_by_label("Hình thức hiến").select_option("whole_blood")
    await follow(page, page.get_by_role("button", name="Ghi nhận và in biên nhận"))
    # a blood gift without its donor's name: the donations service's rule, said under the name's field
    assert await page.locator("#donor_name-error").inner_text() == "Cần ghi họ tên."
    assert await page.locator("#donor_name").get_attribute("aria-invalid") == "true"
    assert await page.locator("#donor-error").count() == 0
    await shots.take(page, "donation-blood", "desktop")
    await page.get_by_label("Họ tên").fill(f"Phạm Văn Năm {tag}")
    blood_donor_id_number = f"0{uuid.uuid4().int % 10**11:011d}"
    await page.get_by_label("Số CCCD").fill(blood_donor_id_number)
    await follow(page, page.get_by_role("button", name="Ghi nhận và in biên nhận"))
    assert await page.locator("#donor_birth_date-error").inner_text() == (
        "Cần ngày sinh của người hiến máu để kiểm tra độ tuổi được hiến."
    )
    await page.get_by_label("Ngày sinh").fill("1990-04-30")
    await page.get_by_role("button", name="Ghi nhận và in biên nhận").click()
    await page.wait_for_url(f"{console.url}/donations/*/receipt")
    assert await page.locator("[data-blood-units]").inner_text() == "1"
    # the same donor again the same day: refused, the page says why and when they may give again (84 days)
    await page.goto(campaign_url)
    await follow(page, page.get_by_role("link", name="Hiến máu"))
    await page.get_by_label("Số đơn vị máu (1 đến 4)").fill("1")
    await page.get_by_label("Hình thức hiến").select_option("whole_blood")
    await page.get_by_label("Họ tên").fill(f"Phạm Văn Năm {tag}")
    await page.get_by_label("Số CCCD").fill(blood_donor_id_number)
    await page.get_by_label("Ngày sinh").fill("1990-04-30")
    await follow(page, page.get_by_role("button", name="Ghi nhận và in biên nhận"))
    again = (TODAY + timedelta(days=84)).strftime("%d/%m/%Y")
    said = (
        f"Người này chưa được hiến máu lại vào ngày này: lần hiến gần nhất ngày {TODAY:%d/%m/%Y}, ngày được hiến "
        f"tiếp theo là {again}."
    )
    assert (await page.get_by_role("alert").inner_text()).startswith(said)
    assert await page.locator("#received_on-error").inner_text() == said
    await shots.take(page, "donation-blood-too-soon", "desktop")
    # a bank statement: two new rows, one repeated, one refused; the progress page polls until done
    await page.goto(campaign_url)
    await follow(page, page.get_by_role("link", name="Nhập sao kê ngân hàng"))
    await shots.take(page, "statement", "desktop")
    day = TODAY.strftime("%d/%m/%Y")
    csv = (
        "Mã giao dịch;Ngày;Số tiền;Người chuyển;Nội dung\n"
        f"FT{tag}1;{day};1.000.000;NGUYEN VAN A;ung ho lu\n"
        f"FT{tag}2;{day};300000;TRAN THI B;ung ho\n"
        f"FT{tag}1;{day};1.000.000;NGUYEN VAN A;ung ho lu\n"
        f"FT{tag}3;{day};hai trieu;LE C;ung ho\n"
    ).encode()
    await page.get_by_label("Tệp sao kê").set_input_files({"name": "saoke.csv", "mimeType": "text/csv", "buffer": csv})
    await page.get_by_role("button", name="Nhập").click()
    await page.wait_for_url(f"{console.url}/imports/*")
    await page.locator("#job[data-finished=yes]").wait_for(timeout=60_000)  # htmx polls until the end
    assert await page.locator("[data-count=created]").inner_text() == "2"
    assert await page.locator("[data-count=duplicate]").inner_text() == "1"
    assert await page.locator("[data-count=rejected]").inner_text() == "1"
    refused = page.locator("tr[data-status=rejected]")
    assert await refused.locator("td").first.inner_text() == "5"  # the file's line
    assert "Số tiền không phải số nguyên đồng." in await refused.inner_text()
    await shots.take(page, "statement-progress", "desktop")
    # the payer of a transfer asks for their name to be erased: from its receipt, the number typed again
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        listed = await ok(await client.get(f"{system.url('donations')}/campaigns/{cid}/donations"))
    [paid] = [g for g in listed["items"] if g["bank_reference"] == f"FT{tag}1".upper()]
    await page.goto(f"{console.url}/donations/{paid['id']}/receipt")
    assert await page.locator("[data-received-from]").inner_text() == "NGUYEN VAN A"
    payer_number = (await page.locator("[data-receipt-number]").inner_text()).strip()
    await follow(page, page.get_by_role("link", name="Xoá tên người chuyển khoản…"))
    await page.get_by_label("Để xác nhận, nhập số biên nhận").fill(payer_number)
    await shots.take(page, "payer-erase", "desktop")
    await follow(page, page.get_by_role("button", name="Xoá tên người chuyển khoản"))
    assert await page.locator("[data-received-from]").inner_text() == "Nhà hảo tâm ẩn danh"
    # a reversal of the gift in kind: a reason, and the receipt number typed again
    await page.goto(in_kind_receipt)
    number = (await page.locator("[data-receipt-number]").inner_text()).strip()
    await follow(page, page.get_by_role("link", name="Huỷ đóng góp…"))
    await page.get_by_label("Lý do huỷ").fill("Ghi nhầm giá trị hàng")
    await page.get_by_label("Để xác nhận, nhập số biên nhận").fill("000")
    await follow(page, page.get_by_role("button", name="Huỷ đóng góp"))
    assert await page.locator("#confirm-error").count() == 1
    await shots.take(page, "reversal", "desktop")
    await page.get_by_label("Để xác nhận, nhập số biên nhận").fill(number)
    await follow(page, page.get_by_role("button", name="Huỷ đóng góp"))
    assert "Biên nhận đã huỷ: Ghi nhầm giá trị hàng" in await page.get_by_role("alert").inner_text()
    assert await page.get_by_role("link", name="Huỷ đóng góp…").count() == 0
    # a distribution to the verified humanitarian address (the donations service learns of it through Kafka)
    await page.goto(f"{campaign_url}/distributions/new")
    await until_shown(page, f"option[value='{beneficiary}']", "the humanitarian address among the recipients")
    await page.get_by_label("Số tiền hoặc giá trị hàng (đồng)").fill("500.000")
    await follow(page, page.get_by_role("button", name="Ghi nhận phân phối"))
    assert await page.locator("#beneficiary_id-error").inner_text() == "Xin chọn người hoặc hộ được hỗ trợ."
    # the refusal's summary at the top links each error to its field, and the title says it (accessibility review)
    assert (await page.title()).startswith("Lỗi: Ghi nhận phân phối")
    summary = page.get_by_role("list", name="Các ô cần sửa").get_by_role("link")
    assert await summary.all_inner_texts() == ["Xin chọn người hoặc hộ được hỗ trợ."]
    await summary.click()
    assert await page.evaluate("document.activeElement.id") == "beneficiary_id"
    # what is left to distribute, before choosing an amount (relief officer's review: found out only when refused)
    left = page.locator("[data-balance]")
    assert await left.locator("[data-cash-left]").get_attribute("data-cash-left") == str(3_300_000)
    assert await left.locator("[data-goods-left]").get_attribute("data-goods-left") == "0"  # the gift in kind voided
    assert "3.300.000 ₫" in await left.locator("[data-cash-left]").inner_text()
    await shots.take(page, "distribution-new", "desktop")
    # the support kinds offered: the deployment's, none other
    kinds = page.locator("#support_kind option")
    assert await kinds.all_inner_texts() == ["— Không ghi —", "Suất quà", "Tiền mừng tuổi Tết"]
    assert [await o.get_attribute("value") for o in await kinds.all()] == ["", "gift_package", "cash_support"]
    await page.get_by_label("Người hoặc hộ được hỗ trợ").select_option(beneficiary)
    await page.get_by_label("Loại hỗ trợ", exact=True).select_option("cash_support")
    await page.get_by_label("Mục đích").fill("Hỗ trợ hộ bị lũ")
    await page.get_by_label("Mức hỗ trợ").fill("Mức 1")
    await page.get_by_label("Số quyết định phân phối").fill(f"12/QĐ-{tag}")

    async def distributed() -> bool:  # the beneficiary may reach the donations service after the form
        await page.get_by_role("button", name="Ghi nhận phân phối").click()
        await page.wait_for_load_state()
        return "done=" in page.url  # the form again, for the next household, saying who was recorded

    await eventually(distributed, timeout=60, what="the distribution accepted")
    notice = page.locator("[data-recorded]")
    assert (await notice.inner_text()).startswith(f"Đã ghi nhận phân phối cho Lê Thị Tư {tag}.")
    assert await page.get_by_label("Số quyết định phân phối").input_value() == f"12/QĐ-{tag}"  # kept for the next
    assert await page.get_by_label("Người hoặc hộ được hỗ trợ").input_value() == ""  # who: chosen anew
    await shots.take(page, "distribution-recorded", "desktop")
    await page.set_viewport_size(PHONE)
    await shots.take(page, "distribution-recorded", "phone")
    await page.set_viewport_size(DESKTOP)
    # the same household chosen again at the handover: said, with what it was given, and not recorded unasked
    await page.get_by_label("Người hoặc hộ được hỗ trợ").select_option(beneficiary)
    await follow(page, page.get_by_role("button", name="Ghi nhận phân phối"))
    earlier = page.locator("[data-earlier]")
    assert "500.000 ₫" in await earlier.locator("li").inner_text() and await earlier.locator("li").count() == 1
    assert await page.get_by_label("Người hoặc hộ được hỗ trợ").input_value() == beneficiary  # the form as sent
    assert await page.get_by_role("button", name="Vẫn ghi nhận thêm").count() == 1
    await shots.take(page, "distribution-repeat", "desktop")
    await page.set_viewport_size(PHONE)
    await shots.take(page, "distribution-repeat", "phone")
    await page.set_viewport_size(DESKTOP)
    await follow(page, earlier.get_by_role("link", name="Xem danh sách phân phối"))  # (not given twice)
    row = page.locator("tr[data-distribution-id]")
    assert await row.count() == 1 and f"12/QĐ-{tag}" in await row.inner_text()
    assert "500.000 ₫" in await row.inner_text()
    assert (await row.locator("[data-recipient]").inner_text()).startswith(f"Lê Thị Tư {tag}")  # who received it
    assert await row.locator("[data-support-kind]").inner_text() == "Tiền mừng tuổi Tết"
    figures = {k: await page.locator(f"[data-balance] [data-{k}]").get_attribute(f"data-{k}")
               for k in ("cash-received", "cash-distributed", "cash-left", "goods-received", "goods-left")}  # fmt: skip
    assert figures == {"cash-received": "3300000", "cash-distributed": "500000", "cash-left": "2800000",
                       "goods-received": "0", "goods-left": "0"}  # fmt: skip
    # the gifts by page (3 a page here): 5 gifts, by receipt (the next page continues after the third receipt)
    assert await page.locator("tr[data-donation-id]").count() == 3
    await follow(page, page.get_by_role("link", name="Trang sau »"))
    assert await page.locator("tr[data-donation-id]").count() == 2
    assert await page.get_by_role("link", name="Trang sau »").count() == 0
    await follow(page, page.get_by_role("link", name="« Trang đầu"))
    assert await page.locator("tr[data-donation-id]").count() == 3
    reversed_gift = page.locator("tr.reversed[data-donation-id]")  # the gift in kind, marked, still listed
    assert await reversed_gift.count() == 1 and "Đã huỷ" in await reversed_gift.inner_text()
    assert "Hiện vật" in await reversed_gift.inner_text()
    assert "Hiến máu" in await page.locator("tr[data-donation-id]", has_text="1 đơn vị").inner_text()
    await shots.take(page, "campaign-money", "desktop")
    # close: today (the receiving period started today); then settle is offered, with its date
    await page.locator("details[data-confirm=close] summary").click()
    await follow(page, page.get_by_role("button", name="Xác nhận kết thúc tiếp nhận"))
    assert await page.locator("[data-state]").get_attribute("data-state") == "closed"
    assert await page.locator(".actions button").all_inner_texts() == ["Quyết toán"]  # no cancel once closed
    assert await page.get_by_label("Ngày quyết toán").input_value() == ""  # typed: an irreversible record
    await page.context.close()

    # the effects, read back through the services' APIs
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        c = await ok(await client.get(f"{system.url('campaigns')}/campaigns/{cid}"))
        assert c["state"] == "closed" and c["closed_on"] == TODAY.isoformat()
        ledger = await ok(await client.get(f"{system.url('donations')}/campaigns/{cid}/ledger"))
        assert ledger["cash"]["net_received_vnd"] == 2_000_000 + 1_000_000 + 300_000
        assert ledger["cash"]["net_distributed_vnd"] == 500_000
        assert ledger["in_kind"]["net_received_value_vnd"] == 0  # the one gift in kind was reversed
        assert ledger["blood"]["net_units"] == 1
        gifts = await ok(await client.get(f"{system.url('donations')}/campaigns/{cid}/donations"))
        assert sorted(g["kind"] for g in gifts["items"]) == ["blood", "cash", "cash", "cash", "in_kind"]
        assert [g["reversed"] for g in gifts["items"] if g["kind"] == "in_kind"] == [True]

        async def reported() -> bool:  # the reporting service's figures, fed through Kafka
            r = await client.get(f"{system.url('reporting')}/reports/campaigns/{cid}")
            if r.status_code != 200:
                return False
            f: dict[str, Any] = r.json()
            return bool(
                f["state"] == "closed"
                and f["cash_raised_vnd"] == 3_300_000
                and f["distributed_cash_vnd"] == 500_000
                and f["in_kind_value_vnd"] == 0
                and f["blood_units"] == 1
                and f["beneficiaries_reached"] == 1
            )

        await eventually(reported, timeout=90, what="the campaign's figures in the reporting service")

    # the same screens at phone width; a viewer is offered none of the actions
    page = await login(browser, console, "unit_manager", world["a"], PHONE)
    # first the dashboard of commune A, whose money is this campaign's (the gifts and distribution of today)
    await page.goto(f"{console.url}/")
    expected = {"receipts-month": "3.300.000 ₫", "receipts-year": "3.300.000 ₫", "distributed": "500.000 ₫",
                "net-year": "2.800.000 ₫"}  # fmt: skip

    async def on_dashboard() -> bool:  # the per-unit figures are projected through Kafka too
        await page.reload()
        shown = {k: await page.locator(f'[data-figure="{k}"]').inner_text() for k in expected}
        return shown == expected

    await eventually(on_dashboard, timeout=60, what="the campaign's money on commune A's dashboard")
    summary = await page.locator('[data-figure="inflow-summary"]').inner_text()
    assert "tổng 3.300.000 ₫, ngày cao nhất 3.300.000 ₫" in summary, summary
    assert await page.locator(f'svg rect[data-day="{TODAY.isoformat()}"]').get_attribute("y") == "0.0"
    await shots.take(page, "dashboard-money", "phone")
    desktop = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    await desktop.goto(f"{console.url}/")
    await shots.take(desktop, "dashboard-money", "desktop")
    await desktop.context.close()
    for url, screen in (
        (campaign_url, "campaign-money"),
        (f"{campaign_url}/donations/new/in-kind", "donation-in-kind"),
        (f"{campaign_url}/donations/new/blood", "donation-blood"),
        (f"{campaign_url}/distributions/new", "distribution-new"),
        (f"{campaign_url}/statement", "statement"),
        (in_kind_receipt, "receipt-in-kind"),
    ):
        await page.goto(url)
        await shots.take(page, screen, "phone")
    await page.goto(campaign_url)
    receipt = page.locator("tr[data-donation-id]", has_text="Tiền").locator("a").first
    await follow(page, receipt)
    await follow(page, page.get_by_role("link", name="Huỷ đóng góp…"))
    await shots.take(page, "reversal", "phone")
    await page.goto(f"{campaign_url}/statement")
    await page.get_by_label("Tệp sao kê").set_input_files({"name": "saoke.csv", "mimeType": "text/csv", "buffer": csv})
    await page.get_by_role("button", name="Nhập").click()
    await page.wait_for_url(f"{console.url}/imports/*")
    await page.locator("#job[data-finished=yes]").wait_for(timeout=60_000)
    assert await page.locator("[data-count=created]").inner_text() == "0"  # a re-run: the same rows, no new gift
    assert await page.locator("[data-count=duplicate]").inner_text() == "3"
    await shots.take(page, "statement-progress", "phone")
    await page.context.close()
    viewer = await login(browser, console, "viewer", world["a"], DESKTOP)
    await viewer.goto(campaign_url)
    assert await viewer.locator(".actions").count() == 0
    for link in ("Hiện vật", "Hiến máu", "Nhập sao kê ngân hàng", "Ghi nhận phân phối"):
        assert await viewer.get_by_role("link", name=link).count() == 0
    await viewer.goto(cash_receipt)
    assert await viewer.get_by_role("button", name="In biên nhận").count() == 1
    assert await viewer.get_by_role("link", name="Huỷ đóng góp…").count() == 0
    answer = await viewer.goto(cash_receipt.replace("/receipt", "/reversal"))
    assert answer is not None and answer.status == 403
    for path in ("/distributions/new", "/donations/new/in-kind", "/statement"):
        answer = await viewer.goto(f"{campaign_url}{path}")
        assert answer is not None and answer.status == 403, path
    await viewer.context.close()

    # settling: the campaign still holds 2,800,000 ₫, so the settlement asks what is done with it (refused,
    # said in Vietnamese, nothing changed); with the remainder's decision written, it is settled and shows it
    page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    await page.goto(campaign_url)
    await page.get_by_label("Ngày quyết toán").fill(TODAY.isoformat())
    await follow(page, page.get_by_role("button", name="Quyết toán"))
    alert = await page.get_by_role("alert").first.inner_text()
    assert "còn tiền hoặc hàng chưa phân phối" in alert, alert
    assert await page.locator("[data-state]").get_attribute("data-state") == "closed"
    note = "Chuyển 2.800.000 ₫ còn lại sang quỹ cứu trợ của Hội (QĐ số 12/QĐ-CTĐ)"
    await page.get_by_label("Xử lý số dư (nếu còn tiền hoặc hàng chưa phân phối: quyết định phân bổ)").fill(note)
    await follow(page, page.get_by_role("button", name="Quyết toán"))
    assert await page.locator("[data-state]").get_attribute("data-state") == "settled"
    assert await page.locator("[data-remainder-note]").inner_text() == note
    await page.context.close()
