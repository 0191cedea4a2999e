"""The campaign operations of the staff console in a real browser: a commune's unit manager registers a
campaign's beneficiary and a humanitarian address (the campaigns API's refusals next to their fields),
verifies them, pairs a sponsor with the address, schedules a blood drive's session and registers donors
until it is full, reverses a distribution; a province's manager filters the campaigns list (kept in the
URL, a page at a time). The effects are read back through the services' APIs; what a viewer and a
data-entry user are not offered, and what another commune cannot reach. The screens at phone width too.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from playwright.async_api import Browser, Page

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
    ok,
)
from tests.e2e.harness import ServiceProcess, auth, post_once_units_known
from tests.integration.shared.helpers import eventually

CONSOLE_ENV = {"RC_CAMPAIGNS_PAGE_SIZE": "2"}  # the list's paging, with the few campaigns of this world


async def blood_drive(system: System, unit: str, tag: str) -> str:
    """A draft blood drive of ``unit`` receiving from today for ten days."""
    async with httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns:
        body = {
            "code": f"HM-{uuid.uuid4().hex[:6]}",
            "name": f"Hiến máu nhân đạo {tag}",
            "campaign_type": "blood_drive",
            "organising_unit_id": unit,
            "receiving_from": TODAY.isoformat(),
            "receiving_until": (TODAY + timedelta(days=10)).isoformat(),
            "targets": {"blood_units": 100},
        }
        return str((await ok(await post_once_units_known(campaigns, "/campaigns", body)))["id"])


async def fill_beneficiary(page: Page, name: str, consent_on: str) -> None:
    await page.get_by_label("Họ tên (người, hoặc chủ hộ)").fill(name)
    await page.get_by_label("Địa chỉ *", exact=True).fill(f"Ấp 4, {name}")  # (required: marked)
    await page.get_by_label("Xã, phường").fill("Vĩnh Trạch")
    await page.get_by_label("Số người trong hộ").fill("3")
    await page.get_by_label("Hoàn cảnh").fill("Nhà bị sập do lũ")
    await page.get_by_label("Mục đích đã được đồng ý").fill("Cứu trợ lũ")
    await page.get_by_label("Ngày đồng ý").fill(consent_on)


async def test_a_unit_manager_registers_verifies_sponsors_schedules_and_reverses(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag, cid = world["tag"], world["campaign_a"]
    await launch_with_ledger(system, cid)
    drive = await blood_drive(system, world["a"], tag)
    page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    campaign_url = f"{console.url}/campaigns/{cid}"
    # a beneficiary of the campaign: first without a name, then with a consent dated tomorrow
    await page.goto(campaign_url)
    await follow(page, page.get_by_role("link", name="Đăng ký người được hỗ trợ"))
    await fill_beneficiary(page, "", TODAY.isoformat())
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert await page.locator("#full_name-error").inner_text() == "Bắt buộc nhập."
    assert await page.get_by_label("Họ tên (người, hoặc chủ hộ)").get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Hoàn cảnh").input_value() == "Nhà bị sập do lũ"  # the input is kept
    await shots.take(page, "beneficiary-new", "desktop")
    name = f"Trần Văn Sáu {tag}"
    await fill_beneficiary(page, name, (TODAY + timedelta(days=1)).isoformat())
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert await page.locator("#consent_given_on-error").inner_text() == "Ngày đồng ý không được sau hôm nay."
    await page.get_by_label("Ngày đồng ý").fill(TODAY.isoformat())
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert page.url.startswith(f"{console.url}/beneficiaries/")
    beneficiary = urlsplit(page.url).path.rsplit("/", 1)[1]
    assert await page.locator("h1").inner_text() == name
    assert await page.locator("[data-verified]").get_attribute("data-verified") == "no"
    assert await page.locator("[data-publish-name]").inner_text() == "Không công bố họ tên"  # the box left unticked
    # its verification: a day in the future is refused next to its field, then today
    await page.get_by_label("Người xác minh").fill("Cán bộ xã Vĩnh Trạch")
    await page.get_by_label("Ngày xác minh").fill((TODAY + timedelta(days=3)).isoformat())
    await follow(page, page.get_by_role("button", name="Xác minh"))
    assert await page.locator("#verified_on-error").inner_text() == "Ngày xác minh không được sau hôm nay."
    await page.get_by_label("Ngày xác minh").fill(TODAY.isoformat())
    await page.get_by_label("Người xác minh").fill("Cán bộ xã Vĩnh Trạch")
    await follow(page, page.get_by_role("button", name="Xác minh"))
    assert await page.locator("[data-verified]").get_attribute("data-verified") == "yes"
    assert await page.locator(".notice").inner_text() == "Đã lưu."
    assert await page.get_by_role("button", name="Xác minh").count() == 0
    # registering the same household again: refused, said next to the name
    await page.goto(f"{campaign_url}/beneficiaries/new")
    await fill_beneficiary(page, name, TODAY.isoformat())
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert "đã được đăng ký" in await page.locator("#full_name-error").inner_text()
    # a humanitarian address of the unit: verified, then a sponsor (first with its end before its start)
    await page.goto(f"{campaign_url}/beneficiaries/new")
    address = f"Lê Thị Bảy {tag}"
    await fill_beneficiary(page, address, TODAY.isoformat())
    await page.get_by_label("Địa chỉ nhân đạo của đơn vị").check()
    await page.get_by_label("Đồng ý công bố họ tên trong danh sách công khai").check()
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert await page.locator("[data-publish-name]").inner_text() == "Công bố họ tên"
    assert await page.get_by_text("Xác minh trước khi nhận đỡ đầu.").count() == 1
    await page.get_by_label("Người xác minh").fill("Cán bộ xã Vĩnh Trạch")
    await page.get_by_label("Ngày xác minh").fill(TODAY.isoformat())
    await follow(page, page.get_by_role("button", name="Xác minh"))
    await page.get_by_label("Tên nhà tài trợ").fill(f"Công ty Bình An {tag}")
    await page.get_by_label("Liên hệ (điện thoại, địa chỉ)").fill("0290 3 888 999")
    await page.get_by_label("Từ ngày").fill(TODAY.isoformat())
    await page.get_by_label("Đến ngày").fill((TODAY - timedelta(days=1)).isoformat())
    await page.get_by_label("Cam kết").fill("500.000 đồng mỗi tháng")
    await follow(page, page.get_by_role("button", name="Ghi nhận đỡ đầu"))
    assert await page.locator("#end_on-error").inner_text() == "Ngày này không được trước ngày bắt đầu."
    await page.get_by_label("Đến ngày").fill((TODAY + timedelta(days=365)).isoformat())
    await follow(page, page.get_by_role("button", name="Ghi nhận đỡ đầu"))
    row = page.locator("tr[data-sponsorship-id]")
    assert await row.count() == 1 and f"Công ty Bình An {tag}" in await row.inner_text()
    address_url = page.url.split("?")[0]  # its page as opened again (not the "saved" notice)
    await shots.take(page, "beneficiary", "desktop")
    # the campaign's page lists both, each a link to its page
    await page.goto(campaign_url)
    assert await page.locator(f"tr[data-beneficiary-id='{beneficiary}'] a").inner_text() == name
    assert await page.locator("li[data-address-id] a", has_text=address).count() == 1

    # a blood drive's session: a day outside the receiving period first, then two places, filled
    await page.goto(f"{console.url}/campaigns/{drive}")
    await follow(page, page.get_by_role("link", name="Lên lịch buổi hiến máu"))
    await page.get_by_label("Ngày hiến máu").fill((TODAY + timedelta(days=30)).isoformat())
    await page.get_by_label("Số chỗ").fill("2")
    await page.get_by_label("Địa điểm").fill(f"Nhà văn hoá ấp 4 {tag}")
    await follow(page, page.get_by_role("button", name="Lên lịch"))
    assert await page.locator("#held_on-error").inner_text() == (
        "Ngày hiến máu phải trong thời gian tiếp nhận của cuộc vận động."
    )
    await shots.take(page, "blood-session-new", "desktop")
    await page.get_by_label("Ngày hiến máu").fill((TODAY + timedelta(days=2)).isoformat())
    await follow(page, page.get_by_role("button", name="Lên lịch"))
    assert page.url.startswith(f"{console.url}/blood-sessions/")
    session_url = page.url
    await page.get_by_label("Mã người hiến").fill(f"HM-{tag}-1")
    await page.get_by_label("Nhóm máu").select_option("O+")
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert await page.locator(".notice").inner_text() == "Đã đăng ký người hiến."
    assert await page.locator("[data-places-left]").inner_text() == "1"
    await page.get_by_label("Mã người hiến").fill(f"HM-{tag}-1")
    await page.get_by_label("Nhóm máu").select_option("unknown")
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert await page.locator("#donor_ref-error").inner_text() == "Người hiến này đã đăng ký buổi này rồi."
    await shots.take(page, "blood-session", "desktop")
    await page.get_by_label("Mã người hiến").fill(f"HM-{tag}-2")
    await page.get_by_label("Nhóm máu").select_option("")
    await follow(page, page.get_by_role("button", name="Đăng ký"))  # the group not chosen: asked for
    assert await page.locator("#blood_group-error").inner_text() == "Xin chọn nhóm máu, hoặc “Chưa biết”."
    await page.get_by_label("Nhóm máu").select_option("unknown")
    await follow(page, page.get_by_role("button", name="Đăng ký"))
    assert await page.locator("[data-places-left]").inner_text() == "0"
    assert await page.get_by_role("button", name="Đăng ký").count() == 0  # full: no form
    assert await page.get_by_text("Buổi hiến máu đã đủ chỗ.").count() == 1
    await page.goto(f"{console.url}/campaigns/{drive}")
    assert "2 / 2" in await page.locator("tr[data-session-id]").inner_text()

    # a distribution to the verified beneficiary (recorded through the API once the donations service
    # knows the verification, through Kafka), reversed from the campaign's page
    async with httpx.AsyncClient(base_url=system.url("donations"), timeout=30, headers=auth()) as donations:
        await ok(await donations.post(f"/campaigns/{cid}/donations", json={
            "kind": "cash", "amount_vnd": 1_000_000, "channel": "cash", "received_on": TODAY.isoformat()}))  # fmt: skip
        body = {"beneficiary_id": beneficiary, "kind": "cash", "amount_vnd": 300_000,
                "distributed_on": TODAY.isoformat(), "decision_no": f"7/QĐ-{tag}"}  # fmt: skip
        key = str(uuid.uuid4())

        async def distributed() -> bool:
            r = await donations.post(f"/campaigns/{cid}/distributions", json=body, headers={"Idempotency-Key": key})
            return r.status_code in (200, 201)

        await eventually(distributed, timeout=60, what="the distribution to the verified beneficiary")
    await page.goto(campaign_url)
    assert (await page.locator("tr[data-distribution-id] [data-recipient]").inner_text()).startswith(name)
    await follow(page, page.get_by_role("link", name="Huỷ phân phối…"))
    assert (await page.locator("dd[data-recipient]").inner_text()).startswith(name)  # who it went to
    await page.get_by_label("Lý do huỷ").fill("Ghi nhầm người nhận")
    await page.get_by_label("Để xác nhận, nhập giá trị của lần phân phối").fill("30.000")
    await follow(page, page.get_by_role("button", name="Huỷ phân phối"))
    assert await page.locator("#confirm-error").inner_text() == "Nhập đúng như yêu cầu để xác nhận."
    await shots.take(page, "distribution-reversal", "desktop")
    reversal_url = page.url
    phone = await login(browser, console, "unit_manager", world["a"], PHONE)  # the form at phone width
    await phone.goto(reversal_url)
    await shots.take(phone, "distribution-reversal", "phone")
    await phone.context.close()
    await page.get_by_label("Để xác nhận, nhập giá trị của lần phân phối").fill("300.000")
    await follow(page, page.get_by_role("button", name="Huỷ phân phối"))
    assert page.url.startswith(campaign_url)
    reversed_row = page.locator("tr.reversed[data-distribution-id]")
    assert await reversed_row.count() == 1 and "Đã huỷ" in await reversed_row.inner_text()
    assert await page.get_by_role("link", name="Huỷ phân phối…").count() == 0
    await page.context.close()

    # the effects, read back through the services' APIs
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        b = await ok(await client.get(f"{system.url('campaigns')}/beneficiaries/{beneficiary}"))
        assert (b["verified_on"], b["verified_by"], b["campaign_id"]) == (
            TODAY.isoformat(),
            "Cán bộ xã Vĩnh Trạch",
            cid,
        )
        assert b["situation"] == "Nhà bị sập do lũ" and b["household_size"] == 3
        listed = await ok(await client.get(f"{system.url('campaigns')}/beneficiaries", params={
            "unit_id": world["a"], "humanitarian_address": "true"}))  # fmt: skip
        [a] = [x for x in listed["items"] if x["full_name"] == address]
        assert a["campaign_id"] is None and a["verified"]
        a_full = await ok(await client.get(f"{system.url('campaigns')}/beneficiaries/{a['id']}"))
        assert [s["commitment"] for s in a_full["sponsorships"]] == ["500.000 đồng mỗi tháng"]
        sessions = await ok(await client.get(f"{system.url('campaigns')}/campaigns/{drive}/blood-sessions"))
        assert [(s["capacity"], s["registered"], s["places_left"]) for s in sessions["items"]] == [(2, 2, 0)]
        ledger = await ok(await client.get(f"{system.url('donations')}/campaigns/{cid}/ledger"))
        assert ledger["cash"]["net_distributed_vnd"] == 0  # the one distribution was reversed

    # the same screens at phone width
    phone = await login(browser, console, "unit_manager", world["a"], PHONE)
    await phone.goto(f"{campaign_url}/beneficiaries/new")
    await follow(phone, phone.get_by_role("button", name="Đăng ký"))
    assert await phone.locator("#full_name-error").count() == 1
    await shots.take(phone, "beneficiary-new", "phone")
    await phone.goto(address_url)
    await shots.take(phone, "beneficiary", "phone")
    await phone.goto(f"{console.url}/campaigns/{drive}/blood-sessions/new")
    await shots.take(phone, "blood-session-new", "phone")
    await phone.goto(session_url)
    await shots.take(phone, "blood-session", "phone")
    answer = await phone.goto(reversal_url)  # reversed: the form is not offered again
    assert answer is not None and answer.status == 409
    await phone.context.close()

    # a viewer of A reads the beneficiary, is offered none of the forms, and is refused them by URL;
    # a data-entry user registers but does not verify; commune B's manager cannot reach A's beneficiary
    viewer = await login(browser, console, "viewer", world["a"], DESKTOP)
    await viewer.goto(campaign_url)
    for link in ("Đăng ký người được hỗ trợ", "Huỷ phân phối…"):
        assert await viewer.get_by_role("link", name=link).count() == 0, link
    await viewer.goto(f"{console.url}/beneficiaries/{a['id']}")
    assert await viewer.locator("h1").inner_text() == address
    assert await viewer.locator("form[action$='/sponsorships'], form[action$='/verify']").count() == 0
    await viewer.goto(f"{console.url}/campaigns/{drive}")
    assert await viewer.get_by_role("link", name="Lên lịch buổi hiến máu").count() == 0
    for path in (f"/campaigns/{cid}/beneficiaries/new", f"/campaigns/{drive}/blood-sessions/new"):
        answer = await viewer.goto(f"{console.url}{path}")
        assert answer is not None and answer.status == 403, path
    await viewer.context.close()
    clerk = await login(browser, console, "data_entry", world["a"], DESKTOP)
    await clerk.goto(campaign_url)
    assert await clerk.get_by_role("link", name="Đăng ký người được hỗ trợ").count() == 1
    await clerk.goto(f"{console.url}/campaigns/{drive}")
    assert await clerk.get_by_role("link", name="Lên lịch buổi hiến máu").count() == 1
    await clerk.context.close()
    other = await login(browser, console, "unit_manager", world["b"], DESKTOP)
    answer = await other.goto(f"{console.url}/beneficiaries/{beneficiary}")
    assert answer is not None and answer.status == 404
    assert name not in await other.content()
    await other.context.close()


async def relief(system: System, unit: str, name: str) -> str:
    """A launched relief campaign of ``unit``, its ledger open in donations."""
    cid = await new_campaign(system, unit, name)
    await launch_with_ledger(system, cid)
    return cid


async def test_a_household_of_an_earlier_campaign_is_added_to_a_new_one_not_registered_twice(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    """Relief officer's review: a household supported by last year's appeal was refused as a duplicate when
    registered for this year's, and could not be given to. The refusal now offers to add the record it found."""
    tag = world["tag"]
    last_year = await relief(system, world["a"], f"Lũ năm trước {tag}")
    this_year = await relief(system, world["a"], f"Lũ năm nay {tag}")
    page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    name = f"Đỗ Thị Bảy {tag}"
    for cid in (last_year, this_year):
        await page.goto(f"{console.url}/campaigns/{cid}/beneficiaries/new")
        await fill_beneficiary(page, name, TODAY.isoformat())
        await follow(page, page.get_by_role("button", name="Đăng ký"))
    # the second registration: refused as the same household, with the way to the record found
    assert "đã được đăng ký" in await page.locator("#full_name-error").inner_text()
    card = page.locator("[data-existing]")
    existing = await card.get_attribute("data-existing")
    await shots.take(page, "beneficiary-existing", "desktop")
    await follow(page, card.get_by_role("button", name="Thêm hồ sơ đã có vào cuộc vận động này"))
    assert page.url.startswith(f"{console.url}/beneficiaries/{existing}")
    assert "Đã thêm vào cuộc vận động." in await page.locator("main").inner_text()
    back = page.get_by_role("link", name="← Cuộc vận động")
    assert await back.get_attribute("href") == f"/campaigns/{this_year}"  # back to the campaign it was added to
    await page.goto(f"{console.url}/campaigns/{this_year}")
    assert await page.locator(f"tr[data-beneficiary-id='{existing}']").count() == 1  # one record, in both
    await page.goto(f"{console.url}/campaigns/{last_year}")
    assert await page.locator(f"tr[data-beneficiary-id='{existing}']").count() == 1
    await page.context.close()


