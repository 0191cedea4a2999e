"""The public campaign ledger (Decree 93/2021 Art. 14) in a real browser, on the four services.

A campaign is driven through the APIs (donations with and without consent, in kind, a reversal, a
bank statement, distributions to two communes, the Art. 14 disclosure). Then: each movement appears
once on the page (paged through in Chromium), in the JSON API and in the CSV/XLSX downloads, with
running balances ending at the campaign report's balance (reporting service, fed through Kafka); a
search without diacritics finds the named donor; the CSV downloaded by clicking its link holds the
lines; the names of donors who did not consent (planted canaries) appear nowhere; a donor who
withdraws consent disappears by name from the page, the API and the downloads.

Chromium is Debian's (its headless shell, ``deploy/tools/install-chromium.sh``, run by the ``browser`` fixture of
tests/e2e/conftest.py and by .ci/run), driven by Playwright (pinned dev dependency). Screenshots
at phone and desktop widths are written to a temporary folder, and to docs/screenshots/ when
RC_UPDATE_SCREENSHOTS=1 (how the committed ones were made).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import openpyxl
from playwright.async_api import Browser, Page

from rc_shared import clock
from tests.e2e.conftest import System
from tests.e2e.harness import auth, post_once_units_known
from tests.integration.shared.helpers import eventually

ROOT = Path(__file__).resolve().parents[2]
TODAY = clock.today()
NAMED = "Nguyễn Văn An"
NAMED_ORG = "Công ty TNHH Hòa Bình"
CANARIES = ("Canary Lê Thị Bí Mật", "Canary Phạm Kín Đáo")  # gave without consent to be named
CANARY_PHONE = "0912345678"
STATEMENT_ROWS = 52  # with the other movements: more than one page of 50 on the page


async def ok(r: httpx.Response, *codes: int) -> Any:
    assert r.status_code in (codes or (200, 201)), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()


async def _campaign(system: System) -> dict[str, Any]:
    """The campaign and its movements, driven through the APIs; returns what the checks need."""
    async with (
        httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members,
        httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns,
        httpx.AsyncClient(base_url=system.url("donations"), timeout=30, headers=auth()) as donations,
    ):
        org = await members.post(
            "/units",
            json={"code": f"CM-{uuid.uuid4().hex[:6]}", "name": "Hội Chữ thập đỏ tỉnh Cà Mau", "level": "province",
                  "valid_from": "2020-01-01"},
        )  # fmt: skip
        unit = (await ok(org))["id"]
        communes = []
        for name in ("Xã Vĩnh Trạch", "Xã Hiệp Thành"):
            r = await members.post(
                "/units",
                json={"code": f"X-{uuid.uuid4().hex[:6]}", "name": name, "level": "commune", "parent_id": unit,
                      "valid_from": "2020-01-01"},
            )  # fmt: skip
            communes.append((await ok(r))["id"])
        c = await ok(
            await post_once_units_known(
                campaigns,
                "/campaigns",
                {
                    "code": f"LU-{uuid.uuid4().hex[:6]}",
                    "name": "Ủng hộ đồng bào bị lũ lụt năm 2026",
                    "campaign_type": "emergency_relief",
                    "organising_unit_id": unit,
                    "receiving_from": (TODAY - timedelta(days=10)).isoformat(),
                    "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
                    "targets": {"cash_vnd": 20_000_000, "beneficiaries": 4},
                },
            )
        )
        cid = c["id"]
        await ok(await campaigns.post(f"/campaigns/{cid}/launch", json={}))
        await ok(
            await campaigns.put(
                f"/campaigns/{cid}/disclosure",
                json={
                    "call_documents": [{"title": "Thư kêu gọi ủng hộ đồng bào bị lũ lụt", "number": "15/TKG-CTĐ",
                                        "issued_on": (TODAY - timedelta(days=10)).isoformat(),
                                        "url": "https://chuthapdo.example.vn/15-tkg.pdf"}],
                    "support_policy": "Hộ có nhà bị sập hoặc hư hỏng nặng do lũ, theo danh sách xã đã xác minh.",
                    "support_levels": [{"title": "Mức 1", "amount_vnd": 3_000_000, "description": "nhà sập"},
                                       {"title": "Mức 2", "amount_vnd": 1_000_000, "description": "nhà hư hỏng"}],
                    "receiving_points": [
                        {"method": "bank_transfer", "bank": "Vietcombank", "account_no": "0011001234567",
                         "account_holder": "Hội Chữ thập đỏ tỉnh"},
                        {"method": "in_person", "location": "Trụ sở Hội, số 1 Hùng Vương", "hours": "7h30–17h"},
                    ],
                },
            )
        )  # fmt: skip

        async def ledger_open() -> bool:
            return (await donations.get(f"/campaigns/{cid}/public-ledger/summary")).status_code == 200

        await eventually(ledger_open, timeout=60, what="the donations service to open the ledger")

        beneficiaries = []
        for i, commune in enumerate([communes[0], communes[0], communes[1]]):
            b = await ok(
                await post_once_units_known(
                    campaigns,
                    "/beneficiaries",
                    {
                        "kind": "household",
                        "unit_id": commune,
                        "full_name": f"Canary Hộ Nhận {i}",
                        "address": f"Ấp {uuid.uuid4().hex[:6]}",
                        "commune": "Vĩnh Trạch",
                        "household_size": 4,
                        "campaign_id": cid,
                        "consent": {"purpose": "cứu trợ", "given_on": TODAY.isoformat()},
                    },
                )
            )
            await ok(
                await campaigns.post(
                    f"/beneficiaries/{b['id']}/verify", json={"verified_by": "cán bộ xã", "verified_on": str(TODAY)}
                )
            )
            beneficiaries.append(b["id"])

        def cash(amount: int, **extra: Any) -> dict[str, Any]:
            return {
                "kind": "cash",
                "amount_vnd": amount,
                "channel": "bank_transfer",
                "received_on": str(TODAY),
                **extra,
            }

        ids: list[str] = []
        named = await ok(
            await donations.post(
                f"/campaigns/{cid}/donations",
                json=cash(5_000_000, donor={"type": "individual", "name": NAMED, "consent_to_be_named": True},
                          bank_reference="FT26333777001", description=f"{NAMED} ung ho dong bao lu lut"),
            )
        )  # fmt: skip
        ids.append(named["id"])
        for i, canary in enumerate(CANARIES):
            d = await ok(
                await donations.post(
                    f"/campaigns/{cid}/donations",
                    json=cash(1_000_000 + i, donor={"type": "individual", "name": canary, "phone": CANARY_PHONE},
                              description=f"{canary} {CANARY_PHONE} chuyen khoan"),
                )
            )  # fmt: skip
            ids.append(d["id"])
        in_kind = await ok(
            await donations.post(
                f"/campaigns/{cid}/donations",
                json={"kind": "in_kind", "channel": "other", "received_on": str(TODAY),
                      "donor": {"type": "organisation", "name": NAMED_ORG, "consent_to_be_named": True},
                      "items": [
                          {"item": "Gạo", "quantity": 500, "unit": "kg", "assessed_value_vnd": 7_500_000},
                          {"item": "Mì tôm", "quantity": 100, "unit": "thùng", "assessed_value_vnd": 10_000_000},
                      ]},
            )
        )  # fmt: skip
        ids.append(in_kind["id"])
        mistake = await ok(await donations.post(f"/campaigns/{cid}/donations", json=cash(2_000_000)))
        ids.append(mistake["id"])
        rev = await ok(await donations.post(f"/donations/{mistake['id']}/reversal", json={"reason": "nhập trùng"}))
        ids.append(rev["reversal_id"])
        rows = [
            {"bank_reference": f"FT26SK{i:04d}", "received_on": str(TODAY), "amount_vnd": 100_000 + 1000 * i,
             "payer_name": f"{CANARIES[1]} {i}", "description": f"{CANARIES[1]} {CANARY_PHONE}"}
            for i in range(STATEMENT_ROWS)
        ]  # fmt: skip
        st = await ok(await donations.post(f"/campaigns/{cid}/bank-statement", json={"rows": rows}))
        assert [r["status"] for r in st["results"]] == ["created"] * STATEMENT_ROWS
        ids += [r["donation_id"] for r in st["results"]]

        async def distribute(n: int, beneficiary: str, level: str, amount: int, **extra: str) -> None:
            """Each beneficiary's verification reaches donations by its own event, maybe in a later batch
            than another's: a distribution waits for its own (retried under one Idempotency-Key)."""

            async def made() -> bool:
                r = await donations.post(
                    f"/campaigns/{cid}/distributions",
                    json={"beneficiary_id": beneficiary, "kind": "cash", "amount_vnd": amount,
                          "distributed_on": str(TODAY), "support_level": level, "decision_no": "QĐ-21/2026", **extra},
                    headers={"Idempotency-Key": f"d{n}-{cid}"},
                )  # fmt: skip
                if r.status_code == 409 and "not a verified beneficiary" in r.text:
                    return False
                ids.append((await ok(r))["id"])
                return True

            await eventually(made, timeout=60, what=f"the donations service to learn verified beneficiary {n}")

        await distribute(0, beneficiaries[0], "Mức 1", 3_000_000, description="Hỗ trợ hộ có nhà sập")
        await distribute(1, beneficiaries[1], "Mức 2", 1_000_000)
        await distribute(2, beneficiaries[2], "Mức 1", 3_000_000)
        return {"cid": cid, "ids": ids, "named_donor": named["donor_id"], "communes": communes}


