"""The members side of the staff console in a real browser: the register's filters, a person's page and
its edits (training and personal details too), the erasure with its confirmation, and the member import
(upload, progress, per-row results, rejected rows).

Every edit's effect is read back through the members API. A data-entry user of commune A is told in
Vietnamese next to the field what the members API refused, then records a fee, gives and ends a role,
logs hours, records and withdraws a consent, changes the membership's status, transfers a member to
a branch and signs a person up; a viewer is offered no
edit and a data-entry user no erasure (nor reaches it by its URL); commune B's person is refused by URL;
a unit manager erases a person's personal data after confirming. The import: a CSV with good and bad
rows, its results row by row in Vietnamese, the rejected rows as a CSV to correct; the same file again
creates no one; an XLSX too; a file of another kind is refused next to the upload field.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from typing import Any

import httpx
import openpyxl
from playwright.async_api import Browser, Page

from rc_shared.labels import vn_date
from tests.e2e.conftest import System
from tests.e2e.console.conftest import DESKTOP, PHONE, TODAY, Shots, follow, login, ok
from tests.e2e.harness import ServiceProcess, auth


async def new_person(system: System, unit: str, name: str, birth: str = "1990-05-05") -> str:
    """A member of ``unit`` since 2024 (fee 2024 paid), with a phone and a health note, through the API."""
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        consent = {"purpose": "hồ sơ hội viên", "given_on": "2024-01-02"}
        person = await ok(await members.post("/people", json={
            "full_name": name, "birth_date": birth, "unit_id": unit, "phone": "0912 345 678",
            "health_notes": "Dị ứng penicillin", "consent": consent}))  # fmt: skip
        await ok(await members.post(f"/people/{person['id']}/membership", json={
            "unit_id": unit, "joined_on": "2024-02-01", "fee_status": "paid", "fee_year": 2024}))  # fmt: skip
        return str(person["id"])


async def read_person(system: System, person_id: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        return await ok(await members.get(f"/people/{person_id}"))  # type: ignore[no-any-return]


async def listed(page: Page) -> list[str]:
    """The names the register lists."""
    return [n.split("\n")[0].split("\t")[0] for n in await page.locator("tr[data-person-id]").all_inner_texts()]


async def send(page: Page, form: str, button: str) -> None:
    await follow(page, page.locator(form).get_by_role("button", name=button))


async def test_a_data_entry_user_edits_a_person_and_the_api_has_it(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    today = TODAY.isoformat()
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        name = f"Lê Văn Tâm {world['tag']} {width}"
        pid = await new_person(system, world["a"], name)
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await follow(page, page.get_by_role("link", name="Hội viên", exact=True))
        await page.get_by_label("Tìm theo tên (không cần dấu)").fill(f"le van tam {world['tag']} {width}")
        await follow(page, page.get_by_role("button", name="Tìm"))
        await follow(page, page.get_by_role("link", name=name))
        assert page.url == f"{console.url}/people/{pid}"
        assert await page.locator("h1").inner_text() == name
        assert await page.locator("[data-health-notes]").inner_text() == "Dị ứng penicillin"  # the API returns it
        assert await page.locator("[data-fee-year='2024']").get_attribute("data-fee") == "paid"
        assert await page.get_by_role("link", name="Xoá dữ liệu cá nhân…").count() == 0  # not for data entry
        # First with mistakes: the members API's refusals, in Vietnamese, next to their fields.
        await page.locator("#fee-year").fill("20x6")
        await send(page, "form[action*='/fee#']", "Ghi nhận hội phí")
        assert await page.locator("#fee-year-error").inner_text() == "Năm gồm 4 chữ số, từ 1900 đến 2100."
        # the answer opens at the form (its action's fragment), not at the top of a page four screens long
        assert page.url.endswith("/fee#fee-h") and await page.locator("#fee-year-error").is_visible()
        assert await page.evaluate("document.getElementById('fee-h').getBoundingClientRect().top") < viewport["height"]
        assert await page.locator("#fee-year").get_attribute("aria-invalid") == "true"
        assert await page.locator("#fee-year").input_value() == "20x6"  # the input is kept
        await page.locator("#role-role").select_option("youth")  # 16 to 30: this person is older
        await send(page, "form[action*='/role#']", "Giao vai trò")
        assert await page.locator("#role-role-error").inner_text() == "Tuổi của người này không hợp với vai trò này."
        await page.locator("#hours-hours").fill("25")
        await send(page, "form[action*='/hours#']", "Ghi giờ")
        assert await page.locator("#hours-hours-error").inner_text() == "Quá lớn."
        if width == "desktop":
            await page.locator("#hours-hours").fill("2")  # not a volunteer (yet) that day
            await send(page, "form[action*='/hours#']", "Ghi giờ")
            assert (
                await page.locator("#hours-worked_on-error").inner_text()
                == "Ngày này người này không là tình nguyện viên."
            )
        await page.locator("#status-status").select_option("active")
        await send(page, "form[action*='/status#']", "Đổi trạng thái")
        assert await page.locator("#status-status-error").inner_text() == "Hội viên đang ở đúng trạng thái này rồi."
        assert (await read_person(system, pid))["memberships"][0]["fees"] == {"2024": "paid"}  # nothing changed
        # Now right: each edit is said done, shown, and read back through the members API.
        await page.locator("#fee-year").fill("2025")
        await page.locator("#fee-fee_status").select_option("exempted")
        await send(page, "form[action*='/fee#']", "Ghi nhận hội phí")
        assert await page.get_by_role("status").first.inner_text() == "Đã ghi nhận hội phí."
        assert await page.locator("[data-fee-year='2025']").get_attribute("data-fee") == "exempted"
        await send(page, "form[action*='/role#']", "Giao vai trò")  # a volunteer, from today
        assert await page.locator("tr[data-role=volunteer]").count() == 1
        await page.locator("#hours-hours").fill("2,5")
        hours_form = page.locator("form[action*='/hours#']")
        as_sent = {
            n: await hours_form.locator(f"[name={n}]").input_value() for n in ("csrf", "key", "hours", "worked_on")
        }
        await send(page, "form[action*='/hours#']", "Ghi giờ")
        assert await page.locator("[data-figure=hours]").inner_text() == "2,5"  # as Vietnamese writes it
        # the same form sent again (a double click, a retry after a timeout): the hours are logged once
        again = await page.context.request.post(f"{console.url}/people/{pid}/hours", form=as_sent, max_redirects=0)
        assert again.status == 303, await again.text()
        await page.reload()
        assert await page.locator("[data-figure=hours]").inner_text() == "2,5"
        assert (await read_person(system, pid))["volunteer_hours_total"] == 2.5
        await page.locator("#consent-purpose").fill("nhận tin nhắn vận động")
        await page.locator("#consent-given_on").fill(today)
        await send(page, "form[action*='/consent#']", "Ghi nhận")
        consent = page.locator("tr[data-consent-id]", has_text="nhận tin nhắn vận động")
        await send(page, f"tr[data-consent-id='{await consent.get_attribute('data-consent-id')}'] form", "Rút lại")
        assert await consent.locator("[data-withdrawn-on]").inner_text() == vn_date(today)
        assert await consent.locator("[data-withdrawn-on]").get_attribute("data-withdrawn-on") == today
        await send(page, "tr[data-role=volunteer] form", "Kết thúc vai trò")
        assert await page.locator("tr[data-role=volunteer] form").count() == 0
        await page.locator("#status-status").select_option("lapsed")
        await send(page, "form[action*='/status#']", "Đổi trạng thái")
        assert await page.locator("[data-status]").first.get_attribute("data-status") == "lapsed"
        await shots.take(page, "person", width)
        person = await read_person(system, pid)
        assert person["memberships"][0]["fees"] == {"2024": "paid", "2025": "exempted"}
        assert person["memberships"][0]["status"] == "lapsed" and person["memberships"][0]["status_since"] == today
        assert [(r["role"], r["start_on"], r["end_on"]) for r in person["roles"]] == [("volunteer", today, today)]
        assert person["volunteer_hours_total"] == 2.5
        withdrawn = [c for c in person["consents"] if c["purpose"] == "nhận tin nhắn vận động"]
        assert [(c["given_on"], c["withdrawn_on"]) for c in withdrawn] == [(today, today)]
        await page.context.close()


async def test_a_data_entry_user_records_training_and_corrects_personal_details(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        name = f"Đoàn Thị Huấn {tag} {width}"
        pid = await new_person(system, world["a"], name)
        certificate = f"SCC-{tag}-{width}"
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await page.goto(f"{console.url}/people/{pid}")
        assert await page.locator("#training tr[data-training-id]").count() == 0
        # First with mistakes: each said next to its field, in Vietnamese, and nothing recorded.
        await send(page, "form[action*='/training#']", "Ghi nhận khoá tập huấn")
        assert await page.locator("#training-completed_on-error").inner_text() == "Ngày không hợp lệ (năm-tháng-ngày)."
        assert await page.locator("#training-hours-error").inner_text() == "Phải là một số (ví dụ 2,5)."
        await page.locator("#training-completed_on").fill("1989-12-31")  # before the birth (1990-05-05)
        await page.locator("#training-hours").fill("8")
        await send(page, "form[action*='/training#']", "Ghi nhận khoá tập huấn")
        assert (
            await page.locator("#training-completed_on-error").inner_text()
            == "Ngày hoàn thành không được trước ngày sinh của người này."
        )
        assert await page.locator("#training-hours").input_value() == "8"  # what was typed is kept
        assert (await read_person(system, pid))["training"] == []
        # Now right: a first-aid course of 7.5 hours with its certificate.
        await page.locator("#training-kind").select_option("first_aid")
        await page.locator("#training-title").fill("Sơ cấp cứu ban đầu")
        await page.locator("#training-completed_on").fill("2025-05-10")
        await page.locator("#training-hours").fill("7,5")
        await page.locator("#training-provider").fill("Trung tâm Huấn luyện SCC")
        await page.locator("#training-certificate_no").fill(certificate)
        await send(page, "form[action*='/training#']", "Ghi nhận khoá tập huấn")
        assert await page.get_by_role("status").inner_text() == "Đã ghi nhận khoá tập huấn."
        row = page.locator("#training tr[data-training-kind=first_aid]")
        hours = row.locator("[data-training-hours]")
        assert (await hours.get_attribute("data-training-hours"), await hours.inner_text()) == ("7.5", "7,5")
        assert "Sơ cấp cứu ban đầu" in await row.inner_text() and certificate in await row.inner_text()
        # the same certificate again: refused next to it
        await page.locator("#training-kind").select_option("disaster_preparedness")
        await page.locator("#training-completed_on").fill("2025-06-01")
        await page.locator("#training-hours").fill("4")
        await page.locator("#training-certificate_no").fill(certificate)
        await send(page, "form[action*='/training#']", "Ghi nhận khoá tập huấn")
        assert (
            await page.locator("#training-certificate_no-error").inner_text()
            == "Số chứng nhận này đã được ghi cho người này rồi."
        )
        await page.locator("#training-certificate_no").scroll_into_view_if_needed()
        await shots.take(page, "person-training", width)
        [kept] = (await read_person(system, pid))["training"]
        assert (kept["kind"], kept["completed_on"], kept["hours"], kept["unit_id"], kept["certificate_no"]) == (
            "first_aid", "2025-05-10", 7.5, world["a"], certificate)  # fmt: skip
        # The personal details: a phone the members API refuses, then the corrected details.
        await page.locator("summary", has_text="Sửa thông tin cá nhân").click()
        assert await page.locator("#personal-full_name").input_value() == name  # the form holds the record
        assert await page.locator("#personal-phone").input_value() == "0912345678"  # as the API keeps it
        await page.locator("#personal-phone").fill("gọi tôi")
        await send(page, "form[action*='/personal#']", "Lưu thông tin cá nhân")
        assert await page.locator("#personal-phone-error").inner_text() == (
            "Số điện thoại gồm 8–15 chữ số (có thể có dấu +, dấu cách, chấm, gạch ngang)."
        )
        assert await page.locator("details.edit").get_attribute("open") is not None  # shown open with its error
        await page.locator("#personal-full_name").fill("")
        await send(page, "form[action*='/personal#']", "Lưu thông tin cá nhân")
        assert await page.locator("#personal-full_name-error").inner_text() == "Bắt buộc nhập."
        await page.locator("#personal-phone").scroll_into_view_if_needed()
        await shots.take(page, "person-edit", width)
        assert (await read_person(system, pid))["phone"] == "0912345678"  # nothing changed
        renamed = f"Đoàn Thị Huân {tag} {width}"
        await page.locator("#personal-full_name").fill(renamed)
        await page.locator("#personal-gender").select_option("female")
        await page.locator("#personal-phone").fill("+84 987 654 321")
        await page.locator("#personal-address").fill("Ấp Nhà Mát, phường 8")
        await page.locator("#personal-health_notes").fill("")  # no longer kept
        await send(page, "form[action*='/personal#']", "Lưu thông tin cá nhân")
        assert await page.get_by_role("status").inner_text() == "Đã lưu thông tin cá nhân."
        assert await page.locator("h1").inner_text() == renamed
        assert await page.locator("[data-health-notes]").count() == 0
        person = await read_person(system, pid)
        assert (person["full_name"], person["gender"], person["phone"], person["address"], person["health_notes"]) == (
            renamed,
            "female",
            "0987654321",
            "Ấp Nhà Mát, phường 8",
            None,
        )  # fmt: skip  (as the API keeps it)
        assert person["birth_date"] == "1990-05-05" and person["id_number"] is None  # as they were
        await page.context.close()


async def test_the_register_filters_by_unit_status_role_and_fee_and_keeps_them_when_paging(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    this_year = str(TODAY.year)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await page.goto(f"{console.url}/members")
        search = page.get_by_label("Tìm theo tên (không cần dấu)")
        await search.fill(f"nguyen thi hoa {tag}")
        await page.locator("#role").select_option("volunteer")  # htmx asks at once (and keeps it in the URL)
        await page.wait_for_url("**role=volunteer**")
        await follow(page, page.get_by_role("button", name="Tìm"))  # the form sent as a page too
        assert await listed(page) == [f"Nguyễn Thị Hoà {tag}"]  # the volunteer of the three
        await page.locator("#role").select_option("")
        await page.locator("#unit_id").select_option(world["a"])
        await page.locator("#fee_status").select_option("paid")
        await page.wait_for_url("**fee_status=paid**")
        await page.locator("#fee_year").fill("2024")
        await follow(page, page.get_by_role("button", name="Tìm"))
        first = await listed(page)
        assert len(first) == 2 and await page.locator("td[data-label='Hội phí 2024'] [data-fee=paid]").count() == 2
        await shots.take(page, "members-filtered", width)
        await follow(page, page.get_by_role("link", name="Trang sau »"))  # the filters go on with the page
        assert page.url.count("fee_status=paid") == 1 and "fee_year=2024" in page.url and world["a"] in page.url
        rest = await listed(page)
        assert len(rest) == 1 and {n.split(" ")[2] for n in first + rest} == {"Hoà", "Hoa", "Hòa"}
        assert await page.locator("#fee_status").input_value() == "paid"  # the form still shows them
        # this year's fee: none recorded, so unpaid; no one lapsed
        for query, expected in ((f"fee_status=unpaid&fee_year={this_year}", 2), ("status=lapsed", 0)):
            await page.goto(f"{console.url}/members?q=nguyen+thi+hoa+{tag}&{query}")
            assert len(await listed(page)) == expected, query
        assert await page.locator("p.muted", has_text="Không tìm thấy ai.").count() == 1
        # a filter the form does not offer: said next to it, in Vietnamese
        answer = await page.goto(f"{console.url}/members?fee_year=20x6&status=zombie")
        assert answer is not None and answer.status == 422
        assert await page.locator("#fee_year-error").inner_text() == "Năm gồm 4 chữ số, từ 1900 đến 2100."
        assert await page.locator("#status-error").inner_text() == "Lựa chọn không hợp lệ."
        # commune B, by its id in the URL: refused
        answer = await page.goto(f"{console.url}/members?unit_id={world['b']}")
        assert answer is not None and answer.status == 403
        await page.context.close()


async def test_a_data_entry_user_transfers_a_member_and_signs_up_a_person(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any]
) -> None:
    tag = world["tag"]
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        branch = (await ok(await members.post("/units", json={
            "code": f"A1-{tag}", "name": f"Chi hội Ấp 1 {tag}", "level": "branch", "parent_id": world["a"],
            "valid_from": "2020-01-01"})))["id"]  # fmt: skip
        newcomer = (await ok(await members.post("/people", json={
            "full_name": f"Huỳnh Văn Mới {tag}", "birth_date": "2000-01-01", "unit_id": world["a"],
            "consent": {"purpose": "hồ sơ hội viên", "given_on": "2024-01-02"}})))["id"]  # fmt: skip
    member = await new_person(system, world["a"], f"Huỳnh Thị Chuyển {tag}")
    page = await login(browser, console, "data_entry", world["a"], DESKTOP)
    await page.goto(f"{console.url}/people/{member}")
    # to the unit the member is already in: refused, said next to the unit
    await page.locator("#transfer-effective_on").fill(TODAY.isoformat())
    await send(page, "form[action*='/transfer#']", "Chuyển sinh hoạt")
    assert await page.locator("#transfer-to_unit_id-error").inner_text() == "Hội viên đang ở đơn vị này rồi."
    await page.locator("#transfer-to_unit_id").select_option(branch)
    await send(page, "form[action*='/transfer#']", "Chuyển sinh hoạt")
    assert await page.get_by_role("status").inner_text() == "Đã chuyển sinh hoạt."
    assert (await read_person(system, member))["memberships"][0]["unit_id"] == branch
    # a person with no membership is offered joining (and no fee or status form)
    await page.goto(f"{console.url}/people/{newcomer}")
    assert await page.locator("form[action*='/fee#'], form[action*='/transfer#']").count() == 0
    await send(page, "form[action*='/join#']", "Vào hội")  # no date: said next to it
    assert await page.locator("#join-joined_on-error").count() == 1
    assert (await read_person(system, newcomer))["memberships"] == []
    await page.locator("#join-joined_on").fill("2025-03-01")
    await page.locator("#join-fee_status").select_option("paid")
    await send(page, "form[action*='/join#']", "Vào hội")
    assert await page.get_by_role("status").inner_text() == "Đã ghi nhận vào hội."
    joined = (await read_person(system, newcomer))["memberships"]
    assert [(m["unit_id"], m["joined_on"], m["status"], m["fees"]) for m in joined] == [
        (world["a"], "2025-03-01", "active", {"2025": "paid"})
    ]
    await page.context.close()


async def test_a_data_entry_user_registers_a_walk_in_volunteer_by_hand(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    """One person registered from the register's link (no spreadsheet): first with mistakes, each said in
    Vietnamese next to its field with what was typed kept (an empty name, a phone too short; then an
    identity number another person's record holds) and no one created; then right: the person's page,
    and the members API has what was typed, the consent and the registering unit."""
    tag = world["tag"]
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        held = f"0951{uuid.uuid4().int % 10**8:08d}"
        await ok(await members.post("/people", json={
            "full_name": f"Người Có Số {tag}", "id_number": held, "unit_id": world["a"],
            "consent": {"purpose": "hồ sơ hội viên", "given_on": "2024-01-02"}}))  # fmt: skip
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        name = f"Trịnh Văn Đến {tag} {width}"
        number = f"0952{uuid.uuid4().int % 10**8:08d}"
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await follow(page, page.get_by_role("link", name="Hội viên", exact=True))
        await follow(page, page.get_by_role("link", name="Đăng ký một người"))
        assert page.url == f"{console.url}/members/new"
        assert await page.locator("#unit_id").input_value() == world["a"]  # the user's unit, to begin with
        assert await page.locator("#consent_given_on").input_value() == TODAY.isoformat()
        await page.locator("#phone").fill("12")
        await page.locator("#consent_purpose").fill("tình nguyện viên của xã")
        await send(page, "form[action='/members/new']", "Đăng ký")
        assert await page.locator("#full_name-error").inner_text() == "Bắt buộc nhập."
        assert await page.locator("#phone-error").inner_text() == (
            "Số điện thoại gồm 8–15 chữ số (có thể có dấu +, dấu cách, chấm, gạch ngang)."
        )
        assert await page.locator("#phone").input_value() == "12"  # what was typed is kept
        await page.locator("#full_name").fill(name)
        await page.locator("#phone").fill("0913 222 333")
        await page.locator("#birth_date").fill("1998-07-09")
        await page.locator("#gender").select_option("male")
        await page.locator("#id_number").fill(held)
        await page.locator("#address").fill("Ấp Nhà Việc, xã Thử")
        await send(page, "form[action='/members/new']", "Đăng ký")
        assert await page.locator("#id_number-error").inner_text() == (
            "Số giấy tờ này đã có trong hồ sơ của một người khác (tìm theo số để mở hồ sơ đó)."
        )
        assert await page.locator("#full_name").input_value() == name
        await shots.take(page, "person-new", width)
        async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
            found = await ok(await members.get("/people", params={"q": f"trinh van den {tag} {width}"}))
        assert found["items"] == []  # nothing recorded by the refused forms
        await page.locator("#id_number").fill(number)
        await send(page, "form[action='/members/new']", "Đăng ký")
        assert await page.get_by_role("status").first.inner_text() == (
            "Đã đăng ký người này. Tiếp theo: vào hội, giao vai trò… ở các mục dưới đây."
        )
        assert await page.locator("h1").inner_text() == name
        pid = page.url.split("/people/")[1].split("?")[0]
        person = await read_person(system, pid)
        assert (person["full_name"], person["gender"], person["birth_date"], person["phone"], person["id_number"],
                person["address"], person["registered_unit_id"]) == (
            name, "male", "1998-07-09", "0913222333", number, "Ấp Nhà Việc, xã Thử", world["a"],
        )  # fmt: skip
        assert [(c["purpose"], c["given_on"]) for c in person["consents"]] == [
            ("tình nguyện viên của xã", TODAY.isoformat())
        ]
        assert person["memberships"] == [] and person["roles"] == []
        await page.context.close()


async def test_a_viewer_is_offered_no_edit_and_b_s_person_is_refused(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any]
) -> None:
    mine = await new_person(system, world["a"], f"Trần Thị Mai {world['tag']}")
    theirs = await new_person(system, world["b"], f"Phạm Văn Bình {world['tag']}")
    page = await login(browser, console, "viewer", world["a"], DESKTOP)
    answer = await page.goto(f"{console.url}/people/{mine}")
    assert answer is not None and answer.status == 200
    assert await page.locator("main form").count() == 0  # no edit offered (the search form is on another page)
    assert await page.get_by_role("link", name="Nhập hội viên từ tệp").count() == 0
    csrf = await page.locator("form[action='/logout'] input[name=csrf]").get_attribute("value") or ""
    posted = await page.request.post(
        f"{console.url}/people/{mine}/fee", form={"csrf": csrf, "year": "2025", "fee_status": "paid"}, max_redirects=0
    )
    assert posted.status == 403  # the members API refuses it as well
    assert (await read_person(system, mine))["memberships"][0]["fees"] == {"2024": "paid"}
    for path in (f"/people/{theirs}", f"/people/{mine}/erase", "/members/import"):
        answer = await page.goto(console.url + path)
        assert answer is not None and answer.status == 403, path
    await page.context.close()
    page = await login(browser, console, "data_entry", world["a"], DESKTOP)
    answer = await page.goto(f"{console.url}/people/{theirs}")
    assert answer is not None and answer.status == 403
    assert await page.get_by_role("alert").inner_text() == "Bạn không có quyền thực hiện thao tác này."
    answer = await page.goto(f"{console.url}/people/{mine}/erase")
    assert answer is not None and answer.status == 403
    await page.context.close()


async def test_a_unit_manager_erases_personal_data_after_confirming(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        name = f"Võ Thị Sáu {world['tag']} {width}"
        pid = await new_person(system, world["a"], name)
        page = await login(browser, console, "unit_manager", world["a"], viewport)
        await page.goto(f"{console.url}/people/{pid}")
        await follow(page, page.get_by_role("link", name="Xoá dữ liệu cá nhân…"))
        assert await page.locator("h1").inner_text() == f"Xoá dữ liệu cá nhân của {name}?"
        await shots.take(page, "person-erase", width)
        await follow(page, page.get_by_role("button", name="Xoá vĩnh viễn"))  # not confirmed: nothing erased
        assert await page.locator("#confirm-error").inner_text() == "Xin đánh dấu ô xác nhận để xoá."
        assert (await read_person(system, pid))["full_name"] == name
        await page.get_by_label("Tôi hiểu việc xoá không thể hoàn tác").check()
        await follow(page, page.get_by_role("button", name="Xoá vĩnh viễn"))
        assert page.url == f"{console.url}/people/{pid}?done=erase"
        assert await page.get_by_role("status").inner_text() == "Đã xoá dữ liệu cá nhân."
        assert await page.locator("[data-health-notes]").count() == 0 and name not in await page.content()
        assert await page.locator("main form").count() == 0  # nothing left to change
        person = await read_person(system, pid)
        assert person["erased"] is True and "full_name" not in person and "health_notes" not in person
        await page.context.close()


async def test_a_data_entry_user_records_a_volunteers_death(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    """A volunteer who never joined: only a membership's status said 'deceased', so they stayed in every
    volunteer count. The person's page records the death; the role ends on that day."""
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        name = f"Huỳnh Văn Tám {world['tag']} {width}"
        async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
            consent = {"purpose": "tình nguyện viên", "given_on": "2024-01-02"}
            person = await ok(await members.post("/people", json={
                "full_name": name, "birth_date": "1970-03-03", "unit_id": world["a"], "consent": consent}))  # fmt: skip
            pid = person["id"]
            await ok(await members.post(f"/people/{pid}/roles", json={
                "role": "volunteer", "unit_id": world["a"], "start_on": "2024-02-01"}))  # fmt: skip
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await page.goto(f"{console.url}/people/{pid}")
        assert await page.locator("#status-h").count() == 0  # no membership: no status to change
        death = page.locator("form[action*='/death#']")
        await death.get_by_label("Ngày mất").fill(TODAY.isoformat())
        await shots.take(page, "person-death", width)
        await send(page, "form[action*='/death#']", "Ghi nhận đã mất")
        assert page.url == f"{console.url}/people/{pid}?done=death#main"
        done = "Đã ghi nhận người này đã mất; các vai trò đã kết thúc."
        assert await page.get_by_role("status").inner_text() == done
        assert await page.locator("form[action*='/death#']").count() == 0  # recorded once
        after = await read_person(system, pid)
        assert after["deceased_on"] == TODAY.isoformat()
        assert [(r["role"], r["end_on"]) for r in after["roles"]] == [("volunteer", TODAY.isoformat())]
        await page.context.close()


def members_csv(tag: str, a_code: str) -> bytes:
    rows = [
        ["unit_code", "full_name", "birth_date", "joined_on", "fee_status", "consent_purpose", "consent_given_on"],
        [a_code, f"Đặng Văn Một {tag}", "1980-01-01", "2024-03-01", "paid", "hồ sơ hội viên", "2024-03-01"],
        [a_code, f"Đặng Văn Hai {tag}", "02/02/1981", "2024-03-01", "unpaid", "hồ sơ hội viên", "2024-03-01"],
        [a_code, f"Đặng Văn Ba {tag}", "31/02/1982", "2024-03-01", "paid", "hồ sơ hội viên", "2024-03-01"],
        [f"KHONG-CO-{tag}", f"Đặng Văn Bốn {tag}", "1983-01-01", "2024-03-01", "paid", "hồ sơ hội viên", "2024-03-01"],
        [a_code, f"Đặng Văn Năm {tag}", "1984-01-01", "2024-03-01", "paid", "", "2024-03-01"],
    ]  # fmt: skip
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


async def upload(page: Page, name: str, content: bytes, mime: str) -> None:
    await page.get_by_label("Tệp hội viên").set_input_files({"name": name, "mimeType": mime, "buffer": content})
    await follow(page, page.get_by_role("button", name="Nhập"))


async def finished(page: Page) -> None:
    """Wait until the import's page, polling its progress, shows the end (htmx replaces the part)."""
    await page.locator("#import-progress[data-finished=yes]").wait_for()


async def test_a_data_entry_user_imports_members_and_gets_the_rejected_rows(
    console: ServiceProcess, browser: Browser, system: System, world: dict[str, Any], shots: Shots
) -> None:
    tag = world["tag"]
    content = members_csv(tag, f"A-{tag}")
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = await login(browser, console, "data_entry", world["a"], viewport)
        await follow(page, page.get_by_role("link", name="Hội viên", exact=True))
        await follow(page, page.get_by_role("link", name="Nhập hội viên từ tệp"))
        await upload(page, "hoi-vien.txt", b"a,b\n1,2\n", "text/plain")  # another kind of file: said so
        assert await page.get_by_role("alert").inner_text() == "Chỉ nhận tệp CSV hoặc Excel (.xlsx)."
        await shots.take(page, "member-import", width)
        await upload(page, f"hoi-vien-{width}.csv", content, "text/csv")
        assert page.url.startswith(f"{console.url}/members/import/")
        await finished(page)
        created = "2" if width == "desktop" else "0"  # the same file again: the same people, no one new
        assert await page.locator("[data-count=created]").inner_text() == created
        assert await page.locator("[data-count=unchanged]").inner_text() == ("0" if width == "desktop" else "2")
        assert await page.locator("[data-count=rejected]").inner_text() == "3"
        results = {
            int(await r.get_attribute("data-row") or 0): (await r.get_attribute("data-result"), await r.inner_text())
            for r in await page.locator("tr[data-row]").all()
        }
        assert [results[n][0] for n in range(2, 7)] == ["created" if width == "desktop" else "unchanged"] * 2 + [
            "rejected"
        ] * 3
        assert "«Ngày sinh»: không phải ngày" in results[4][1]
        assert f"Không có đơn vị mã KHONG-CO-{tag}." in results[5][1]
        assert "Thiếu «Mục đích đồng ý»" in results[6][1]
        await shots.take(page, "member-import-result", width)
        link = await page.get_by_role("link", name="Tải các dòng bị từ chối (CSV)").get_attribute("href")
        rejected = await page.request.get(console.url + (link or ""))
        assert rejected.status == 200 and rejected.headers["content-type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO((await rejected.body()).decode("utf-8-sig"))))
        assert lines[0][:3] == ["row", "reason", "unit_code"] and [r[0] for r in lines[1:]] == ["4", "5", "6"]
        assert lines[2][2] == f"KHONG-CO-{tag}" and lines[2][1] == f"Không có đơn vị mã KHONG-CO-{tag}."
        # the progress part htmx polls, on its own
        part = await page.request.get(page.url + "/progress")
        assert part.status == 200 and 'data-finished="yes"' in await part.text()
        # another session cannot follow this import
        other = await login(browser, console, "data_entry", world["a"], DESKTOP)
        answer = await other.goto(page.url)
        assert answer is not None and answer.status == 404
        await other.context.close()
        await page.context.close()
    # the imported members, read back through the members API
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        found = await ok(await members.get("/people", params={"q": "dang van", "limit": 200}))
        mine = [p for p in found["items"] if tag in p["full_name"]]
        assert sorted(p["full_name"] for p in mine) == [f"Đặng Văn Hai {tag}", f"Đặng Văn Một {tag}"]
        assert {p["membership"]["unit_id"] for p in mine} == {world["a"]}
    # an Excel workbook of a new member
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["unit_code", "full_name", "birth_date", "joined_on", "consent_purpose", "consent_given_on"])
    ws.append([f"A-{tag}", f"Đặng Thị Sáu {tag}", date(1990, 5, 1), TODAY, "hồ sơ hội viên", TODAY])
    book = io.BytesIO()
    wb.save(book)
    page = await login(browser, console, "data_entry", world["a"], DESKTOP)
    await page.goto(f"{console.url}/members/import")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    await upload(page, "hoi-vien.xlsx", book.getvalue(), mime)
    await finished(page)
    assert await page.locator("[data-count=created]").inner_text() == "1"
    await follow(page, page.locator("tr[data-row='2'] a"))  # the new member's page
    assert await page.locator("h1").inner_text() == f"Đặng Thị Sáu {tag}"
    await page.context.close()
    # commune B's unit in the file of a user of A: the members API refuses the batch, said for each row
    page = await login(browser, console, "data_entry", world["a"], DESKTOP)
    await page.goto(f"{console.url}/members/import")
    await upload(page, "b.csv", members_csv(f"{tag}-b", f"B-{tag}"), "text/csv")
    await finished(page)
    assert await page.locator("[data-count=rejected]").inner_text() == "5"
    assert (await page.locator("tr[data-row='2']").inner_text()).count("Cả lô bị từ chối") == 1
    await page.context.close()