async def test_the_campaigns_list_is_filtered_and_paged_with_the_filters_in_the_url(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    drive = await blood_drive(system, world["a"], tag)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "unit_manager", world["province"], viewport)
        await page.goto(f"{console.url}/campaigns")
        # the province's campaigns (the world's two, this module's blood drives), two a page
        assert await page.locator("tr[data-campaign-id]").count() == 2
        await follow(page, page.get_by_role("link", name="Trang sau »"))
        assert parse_qs(urlsplit(page.url).query) == {"offset": ["2"]}
        await follow(page, page.get_by_role("link", name="« Trang trước"))
        # a fragment of the name without diacritics, and a type: the two Tết campaigns, A's and B's
        await page.get_by_label("Mã hoặc tên").fill(f"tet nhan ai {tag.lower()}")
        await page.get_by_label("Loại").select_option("tet_nhan_ai")
        await follow(page, page.get_by_role("button", name="Lọc"))
        query = parse_qs(urlsplit(page.url).query)
        assert query == {"q": [f"tet nhan ai {tag.lower()}"], "type": ["tet_nhan_ai"]}, query
        shown = {await r.get_attribute("data-campaign-id") for r in await page.locator("tr[data-campaign-id]").all()}
        assert shown == {world["campaign_a"], world["campaign_b"]}
        assert await page.get_by_role("link", name="Trang sau »").count() == 0
        # and commune B's unit: B's only, the other filters kept
        await page.get_by_label("Đơn vị tổ chức hoặc tham gia").select_option(world["b"])
        await follow(page, page.get_by_role("button", name="Lọc"))
        shown = {await r.get_attribute("data-campaign-id") for r in await page.locator("tr[data-campaign-id]").all()}
        assert shown == {world["campaign_b"]}
        assert await page.get_by_label("Mã hoặc tên").input_value() == f"tet nhan ai {tag.lower()}"
        await shots.take(page, "campaigns-filtered", width)
        # a blood drive under way in no state: nothing, said so; then the filters cleared
        await page.goto(f"{console.url}/campaigns?type=blood_drive&state=settled")
        assert await page.get_by_text("Không có cuộc vận động nào khớp với bộ lọc.").count() == 1
        await follow(page, page.get_by_role("link", name="Bỏ lọc"))
        assert page.url == f"{console.url}/campaigns"
        await page.goto(f"{console.url}/campaigns?type=blood_drive&q=hien+mau+nhan+dao+{tag}")
        assert await page.locator(f"tr[data-campaign-id='{drive}']").count() == 1
        # a unit outside the user's subtree, typed into the URL: refused next to its field
        answer = await page.goto(f"{console.url}/campaigns?unit_id={uuid.uuid4()}")
        assert answer is not None and answer.status == 422
        assert await page.locator("#unit_id-error").inner_text() == "Xin chọn một đơn vị trong phạm vi của bạn."
        await page.context.close()