async def _api_lines(donations: httpx.AsyncClient, cid: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    after = None
    while True:
        q = {"limit": 20, **params, **({"after": after} if after else {})}
        page = await ok(await donations.get(f"/campaigns/{cid}/public-ledger/lines", params=q))
        out += page["items"]
        after = page["next_after"]
        if after is None:
            return out


async def _page_ids(page: Page) -> list[str]:
    return [str(x) for x in await page.locator("tr[data-line-id]").evaluate_all("rs => rs.map(r => r.dataset.lineId)")]


async def _walk(page: Page, url: str) -> tuple[list[str], str]:
    """Every line id on the page and the pages after it (following 'Trang sau'), and all their text."""
    answer = await page.goto(url)
    assert answer is not None and answer.status == 200, await page.content()
    ids, text = [], ""
    while True:
        ids += await _page_ids(page)
        text += await page.content()
        nxt = page.get_by_role("link", name="Trang sau »")
        if await nxt.count() == 0:
            return ids, text
        await nxt.click()
        await page.wait_for_load_state()


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


async def test_the_public_ledger_in_a_browser(system: System, browser: Browser, tmp_path: Path) -> None:
    made = await _campaign(system)
    cid, ids = made["cid"], made["ids"]
    base = system.url("donations")
    async with (
        httpx.AsyncClient(base_url=base, timeout=60) as public,  # no token: public
        httpx.AsyncClient(base_url=base, timeout=30, headers=auth()) as donations,
        httpx.AsyncClient(base_url=system.url("reporting"), timeout=30, headers=auth()) as reporting,
    ):
        # The JSON API: each movement once, newest first, balances ending at the campaign report's.
        lines = await _api_lines(public, cid)
        assert sorted(x["id"] for x in lines) == sorted(ids) and len(lines) == len(ids)
        assert [x["line_no"] for x in lines] == list(range(len(ids), 0, -1))
        ledger = await ok(await donations.get(f"/campaigns/{cid}/ledger"))
        balance = ledger["cash"]["balance_vnd"]
        assert lines[0]["cash_balance_vnd"] == balance

        async def reported() -> bool:
            r = await reporting.get(f"/reports/campaigns/{cid}")
            return r.status_code == 200 and r.json().get("balance_cash_vnd") == balance

        await eventually(reported, timeout=60, what="the campaign report to show the ledger's balance")
        running = 0
        for x in reversed(lines):  # each line's balance is the one before it plus its own movement
            sign = 1 if x["direction"] == "in" else -1
            running += sign * (x["amount_vnd"] if x["kind"] == "cash" else 0)
            assert x["cash_balance_vnd"] == running, x
        summary = await ok(await public.get(f"/campaigns/{cid}/public-ledger/summary"))
        by_commune = {(b["unit"], b["support_level"]): b["beneficiaries"] for b in summary["beneficiaries"]}
        assert by_commune == {
            ("Xã Vĩnh Trạch", "Mức 1"): 1,
            ("Xã Vĩnh Trạch", "Mức 2"): 1,
            ("Xã Hiệp Thành", "Mức 1"): 1,
        }

        # Downloads: the same lines, the same balances.
        got = await public.get(f"/campaigns/{cid}/public-ledger/lines.csv")
        rows = _csv_rows(got.content)
        col = rows[0].index("Số dư tiền (VND)")
        assert [r[1] for r in rows[1:]] == [x["id"] for x in lines]
        assert [int(r[col]) for r in rows[1:]] == [x["cash_balance_vnd"] for x in lines]
        xlsx = await public.get(f"/campaigns/{cid}/public-ledger/lines.xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True).active
        assert ws is not None
        xrows = list(ws.iter_rows(values_only=True))
        assert [r[1] for r in xrows[1:]] == [x["id"] for x in lines]
        assert [r[col] for r in xrows[1:]] == [x["cash_balance_vnd"] for x in lines]
        everything = got.text + str([c for r in xrows for c in r]) + str(lines) + str(summary)

        # The page, paged through in Chromium: every line once, in the API's order.
        context = await browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True
        )
        page = await context.new_page()
        url = f"{base}/public/campaigns/{cid}/ledger"
        seen, html = await _walk(page, url)
        assert seen == [x["id"] for x in lines]
        everything += html
        await page.goto(url)
        assert await page.locator("h1").inner_text() == "Ủng hộ đồng bào bị lũ lụt năm 2026"
        assert await page.get_by_role("link", name="Thư kêu gọi ủng hộ đồng bào bị lũ lụt").count() == 1
        assert await page.get_by_text("0011001234567").count() == 1  # the organisation's account
        assert await page.locator("svg[role=img] rect").count() >= 2  # the chart, inline
        assert await page.get_by_text("Nghị định số 93/2021/NĐ-CP").count() == 1
        shots = tmp_path / "screenshots"
        shots.mkdir()
        await page.screenshot(path=str(shots / "public-ledger-desktop.png"), full_page=False)
        await page.locator("#search-h").scroll_into_view_if_needed()
        await page.evaluate("document.getElementById('search-h').scrollIntoView()")
        await page.screenshot(path=str(shots / "public-ledger-desktop-lines.png"), full_page=False)

        # Search without diacritics, through the form.
        await page.get_by_label("Tên (không cần dấu)").fill("nguyen van an")
        await page.get_by_role("button", name="Tra cứu").click()
        await page.wait_for_load_state()
        assert await _page_ids(page) == [ids[0]]
        assert NAMED in await page.locator("table.lines").inner_text()
        await page.get_by_label("Tên (không cần dấu)").fill("")
        await page.get_by_label("Cuối mã giao dịch / biên nhận").fill("777001")
        await page.get_by_role("button", name="Tra cứu").click()
        await page.wait_for_load_state()
        assert await _page_ids(page) == [ids[0]]
        # An amount as people write it, with its thousands dots ("5.000.000": a number field refused it)
        await page.get_by_label("Cuối mã giao dịch / biên nhận").fill("")
        await page.get_by_label("Số tiền từ (₫)").fill("5.000.000")
        await page.get_by_label("Số tiền đến (₫)").fill("5.000.000")
        await page.get_by_role("button", name="Tra cứu").click()
        await page.wait_for_load_state()
        assert await _page_ids(page) == [ids[0]]
        await page.get_by_label("Số tiền từ (₫)").fill("")
        await page.get_by_label("Số tiền đến (₫)").fill("")
        # A search the page cannot run (from after to): the page again, saying why, the dates as typed.
        await page.get_by_label("Từ ngày").fill("2026-02-01")
        await page.get_by_label("Đến ngày").fill("2026-01-01")
        await page.get_by_role("button", name="Tra cứu").click()
        await page.wait_for_load_state()
        alert = page.get_by_role("alert")
        assert await alert.inner_text() == "Từ ngày: một ngày có thật, không sau «Đến ngày»."
        assert await page.get_by_label("Từ ngày").get_attribute("aria-invalid") == "true"
        assert await page.get_by_label("Từ ngày").input_value() == "2026-02-01"
        assert await page.get_by_label("Đến ngày").input_value() == "2026-01-01"
        assert await _page_ids(page) == [x["id"] for x in lines][: len(await _page_ids(page))]
        await alert.scroll_into_view_if_needed()
        await page.screenshot(path=str(shots / "public-ledger-refused-search.png"), full_page=False)

        # The CSV downloaded by clicking its link holds the lines.
        await page.goto(url)
        async with page.expect_download() as info:
            await page.get_by_role("link", name="CSV").click()
        download = await info.value
        saved = tmp_path / "ledger.csv"
        await download.save_as(saved)
        assert [r[1] for r in _csv_rows(saved.read_bytes())[1:]] == [x["id"] for x in lines]

        # A link to a campaign that is not (or not yet) public, or a broken one, as a person follows it: a
        # page in Vietnamese with a way to the campaigns (it was the API's English problem document)
        for base, path, status in (
            (system.url("donations"), f"/public/campaigns/{uuid.uuid4()}/ledger", 404),
            (system.url("reporting"), f"/public/campaigns/{uuid.uuid4()}", 404),
            (system.url("reporting"), "/public/campaigns/khong-phai-ma", 422),
        ):
            answer = await page.goto(base + path)
            assert answer is not None and answer.status == status, (path, answer and answer.status)
            assert answer.headers["content-type"].startswith("text/html"), answer.headers
            assert await page.locator("html").get_attribute("lang") == "vi"
            assert await page.get_by_role("heading", level=1).inner_text() in (
                "Không tìm thấy",
                "Đường dẫn không hợp lệ",
            )
            way = page.get_by_role("link", name="Xem các cuộc vận động của Hội Chữ thập đỏ")  # where the list is
            assert await way.count() == (1 if base == system.url("reporting") else 0)
            assert "detail" not in await page.content()
            await page.screenshot(path=str(shots / f"public-refused-{status}.png"), full_page=False)
        api = await public.get(f"/public/campaigns/{uuid.uuid4()}/ledger")  # a program still gets the problem
        assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"

        # Phone width.
        phone = await browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, locale="vi-VN")
        p2 = await phone.new_page()
        await p2.goto(url)
        assert await p2.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
        await p2.screenshot(path=str(shots / "public-ledger-phone.png"), full_page=False)
        await p2.evaluate("document.getElementById('lines').scrollIntoView()")
        await p2.screenshot(path=str(shots / "public-ledger-phone-lines.png"), full_page=False)
        await phone.close()
        # The narrowest common phone, every table shown (the daily figures opened): the tables other than the
        # lines scroll sideways in a region of their own, the page itself never does.
        small = await browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, locale="vi-VN")
        p3 = await small.new_page()
        await p3.goto(url)
        await p3.locator("details > summary").click()
        assert await p3.locator("details").evaluate("d => d.open")
        assert await p3.evaluate("document.documentElement.scrollWidth") <= 360
        daily = p3.get_by_role("region", name="Bảng số liệu theo ngày")
        assert await daily.evaluate("r => r.scrollWidth > r.clientWidth")  # wider than the phone: scrolled in place
        await p3.evaluate("document.querySelector('details').scrollIntoView()")
        await p3.screenshot(path=str(shots / "public-ledger-phone-360-daily.png"), full_page=False)
        await p3.get_by_role("heading", name="Mục tiêu", exact=True).evaluate("h => h.scrollIntoView()")
        await p3.screenshot(path=str(shots / "public-ledger-phone-360-targets.png"), full_page=False)
        await p3.evaluate("document.getElementById('ben-h').scrollIntoView()")
        await p3.screenshot(path=str(shots / "public-ledger-phone-360-beneficiaries.png"), full_page=False)
        await p3.evaluate("window.scrollTo(0, 0)")
        await p3.screenshot(path=str(shots / "public-ledger-phone-360.png"), full_page=False)
        await small.close()

        # Canaries: no donor who did not consent appears anywhere, nor their phone number.
        for canary in CANARIES:
            assert canary not in everything
            assert canary.split(" ", 1)[1] not in everything
        assert CANARY_PHONE not in everything
        assert NAMED in everything and NAMED_ORG in everything

        # Withdrawing consent removes the name from the page, the API and the downloads at once.
        await ok(await donations.put(f"/donors/{made['named_donor']}/consent", json={"consent_to_be_named": False}))
        _, html = await _walk(page, url)
        after = (
            html
            + str(await _api_lines(public, cid))
            + (await public.get(f"/campaigns/{cid}/public-ledger/lines.csv")).text
            + str(list(openpyxl.load_workbook(
                io.BytesIO((await public.get(f"/campaigns/{cid}/public-ledger/lines.xlsx")).content), read_only=True
            ).active.iter_rows(values_only=True)))  # type: ignore[union-attr]
        )  # fmt: skip
        assert NAMED not in after and NAMED_ORG in after
        assert await _api_lines(public, cid, q="nguyen van an") == []
        await context.close()

    for shot in sorted(shots.iterdir()):
        assert shot.stat().st_size > 10_000, shot
    if os.environ.get("RC_UPDATE_SCREENSHOTS") == "1":
        target = ROOT / "docs" / "screenshots"
        target.mkdir(exist_ok=True)
        for shot in shots.iterdir():
            shutil.copy(shot, target / shot.name)
